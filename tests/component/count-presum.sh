#!/bin/sh
# count-presum: R-BUR-8 / R-OPS-4, the partial sums kept during the vote
# (lib/presum.c) on a real stack: ballots put in the urn with the points a
# worker stores, `tally --update` between batches, an update killed (-9)
# after a commit and before one, two updates at once, rows altered as root
# (a member dropped, sums swapped) and a covered ballot deleted: the count
# rebuilds what does not hold, gives the same totals as the full sum
# (`tally --full`), and two holders' decryptions give the votes cast.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
B=$ISOLOIR_BUILDDIR/bench/bench-board
CONF=$STACK_DIR/etc/console.conf
FP=a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81
K=$STACK_DIR/ceremony
key_ceremony $FP "$K"
Y=$(sed -n 's/.*"public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
expect_match "a 2-of-3 key dealt by three members" "^0[23][0-9a-f]{64}$" "$Y"
sql_root electors "UPDATE scrutin_crypto SET public_key = '$Y', sub_urns = TRUE WHERE scrutin_id = 1; UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null

# Expected counts (14 positions: 4 lists, blank, then 3+3+2+1 names, every
# name kept): ballot i of a batch votes list (START + i) mod 4.
EXP="0 0 0 0 0 0 0 0 0 0 0 0 0 0"
first() { case $1 in 0) echo 5 ;; 1) echo 8 ;; 2) echo 11 ;; 3) echo 13 ;; esac; }
width() { case $1 in 0 | 1) echo 3 ;; 2) echo 2 ;; 3) echo 1 ;; esac; }
expect_add() { # expect_add N START
	local i=0 l f w
	while [ $i -lt "$1" ]; do
		l=$((($2 + i) % 4))
		f=$(first $l)
		w=$(width $l)
		EXP=$(echo "$EXP" | awk -v l=$l -v f=$f -v w=$w '{ $(l + 1)++; for (k = f; k < f + w; k++) $(k + 1)++; print }')
		i=$((i + 1))
	done
}
cast() { # cast N SUB START: N ballots straight into the urn
	"$B" --sql-points "$1" 1 $FP "$Y" 3,3,2,1 "$2" "$3" >"$K/b.sql" || exit 1
	mariadb --no-defaults -S "$URN_SOCK" -u root isoloir_urn <"$K/b.sql"
	expect_add "$1" "$3"
}
covered() { sql_root urn "SELECT COALESCE(SUM(ballots), 0) FROM tally_bucket WHERE scrutin_id = 1"; }
update() { "$C" tally --update -c "$CONF" 2>&1; }

cast 42 1 0
out=$(update)
expect_match "first update: 42 ballots summed, all read once" \
	"scrutin 1 : 42 bulletin\(s\) dans les sommes partielles, 42 lu\(s\) dans l'urne, 0 groupe" "$out"
expect_eq "…rows cover them, one per bucket used" "42 $(sql_root urn "SELECT COUNT(DISTINCT LEFT(HEX(tracker), 3)) FROM ballot")" \
	"$(covered) $(sql_root urn 'SELECT COUNT(*) FROM tally_bucket')"
expect_match "an update with nothing new reads nothing" "42 bulletin\(s\) .*, 0 lu\(s\) dans l'urne, 0 groupe.*, 0 ligne" "$(update)"
WPW=$(sed -n '/^\[urn_db\]/,/^\[/s/^password = //p' "$STACK_DIR/etc/web.conf")
web() { mariadb --no-defaults -S "$URN_SOCK" -u isoloir_web -p"$WPW" -N isoloir_urn -e "$1" 2>&1; }
expect_eq "the web worker's account works" 42 "$(web 'SELECT COUNT(*) FROM ballot')"
expect_match "…but cannot read the partial sums" 'denied' "$(web 'SELECT COUNT(*) FROM tally_bucket')"

# 300 more, in more buckets than one transaction writes (256 rows): killed
# right after its first commit, the rows written are whole and kept.
cast 300 2 0
out=$(ISOLOIR_FAULT=presum-committed "$C" tally --update -c "$CONF" 2>&1; echo "rc=$?")
expect_match "update killed after its first commit" 'rc=137' "$out"
n=$(covered)
check "…part of the new ballots summed ($n of 342)" test "$n" -gt 42 -a "$n" -lt 342
# Killed before a commit: the open transaction is rolled back, nothing kept.
out=$(ISOLOIR_FAULT=presum-uncommitted "$C" tally --update -c "$CONF" 2>&1; echo "rc=$?")
expect_match "update killed before its commit" 'rc=137' "$out"
expect_eq "…nothing of it kept" "$n" "$(covered)"
# Two updates at once while ballots arrive: they take turns, both succeed.
update >"$K/u1" &
p1=$!
update >"$K/u2" &
p2=$!
cast 19 0 1
wait $p1
r1=$?
wait $p2
expect_eq "two concurrent updates both succeed" "0 0" "$r1 $?"
cat "$K/u1" "$K/u2" >>"$K/log"
# One that waits longer than the connection's read timeout (30 s) for
# another (the first update of a large urn takes minutes): it still runs.
sql_root urn "SELECT GET_LOCK('isoloir-presum-1', 0), SLEEP(35), RELEASE_LOCK('isoloir-presum-1')" >/dev/null &
sleep 2
out=$(update)
expect_match "an update waits 35 s for another one, then runs" "^scrutin 1 : " "$out"
wait

# A ballot summed then deleted (as root): its bucket must be rebuilt.
"$B" --sql-points 1 1 $FP "$Y" 3,3,2,1 0 3 >"$K/gone.sql"
mariadb --no-defaults -S "$URN_SOCK" -u root isoloir_urn <"$K/gone.sql"
update >/dev/null
GONE=$(sed -n "s/.*VALUES (UNHEX('\([0-9A-Fa-f]*\)').*/\1/p" "$K/gone.sql")
sql_root urn "DELETE FROM ballot WHERE tracker = UNHEX('$GONE')" >/dev/null
NOTGONE="scrutin_id = 1 AND NOT (sub_urn = 0 AND bucket = CONV(LEFT('$GONE', 3), 16, 10))"
# Tampered rows (other buckets): one drops a member (its count adjusted
# to match), two others swap their sums. Trusted, they would count a
# ballot twice and move votes between buckets.
sql_root urn "UPDATE tally_bucket SET members = SUBSTR(members, 33), ballots = ballots - 1 WHERE $NOTGONE AND ballots >= 2 ORDER BY sub_urn, bucket LIMIT 1" >/dev/null
sql_root urn "CREATE TEMPORARY TABLE x AS SELECT sub_urn, bucket, sums FROM tally_bucket WHERE $NOTGONE AND ballots = 1 ORDER BY sub_urn, bucket LIMIT 2;
CREATE TEMPORARY TABLE y AS SELECT * FROM x;
UPDATE tally_bucket t JOIN x ON x.sub_urn = t.sub_urn AND x.bucket = t.bucket
  JOIN y ON NOT (y.sub_urn = x.sub_urn AND y.bucket = x.bucket)
  SET t.sums = y.sums WHERE t.scrutin_id = 1" >/dev/null
# 12 more never summed before the count.
cast 12 1 2
expect_eq "the urn holds 373 ballots" 373 "$(sql_root urn 'SELECT COUNT(*) FROM ballot')"

sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
"$C" tally --scrutin 1 -c "$CONF" >"$K/totals.json" 2>"$K/err"
expect_match "the count: 373 ballots in the totals" '"ballots": 373' "$(cat "$K/totals.json")"
err=$(cat "$K/err")
expect_match "…the bucket that lost a ballot is rebuilt" "bulletin disparu de l'urne : recalculée" "$err"
expect_match "…the row that dropped a member is rebuilt" "empreinte fausse : recalculée" "$err"
expect_eq "…4 rows rebuilt (3 altered, 1 lost a ballot), none trusted" 4 "$(grep -o 'recalculée' "$K/err" | wc -l)"
expect_match "…the count read only the ballots not summed yet and the rebuilt buckets" \
	"sommes partielles : 373 bulletin\(s\), ([0-9]|[1-3][0-9]) lu\(s\) dans l'urne, 4 groupe" "$err"
"$C" tally --scrutin 1 --full -c "$CONF" >"$K/full.json" 2>"$K/err-full"
check "the same totals as the full sum of every ballot" cmp -s "$K/totals.json" "$K/full.json"
expect_match "a second count reads nothing from the urn" "373 bulletin\(s\), 0 lu\(s\)" \
	"$("$C" tally --scrutin 1 -c "$CONF" 2>&1 >"$K/again.json")"
check "…same totals" cmp -s "$K/totals.json" "$K/again.json"
for u in 1 2; do
	"$C" tally --scrutin 1 --sub-urn $u -c "$CONF" >"$K/t$u.json" 2>/dev/null
	"$C" tally --scrutin 1 --sub-urn $u --full -c "$CONF" >"$K/f$u.json" 2>/dev/null
	check "sub-urn $u: the same totals as its full sum" cmp -s "$K/t$u.json" "$K/f$u.json"
done
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
done
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json")
want=$(echo "$EXP" | tr ' ' ',')
expect_match "decrypted counts are the votes cast ($want)" "\"counts\":\[$want\]" "$out"
expect_match "…verifier says OK" 'OK$' "$out"

# A read-only urn (a standby not promoted): the partial sums cannot be
# written, the count adds every ballot's points instead, same totals.
cast 5 0 0
sql_root urn "SET GLOBAL read_only = ON" >/dev/null
"$C" tally --scrutin 1 -c "$CONF" >"$K/ro.json" 2>"$K/ro.err"
expect_match "read-only urn: the count says it sums every ballot" "non enregistrables.*somme de chaque bulletin" "$(cat "$K/ro.err")"
"$C" tally --scrutin 1 --full -c "$CONF" >"$K/ro-full.json" 2>/dev/null
expect_match "…378 ballots" '"ballots": 378' "$(cat "$K/ro.json")"
check "…the same totals as the full sum" cmp -s "$K/ro.json" "$K/ro-full.json"
sql_root urn "SET GLOBAL read_only = OFF" >/dev/null

# The reset after a test vote takes the partial sums with the ballots.
sql_root urn "DELETE FROM ballot WHERE scrutin_id = 1" >/dev/null
update >/dev/null
expect_eq "an emptied urn leaves no partial sum" 0 "$(sql_root urn 'SELECT COUNT(*) FROM tally_bucket')"
finish
