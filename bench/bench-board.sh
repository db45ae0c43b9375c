#!/bin/sh
# bench-board.sh BUILDDIR N...: the bulletin board at scale (docs/
# performance.md, "Bulletin board"): for each N, a synthetic board of N
# 8×7 ballots (bench/bench-board, on every CPU), then isoloir-verify on
# it with --jobs 1 and with --jobs J (JOBS, default every online CPU),
# with the time and peak RSS of each (GNU time) and the ballots per
# second. Boards go to $TMPDIR (N × ~156 kB, ballots version 3); KEEP=1
# keeps them.
set -eu
b=$1
shift
jobs=${JOBS:-$(getconf _NPROCESSORS_ONLN)}
dir=${TMPDIR:-/tmp}/bench-board.$$
mkdir -p "$dir"
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
printf '%8s %12s %9s %10s %9s %10s %8s %9s %10s %8s\n' ballots bytes gen_s gen_rss_kB \
	j1_s j1_rss_kB j1_b/s "j${jobs}_s" "j${jobs}_rss_kB" "j${jobs}_b/s"
for n in "$@"; do
	/usr/bin/time -f '%e %M' -o "$dir/gen" "$b/bench/bench-board" "$n" "$dir/b$n.json" 2>/dev/null
	for j in 1 "$jobs"; do
		/usr/bin/time -f '%e %M' -o "$dir/ver$j" "$b/cli/isoloir-verify" election --jobs "$j" \
			"$dir/b$n.json" >"$dir/out"
		head -n 1 "$dir/out" | grep -qx OK
	done
	set -- $(cat "$dir/gen") $(cat "$dir/ver1") $(cat "$dir/ver$jobs")
	printf '%8s %12s %9s %10s %9s %10s %8.1f %9s %10s %8.1f\n' "$n" "$(wc -c <"$dir/b$n.json")" \
		"$1" "$2" "$3" "$4" "$(awk "BEGIN { print $n / $3 }")" "$5" "$6" "$(awk "BEGIN { print $n / $5 }")"
	[ "${KEEP:-0}" = 1 ] || rm -f "$dir/b$n.json"
done
