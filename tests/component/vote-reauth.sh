#!/bin/sh
# vote-reauth: the password typed again at the confirmation (R-VOTE-4,
# operation setting "ressaisie_mot_de_passe") through nginx: the ballot
# page says it; a cast without it, or with a wrong one, is refused with a
# French message and records nothing; with the right one it is recorded.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1"; }

api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "setting off: the page says so" '"ressaisie_mot_de_passe":false' "$(api_req GET '/api/bulletin?scrutin=1')"
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '\$.ressaisie_mot_de_passe', TRUE)" >/dev/null
page=$(api_req GET '/api/bulletin?scrutin=1')
expect_match "setting on: the page asks for the password again" '"ressaisie_mot_de_passe":true' "$page"
printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
node_web web/test/tools/encrypt.mjs 0 111 <"$STACK_DIR/page.json" >"$STACK_DIR/vote.json"
expect_match "without the password: refused" '^400 .*Saisissez à nouveau votre mot de passe' \
	"$(api_req POST /api/vote "$STACK_DIR/vote.json")"
sed 's/^{/{"mot_de_passe":"2345-6789-ABCD-EFGX",/' "$STACK_DIR/vote.json" >"$STACK_DIR/wrong.json"
expect_match "a wrong password: refused" '^401 .*Mot de passe incorrect : votre vote n.est pas enregistré' \
	"$(api_req POST /api/vote "$STACK_DIR/wrong.json")"
expect_eq "nothing recorded" 0 "$(ballots)"
expect_eq "…no émargement" 0 "$(sql_root electors "SELECT COUNT(*) FROM emargement")"
# typed in lower case with spaces: the same password
sed 's/^{/{"mot_de_passe":"2345 6789 abcd efgh",/' "$STACK_DIR/vote.json" >"$STACK_DIR/right.json"
expect_match "the right password: recorded" '^200 .*Votre vote a bien été enregistré' \
	"$(api_req POST /api/vote "$STACK_DIR/right.json")"
expect_eq "one ballot, one émargement" "1 1" "$(ballots) $(sql_root electors "SELECT COUNT(*) FROM emargement")"
finish
