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
# R-AUTH-6: password retrieval by email, once the operation offers it
sql_root electors "UPDATE operation SET settings = JSON_SET(COALESCE(settings, '{}'), '\$.mot_de_passe_oublie', TRUE);
	UPDATE elector SET email = 'zoe.dupre@example.fr' WHERE id = 1" >/dev/null
node "$ISOLOIR_SRCDIR/web/test/browser/recover.mjs" || T_FAILS=$((T_FAILS + 1))
expect_eq "the page's request queued one new password for elector 1" 1 \
	"$(sql_root electors 'SELECT COUNT(*) FROM password_outbox WHERE elector_id = 1')"
finish
