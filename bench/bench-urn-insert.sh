#!/bin/sh
# bench-urn-insert: the urn server's CPU time per ballot INSERT + COMMIT,
# bulk (as a cast sends it, lib/db.h db_run_bulk) against a plain prepared
# statement, for an 8×7 ballot as stored (packed body 44,826 bytes + points
# 8,320: the urn's row of a cast) and a few other sizes; the modes are
# alternated, BENCH_ROUNDS times, BENCH_N transactions each. The urn runs
# with the production settings of scripts/stack (binary log, durable
# commits). Writes bench/results/urn-insert.json. Not a test.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench-urn-insert}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_N:-1000}
ROUNDS=${BENCH_ROUNDS:-2}
dir=$(mktemp -d /tmp/isoloir-bench-urn.XXXXXX)
trap '"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
"$ISOLOIR_SRCDIR/scripts/stack" start "$dir" >/dev/null
. "$dir/stack.env"
pid=$(cat "$(dirname "$URN_SOCK")/mysqld.pid")
mariadb --no-defaults -S "$URN_SOCK" -u root -e \
	"CREATE DATABASE isoloir_bench; CREATE TABLE isoloir_bench.ballot LIKE isoloir_urn.ballot"
rows=""
for r in $(seq "$ROUNDS"); do
	for size in "44826 8320" "8000 0" "90000 0"; do
		for mode in plain bulk; do
			# shellcheck disable=SC2086
			line=$("$ISOLOIR_BUILDDIR/bench/bench-urn-insert" "$URN_SOCK" "$pid" "$N" $size "$mode")
			echo "round $r: $line" >&2
			set -- $line
			rows="$rows${rows:+,}{\"round\":$r,\"mode\":\"$1\",\"body\":$2,\"points\":$3,\"server_cpu_ms\":$4}"
		done
	done
done
printf '{"bench":"urn-insert","date":"%s","machine":"%s","cores":%s,"n":%s,"runs":[%s]}\n' \
	"$(date -u +%FT%TZ)" "$(uname -m) $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1)" \
	"$(nproc)" "$N" "$rows" | tee "$ISOLOIR_SRCDIR/bench/results/urn-insert.json"
