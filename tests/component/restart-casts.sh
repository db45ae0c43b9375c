#!/bin/sh
# restart-casts: reliability.md "Rolling restart of all workers under load:
# 0 failed casts" (R-OPS-1). Three workers; electors cast ballots of
# the small operation through nginx, two at a time, without pause, while
# `scripts/stack restart-workers` restarts every worker one after the other,
# twice. Each elector's ballot is sent again and again (a retry of the same
# ballot goes through the whole cast: verification, the two databases,
# the receipt), so casts are in flight during every stop. Every answer must
# be 200; afterwards ballots = émargements = electors, nothing left in
# flight, both restarts journaled. (scale-workers.sh covers scale N with
# plain requests; this one the casts.)
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
# no per-address limits: every elector here comes from 127.0.0.1
ISOLOIR_WORKERS=3 ISOLOIR_RATE_LIMIT=100000r/s ISOLOIR_BURST_CASTS=1000000
export ISOLOIR_WORKERS ISOLOIR_RATE_LIMIT ISOLOIR_BURST_CASTS
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
S=$ISOLOIR_SRCDIR/scripts/stack
N=8
first=10
i=$first
: >"$STACK_DIR/cred-r.sql"
while [ $i -lt $((first + N)) ]; do
	sql_root electors "INSERT INTO elector (id,operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
	 VALUES ($i,1,'R$i','Test','Relance','F','1980-01-01',1,1,'salarie','1 rue A','75001','Paris','42');
	 INSERT INTO elector_scrutin VALUES ($i,1);" >/dev/null
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" $i "ABCD-EFGH-JK$(printf '%02d' $i | tr 0123456789 ABCDEFGHJK)" 2345-6789-ABCD-EFGH >>"$STACK_DIR/cred-r.sql"
	i=$((i + 1))
done
sql_root electors "$(cat "$STACK_DIR/cred-r.sql"); UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null

# Each elector: a session (own cookie jar) and one encrypted ballot.
i=$first
while [ $i -lt $((first + N)) ]; do
	api_login "ABCD-EFGH-JK$(printf '%02d' $i | tr 0123456789 ABCDEFGHJK)" 2345-6789-ABCD-EFGH 42
	page=$(api_req GET '/api/bulletin?scrutin=1')
	printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
	node_web web/test/tools/encrypt.mjs 2 $((i % 2))1 <"$STACK_DIR/page.json" >"$STACK_DIR/vote-$i.json"
	cp "$STACK_DIR/jar" "$STACK_DIR/jar-$i"
	printf '%s' "$CSRF" >"$STACK_DIR/csrf-$i"
	i=$((i + 1))
done

# cast_once I : prints "CODE exit=RC". A request whose connection a
# reloading nginx closed before answering (curl 16/52) is sent once more,
# as browsers do (see scale-workers.sh); the same ballot sent twice is
# recorded once.
cast_once() {
	code=$(https_get --max-time 120 -b "$STACK_DIR/jar-$1" -o "$STACK_DIR/out-$1" -w '%{http_code}' \
		-X POST -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$STACK_DIR/csrf-$1")" \
		--data-binary "@$STACK_DIR/vote-$1.json" "${URL%/}/api/vote" 2>>"$STACK_DIR/curl.err")
	rc=$?
	if [ "$rc" = 16 ] || [ "$rc" = 52 ]; then
		echo "$rc" >>"$STACK_DIR/retries"
		code=$(https_get --max-time 120 -b "$STACK_DIR/jar-$1" -o "$STACK_DIR/out-$1" -w '%{http_code}' \
			-X POST -H 'Content-Type: application/json' -H "X-CSRF-Token: $(cat "$STACK_DIR/csrf-$1")" \
			--data-binary "@$STACK_DIR/vote-$1.json" "${URL%/}/api/vote" 2>>"$STACK_DIR/curl.err")
		rc=$?
	fi
	[ "$code" = 200 ] || echo "# elector $1: $code $(cat "$STACK_DIR/out-$1")" >>"$STACK_DIR/failed"
	echo "$code exit=$rc"
}
# Two clients, each over half of the electors, until told to stop (and at
# most 10 minutes: the loop is bounded).
load() { # load START STEP
	end=$(($(date +%s) + 600))
	while [ ! -e "$STACK_DIR/stop-load" ] && [ "$(date +%s)" -lt "$end" ]; do
		j=$1
		while [ $j -lt $((first + N)) ]; do
			cast_once $j >>"$STACK_DIR/codes"
			j=$((j + $2))
		done
	done
}
: >"$STACK_DIR/codes"
load $first 2 &
l1=$!
load $((first + 1)) 2 &
l2=$!
# wait until casts are flowing
for _ in $(seq 600); do [ "$(wc -l <"$STACK_DIR/codes")" -ge 4 ] && break; sleep 0.1; done
before=$(wc -l <"$STACK_DIR/codes")
"$S" restart-workers "$STACK_DIR" >/dev/null
mid=$(wc -l <"$STACK_DIR/codes")
"$S" restart-workers "$STACK_DIR" >/dev/null
after=$(wc -l <"$STACK_DIR/codes")
touch "$STACK_DIR/stop-load"
wait $l1 $l2
n=$(wc -l <"$STACK_DIR/codes")
echo "# casts answered: $before before the restarts, $((mid - before)) during the first, $((after - mid)) during the second, $n in all"
check "casts kept coming during the first restart" test $((mid - before)) -ge 1
check "…and during the second" test $((after - mid)) -ge 1
expect_eq "every cast answered 200" "" "$(grep -v '^200 exit=0$' "$STACK_DIR/codes" | sort | uniq -c)"
[ -e "$STACK_DIR/failed" ] && sed 's/^/# /' "$STACK_DIR/failed"
sed 's/^/# curl: /' "$STACK_DIR/curl.err"
echo "# casts sent again after a closed connection: $(cat "$STACK_DIR/retries" 2>/dev/null | wc -l)"
expect_eq "one ballot per elector" $N "$(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1')"
expect_eq "one émargement per elector" $N "$(sql_root electors 'SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1')"
# each worker thread keeps its last decision row until its next cast: the
# recovery deletes those of finished casts
"$ISOLOIR_BUILDDIR/tests/component/cast-db" "$STACK_DIR/etc/web.conf" recover 0 >/dev/null
expect_eq "no cast left in flight once the recovery ran" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')"
expect_eq "nothing left prepared" 0 "$(sql_root electors 'XA RECOVER' | wc -l)"
expect_eq "both rolling restarts journaled" 2 "$(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'intervention_technique' AND detail LIKE '%redémarrage des 3 workers%'")"
expect_eq "still three workers, all answering" "3 200" "$(grep -c 'server unix:' "$STACK_DIR/nginx/nginx.conf") $(https_get -o /dev/null -w '%{http_code}' "${URL%/}/healthz")"
finish
