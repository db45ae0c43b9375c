#!/bin/sh
# fault-readonly: reliability.md "Disk full / read-only DB: clear error
# page, no partial write" (R-VOTE-7). The urn database, then the electors
# database, is made read-only (SET GLOBAL read_only, what an operator or
# MariaDB itself does when it can no longer write) while electors vote
# through nginx: the cast is refused with a clear French message, neither
# a ballot without its émargement nor the reverse is left, nothing stays
# prepared; once the database is writable again the same ballot sent again
# is recorded. Last (builds with fault injection), the electors database
# turns read-only in the middle of a cast, once the urn has committed the
# ballot and its decision: the elector gets the receipt, and the émargement
# is never lost: recovery commits it once the fault is lifted.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1"; }
marks() { sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1"; }
invariant() { # invariant LABEL COUNT
	expect_eq "$1: $2 ballot(s), $2 émargement(s)" "$2 $2" "$(ballots) $(marks)"
	expect_eq "$1: nothing left prepared" 0 "$(sql_root electors 'XA RECOVER' | wc -l)"
}
readonly_db() { sql_root "$1" "SET GLOBAL read_only = $2" >/dev/null; }
ballot() { # ballot SCRUTIN OUT LIST [KEPT] : the logged-in elector's ballot
	page=$(api_req GET "/api/bulletin?scrutin=$1")
	printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
	node_web web/test/tools/encrypt.mjs "$3" "${4:-}" <"$STACK_DIR/page.json" >"$2"
}
REFUSED='^503 .*"erreur":"Votre vote n.a pas pu être enregistré. Réessayez dans un instant : vous ne pourrez pas voter deux fois."'

# Elector 1, urn read-only.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
ballot 1 "$STACK_DIR/vote1.json" 0 101
readonly_db urn 1
expect_match "urn read-only: clear French refusal" "$REFUSED" "$(api_req POST /api/vote "$STACK_DIR/vote1.json")"
invariant "urn read-only" 0
expect_eq "…no decision row" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')"
expect_match "still read-only, a retry is refused the same way" "$REFUSED" "$(api_req POST /api/vote "$STACK_DIR/vote1.json")"
invariant "retry while read-only" 0
readonly_db urn 0
expect_match "urn writable again: the same ballot is recorded" '^200 .*bien été enregistré.*"signature":"[^"]' \
	"$(api_req POST /api/vote "$STACK_DIR/vote1.json")"
invariant "after the urn fault" 1

# Elector 2, electors database read-only.
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
ballot 1 "$STACK_DIR/vote2.json" 2 01
readonly_db electors 1
expect_match "electors read-only: clear French refusal" "$REFUSED" "$(api_req POST /api/vote "$STACK_DIR/vote2.json")"
invariant "electors read-only" 1
expect_eq "…no ballot of elector 2 in the urn" 1 "$(ballots)"
readonly_db electors 0
expect_match "electors writable again: recorded" '^200 .*bien été enregistré' "$(api_req POST /api/vote "$STACK_DIR/vote2.json")"
invariant "after the electors fault" 2
# A worker deletes its last cast's decision row with its next cast; the
# recovery deletes those of finished casts.
"$ISOLOIR_BUILDDIR/tests/component/cast-db" "$STACK_DIR/etc/web.conf" recover 0 >/dev/null
expect_eq "no decision row left once the recovery ran" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')"
expect_match "the web worker logged the refusals" 'vote non enregistré.*(read-only|read_only|lecture seule)' "$(cat "$STACK_DIR"/fcgi/w*.log)"

if grep -q '^#define ISOLOIR_FAULT_INJECTION 1' "$ISOLOIR_BUILDDIR/config.h"; then
	urn2() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 2"; }
	marks2() { sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 2"; }
	sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 2" >/dev/null
	ballot 2 "$STACK_DIR/vote3.json" -1
	# each cast waits 3 s after the urn commit
	ISOLOIR_FAULT_PAUSE=after-urn-commit "$ISOLOIR_SRCDIR/scripts/stack" restart-workers "$STACK_DIR" >/dev/null
	api_req POST /api/vote "$STACK_DIR/vote3.json" >"$STACK_DIR/out3" &
	cast=$!
	for _ in $(seq 600); do
		[ "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')" -ge 1 ] && break
		sleep 0.05
	done
	readonly_db electors 1
	echo "# electors read-only $([ "$(urn2)" = 1 ] && echo 'after the urn commit' || echo 'before the urn commit (slow machine)')"
	wait $cast
	expect_match "read-only after the decision: the elector gets the receipt" '^200 .*bien été enregistré' "$(cat "$STACK_DIR/out3")"
	expect_eq "…the ballot is in the urn" 1 "$(urn2)"
	echo "# émargements visible while read-only: $(marks2), branches prepared: $(sql_root electors 'XA RECOVER' | wc -l)"
	readonly_db electors 0
	"$ISOLOIR_SRCDIR/scripts/stack" restart-workers "$STACK_DIR" >/dev/null
	"$ISOLOIR_BUILDDIR/tests/component/cast-db" "$STACK_DIR/etc/web.conf" recover 0 >/dev/null
	expect_eq "fault lifted, recovery: 1 ballot, 1 émargement in scrutin 2" "1 1" "$(urn2) $(marks2)"
	expect_eq "…nothing left prepared" 0 "$(sql_root electors 'XA RECOVER' | wc -l)"
	expect_eq "…no decision row left" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')"
	expect_match "the same ballot again: the recorded vote" '^200 .*bien été enregistré' "$(api_req POST /api/vote "$STACK_DIR/vote3.json")"
	expect_eq "…still one vote" "1 1" "$(urn2) $(marks2)"
fi
finish
