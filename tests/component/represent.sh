#!/bin/sh
# represent: `isoloir-console results consolidate` (R-RES-2) on a real
# electors database: the unions' shares over round-1 titulaires counts,
# a common list split equally or by its declared key, the exact 10 %
# boundary, a central CSE's seats by the plus fort reste; another category,
# a sub-urn or the same scrutin twice refused.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
D=$STACK_DIR/rep
mkdir -p "$D"
# scrutin 1 (titulaires): CFDT 10, CGT 6, FO+UNSA 4, CFE-CGC 0; blank 2
printf '{"scrutin":1,"ballots":22,"holders":[1,2],"counts":[10,6,4,0,2,10,9,10,6,6,6,4,4,0]}\n' >"$D/c1.json"
printf '{"scrutin":2,"ballots":1,"holders":[1,2],"counts":[1,0,0,1,1,0,0]}\n' >"$D/c2.json"

out=$("$C" results consolidate --counts "$D/c1.json" | tr -d ' \n')
expect_match "SVE without the blank ballots" '^\{"sve":20,"seats":0' "$out"
expect_match "CFDT 50 %" '\{"union":"CFDT","votes":"10.00","pct":"50.00","representative":true\}' "$out"
expect_match "FO+UNSA split equally: FO exactly 10 %, representative" '\{"union":"FO","votes":"2.00","pct":"10.00","representative":true\}' "$out"
expect_match "…UNSA too" '\{"union":"UNSA","votes":"2.00","pct":"10.00","representative":true\}' "$out"
expect_match "CFE-CGC 0 %" '\{"union":"CFE-CGC","votes":"0.00","pct":"0.00","representative":false\}' "$out"

sql_root electors "UPDATE candidate_list SET split = '{\"FO\": 75, \"UNSA\": 25}' WHERE scrutin_id = 1 AND position = 3" >/dev/null
out=$("$C" results consolidate --counts "$D/c1.json" --seats 5 | tr -d ' \n')
expect_match "by the declared key: FO 3 ballots" '\{"union":"FO","votes":"3.00","pct":"15.00","representative":true' "$out"
expect_match "…UNSA 1, under 10 %" '\{"union":"UNSA","votes":"1.00","pct":"5.00","representative":false' "$out"
# 5 seats: quotas CFDT 2.5, CGT 1.5, FO 0.75, UNSA 0.25 → 2, 1, 0, 0, then FO (.75), CFDT (.5)
expect_match "central CSE: CFDT 3 seats" '"union":"CFDT",.*"seats_quotient":2,"seats_remainder":1,"seats":3' "$out"
expect_match "…CGT 1" '"union":"CGT",[^}]*"seats_quotient":1,"seats_remainder":0,"seats":1\}' "$out"
expect_match "…FO 1 at the plus fort reste" '"union":"FO",[^}]*"seats_quotient":0,"seats_remainder":1,"seats":1\}' "$out"
expect_match "…UNSA 0" '"union":"UNSA",[^}]*"seats":0\}' "$out"

out=$("$C" results consolidate --counts "$D/c1.json" "$D/c2.json" 2>&1)
expect_match "suppléants refused" "scrutin 2 : seuls les titulaires du premier tour comptent pour la représentativité" "$out"
out=$("$C" results consolidate --counts "$D/c1.json" "$D/c1.json" 2>&1)
expect_match "the same scrutin twice refused" "scrutin 1 compté deux fois" "$out"
sed 's/"holders"/"sub_urn":1,"holders"/' "$D/c1.json" >"$D/sub.json"
out=$("$C" results consolidate --counts "$D/sub.json" 2>&1)
expect_match "a sub-urn refused" "les comptes d'une sous-urne ne sont qu'une partie du scrutin" "$out"
finish
