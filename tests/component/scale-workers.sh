#!/bin/sh
# scale-workers: `scripts/stack scale N` (R-OPS-1) changes the number of
# FastCGI workers while requests keep coming, without a single failed
# request, and each change is journaled for the bureau (R-BUR-7), as is a
# rolling restart.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
S=$ISOLOIR_SRCDIR/scripts/stack
journal() { sql_root electors "SELECT detail FROM journal WHERE action = 'intervention_technique' ORDER BY seq"; }
workers() { grep -c 'server unix:' "$STACK_DIR/nginx/nginx.conf"; }

expect_eq "two workers to begin with" 2 "$(workers)"
# Load: requests one after another through nginx for the whole test.
: >"$STACK_DIR/codes"
(
	# a generous time limit: on a loaded test machine a request may wait
	# long for a core; a refused or reset connection shows at once
	# nginx's reload closes the connections its old processes accepted but
	# had not read a request on (HTTP/2 GOAWAY); browsers send such a
	# request again, so does this client, once (curl 16 or 52: closed
	# before any answer). Any other failure counts.
	while [ ! -e "$STACK_DIR/stop-load" ]; do
		code=$(https_get --max-time 120 -o /dev/null -w '%{http_code}' "${URL%/}/healthz" 2>>"$STACK_DIR/curl.err")
		rc=$?
		if [ "$rc" = 16 ] || [ "$rc" = 52 ]; then
			echo "$rc" >>"$STACK_DIR/retries"
			code=$(https_get --max-time 120 -o /dev/null -w '%{http_code}' "${URL%/}/healthz" 2>>"$STACK_DIR/curl.err")
			rc=$?
		fi
		echo "$code exit=$rc" >>"$STACK_DIR/codes"
	done
) &
load=$!
sleep 1
out=$("$S" scale 4 "$STACK_DIR" 2>&1)
expect_match "scale up to 4" "4 worker\(s\) en service \(avant : 2\)" "$out"
expect_eq "…nginx lists 4 workers" 4 "$(workers)"
expect_eq "…4 sockets" 4 "$(ls "$STACK_DIR"/fcgi/w*.sock | wc -l)"
expect_eq "…stack.env says 4" "WORKERS=4" "$(grep '^WORKERS=' "$STACK_DIR/stack.env")"
sleep 1
out=$("$S" scale 1 "$STACK_DIR" 2>&1)
expect_match "scale down to 1" "1 worker\(s\) en service \(avant : 4\)" "$out"
expect_eq "…nginx lists 1 worker" 1 "$(workers)"
expect_eq "…the others stopped" 1 "$(ls "$STACK_DIR"/fcgi/w*.sock | wc -l)"
"$S" restart-workers "$STACK_DIR" >/dev/null
sleep 1
touch "$STACK_DIR/stop-load"
wait "$load"
n=$(wc -l <"$STACK_DIR/codes")
check "requests kept coming during the changes ($n)" test "$n" -ge 20
expect_eq "every request answered 200" "" "$(grep -v '^200 exit=0$' "$STACK_DIR/codes" | sort | uniq -c)"
sed 's/^/# curl: /' "$STACK_DIR/curl.err"
echo "# requests sent again after a reload closed their connection: $(cat "$STACK_DIR/retries" 2>/dev/null | wc -l)"
expect_eq "still answering after the changes" 200 "$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/healthz")"
out=$(journal)
expect_match "scale up journaled for the bureau" '"detail":"workers FastCGI : 2 → 4, sans interruption' "$out"
expect_match "scale down journaled" '"detail":"workers FastCGI : 4 → 1' "$out"
expect_match "rolling restart journaled" '"detail":"redémarrage des 1 workers FastCGI un par un.*"type":"redemarrage"' "$out"
expect_eq "three interventions" 3 "$(printf '%s\n' "$out" | wc -l)"
out=$("$S" scale 0 "$STACK_DIR" 2>&1)
expect_match "zero workers refused" "nombre de workers invalide" "$out"
out=$("$ISOLOIR_BUILDDIR/tui/isoloir-console" intervention inconnu --detail x -c "$STACK_DIR/etc/console.conf" 2>&1)
expect_match "an unknown intervention type refused" "type d'intervention inconnu « inconnu »" "$out"
finish
