#!/bin/sh
# browser-vote: a full vote in real Chromium through nginx + TLS
# (web/test/browser/vote.mjs), the password typed again at the confirmation
# (R-VOTE-4), then the database is checked: two ballots,
# two émargements, and the blank vote's ballot is in the urn.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open';
	UPDATE operation SET settings = JSON_SET(settings, '\$.ressaisie_mot_de_passe', TRUE, '\$.recepisse_courriel', TRUE);
	UPDATE elector SET email = 'zoe.dupre@example.fr' WHERE id = 1" >/dev/null
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/vote.mjs" || T_FAILS=$((T_FAILS + 1))
expect_eq "urn: one ballot per scrutin" "1 1" \
	"$(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1') $(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 2')"
expect_eq "émargement: the elector in both" 2 "$(sql_root electors 'SELECT COUNT(*) FROM emargement WHERE elector_id = 1')"
expect_eq "the receipt email asked for scrutin 1 only (R-VOTE-6)" "1 1" \
	"$(sql_root electors "SELECT COUNT(*), SUM(scrutin_id = 1 AND elector_id = 1 AND payload IS NOT NULL) FROM mail_outbox" | tr "\t" " ")"
finish
