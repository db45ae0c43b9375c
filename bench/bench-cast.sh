#!/bin/sh
# bench-cast: casts per second through nginx + TLS + FastCGI with 8×7
# ballots (8 lists of 7 candidates, + blank; BENCH_SHAPE=4x3 for the small
# shape), sustained, with 2 and 4 workers. Before the measure (not timed):
# BENCH_CASTS distinct ballots encrypted for the scrutin's key
# (bench/bench-board --casts, on every core; the same protocol as the
# browser's code, whose shared vectors both check), and as many electors'
# sessions opened (bench-cast-sessions.mjs). Then
# wrk (bench/cast.lua, C and LuaJIT: a light load generator on the same two
# cores) keeps BENCH_CONCURRENCY casts in flight, each a different elector
# and ballot, each verified by a worker and recorded with its émargement
# across the two databases; the sustained rate is read in the databases
# over BENCH_SECONDS once every wrk thread sends (BENCH_WARMUP later).
# Writes bench/results/cast-<workers>w[-4x3].json. Not a test.
# BENCH_PERF=FILE records a system-wide profile of the measured phase
# (perf record -a -g) to see where a cast's time goes.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
SECS=${BENCH_SECONDS:-20}
WARM=${BENCH_WARMUP:-3}
WORKERS=${BENCH_WORKERS:-2 4}
CONC=${BENCH_CONCURRENCY:-32}
WTHREADS=${BENCH_THREADS:-8} # each worker's threads
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
# enough casts for the warm-up and the window at the rate each shape gets
N=${BENCH_CASTS:-$([ "$SHAPE" = 8x7 ] && echo 8000 || echo 16000)}

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
	# Work per cast on each instance, read around the measured phase:
	# binlog bytes and commits, transactions whose binlog cache spilled to
	# a temporary file, statements prepared, InnoDB fsyncs (redo log and
	# data files) and bytes written (redo log, doublewrite, data files),
	# statements received (Questions: an execute or a query each;
	# prepares and pings are not counted there).
	counters() { # counters SOCK : the 7 values, in the order of their names
		mariadb --no-defaults -S "$1" -u root -N -e "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME SEPARATOR ' ')
			FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN
			('BINLOG_BYTES_WRITTEN', 'BINLOG_CACHE_DISK_USE', 'BINLOG_COMMITS', 'COM_STMT_PREPARE',
			 'INNODB_DATA_FSYNCS', 'INNODB_DATA_WRITTEN', 'QUESTIONS')"
	}
	# each elector's session beside its ballot, as a whole HTTP request
	# (its length in bytes on a line, then its bytes), dealt to the wrk
	# threads: cast.lua reads each with one allocation
	node "$ISOLOIR_SRCDIR/bench/bench-cast-sessions.mjs" "$ISOLOIR_SRCDIR/web" "$URL" "$CA" "$N" "$PW" |
		paste - "$ballots/all" | LC_ALL=C awk -F '\t' -v d="$dir/req" -v t=$THREADS \
			-v host="$(echo "$URL" | sed -E 's#^https?://([^/]+).*#\1#')" '{
		body = "{\"scrutin\":1,\"bulletin\":" $3 "}"
		req = "POST /api/vote HTTP/1.1\r\nHost: " host "\r\nContent-Type: application/json\r\nCookie: " $1 \
			"\r\nX-CSRF-Token: " $2 "\r\nContent-Length: " length(body) "\r\n\r\n" body
		printf "%d\n%s", length(req), req > (d "." ((NR - 1) % t))
	}'
	# BENCH_DB_SET="var = value, ...": server settings tried on both
	# instances for the measure (e.g. group commit), recorded in the result
	for sock in "$ELECTORS_SOCK" "$URN_SOCK"; do
		[ -z "${BENCH_DB_SET:-}" ] || mariadb --no-defaults -S "$sock" -u root -e "SET GLOBAL $BENCH_DB_SET"
	done
	# The rate is read in the databases over a window of BENCH_SECONDS
	# that opens BENCH_WARMUP seconds after every wrk thread has loaded
	# its requests: wrk loads them one thread after the other (cast.lua's
	# init), the first thread casting while the next loads, and starts
	# its clock after the last. The window sees only the sustained phase,
	# every thread sending; the per-cast counters and the profile cover
	# the same window.
	emargements() { root -N -e 'SELECT COUNT(*) FROM emargement'; }
	now() { date +%s.%N; }
	# CPU of each part of the platform over the window, from the kernel's
	# accounting (no profiler: perf slows this VM down), in clock ticks:
	# "WORKERS ELECTORS URN NGINX WRK MACHINE_BUSY"
	ticks() { # ticks PID... : user + system ticks of these processes
		for p; do awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0; done | awk '{ t += $1 } END { print t + 0 }'
	}
	cpu() {
		ng=$(cat "$dir/nginx/nginx.pid")
		echo "$(ticks $(cat "$dir"/fcgi/w*.pid)) $(ticks "$(cat "$dir/db/$ELECTORS_DB/mysqld.pid")")" \
			"$(ticks "$(cat "$dir/db/$URN_DB/mysqld.pid")") $(ticks "$ng" $(pgrep -P "$ng")) $(ticks "$wrk")" \
			"$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)"
	}
	# wrk runs until the window is read (SIGINT: it stops and reports),
	# its duration only a bound: on a loaded machine the queries reading
	# the window take seconds, and wrk must still send until they are done
	BENCH_REQUESTS=$dir/req wrk -t$THREADS -c"$CONC" -d"$((WARM + SECS + 120))s" --timeout 10s \
		-s "$ISOLOIR_SRCDIR/bench/cast.lua" "$URL" >"$dir/wrk.out" & wrk=$!
	i=0
	while [ "$(ls "$dir"/req.*.ready 2>/dev/null | wc -l)" -lt "$THREADS" ]; do
		[ $((i += 1)) -lt 3000 ] || { echo "bench-cast: wrk did not load its requests" >&2; exit 1; }
		sleep 0.1
	done
	sleep "$WARM"
	perf=
	if [ -n "${BENCH_PERF:-}" ]; then
		perf record -q -a -g -o "$BENCH_PERF" & perf=$!
		sleep 1
	fi
	n0=$(emargements) t0=$(now) c0=$(cpu)
	e0=$(counters "$ELECTORS_SOCK") u0=$(counters "$URN_SOCK")
	sleep "$SECS"
	n1=$(emargements) t1=$(now) c1=$(cpu)
	e1=$(counters "$ELECTORS_SOCK") u1=$(counters "$URN_SOCK")
	if [ -n "$perf" ]; then kill -INT "$perf"; wait "$perf" || true; fi
	kill -INT "$wrk" 2>/dev/null || true
	wait "$wrk"
	res=$(tail -n 1 "$dir/wrk.out")
	case $res in *'"ran_out":true'*)
		echo "bench-cast: wrk ran out of casts before the end: raise BENCH_CASTS, these figures are invalid" >&2 ;;
	esac
	sleep 2 # the casts in flight when wrk stopped
	emarg=$((n1 - n0))
	rate=$(echo "$n0 $t0 $n1 $t1" | awk '{ printf "{\"casts\":%d,\"seconds\":%.2f,\"per_second\":%.1f}", $3 - $1, $4 - $2, ($3 - $1) / ($4 - $2) }')
	check="$(emargements) $(mariadb --no-defaults -S "$URN_SOCK" -u root -N isoloir_urn -e 'SELECT COUNT(*) FROM ballot')"
	per_cast() { # per_cast "BEFORE" "AFTER" (counters) : each per cast of the window
		echo "$1 $2" | awk -v n="$emarg" '{ printf "{\"binlog_bytes\":%.0f,\"binlog_cache_spills\":%.2f,\"binlog_commits\":%.2f,\"stmt_prepares\":%.2f,\"fsyncs\":%.2f,\"innodb_bytes_written\":%.0f,\"questions\":%.2f}",
			($8 - $1) / n, ($9 - $2) / n, ($10 - $3) / n, ($11 - $4) / n, ($12 - $5) / n, ($13 - $6) / n, ($14 - $7) / n }'
	}
	durable="{\"electors\":$(per_cast "$e0" "$e1"),\"urn\":$(per_cast "$u0" "$u1")}"
	# milliseconds of CPU per cast of the window, by part; "other" is the
	# rest of the machine's busy time (the bench's queries, kernel
	# threads, anything else running)
	cpums=$(echo "$c0 $c1" | awk -v n="$emarg" -v hz="$(getconf CLK_TCK)" '{
		f = 1000 / hz / n
		printf "{\"workers\":%.2f,\"electors_db\":%.2f,\"urn_db\":%.2f,\"nginx\":%.2f,\"wrk\":%.2f,\"other\":%.2f,\"machine\":%.2f}",
			($7 - $1) * f, ($8 - $2) * f, ($9 - $3) * f, ($10 - $4) * f, ($11 - $5) * f,
			(($12 - $6) - ($7 - $1) - ($8 - $2) - ($9 - $3) - ($10 - $4) - ($11 - $5)) * f, ($12 - $6) * f }')
	rss=$(for p in "$dir"/fcgi/w*.pid; do awk '/VmHWM/ {print $2}' "/proc/$(cat "$p")/status"; done | sort -n | tail -n 1)
	"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null
	# the workers' combined verification (lib/vcombine.h), logged at
	# their stop: ballots, rounds, rounds of several, largest round
	vc=$(cat "$dir"/fcgi/w*.log | sed -n 's/.*vérification groupée : \([0-9]*\) bulletin(s) en \([0-9]*\) tour(s), dont \([0-9]*\) à plusieurs, au plus \([0-9]*\).*/\1 \2 \3 \4/p' |
		awk '{ b += $1; r += $2; s += $3; if ($4 > m) m = $4 } END { printf "{\"ballots\":%d,\"rounds\":%d,\"shared_rounds\":%d,\"largest\":%d,\"mean\":%.2f}", b, r, s, m, r ? b / r : 0 }')
	printf '{"bench":"cast","date":"%s","machine":"%s","cores":%s,"workers":%s,"threads":%s,"shape":"%s","sustained":%s,"wrk":%s,"emargements_ballots":"%s","worker_max_rss_kib":%s,"per_cast":%s,"cpu_ms_per_cast":%s,"combined_verification":%s,"db_set":"%s"}\n' \
		"$(date -u +%FT%TZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
		"$(nproc)" "$W" "$WTHREADS" "$SHAPE" "$rate" "$res" "$check" "$rss" "$durable" "$cpums" "$vc" "${BENCH_DB_SET:-}" | tee "$out/cast-${W}w$([ "$SHAPE" = 8x7 ] || echo "-$SHAPE").json"
	rm -rf "$dir"
	trap 'rm -rf "$ballots"' EXIT
done
