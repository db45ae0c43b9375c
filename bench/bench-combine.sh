#!/bin/sh
# bench-combine.sh: instructions per 8×7 ballot verified, K ballots one
# multiplication each (separate) or one for all (merged, lib/vcombine.h),
# counted by callgrind (instruction counts, not throughput: the machine
# may be shared). Figures for docs/performance.md. Not a test.
# Usage: bench/bench-combine.sh [BUILDDIR] [K...]
set -eu
b=${1:-.}
[ $# -gt 0 ] && shift
ks=${*:-1 2 3 4 8}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
printf '%-3s %16s %16s %8s\n' K separate/ballot merged/ballot saved
for k in $ks; do
	for how in separate merged; do
		valgrind --tool=callgrind --toggle-collect=combine_run \
			--callgrind-out-file="$out/$how.$k" \
			"$b/bench/bench-crypto" --combine "$k" "$how" >/dev/null 2>"$out/log"
		eval "n_$how=\$(sed -n 's/^summary: //p' \"\$out/$how.$k\")"
	done
	awk -v k="$k" -v s="$n_separate" -v m="$n_merged" 'BEGIN {
		printf "%-3d %16.0f %16.0f %7.1f%%\n", k, s / k, m / k, 100 * (s - m) / s }'
done
