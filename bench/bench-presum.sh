#!/bin/sh
# bench-presum.sh: the count of a large urn from the database with the
# partial sums kept during the vote (docs/performance.md, "Tally: partial
# sums kept during the vote"; R-BUR-8, R-OPS-4). A real stack, one 8×7 scrutin
# (8 lists of 7 names + blank) under a 2-of-3 key; 64 real ballots with
# the points a worker stores, copied under other trackers straight into
# the urn by SQL up to N (body '{}', the smallest the schema allows: the
# count reads the points, never the bodies of ballots that have them);
# then, timed: the first `tally --update` (nothing summed yet), one with
# nothing new, one after STEP more ballots (a periodic run), and, after
# STEP more and the closing, the count itself (`tally`: the update of the
# last ballots + the sum of the buckets), the two holders' decryptions and
# `isoloir-verify count` (combination + discrete logs), whose counts are
# checked against the votes put in. BENCH_FULL=1 also times `tally --full`
# (every ballot's points). Writes bench/results/presum.json.
# Run from the build tree: make bench-presum [PRESUM_N=1000000 PRESUM_STEP=10000]
. "$ISOLOIR_SRCDIR/tests/lib.sh"
N=${1:-1000000}
STEP=${2:-10000}
OUT=${3:-$ISOLOIR_SRCDIR/bench/results/presum.json}
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
FP=cdd0ce4152a0be9cbfcc8351442be934f26545f6bbd194a21d3470478ff94489
need=$((N * 17 / 1000)) # MB: one 16 KB page per off-page points value
avail=$(df -Pm /tmp | awk 'NR == 2 { print $4 }')
[ "$avail" -gt $((need + 4096)) ] || { echo "bench-presum: $avail MB free in /tmp, ~$need MB needed"; exit 1; }
stack_up
CONF=$STACK_DIR/etc/console.conf
K=$STACK_DIR/ceremony
mkdir -p "$K"
urn() { mariadb --no-defaults -S "$URN_SOCK" -u root -N isoloir_urn "$@"; }
timed() { # timed LABEL CMD...: one line "LABEL seconds peak_RSS_kB"; $K/out has stdout+stderr
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$K/time" "$@" >"$K/out" 2>&1 || { cat "$K/out"; exit 1; }
	set -- $(cat "$K/time")
	printf '%-44s %8s s %10s kB\n' "$label" "$1" "$2"
	LAST=$1
}
sql_root electors "INSERT INTO operation (code,name,opens_at,closes_at) VALUES ('b','Bench','2026-01-01','2027-12-31');
INSERT INTO establishment (operation_id,name) VALUES (1,'Siège');
INSERT INTO college (operation_id,name) VALUES (1,'Cadres');
INSERT INTO scrutin (operation_id,establishment_id,college_id,category,seats) VALUES (1,1,1,'titulaires',7);
INSERT INTO candidate_list (scrutin_id,position,name,unions) SELECT 1, seq, CONCAT('Liste ', seq), 'U' FROM seq_1_to_8;
INSERT INTO candidate (list_id,position,nom,prenom,sexe,date_naissance)
 SELECT l.seq, c.seq, CONCAT('Nom', c.seq), 'Prénom', 'F', '1980-01-01' FROM seq_1_to_8 l JOIN seq_1_to_7 c;" >/dev/null
key_ceremony $FP "$K"
Y=$(sed -n 's/.*"public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
sql_root electors "INSERT INTO scrutin_crypto (scrutin_id,public_key,fingerprint) VALUES (1,'$Y','$FP'); UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null

# 64 real ballots (ballot i: list i mod 8, every name kept), as templates.
"$ISOLOIR_BUILDDIR/bench/bench-board" --sql-points 64 1 $FP "$Y" 7,7,7,7,7,7,7,7 0 0 |
	sed 's/^INSERT INTO ballot /INSERT INTO tpl /' >"$K/tpl.sql"
urn -e "CREATE TABLE tpl LIKE ballot; ALTER TABLE tpl ADD COLUMN k INT NOT NULL AUTO_INCREMENT UNIQUE" >/dev/null
urn <"$K/tpl.sql"
# Rows FROM..TO (k = seq mod 64 + 1: ballot seq votes list seq mod 8),
# by 20,000 a transaction, without the binary log (a benchmark, no standby).
put() {
	local a=$1 b
	while [ "$a" -le "$2" ]; do
		b=$((a + 19999))
		[ "$b" -le "$2" ] || b=$2
		urn -e "SET SESSION sql_log_bin = 0; INSERT INTO ballot (tracker, scrutin_id, sub_urn, body, points)
SELECT UNHEX(SHA2(CONCAT('bench-', s.seq), 256)), 1, 0, '{}', t.points
FROM seq_${a}_to_${b} s JOIN tpl t ON t.k = s.seq % 64 + 1" || exit 1
		a=$((b + 1))
	done
}
urn -e "SET GLOBAL innodb_flush_log_at_trx_commit = 2" # load only; restored below
FIRST=$((N - 2 * STEP))
t0=$(date +%s.%N)
put 0 $((FIRST - 1))
printf '%-44s %8.1f s\n' "insert $FIRST ballots (SQL)" "$(echo "$(date +%s.%N) - $t0" | bc)"
urn -e "SET GLOBAL innodb_flush_log_at_trx_commit = 1"
printf '%-44s %s\n' "urn on disk" "$(du -sh "$STACK_DIR/db/urn" | cut -f1)"
timed "update 1: $FIRST ballots, nothing summed" "$C" tally --update --scrutin 1 -c "$CONF"
U1=$LAST
sed 's/^/    /' "$K/out"
timed "update 2: nothing new" "$C" tally --update --scrutin 1 -c "$CONF"
U2=$LAST
sed 's/^/    /' "$K/out"
put $FIRST $((FIRST + STEP - 1))
timed "update 3: $STEP new ballots (periodic)" "$C" tally --update --scrutin 1 -c "$CONF"
U3=$LAST
sed 's/^/    /' "$K/out"
put $((FIRST + STEP)) $((N - 1))
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
timed "count: tally ($STEP not summed yet)" sh -c "'$C' tally --scrutin 1 -c '$CONF' >'$K/totals.json'"
TALLY=$LAST
sed 's/^/    /' "$K/out"
for y in 1 3; do
	timed "decrypt (holder $y)" "$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json"
	eval "D$y=\$LAST"
done
timed "isoloir-verify count (combine + dlog)" sh -c "'$V' count '$K/public.json' '$K/totals.json' '$K/partial-1.json' '$K/partial-3.json' >'$K/counts'"
VER=$LAST
# ballot seq (0..N-1) votes list seq mod 8, all 7 names kept
want=$(awk -v n="$N" 'BEGIN { for (l = 0; l < 8; l++) c[l] = int(n / 8) + (l < n % 8);
	s = ""; for (l = 0; l < 8; l++) s = s c[l] ","; s = s "0";
	for (l = 0; l < 8; l++) for (j = 0; j < 7; j++) s = s "," c[l]; print s }')
if grep -q "\"counts\":\[$want\]" "$K/counts"; then
	echo "counts = the votes put in ($N ballots)"
	OK=true
else
	echo "counts differ from the votes put in:"
	head -c 600 "$K/counts"
	OK=false
fi
FULL=null
if [ "${BENCH_FULL:-0}" = 1 ]; then
	t0=$(date +%s.%N)
	if "$C" tally --full --scrutin 1 -c "$CONF" >"$K/full.json" 2>"$K/full.err"; then
		FULL=$(printf '%.2f' "$(echo "$(date +%s.%N) - $t0" | bc)")
		printf '%-44s %8.2f s\n' "tally --full (every ballot's points)" "$FULL"
		cmp -s "$K/totals.json" "$K/full.json" && echo "same totals as the full sum" || { echo "totals differ from the full sum"; OK=false; }
	else
		echo "tally --full failed after $(echo "$(date +%s.%N) - $t0" | bc) s: $(cat "$K/full.err")"
		FULL="\"failed: $(tr -d '"\n' <"$K/full.err")\""
		tail -n 15 "$STACK_DIR"/db/urn/*.log 2>/dev/null
	fi
fi
printf '{"bench":"presum","date":"%s","machine":"%s","cores":%s,"load":"%s","shape":"8x7","ballots":%s,"step":%s,"body":"{}","update_first_s":%s,"update_nothing_new_s":%s,"update_step_s":%s,"tally_s":%s,"decrypt_s":[%s,%s],"combine_dlog_s":%s,"tally_full_s":%s,"counts_ok":%s}\n' \
	"$(date -u +%FT%TZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
	"$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)" "$N" "$STEP" "$U1" "$U2" "$U3" "$TALLY" "$D1" "$D3" "$VER" "$FULL" "$OK" | tee "$OUT"
$OK
