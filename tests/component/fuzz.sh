#!/bin/sh
# fuzz: builds every libFuzzer target of tests/fuzz/ with clang
# (tests/fuzz/build.sh) and runs each from its seed corpus for
# FUZZ_SECONDS seconds (default 8: about two minutes for all on 2 cores).
# Any crash, leak, sanitizer report, broken invariant or input slower than
# 20 s fails the test; the input is kept in $ISOLOIR_BUILDDIR/fuzz/artifacts/.
# `make fuzz FUZZ_SECONDS=600` is the long run (FUZZ_TARGETS to choose,
# FUZZ_KEEP=1 to grow the corpus in fuzz/corpus/ from one run to the next).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need clang pkg-config

FUZZ=$ISOLOIR_BUILDDIR/fuzz
SECONDS_EACH=${FUZZ_SECONDS:-8}
log=$FUZZ/build.log
mkdir -p "$FUZZ"
if ! sh "$ISOLOIR_SRCDIR/tests/fuzz/build.sh" ${FUZZ_TARGETS:-} >"$log" 2>&1; then
	not_ok "build of the fuzz targets (clang, libFuzzer)"
	tail -n 30 "$log"
	finish
	exit 1
fi
ok "build of the fuzz targets"

# Inputs longer than the default 4 KiB where the seeds are (ballots, counts).
max_len() {
	case $1 in
	ballot | count) echo 40000 ;;
	board) echo 65536 ;;
	csv | import-electors | candidates | rules | jtree | bpack) echo 16384 ;;
	*) echo 4096 ;;
	esac
}

mkdir -p "$FUZZ/artifacts"
for t in ${FUZZ_TARGETS:-$(cd "$ISOLOIR_SRCDIR/tests/fuzz" && ls fuzz-*.c | sed 's/^fuzz-//; s/\.c$//')}; do
	work=$FUZZ/corpus/$t
	[ -n "${FUZZ_KEEP:-}" ] || rm -rf "$work"
	mkdir -p "$work"
	out=$FUZZ/fuzz-$t.log
	# new inputs go to $work; the seed corpus in the source tree is read only
	"$FUZZ/fuzz-$t" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=2048 \
		-max_len="$(max_len "$t")" -print_final_stats=1 \
		-artifact_prefix="$FUZZ/artifacts/$t-" \
		"$work" "$ISOLOIR_SRCDIR/tests/fuzz/corpus/$t" >"$out" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out")
	if [ "$rc" = 0 ] && [ -n "$runs" ] &&
		! grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|invariant broken' "$out"; then
		ok "fuzz-$t: $runs executions in ${SECONDS_EACH} s, $(ls "$work" | wc -l) inputs"
	else
		not_ok "fuzz-$t (exit $rc, ${runs:-?} executions): see $out"
		grep -E -A 25 'ERROR:|runtime error:|invariant broken|Test unit written' "$out" | head -n 60
	fi
done
finish
