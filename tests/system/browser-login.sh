#!/bin/sh
# browser-login: an elector logs in with real Chromium through nginx + TLS
# (web/test/browser/login.mjs); screenshots go to $ISOLOIR_ARTIFACTS.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/login.mjs" || T_FAILS=$((T_FAILS + 1))
# R-AUTH-6: password retrieval by email or SMS, once the operation offers
# it, with a mobile number typed by the elector (mobile_saisi)
sql_root electors "UPDATE operation SET settings = JSON_SET(COALESCE(settings, '{}'), '\$.mot_de_passe_oublie', TRUE,
	'\$.mobile_saisi', TRUE);
	UPDATE elector SET email = 'zoe.dupre@example.fr' WHERE id = 1" >/dev/null
node "$ISOLOIR_SRCDIR/web/test/browser/recover.mjs" || T_FAILS=$((T_FAILS + 1))
expect_eq "the page's request queued one new password for elector 1, by email" "courriel zoe.dupre@example.fr" \
	"$(sql_root electors "SELECT CONCAT_WS(' ', channel, destination) FROM password_outbox WHERE elector_id = 1")"
expect_eq "…and one for elector 2, by SMS to the number typed" "sms +33780123456" \
	"$(sql_root electors "SELECT CONCAT_WS(' ', channel, destination) FROM password_outbox WHERE elector_id = 2")"
finish
