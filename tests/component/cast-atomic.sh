#!/bin/sh
# cast-atomic: R-VOTE-7 / R-AUTH-3 on real databases: a cast is recorded in
# both databases or in neither, whatever step the process is killed at
# (SIGKILL after the émargement is prepared, after the urn commit, after the
# émargement commit); recovery settles it; a retry gives "already here" or a
# fresh cast, never two votes; 50 parallel casts of one elector give one
# vote; replays, closed scrutins and strangers are refused; a cast checked
# against values that are no longer the database's (any of those the
# worker keeps, lib/castcache.h) stores nothing.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
CONF=$STACK_DIR/etc/web.conf
DRV=$ISOLOIR_BUILDDIR/tests/component/cast-db
cast() { "$DRV" "$CONF" cast "$@" 2>&1; }
recover() { "$DRV" "$CONF" recover 0 2>&1; }
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = $1"; }
marks() { sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = $1"; }
invariant() { # invariant LABEL SCRUTIN COUNT
	expect_eq "$1: $3 ballot(s) in scrutin $2" "$3" "$(ballots "$2")"
	expect_eq "$1: $3 émargement(s) in scrutin $2" "$3" "$(marks "$2")"
}

# lib/db.c keeps prepared statements per connection (one prepare for many
# uses; nested, failed and reconnected cases: tests/component/cast-db.c).
expect_eq "statements kept prepared per connection, safely" ok "$("$DRV" "$CONF" stmtcache 2>&1)"

# The ballot INSERT goes in bulk (lib/db.h db_run_bulk): stored byte for
# byte, duplicates still refused, and the server does not write it out as
# escaped text (seen in its general log, where the plain INSERT of the
# control shows its parameters).
sql_root urn "SET GLOBAL log_output = 'TABLE', GLOBAL general_log = ON" >/dev/null
expect_eq "bulk ballot insert" ok "$("$DRV" "$CONF" bulk 2>&1)"
sql_root urn "SET GLOBAL general_log = OFF" >/dev/null
expect_eq "plain insert: parameters written into its text (control)" 1 \
	"$(sql_root urn "SELECT COUNT(*) > 0 FROM mysql.general_log WHERE argument LIKE '%ISOLOIR-PLAIN-CHECK%'")"
expect_eq "bulk insert: parameters not written out as text" 0 \
	"$(sql_root urn "SELECT COUNT(*) FROM mysql.general_log WHERE argument LIKE '%ISOLOIR-BULK-CHECK%'")"
expect_eq "bulk check rolled back" 0 "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 999999")"
sql_root urn "TRUNCATE mysql.general_log" >/dev/null

sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
expect_eq "closed scrutin refused" NOT_OPEN "$(cast 1 2 s2-a)"
expect_eq "stranger refused" NOT_ELECTOR "$(cast 99 1 x)"
invariant "nothing stored by refusals" 1 0

expect_eq "first cast recorded" RECORDED "$(cast 1 1 s1-e1)"
invariant "after one cast" 1 1
expect_eq "retry of the same ballot: already here" ALREADY_HERE "$(cast 1 1 s1-e1)"
expect_eq "second, different ballot: already voted" ALREADY_VOTED "$(cast 1 1 s1-e1-bis)"
expect_eq "replay of elector 1's ballot by elector 2 refused" REPLAY "$(cast 2 1 s1-e1)"
invariant "after retry, second vote and replay" 1 1
expect_eq "no decision row left" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision')"

# Crash after the émargement is prepared: nothing visible, then aborted.
out=$(ISOLOIR_FAULT=after-electors-prepare "$DRV" "$CONF" cast 2 1 s1-e2 2>&1; echo "rc=$?")
expect_match "killed after prepare" 'rc=137' "$out"
invariant "crash after prepare: neither side visible" 1 1
expect_match "recovery aborts it" 'committed=0 aborted=1' "$(recover)"
invariant "after recovery" 1 1
expect_eq "the elector can vote again" RECORDED "$(cast 2 1 s1-e2)"
invariant "after the new cast" 1 2

# Crash after the urn commit: the ballot is in, the émargement prepared;
# recovery commits the émargement.
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 2" >/dev/null
out=$(ISOLOIR_FAULT=after-urn-commit "$DRV" "$CONF" cast 1 2 s2-e1 2>&1; echo "rc=$?")
expect_match "killed after the urn commit" 'rc=137' "$out"
expect_match "recovery commits it" 'committed=1 aborted=0' "$(recover)"
invariant "crash after urn commit, recovered" 2 1
expect_eq "retry gives the recorded vote" ALREADY_HERE "$(cast 1 2 s2-e1)"

# Crash after the émargement commit: both in, a decision row to clean.
out=$(ISOLOIR_FAULT=after-electors-commit "$DRV" "$CONF" cast 2 2 s2-e2 2>&1; echo "rc=$?")
expect_match "killed after the émargement commit" 'rc=137' "$out"
invariant "crash after émargement commit" 2 2
expect_match "recovery cleans the decision row" 'committed=0 aborted=0 cleaned=1' "$(recover)"
expect_eq "no 'commit' row left at the end; the aborted cast's 'abort' row stays" abort \
	"$(sql_root urn 'SELECT GROUP_CONCAT(decision) FROM cast_decision')"

# 50 concurrent casts of one elector in a fresh scrutin: exactly one vote.
sql_root electors "INSERT INTO scrutin (operation_id,establishment_id,college_id,category,round,seats,state) VALUES (1,1,1,'titulaires',2,3,'open');
INSERT INTO elector_scrutin VALUES (1, 3);" >/dev/null
out=$("$DRV" "$CONF" parallel 1 3 50)
expect_match "50 parallel casts: one recorded, 49 already voted" '^RECORDED=1 ALREADY_VOTED=49 ERRORS=0$' "$out"
invariant "after 50 parallel casts" 3 1

# A database killed mid-cast (SIGKILL of mariadbd while the cast waits
# right after the émargement was prepared).
sql_root electors "INSERT INTO scrutin (operation_id,establishment_id,college_id,category,round,seats,state) VALUES (1,1,1,'suppleants',2,3,'open');
INSERT INTO elector_scrutin VALUES (1, 4), (2, 4);" >/dev/null
ISOLOIR_FAULT_PAUSE=after-electors-prepare "$DRV" "$CONF" cast 1 4 s4-e1 >"$STACK_DIR/c1.out" 2>&1 &
sleep 1
kill -9 "$(cat "$STACK_DIR/db/urn/mysqld.pid")"
wait $! ; echo "rc=$?" >>"$STACK_DIR/c1.out"
expect_match "urn killed mid-cast: the cast fails" 'ERROR' "$(cat "$STACK_DIR/c1.out")"
"$ISOLOIR_SRCDIR/scripts/stack" restart-db urn "$STACK_DIR" >/dev/null
recover >/dev/null
invariant "urn killed mid-cast, restarted" 4 0
expect_eq "after the urn restart the elector votes" RECORDED "$(cast 1 4 s4-e1)"
invariant "urn restarted, new cast" 4 1

ISOLOIR_FAULT_PAUSE=after-urn-commit "$DRV" "$CONF" cast 2 4 s4-e2 >"$STACK_DIR/c2.out" 2>&1 &
sleep 1
kill -9 "$(cat "$STACK_DIR/db/electors/mysqld.pid")"
wait $!
"$ISOLOIR_SRCDIR/scripts/stack" restart-db electors "$STACK_DIR" >/dev/null
expect_match "electors killed after the urn commit: the prepared émargement survives and is committed" \
	'committed=1 aborted=0' "$(recover)"
invariant "electors killed mid-cast, restarted, recovered" 4 2
expect_eq "retry after recovery: already here" ALREADY_HERE "$(cast 2 4 s4-e2)"

# The locked read compares each value the caller checked against (issue 6).
sql_root electors "INSERT INTO college (id, operation_id, name) VALUES (2, 1, 'Employés');
INSERT INTO scrutin (id,operation_id,establishment_id,college_id,category,round,seats,state) VALUES (5,1,1,2,'titulaires',1,3,'open');
INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint, nul_slot) SELECT 5, public_key, fingerprint, nul_slot FROM scrutin_crypto WHERE scrutin_id = 1;
INSERT INTO elector_scrutin VALUES (1, 5);" >/dev/null
for f in operation opens closes grace ressaisie key fingerprint nul; do
	expect_eq "checked against another $f: stale, nothing stored" STALE "$("$DRV" "$CONF" expect 1 5 s5-e1 $f 2>&1)"
done
invariant "after the stale casts" 5 0
expect_eq "checked against the database's values: recorded" RECORDED "$("$DRV" "$CONF" expect 1 5 s5-e1 none 2>&1)"
invariant "after the cast" 5 1
# One worker thread's connections (issue 6, R-VOTE-7): each cast's decision
# row becomes the next cast's (one UPDATE of its tag instead of a DELETE
# and an INSERT); when recovery has cleaned it away, the cast writes its
# own; when recovery has aborted the cast first, it is refused (RETRY) and
# records nothing.
sql_root electors "INSERT INTO scrutin (id,operation_id,establishment_id,college_id,category,round,seats,state) VALUES (6,1,1,2,'suppleants',1,3,'open'), (7,1,1,2,'titulaires',2,3,'open'), (8,1,1,2,'suppleants',2,3,'open');
INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint, nul_slot) SELECT s.id, public_key, fingerprint, nul_slot FROM scrutin_crypto, scrutin s WHERE scrutin_id = 1 AND s.id IN (6, 7, 8);
INSERT INTO elector_scrutin VALUES (1, 6), (2, 6), (1, 7), (2, 7), (1, 8), (2, 8);"
expect_eq "one connection, two casts: the first 'commit' row is the second's, none left" \
	"RECORDED:1 RECORDED:1 flushed:0" "$("$DRV" "$CONF" chain 6 0 1 2 2>&1)"
invariant "after the chained casts" 6 2
expect_eq "one connection, recovery cleaning between the casts: each writes its own row" \
	"RECORDED:1 RECORDED:1 flushed:0" "$("$DRV" "$CONF" chain 7 1 1 2 2>&1)"
invariant "after the chained casts with cleaning" 7 2
prepared_casts() { sql_root electors "XA RECOVER" | grep -c 'ic-' || true; }
# Recovery meets a cast prepared long ago whose session is still open (a
# stalled worker): it claims 'abort', cannot end the branch (only its
# session can), leaves it; the worker, resuming, finds the 'abort' row:
# refused, rolled back, nothing recorded.
ISOLOIR_FAULT_PAUSE=after-electors-prepare "$DRV" "$CONF" chain 8 0 1 2 >"$STACK_DIR/c8.out" 2>&1 &
c8=$!
i=0 # the first cast recorded, the second waiting with its émargement prepared
while [ "$(ballots 8) $(prepared_casts)" != "1 1" ]; do
	[ $((i += 1)) -lt 200 ] || break
	sleep 0.05
done
expect_match "recovery: the stalled cast left to its session, the first one's row cleaned" \
	'committed=0 aborted=0 cleaned=1 busy=1' "$(recover)"
wait $c8
expect_eq "the stalled cast is refused (retry), nothing recorded" "RECORDED:1 RETRY:0 flushed:0" "$(cat "$STACK_DIR/c8.out")"
invariant "after the stalled cast" 8 1
expect_eq "nothing left prepared" 0 "$(prepared_casts)"

# The same cast whose session is gone (a worker that lost its electors
# connection and stalls before its urn step): recovery rolls the branch
# back, and its 'abort' row must outlive that, however late the worker
# comes back: its ballot is refused, never stored without its émargement.
sql_root electors "INSERT INTO college (id, operation_id, name) VALUES (3, 1, 'Agents de maîtrise');
INSERT INTO scrutin (id,operation_id,establishment_id,college_id,category,round,seats,state) VALUES (9,1,1,3,'titulaires',1,3,'open');
INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint, nul_slot) SELECT 9, public_key, fingerprint, nul_slot FROM scrutin_crypto WHERE scrutin_id = 1;
INSERT INTO elector_scrutin VALUES (1, 9);"
ISOLOIR_FAULT_PAUSE=after-electors-prepare "$DRV" "$CONF" cast 1 9 s9-e1 >"$STACK_DIR/c9.out" 2>&1 &
c9=$!
i=0
while [ "$(prepared_casts)" != 1 ]; do
	[ $((i += 1)) -lt 200 ] || break
	sleep 0.05
done
for id in $(sql_root electors "SELECT id FROM information_schema.processlist WHERE user = 'isoloir_web'"); do
	sql_root electors "KILL CONNECTION $id" >/dev/null
done
expect_match "recovery rolls back the branch its session left" 'committed=0 aborted=1' "$(recover)"
wait $c9
expect_eq "the late cast is refused (retry)" RETRY "$(cat "$STACK_DIR/c9.out")"
invariant "after the late cast" 9 0
expect_eq "no 'commit' row left after the chains; the 'abort' rows stay" "abort,abort,abort" \
	"$(sql_root urn 'SELECT GROUP_CONCAT(decision) FROM cast_decision')"
finish
