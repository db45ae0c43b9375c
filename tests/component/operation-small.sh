#!/bin/sh
# operation-small: the small operation of the web tests, built by
# `isoloir-console operation create tests/data/small-operation.conf`, gives
# the rows tests/data/small-operation.sql (load_small_operation) writes:
# same ids, names, UTC times, seats, categories, rounds and states. The
# fixture keeps its SQL for speed; this keeps the two in step (R-ORG-1/4).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf

rows() { # the structure the SQL fixture writes (not its electors nor lists)
	sql_root electors "SELECT CONCAT_WS('|', id, code, name, training, opens_at, closes_at,
		grace_seconds, CAST(settings AS CHAR)) FROM operation ORDER BY id;
		SELECT CONCAT_WS('|', id, operation_id, name) FROM establishment ORDER BY id;
		SELECT CONCAT_WS('|', id, operation_id, name) FROM college ORDER BY id;
		SELECT CONCAT_WS('|', id, operation_id, establishment_id, college_id, category, round,
			seats, state) FROM scrutin ORDER BY id"
}

load_small_operation || { echo "fixture failed"; exit 1; }
by_sql=$(rows)
# empty the electors database again (as root: the fixture's rows only)
sql_root electors "DELETE FROM credential; DELETE FROM elector_scrutin; DELETE FROM candidate;
	DELETE FROM candidate_list; DELETE FROM scrutin_crypto; DELETE FROM elector;
	DELETE FROM scrutin; DELETE FROM establishment; DELETE FROM college; DELETE FROM operation;
	ALTER TABLE operation AUTO_INCREMENT = 1; ALTER TABLE establishment AUTO_INCREMENT = 1;
	ALTER TABLE college AUTO_INCREMENT = 1; ALTER TABLE scrutin AUTO_INCREMENT = 1" >/dev/null
expect_eq "database emptied" "" "$(rows)"

out=$("$C" operation create "$ISOLOIR_SRCDIR/tests/data/small-operation.conf" -c "$CONF" 2>&1)
expect_eq "console: exit 0" 0 "$?"
expect_match "console: created" "opération « cse-2026 » créée : 2 scrutins" "$out"
expect_eq "same rows as tests/data/small-operation.sql" "$by_sql" "$(rows)"
expect_eq "the console adds the bureau, its scrutins point to it" "1|1|3" \
	"$(sql_root electors "SELECT CONCAT_WS('|', COUNT(DISTINCT s.bureau_id), MIN(s.bureau_id),
		(SELECT COUNT(*) FROM bureau_member)) FROM scrutin s")"
finish
