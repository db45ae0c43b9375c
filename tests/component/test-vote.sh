#!/bin/sh
# test-vote: the test vote (R-BUR-2) on the real platform, before the
# opening: fictitious test electors created by the console for the
# scrutin « en vote à blanc » log in and vote through nginx while real
# electors cannot; test electors cannot vote once the scrutin is open; the
# reset empties urn and émargement and removes the test electors and their
# credentials.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
T=$STACK_DIR/test-electors.csv
# the opening is tomorrow
sql_root electors "UPDATE operation SET opens_at = UTC_TIMESTAMP() + INTERVAL 1 DAY" >/dev/null

out=$("$C" test electors 1 --count 2 --out "$T" 2>&1)
expect_match "no test electors before the test vote" "les électeurs de test se créent pendant le vote à blanc" "$out"
for to in lists_imported keys_generated test_vote; do "$C" scrutin transition 1 $to >/dev/null; done
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "a real elector cannot log in before the opening" '^401 ' "$(api_req GET /api/electeur)"
rm -f "$T"
out=$("$C" test electors 1 --count 2 --out "$T" 2>&1)
expect_match "two test electors" "2 électeurs de test pour le vote à blanc du scrutin n° 1" "$out"
expect_eq "…their credentials in a file of the owner's" 600 "$(stat -c %a "$T")"
id=$(sed -n '2p' "$T" | cut -d';' -f2)
pw=$(sed -n '2p' "$T" | cut -d';' -f3)
api_login "$id" "$pw" 42
expect_match "a test elector logs in before the opening" '^200 ' "$(api_req GET /api/electeur)"
expect_match "…and votes in the test vote" '^200 ' "$(api_vote 1 0 111)"
expect_match "…in scrutin 2 (not in test vote) it is not an elector" '^404 ' "$(api_req GET '/api/bulletin?scrutin=2')"
expect_eq "the test ballot and its émargement" "1 1" \
	"$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1") $(sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1")"

out=$("$C" scrutin transition 1 reset 2>&1)
expect_match "reset" "« remis à zéro »" "$out"
expect_match "…journaled with the test electors removed" '"bulletins_de_test_supprimes":1,"electeurs_de_test_retires":2' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'transition' ORDER BY seq DESC LIMIT 1")"
expect_eq "urn, émargement and test electors empty" "0 0 0" \
	"$(sql_root urn "SELECT COUNT(*) FROM ballot") $(sql_root electors "SELECT COUNT(*) FROM emargement") $(sql_root electors "SELECT COUNT(*) FROM elector WHERE test_elector")"
api_login "$id" "$pw" 42
expect_match "the test credentials no longer work" '^401 ' "$(api_req GET /api/electeur)"

# A test elector of scrutin 2's test vote cannot vote once the scrutin is open.
for to in lists_imported keys_generated test_vote; do "$C" scrutin transition 2 $to >/dev/null; done
rm -f "$T"
"$C" test electors 2 --count 1 --out "$T" >/dev/null
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 2;
	UPDATE operation SET opens_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR" >/dev/null
api_login "$(sed -n '2p' "$T" | cut -d';' -f2)" "$(sed -n '2p' "$T" | cut -d';' -f3)" 42
expect_match "a test elector in an open scrutin: refused" '^409 .*Électeur de test' "$(api_vote 2 -1 '')"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "a real elector votes in the open scrutin" '^200 ' "$(api_vote 2 -1 '')"
finish
