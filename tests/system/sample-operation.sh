#!/bin/sh
# sample-operation: the whole preparation of an election with the console
# only, as scripts/demo does it (R-ORG-1, R-DATA-1/2/3, R-AUTH-1, R-BUR-1/2/3/4):
# the sample operation (12 scrutins, 3,000 electors) imported, a key
# ceremony per scrutin, the election fingerprint the ballot page publishes
# is the one of the imported lists, bureau codes, test vote, reset, seal,
# opening, credentials; then an elector of the sample votes through nginx
# with the browser's code, the émargement and the urn agree, the seals and
# the journal verify.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"

out=$("$ISOLOIR_SRCDIR/scripts/demo-data" "$STACK_DIR" 2>&1)
expect_eq "demo-data: exit 0" 0 "$?"
expect_match "3,000 electors imported" "3000 électeurs importés \(3000 ajoutés" "$out"
expect_match "candidates imported with one gender-balance warning" "94 candidats sur 34 listes dans 12 scrutins importés.*1 avertissement de représentation équilibrée" "$out"
expect_match "the warning gives the exact reason" "ATTENTION, représentation équilibrée : 0 femme et 4 hommes sur 4 candidats, attendu 2 femmes et 2 hommes \(électeurs : 427 femmes, 623 hommes\)" \
	"$(cat "$STACK_DIR/demo/controle-candidats.txt")"
expect_match "keys for every scrutin" "clés générées \(2 sur 3\) pour 12 scrutins" "$out"
expect_match "every scrutin sealed and open" "12 scrutins scellés et ouverts" "$out"
expect_match "credentials for everyone" "3000 identifiants générés" "$out"
expect_eq "states in the database" "open:12" \
	"$(sql_root electors "SELECT CONCAT(state, ':', COUNT(*)) FROM scrutin GROUP BY state")"
expect_eq "each transition journaled (12 × 6)" 72 \
	"$(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'transition'")"

# The demo elector E00001 (Siège de Niort, Ouvriers et employés) votes.
line=$(printf '%s\n' "$out" | grep 'Lucas Ménard')
id=$(printf '%s' "$line" | awk '{print $3}')
pw=$(printf '%s' "$line" | awk '{print $4}')
nir=$(printf '%s' "$line" | awk '{print $5}')
expect_match "demo credentials printed" '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4} [2-9A-Z]{4}(-[2-9A-Z]{4}){3} [0-9]{2}$' "$id $pw $nir"
api_login "$id" "$pw" "$nir"
expect_match "the demo elector logs in" '^200 ' "$(api_req GET /api/electeur)"
page=$(api_req GET "/api/bulletin?scrutin=1")
expect_match "ballot page of scrutin 1: its four lists" \
	'^200 .*"titre":"Siège de Niort — Ouvriers et employés — Titulaires".*"candidates":\[4,4,3,3\]' "$page"
expect_match "the page publishes the fingerprint of the imported lists" \
	"\"fingerprint\":\"$("$C" keys fingerprint 1)\"" "$page"
expect_match "vote: list 2, all kept" '^200 ' "$(api_vote 1 1 1111)"
expect_match "vote: blank in the suppléants" '^200 ' "$(api_vote 2 -1 '')"
expect_eq "émargement and urn agree" "2 2" \
	"$(sql_root electors "SELECT COUNT(*) FROM emargement") $(sql_root urn "SELECT COUNT(*) FROM ballot")"
expect_match "second vote refused" '^409 ' "$(api_vote 1 0 1111)"

"$C" seal verify 1 >/dev/null 2>&1
expect_eq "seal of scrutin 1 verifies after the votes" 0 "$?"
"$C" journal verify electors >/dev/null 2>&1
expect_eq "electors journal verifies" 0 "$?"
finish
