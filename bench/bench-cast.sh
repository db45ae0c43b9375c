#!/bin/sh
# bench-cast: casts per second through nginx + TLS + FastCGI with 8×7
# ballots (8 lists of 7 candidates, + blank; BENCH_SHAPE=4x3 for the small
# shape), sustained for BENCH_SECONDS, with 2 and 4 workers. Before the measure (not timed): N distinct ballots
# encrypted for the scrutin's key (bench/bench-board --casts, on every
# core; the same protocol as the browser's code, whose shared vectors both
# check), and N electors' sessions opened (bench-cast-sessions.mjs). Then
# wrk (bench/cast.lua, C and LuaJIT: a light load generator on the same two
# cores) keeps BENCH_CONCURRENCY casts in flight for BENCH_SECONDS, each a
# different elector and ballot, each verified by a worker and recorded with
# its émargement across the two databases. Writes
# bench/results/cast-<workers>w.json. Not a test.
# BENCH_PERF=FILE records a system-wide profile of the measured phase
# (perf record -a -g) to see where a cast's time goes.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_CASTS:-8000}
SECS=${BENCH_SECONDS:-20}
WORKERS=${BENCH_WORKERS:-2 4}
CONC=${BENCH_CONCURRENCY:-32}
WTHREADS=${BENCH_THREADS:-4} # each worker's threads
THREADS=2
PW=2345-6789-ABCD-EFGH
out=$ISOLOIR_SRCDIR/bench/results
mkdir -p "$out"
SHAPE=${BENCH_SHAPE:-8x7}
# election parameters: those of tests/vectors/ballot-<shape>.json
case $SHAPE in
8x7)	FP=cdd0ce4152a0be9cbfcc8351442be934f26545f6bbd194a21d3470478ff94489
	Y=03374de782b1058f5e012c5dd93ee71f6e42326376327323894bee9f4f9163fa44
	L=8 C=7 ;;
4x3)	FP=a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81
	Y=020e0144f97745d9908acec827d92843735cd0b1d219c7c10a54ad2b92781c189a
	L=4 C=3 ;;
*)	echo "bench-cast: BENCH_SHAPE is 8x7 or 4x3" >&2; exit 2 ;;
esac

# The ballots, once for every run: one generator per core.
ballots=$(mktemp -d /tmp/isoloir-bench-ballots.XXXXXX)
trap 'rm -rf "$ballots"' EXIT
jobs=$(nproc)
for j in $(seq 0 $((jobs - 1))); do
	"$ISOLOIR_BUILDDIR/bench/bench-board" --casts $(((N + jobs - 1) / jobs)) 1 "$FP" "$Y" "$(yes "$C" | head -n "$L" | paste -sd,)" \
		>"$ballots/part.$j" &
done
wait
cat "$ballots"/part.* | head -n "$N" >"$ballots/all"
[ "$(wc -l <"$ballots/all")" -eq "$N" ] || { echo "bench-cast: ballots missing" >&2; exit 1; }

for W in $WORKERS; do
	dir=$(mktemp -d /tmp/isoloir-bench.XXXXXX)
	trap '"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null 2>&1; rm -rf "$dir" "$ballots"' EXIT
	ISOLOIR_WORKERS=$W ISOLOIR_THREADS=$WTHREADS ISOLOIR_RATE_LIMIT=100000r/s ISOLOIR_BURST_CASTS=1000000 \
		"$ISOLOIR_SRCDIR/scripts/stack" start "$dir" >/dev/null
	. "$dir/stack.env"
	root() { mariadb --no-defaults -S "$ELECTORS_SOCK" -u root isoloir_electors "$@"; }
	root -e "INSERT INTO operation (code,name,opens_at,closes_at) VALUES ('b','Bench','2026-01-01','2027-12-31');
INSERT INTO establishment (operation_id,name) VALUES (1,'Siège');
INSERT INTO college (operation_id,name) VALUES (1,'Cadres');
INSERT INTO scrutin (operation_id,establishment_id,college_id,category,seats) VALUES (1,1,1,'titulaires',$C);
UPDATE scrutin SET state = 'open';
INSERT INTO candidate_list (scrutin_id,position,name,unions) SELECT 1, seq, CONCAT('Liste ', seq), 'U' FROM seq_1_to_$L;
INSERT INTO candidate (list_id,position,nom,prenom,sexe,date_naissance)
 SELECT l.seq, c.seq, CONCAT('Nom', c.seq), 'Prénom', 'F', '1980-01-01' FROM seq_1_to_$L l JOIN seq_1_to_$C c;
INSERT INTO scrutin_crypto (scrutin_id,public_key,fingerprint) VALUES (1,'$Y','$FP');
INSERT INTO elector (operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
 SELECT 1, CONCAT('M', seq), 'Nom', 'Prénom', 'F', '1980-01-01', 1, 1, 'salarie', 'rue', '75001', 'Paris', '42' FROM seq_1_to_$N;
INSERT INTO elector_scrutin SELECT id, 1 FROM elector;"
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$dir/etc/console.conf" --bulk "$N" "$PW" | root
	# Durable work per cast on each instance: binlog commits and InnoDB
	# fsyncs (redo log and data files), read around the measured phase.
	counters() { # counters SOCK : "BINLOG_COMMITS FSYNCS"
		mariadb --no-defaults -S "$1" -u root -N -e "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME SEPARATOR ' ')
			FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('BINLOG_COMMITS', 'INNODB_DATA_FSYNCS')"
	}
	# each elector's session beside its ballot, dealt to the wrk threads
	node "$ISOLOIR_SRCDIR/bench/bench-cast-sessions.mjs" "$ISOLOIR_SRCDIR/web" "$URL" "$CA" "$N" "$PW" |
		paste - "$ballots/all" | awk -v d="$dir/req" -v t=$THREADS '{ print > (d "." ((NR - 1) % t)) }'
	# BENCH_DB_SET="var = value, ...": server settings tried on both
	# instances for the measure (e.g. group commit), recorded in the result
	for sock in "$ELECTORS_SOCK" "$URN_SOCK"; do
		[ -z "${BENCH_DB_SET:-}" ] || mariadb --no-defaults -S "$sock" -u root -e "SET GLOBAL $BENCH_DB_SET"
	done
	e0=$(counters "$ELECTORS_SOCK") u0=$(counters "$URN_SOCK")
	perf=
	if [ -n "${BENCH_PERF:-}" ]; then
		perf record -q -a -g -o "$BENCH_PERF" & perf=$!
		sleep 1
	fi
	res=$(BENCH_REQUESTS=$dir/req wrk -t$THREADS -c"$CONC" -d"${SECS}s" --timeout 10s \
		-s "$ISOLOIR_SRCDIR/bench/cast.lua" "$URL" | tail -n 1)
	if [ -n "$perf" ]; then kill -INT "$perf"; wait "$perf" || true; fi
	sleep 2 # the casts in flight when wrk stopped
	e1=$(counters "$ELECTORS_SOCK") u1=$(counters "$URN_SOCK")
	emarg=$(root -N -e 'SELECT COUNT(*) FROM emargement')
	check="$emarg $(mariadb --no-defaults -S "$URN_SOCK" -u root -N isoloir_urn -e 'SELECT COUNT(*) FROM ballot')"
	per_cast() { # per_cast "B0 F0" "B1 F1" : commits and fsyncs per recorded cast
		echo "$1 $2" | awk -v n="$emarg" '{ printf "{\"binlog_commits\":%.2f,\"fsyncs\":%.2f}", ($3 - $1) / n, ($4 - $2) / n }'
	}
	durable="{\"electors\":$(per_cast "$e0" "$e1"),\"urn\":$(per_cast "$u0" "$u1")}"
	rss=$(for p in "$dir"/fcgi/w*.pid; do awk '/VmHWM/ {print $2}' "/proc/$(cat "$p")/status"; done | sort -n | tail -n 1)
	printf '{"bench":"cast","date":"%s","machine":"%s","cores":%s,"workers":%s,"threads":%s,"shape":"%s","result":%s,"emargements_ballots":"%s","worker_max_rss_kib":%s,"per_cast":%s,"db_set":"%s"}\n' \
		"$(date -u +%FT%TZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
		"$(nproc)" "$W" "$WTHREADS" "$SHAPE" "$res" "$check" "$rss" "$durable" "${BENCH_DB_SET:-}" | tee "$out/cast-${W}w$([ "$SHAPE" = 8x7 ] || echo "-$SHAPE").json"
	"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null
	rm -rf "$dir"
	trap 'rm -rf "$ballots"' EXIT
done
