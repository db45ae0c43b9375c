#!/bin/sh
# cast-unlinkable: R-VOTE-5 / R-DATA on a real platform: the two databases
# keep no common value for a cast, binary logs included. Electors vote
# through nginx and through lib/cast.c directly, some casts killed between
# their steps and settled by the recovery; then both binary logs are read
# with mariadb-binlog (rows decoded) and the urn's tables dumped: no cast
# xid, taken from the electors' binary log (its XA events), nor its random
# part, appears anywhere on the urn side, as text or in hexadecimal. The
# urn knows the casts by HMAC(cast key, xid) only: the test recomputes
# those tags from the key to show they are what the urn's log holds. A
# recovery with another cast key refuses to settle anything; both binary
# logs expire.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
need node mariadb-binlog mariadb-dump perl
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
CONF=$STACK_DIR/etc/web.conf
DRV=$ISOLOIR_BUILDDIR/tests/component/cast-db
W=$STACK_DIR/unlink
mkdir -p "$W"
cast() { "$DRV" "$CONF" cast "$@" 2>&1; }
recover() { "$DRV" "${2:-$CONF}" recover "${1:-0}" 2>&1; }
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot"; }
marks() { sql_root electors "SELECT COUNT(*) FROM emargement"; }
prepared() { sql_root electors "XA RECOVER" | grep -c 'ic-'; }

# Electors 10..15 in scrutin 2 (cast through lib/cast.c).
for i in 10 11 12 13 14 15; do
	sql_root electors "INSERT INTO elector (id,operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
	 VALUES ($i,1,'U$i','Test','Secret','F','1980-01-01',1,1,'salarie','1 rue A','75001','Paris','42');
	 INSERT INTO elector_scrutin VALUES ($i,2);" >/dev/null
done
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id IN (1, 2)" >/dev/null

# Through the API: electors 1 and 2 in scrutin 1.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes through nginx" '^200 .*bien été enregistré' "$(api_vote 1 2 11)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes through nginx" '^200 .*bien été enregistré' "$(api_vote 1 1 111)"

# Through lib/cast.c, with crashes between the steps.
expect_eq "elector 10 votes" RECORDED "$(cast 10 2 u-10)"
expect_eq "elector 11 votes" RECORDED "$(cast 11 2 u-11)"
out=$(ISOLOIR_FAULT=after-electors-prepare "$DRV" "$CONF" cast 12 2 u-12 2>&1; echo "rc=$?")
expect_match "elector 12: killed after the émargement is prepared" 'rc=137' "$out"
expect_match "…recovery finds no decision under the tag and aborts" 'committed=0 aborted=1' "$(recover)"
expect_eq "…the elector votes again: a fresh cast" RECORDED "$(cast 12 2 u-12)"
out=$(ISOLOIR_FAULT=after-urn-commit "$DRV" "$CONF" cast 13 2 u-13 2>&1; echo "rc=$?")
expect_match "elector 13: killed after the urn commit" 'rc=137' "$out"
expect_eq "…its émargement stays prepared" 1 "$(prepared)"

# A recovery holding another cast key would find no decision row and abort
# a cast whose ballot is in: it refuses, nothing is touched.
sed "s/^cast_key = .*/cast_key = $(openssl rand -hex 32)/" "$CONF" >"$W/other.conf"
out=$(recover 0 "$W/other.conf"; echo "rc=$?")
expect_match "recovery with another cast key refuses (French)" "clé des votes.*aucune reprise faite.*rc=1" "$(printf '%s' "$out" | tr '\n' ' ')"
expect_eq "…the émargement is still prepared" 1 "$(prepared)"
expect_match "recovery with the right key commits it (tag = HMAC(key, xid))" 'committed=1 aborted=0' "$(recover)"
expect_eq "…retry: the recorded vote" ALREADY_HERE "$(cast 13 2 u-13)"
out=$(ISOLOIR_FAULT=after-electors-commit "$DRV" "$CONF" cast 14 2 u-14 2>&1; echo "rc=$?")
expect_match "elector 14: killed after the émargement commit" 'rc=137' "$out"
expect_match "…recovery cleans its decision row" 'committed=0 aborted=0 cleaned=1' "$(recover)"
expect_eq "elector 15 votes" RECORDED "$(cast 15 2 u-15)"
expect_eq "8 ballots, 8 émargements" "8 8" "$(ballots) $(marks)"
expect_eq "no cast in flight" "0 0" "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"') $(prepared)"

# Both binary logs, rows decoded, and the urn's tables.
binlog() { # binlog electors|urn : the instance's binary log as text
	mariadb-binlog --no-defaults --verbose --base64-output=decode-rows \
		"$STACK_DIR"/db/"$1"/data/binlog.[0-9]*
}
binlog electors >"$W/electors.binlog" 2>"$W/binlog.err"
binlog urn >"$W/urn.binlog" 2>>"$W/binlog.err"
expect_eq "both binary logs readable" "" "$(cat "$W/binlog.err")"
for h in "" --hex-blob; do
	mariadb-dump --no-defaults -S "$URN_SOCK" -u root --skip-extended-insert $h isoloir_urn
done >"$W/urn.dump"
sql_root urn "SELECT tag, HEX(tag) FROM cast_decision; SELECT fingerprint, HEX(fingerprint) FROM cast_key" >>"$W/urn.dump"
# The cast xids, from the XA events of the electors' log (X'hex',X'',1).
grep -o "XA [A-Z]* X'[0-9a-fA-F]*'" "$W/electors.binlog" | sed "s/.*X'\([0-9a-fA-F]*\)'/\1/" |
	sort -u | while read -r hx; do printf '%s' "$hx" | unhex; echo; done | grep '^ic-' >"$W/xids"
n=$(wc -l <"$W/xids")
# 7 casts that prepared an émargement and reached the urn or recovery,
# plus the aborted one; refusals prepare nothing.
check "the electors' binary log names every cast's xid ($n ≥ 8)" [ "$n" -ge 8 ]
# (Row events, decoded: "### INSERT INTO `isoloir_electors`.`emargement`".)
check "…next to the émargements (with the elector's id)" \
	[ "$(grep -c 'INSERT INTO `isoloir_electors`.`emargement`' "$W/electors.binlog")" -ge 8 ]
hits() { # hits FILE... : "FILE XID" for each xid found in FILE, itself or
	# its random part, as text or in hex
	for x in $(cat "$W/xids"); do
		rand=${x##*-}
		for v in "$x" "$rand" "$(printf '%s' "$x" | od -An -tx1 | tr -d ' \n')" \
			"$(printf '%s' "$rand" | od -An -tx1 | tr -d ' \n')"; do
			for f in "$@"; do grep -qiF -- "$v" "$W/$f" && echo "$f $x"; done
		done
	done | sort -u
}
# The search itself finds every xid in the electors' log (where XA events
# show them in hex).
expect_eq "the search finds every xid in the electors' log" "$n" "$(hits electors.binlog | wc -l)"
expect_eq "no xid, nor its random part, as text or hex, in the urn's binary log or tables" "" "$(hits urn.binlog urn.dump)"
# The urn's log holds the tags: HMAC(cast key, xid) of the casts decided
# in the urn (commits and the recovery's abort). Its decoded rows show
# BINARY values as strings whose bytes below 0x20 are written \xHH: compare
# bytes with perl, those undone.
key=$(sed -n 's/^cast_key = //p' "$CONF")
perl -e 'local $/; my $l = <STDIN>; $l =~ s/\\x([0-9a-f]{2})/chr(hex($1))/gse; print $l' \
	<"$W/urn.binlog" >"$W/urn.binlog.raw"
tags=0
for x in $(cat "$W/xids"); do
	t=$(printf '%s' "$x" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$key" -r | cut -c1-64)
	[ ${#t} = 64 ] && perl -e 'local $/; my $l = <STDIN>; exit(index($l, pack("H*", $ARGV[0])) >= 0 ||
		index(lc $l, lc $ARGV[0]) >= 0 ? 0 : 1)' "$t" <"$W/urn.binlog.raw" && tags=$((tags + 1))
done
expect_eq "the urn's log holds HMAC(key, xid) for every cast (commits and the abort)" "$n" "$tags"
expect_eq "…and the urn's decision table has no time column" "tag decision" \
	"$(sql_root urn "SELECT GROUP_CONCAT(column_name ORDER BY ordinal_position SEPARATOR ' ') FROM information_schema.columns WHERE table_schema = 'isoloir_urn' AND table_name = 'cast_decision'")"

# Binary logs are for the standby, not for history: both expire.
for db in electors urn; do
	check "$db: binary logs expire (binlog_expire_logs_seconds > 0)" \
		[ "$(sql_root "$db" 'SELECT @@binlog_expire_logs_seconds')" -gt 0 ]
done
finish
