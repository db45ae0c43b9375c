#!/bin/sh
# console-import-check: `isoloir-console import electors --check` on every
# file of tests/data/import/electors (R-DATA-1, "Import formats"): exact
# output (every error, "ligne L, colonne C : raison", in French) and exit
# status, as recorded in the .expected file next to each CSV. Plus usage
# errors (exit 2).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
BIN=$ISOLOIR_BUILDDIR/tui/isoloir-console
DIR=$ISOLOIR_SRCDIR/tests/data/import/electors

for f in "$DIR"/*.csv; do
	name=$(basename "$f" .csv)
	got=$("$BIN" import electors --check "$f" --colleges "Employés,Agents de maîtrise,Cadres" \
		--election-date 2026-12-01 2>&1; echo "exit $?")
	expect_eq "$name" "$(cat "$DIR/$name.expected")" "$got"
done

# The candidates file alone (R-DATA-2): fields and the shape of the lists.
for f in "$ISOLOIR_SRCDIR"/tests/data/import/candidates/*.csv; do
	name=$(basename "$f" .csv)
	got=$("$BIN" import candidates --check "$f" 2>&1; echo "exit $?")
	expect_eq "candidates $name" "$(cat "${f%.csv}.expected")" "$got"
done

"$BIN" import electors --check "$DIR/ok-utf8.csv" --election-date 2026-12-01 >/dev/null 2>&1
expect_eq "missing --colleges: usage error" 2 "$?"
"$BIN" import electors --check "$DIR/ok-utf8.csv" --colleges A --election-date 01/12/2026 >/dev/null 2>&1
expect_eq "bad election date: usage error" 2 "$?"
out=$("$BIN" import electors --check /nonexistent.csv --colleges A --election-date 2026-12-01 2>&1)
expect_match "missing file: French message" 'ouverture impossible' "$out"
"$BIN" frobnicate >/dev/null 2>&1
expect_eq "unknown command: usage error" 2 "$?"
finish
