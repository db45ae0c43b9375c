#!/bin/sh
# failover: R-OPS-2 on a real platform with its standby (scripts/stack,
# ISOLOIR_STANDBY=1: both MariaDB instances replicated semi-synchronously
# to their standbys). Electors vote through nginx; both primary instances
# are killed (SIGKILL) in the middle of it; `scripts/stack failover` checks
# the standbys and promotes them. Every vote whose receipt reached its
# elector is in the standby's urn (0 acknowledged votes lost), ballots =
# émargements, the seal and both journals verify, the takeover is journaled
# after the entries of the primary, and electors vote again. Before that,
# a standby altered behind the platform's back (a ballot deleted, a journal
# entry changed) is refused with a French message and nothing promoted.
# Then `scripts/stack standby-rebuild` gives the new primaries new standbys
# from hot copies while electors vote (each vote acknowledged, the standbys
# semi-synchronous at the primaries' GTID positions), the new primaries are
# killed under load and a second takeover loses no acknowledged vote either;
# a rebuild with nothing to do, or with its primary down, is refused.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
export ISOLOIR_STANDBY=1 ISOLOIR_RATE_LIMIT=10000r/s ISOLOIR_BURST_CASTS=100000
# With --enable-fault-injection (scripts/test, CI), each cast waits 3 s
# between its urn commit (the decision) and its émargement's XA COMMIT, so
# that the kill below also catches casts decided but not finished: their
# receipt is still returned, and the takeover must settle them. Without it
# the test runs the same, only with fewer half-done casts.
export ISOLOIR_FAULT_PAUSE=after-urn-commit
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
S=$ISOLOIR_SRCDIR/scripts/stack
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
W=$STACK_DIR/failover
mkdir -p "$W"
N=120 PW=2345-6789-ABCD-EFGH

# The small operation's lists and key, with N electors in scrutin 1 sharing
# one password (mkcred --bulk: identifiers bench_id(1..N)).
sql_root electors "$(cat "$ISOLOIR_SRCDIR/tests/data/small-operation.sql")
INSERT INTO elector (operation_id, matricule, nom, prenom, sexe, date_naissance, establishment_id,
  college_id, statut, adresse, code_postal, ville, cle_nir)
  SELECT 1, CONCAT('F', seq), 'Nom', 'Prénom', 'F', '1980-01-01', 1, 1, 'salarie', 'rue', '75001',
  'Paris', '42' FROM seq_3_to_$N;
INSERT INTO elector_scrutin SELECT id, 1 FROM elector WHERE id > 2;
UPDATE elector SET cle_nir = '42';" >/dev/null
"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" --bulk "$N" "$PW" >"$W/cred.sql" &&
	sql_root electors "$(cat "$W/cred.sql")" >/dev/null
expect_eq "$N electors with credentials" "$N" "$(sql_root electors 'SELECT COUNT(*) FROM credential')"

# Bureau, codes, sealing and opening of scrutin 1 by the console.
small_bureau "$W/codes"
for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
"$C" scrutin transition 1 sealed --codes "$W/codes" >"$W/seal.out" 2>&1
"$C" scrutin transition 1 open --codes "$W/codes" >>"$W/seal.out" 2>&1
expect_eq "scrutin 1 sealed and open" open "$(sql_root electors 'SELECT state FROM scrutin WHERE id = 1')"
expect_match "…its seal holds on the primary" conforme "$("$C" seal verify 1 2>&1)"
out=$("$S" status "$STACK_DIR" 2>&1)
expect_match "status: both instances replicate semi-synchronously" \
	"réplication electors +ok \(semi-synchrone vers electors-standby\).*réplication urn +ok \(semi-synchrone vers urn-standby\)" "$(printf '%s' "$out" | tr '\n' ' ')"
# The alarm: a standby that stops replicating shows at once.
mariadb --no-defaults -S "$STACK_DIR/db/urn-standby/mysqld.sock" -u root -e 'STOP SLAVE'
out=$("$S" status "$STACK_DIR" 2>&1); rc=$?
expect_match "standby stopped: status raises the alarm" "réplication urn +ALERTE : secours non synchronisé" "$out"
expect_eq "…and exits 1" 1 "$rc"
mariadb --no-defaults -S "$STACK_DIR/db/urn-standby/mysqld.sock" -u root -e 'START SLAVE'
# A primary restarted (restart-db) keeps its semi-synchronous standby.
"$S" restart-db urn "$STACK_DIR" >/dev/null
for _ in $(seq 300); do "$S" status "$STACK_DIR" >/dev/null 2>&1 && break; sleep 0.2; done
expect_match "after START SLAVE and a restart of the urn primary: semi-synchronous again" \
	"réplication urn +ok \(semi-synchrone" "$("$S" status "$STACK_DIR" 2>&1)"
out=$("$S" standby-rebuild "$STACK_DIR" 2>&1); rc=$?
expect_eq "standby-rebuild with both standbys in place: refused (exit 1)" 1 "$rc"
expect_match "…in French" "rien à reconstruire : electors et urn ont chacune leur base de secours" "$out"

# Votes of electors 1..58 (bench_id identifiers), through nginx, 8 at a time;
# electors 59 and 60 vote after the takeover, 61..90 during the rebuild of
# the standbys, 91..120 when the new primaries are killed.
ids() { # ids FROM TO : "IDENTIFIER PW 42 1 LIST -" lines
	awk -v from="$1" -v to="$2" -v pw="$PW" 'BEGIN {
		a = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
		for (i = from; i <= to; i++) {
			id = ""; n = i
			for (k = 0; k < 12; k++) { id = substr(a, n % 31 + 1, 1) id; n = int(n / 31) }
			# lists of 3, 3, 2 and 1 candidates, all kept
			print id, pw, 42, 1, i % 4, substr("111", 1, i % 4 < 2 ? 3 : 4 - i % 4)
		}
	}'
}
ids 1 58 >"$W/votes.txt"
node_web web/test/tools/voters.mjs "$URL" "$CA" 8 <"$W/votes.txt" >"$W/votes.out" 2>&1 &
load=$!

# Both primaries killed once some votes are in (no timing: the count).
for _ in $(seq 1800); do
	[ "$(sql_root urn 'SELECT COUNT(*) FROM ballot' 2>/dev/null)" -ge 10 ] 2>/dev/null && break
	kill -0 "$load" 2>/dev/null || break
	sleep 0.1
done
kill -9 "$(cat "$STACK_DIR/db/electors/mysqld.pid")" "$(cat "$STACK_DIR/db/urn/mysqld.pid")"
wait "$load"
unset ISOLOIR_FAULT_PAUSE
acked=$(sed -n 's/^ok .*"empreinte":"\([0-9a-f]\{64\}\)".*/\1/p' "$W/votes.out")
nacked=$(printf '%s\n' "$acked" | grep -c .)
echo "# $(tail -n 1 "$W/votes.out")"
grep -m 3 '^error' "$W/votes.out" | sed 's/^/# /'
check "receipts returned before the kill ($nacked)" test "$nacked" -ge 1
check "the kill came before the end of the votes (errors after it)" grep -q '^error' "$W/votes.out"

# Negative cases on the standby, before any takeover.
SB_EL=$STACK_DIR/db/electors-standby/mysqld.sock SB_URN=$STACK_DIR/db/urn-standby/mysqld.sock
sb() { # sb electors|urn SQL : root on a standby
	if [ "$1" = electors ]; then s=$SB_EL; else s=$SB_URN; fi
	mariadb --no-defaults -S "$s" -u root -N "isoloir_$1" -e "$2" 2>&1
}
one=$(printf '%s\n' "$acked" | head -n 1)
body=$(sb urn "SELECT HEX(body) FROM ballot WHERE tracker = UNHEX('$one')")
sb urn "DELETE FROM ballot WHERE tracker = UNHEX('$one')" >/dev/null
out=$("$S" failover "$STACK_DIR" 2>&1); rc=$?
# the casts decided before the kill but unfinished are settled on the first
# attempt (whatever the checks say next)
echo "# $(printf '%s\n' "$out" | grep '^Votes interrompus repris')"
expect_eq "a ballot missing on the standby: takeover refused (exit 1)" 1 "$rc"
expect_match "…in French, naming the mismatch" \
	"BASCULE REFUSÉE : scrutin n° 1 : [0-9]+ bulletin\(s\) dans l'urne mais [0-9]+ émargement\(s\) : l'urne et la liste d'émargement ne concordent pas" "$out"
expect_match "…the bureau decides" "le bureau décide" "$out"
expect_eq "…the standby still read-only" 1 "$(sb electors 'SELECT @@global.read_only')"
expect_eq "…nothing promoted (the primary still named in the configuration)" 1 \
	"$(grep -c "db/electors/mysqld.sock" "$STACK_DIR/etc/web.conf")"
expect_eq "…no takeover journaled" 0 "$(sb electors "SELECT COUNT(*) FROM journal WHERE detail LIKE '%\"bascule\"%'")"
sb urn "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body) VALUES (UNHEX('$one'), 1, 0, UNHEX('$body'))" >/dev/null

detail=$(sb electors "SELECT HEX(detail) FROM journal WHERE seq = 2")
sb electors "UPDATE journal SET detail = 'modifié' WHERE seq = 2" >/dev/null
out=$("$S" failover "$STACK_DIR" 2>&1); rc=$?
expect_eq "a journal entry changed on the standby: takeover refused" 1 "$rc"
expect_match "…the journal named" "BASCULE REFUSÉE : journal de la base des électeurs.*2" "$out"
sb electors "UPDATE journal SET detail = UNHEX('$detail') WHERE seq = 2" >/dev/null
before=$(sb electors "SELECT MAX(seq) FROM journal")

# The takeover.
out=$("$S" failover "$STACK_DIR" 2>&1); rc=$?
expect_eq "takeover of the intact standby: exit 0" 0 "$rc"
printf '%s\n' "$out" | sed 's/^/# /'
expect_match "…the checks listed" "Contrôles conformes : journaux vérifiés .*1 scellement\(s\) conforme\(s\)" "$out"
. "$STACK_DIR/stack.env"
expect_eq "stack.env names the standbys" "electors-standby urn-standby" "$ELECTORS_DB $URN_DB"
expect_eq "…the configuration too" 1 "$(grep -c "db/electors-standby/mysqld.sock" "$STACK_DIR/etc/web.conf")"
expect_eq "…promoted: writable" 0 "$(sql_root electors 'SELECT @@global.read_only')"
expect_eq "…no longer a replica" "" "$(sql_root urn 'SHOW SLAVE STATUS')"

# After a takeover: every receipt's ballot in the new primary's urn,
# ballots = émargements (sets b), no cast left half-done.
no_vote_lost() { # no_vote_lost "TRACKERS"
	missing=0 n=$(printf '%s\n' $1 | grep -c .)
	for t in $1; do
		[ "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE tracker = UNHEX('$t')")" = 1 ] || missing=$((missing + 1))
	done
	expect_eq "0 acknowledged votes lost ($n receipts, each ballot in the new primary's urn)" 0 "$missing"
	b=$(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1')
	expect_eq "ballots ($b) = émargements" "$b" "$(sql_root electors 'SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1')"
	check "…at least the acknowledged ones" test "$b" -ge "$n"
	expect_eq "no cast left half-done" "0 0" \
		"$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"') $(sql_root electors 'XA RECOVER' | grep -c .)"
}
no_vote_lost "$acked"
expect_match "the seal verifies on the new primary" conforme "$("$C" seal verify 1 2>&1)"
expect_match "the electors journal verifies" "chaînage intact" "$("$C" journal verify electors 2>&1)"
expect_match "the urn journal verifies" "chaînage intact" "$("$C" journal verify urn 2>&1)"
tk=$(sql_root electors "SELECT seq FROM journal WHERE action = 'intervention_technique' AND detail LIKE '%\"type\":\"bascule\"%'")
check "the takeover journaled after the primary's entries ($before < $tk)" test "${tk:-0}" -gt "$before"

# Electors vote again, on the new primary.
ids 59 60 >"$W/after.txt"
node_web web/test/tools/voters.mjs "$URL" "$CA" 2 <"$W/after.txt" >"$W/after.out" 2>&1
expect_match "two new votes after the takeover" "^votes: 2 ok, 0 errors" "$(tail -n 1 "$W/after.out")"
expect_eq "…in the urn and the émargement" "$((b + 2)) $((b + 2))" \
	"$(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1') $(sql_root electors 'SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1')"
expect_match "status after the takeover: healthy" '"status":"ok"' "$("$S" status "$STACK_DIR" 2>&1)"
out=$("$S" failover "$STACK_DIR" 2>&1)
expect_match "a second takeover without standbys refused" "la bascule a déjà eu lieu.*standby-rebuild d'abord" "$out"
out=$("$S" status "$STACK_DIR" 2>&1); rc=$?
expect_match "status: no standby any more, the alarm" "réplication electors-standby +ALERTE : pas de base de secours" "$out"
expect_eq "…exit 1" 1 "$rc"
check "the old primaries' directories kept, marked" test -f "$STACK_DIR/db/electors/ANCIENNE-PRINCIPALE.txt" -a \
	-f "$STACK_DIR/db/urn/ANCIENNE-PRINCIPALE.txt" -a -d "$STACK_DIR/db/urn/data/isoloir_urn"

# New standbys rebuilt from hot copies of the new primaries while electors
# vote (casts paused 3 s in the middle again, so that the copies catch
# prepared émargements and decisions in flight).
export ISOLOIR_FAULT_PAUSE=after-urn-commit
"$S" restart-workers "$STACK_DIR" >/dev/null
ids 61 90 >"$W/rebuild.txt"
node_web web/test/tools/voters.mjs "$URL" "$CA" 6 <"$W/rebuild.txt" >"$W/rebuild.out" 2>&1 &
load=$!
b0=$(sql_root urn 'SELECT COUNT(*) FROM ballot')
for _ in $(seq 600); do
	[ "$(sql_root urn 'SELECT COUNT(*) FROM ballot')" -gt "$b0" ] && break
	sleep 0.1
done
out=$("$S" standby-rebuild "$STACK_DIR" 2>&1); rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
echo "# ballots: $b0 before the rebuild, $(sql_root urn 'SELECT COUNT(*) FROM ballot') after it (load still running: $(kill -0 $load 2>/dev/null && echo yes || echo no))"
expect_eq "standby-rebuild under load: exit 0" 0 "$rc"
wait "$load"
expect_match "every vote during the rebuild acknowledged" "^votes: 30 ok, 0 errors" "$(tail -n 1 "$W/rebuild.out")"
. "$STACK_DIR/stack.env"
expect_eq "stack.env names the new standbys" "electors-standby2 urn-standby2" "$ELECTORS_STANDBY_DB $URN_STANDBY_DB"
out=$("$S" status "$STACK_DIR" 2>&1); rc=$?
expect_match "status: semi-synchronous to the new standbys" \
	"réplication electors-standby +ok \(semi-synchrone vers electors-standby2\).*réplication urn-standby +ok \(semi-synchrone vers urn-standby2\)" \
	"$(printf '%s' "$out" | tr '\n' ' ')"
expect_eq "…exit 0" 0 "$rc"
for db in electors urn; do
	ss=$STACK_DIR/db/$db-standby2/mysqld.sock
	expect_eq "$db-standby2: semi-sync replica" "Rpl_semi_sync_slave_status	ON" \
		"$(mariadb --no-defaults -S "$ss" -u root -N -e "SHOW GLOBAL STATUS LIKE 'Rpl_semi_sync_slave_status'")"
	ppos=$(sql_root "$db" 'SELECT @@gtid_binlog_pos')
	spos=''
	for _ in $(seq 600); do
		spos=$(mariadb --no-defaults -S "$ss" -u root -N -e 'SELECT @@gtid_slave_pos')
		[ "$spos" = "$ppos" ] && break
		sleep 0.1
	done
	expect_eq "$db-standby2 at the primary's GTID position" "$ppos" "$spos"
	t=ballot; [ "$db" = electors ] && t=emargement
	expect_eq "…same $t table (checksum)" "$(sql_root "$db" "CHECKSUM TABLE $t" | cut -f2)" \
		"$(mariadb --no-defaults -S "$ss" -u root -N "isoloir_$db" -e "CHECKSUM TABLE $t" | cut -f2)"
done
out=$("$S" standby-rebuild "$STACK_DIR" 2>&1); rc=$?
expect_match "a second rebuild: nothing to do, refused" "rien à reconstruire" "$out"
expect_eq "…exit 1" 1 "$rc"
# A promoted primary restarted keeps its new standby semi-synchronous.
"$S" restart-db urn "$STACK_DIR" >/dev/null
for _ in $(seq 300); do "$S" status "$STACK_DIR" >/dev/null 2>&1 && break; sleep 0.2; done
expect_match "restart-db of a promoted primary: semi-synchronous to its new standby again" \
	"réplication urn-standby +ok \(semi-synchrone vers urn-standby2\)" "$("$S" status "$STACK_DIR" 2>&1)"
acked2=$(sed -n 's/^ok .*"empreinte":"\([0-9a-f]\{64\}\)".*/\1/p' "$W/after.out" "$W/rebuild.out")

# The new primaries killed under load; the second takeover.
ids 91 120 >"$W/votes2.txt"
node_web web/test/tools/voters.mjs "$URL" "$CA" 8 <"$W/votes2.txt" >"$W/votes2.out" 2>&1 &
load=$!
b0=$(sql_root urn 'SELECT COUNT(*) FROM ballot')
for _ in $(seq 1800); do
	[ "$(sql_root urn 'SELECT COUNT(*) FROM ballot' 2>/dev/null)" -ge $((b0 + 8)) ] 2>/dev/null && break
	kill -0 "$load" 2>/dev/null || break
	sleep 0.1
done
kill -9 "$(cat "$STACK_DIR/db/electors-standby/mysqld.pid")" "$(cat "$STACK_DIR/db/urn-standby/mysqld.pid")"
wait "$load"
unset ISOLOIR_FAULT_PAUSE
acked3=$(sed -n 's/^ok .*"empreinte":"\([0-9a-f]\{64\}\)".*/\1/p' "$W/votes2.out")
echo "# $(tail -n 1 "$W/votes2.out")"
check "receipts returned before the second kill" test "$(printf '%s\n' "$acked3" | grep -c .)" -ge 1
out=$("$S" failover "$STACK_DIR" 2>&1); rc=$?
printf '%s\n' "$out" | sed 's/^/# /'
expect_eq "second takeover, to the rebuilt standbys: exit 0" 0 "$rc"
. "$STACK_DIR/stack.env"
expect_eq "…stack.env names them" "electors-standby2 urn-standby2" "$ELECTORS_DB $URN_DB"
# every receipt of both takeovers and of the rebuild
no_vote_lost "$acked $acked2 $acked3"
expect_match "the seal verifies" conforme "$("$C" seal verify 1 2>&1)"
expect_match "the electors journal verifies" "chaînage intact" "$("$C" journal verify electors 2>&1)"
expect_match "the urn journal verifies" "chaînage intact" "$("$C" journal verify urn 2>&1)"
expect_eq "two takeovers and the rebuild journaled" "2 1" \
	"$(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'intervention_technique' AND detail LIKE '%\"type\":\"bascule\"%'") $(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'intervention_technique' AND detail LIKE '%standby-rebuild%'")"
check "the first primaries never restarted" test ! -e "$STACK_DIR/db/electors/mysqld.pid" -a ! -e "$STACK_DIR/db/urn/mysqld.pid"
# A rebuild when the primary does not answer: refused, nothing built.
kill -9 "$(cat "$STACK_DIR/db/urn-standby2/mysqld.pid")"
out=$("$S" standby-rebuild "$STACK_DIR" 2>&1); rc=$?
expect_eq "rebuild with the primary down: refused (exit 1)" 1 "$rc"
expect_match "…in French" "la base principale urn-standby2 ne répond pas" "$out"
check "…no standby built" test ! -e "$STACK_DIR/db/electors-standby3" -a ! -e "$STACK_DIR/db/urn-standby3"
finish
