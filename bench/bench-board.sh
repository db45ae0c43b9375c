#!/bin/sh
# bench-board.sh BUILDDIR N...: the bulletin board at scale (docs/
# performance.md, "Bulletin board"): for each N, a synthetic board of N
# 8×7 ballots (bench/bench-board), then isoloir-verify on it, with the
# time and peak RSS of each (GNU time). Boards go to $TMPDIR (N × ~156 kB, ballots version 3).
set -eu
b=$1
shift
dir=${TMPDIR:-/tmp}/bench-board.$$
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
printf '%8s %12s %10s %12s %10s %12s\n' ballots bytes gen_s gen_rss_kB verify_s verify_rss_kB
for n in "$@"; do
	/usr/bin/time -f '%e %M' -o "$dir/gen" "$b/bench/bench-board" "$n" "$dir/b.json" 2>/dev/null
	/usr/bin/time -f '%e %M' -o "$dir/ver" "$b/cli/isoloir-verify" election "$dir/b.json" >"$dir/out"
	head -n 1 "$dir/out" | grep -qx OK
	printf '%8s %12s %10s %12s %10s %12s\n' "$n" "$(wc -c <"$dir/b.json")" \
		$(cat "$dir/gen") $(cat "$dir/ver")
	rm -f "$dir/b.json"
done
