#!/bin/sh
# rules-cli: the real isoloir-rules program (rules-schema.md): the worked
# example, an invalid input (JSON still printed, exit 1), a usage error.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
BIN=$ISOLOIR_BUILDDIR/cli/isoloir-rules

out=$("$BIN" --json "$ISOLOIR_SRCDIR/tests/data/rules/worked-example.json"); rc=$?
expect_eq "worked example: exit 0" 0 "$rc"
flat=$(printf '%s' "$out" | tr -d ' \n')
expect_match "valid, quotient 400/7" '^\{"valid":true.*"qe":"400/7","qe_decimal":"57.142857"' "$flat"
expect_match "A elects A1, A3, A4" '"name":"A".*"elected":\["A1","A3","A4"\]' "$flat"
expect_match "seat 6 to D, seat 7 to A" '"seat":6,"winner":"D".*"seat":7,"winner":"A"' "$flat"

out=$(printf '%s' '{"colleges":[{"name":"X","titulaires":{"seats":1,"inscrits":5,"votants":9,"blancs":0,"nuls":0,"lists":[]}}]}' | "$BIN" --json -); rc=$?
expect_eq "invalid input: exit 1" 1 "$rc"
expect_match "invalid input: errors printed as JSON" '"valid": false' "$out"
out=$(printf 'not json' | "$BIN" --json - 2>&1); rc=$?
expect_eq "unreadable JSON: exit 1" 1 "$rc"
"$BIN" >/dev/null 2>&1; rc=$?
expect_eq "usage error: exit 2" 2 "$rc"
finish
