#!/bin/sh
# stack-healthz: a full platform in a temp dir answers /healthz over TLS
# (verified against its own CA) with both databases ok; the static home page
# is French and carries the security headers; stop leaves no process behind.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up

# The schema version is the highest migration shipped in schema/<db>/.
latest() { ls "$ISOLOIR_SRCDIR/schema/$1" | grep -E '^[0-9]{3}_.*\.sql$' | sort | tail -n 1 | cut -c1-3 | sed 's/^0*//'; }
ve=$(latest electors) vu=$(latest urn)
body=$(https_get "${URL}healthz")
expect_eq "healthz: both databases ok, latest schema" \
	"{\"status\":\"ok\",\"electors\":{\"status\":\"ok\",\"schema\":$ve,\"expected\":$ve},\"urn\":{\"status\":\"ok\",\"schema\":$vu,\"expected\":$vu}}" "$body"

head=$(https_get -D - -o /dev/null "$URL")
expect_match "home: 200" '^HTTP/[0-9.]+ 200' "$head"
expect_match "home: HSTS" 'strict-transport-security: max-age=[0-9]+' "$head"
expect_match "home: CSP default-src self" "content-security-policy: default-src 'self'" "$head"
page=$(https_get "$URL")
expect_match "home: French page" '<html lang="fr">' "$page"
expect_match "home: UTF-8 accents intact" 'Élections professionnelles' "$page"

check "TLS 1.1 refused" sh -c "! curl -sS --max-time 5 --cacert '$CA' --tls-max 1.1 '$URL' >/dev/null 2>&1"
check "plain HTTP on the TLS port refused" sh -c "! curl -s --max-time 5 'http://127.0.0.1:$HTTPS_PORT/' | grep -q 'Élections'"
check "certificate verified (fails without the CA)" sh -c "! curl -sS --max-time 5 '$URL' >/dev/null 2>&1"

status_out=$("$ISOLOIR_SRCDIR/scripts/stack" status "$STACK_DIR" 2>&1)
expect_match "status: healthy" 'healthz +\{"status":"ok"' "$status_out"
expect_match "status: every component ok" '^nginx +ok' "$status_out"

# Stop and make sure nothing of this stack is left running.
pids=$(cat "$STACK_DIR"/db/*/mysqld.pid "$STACK_DIR"/fcgi/w*.pid "$STACK_DIR"/nginx/nginx.pid 2>/dev/null)
"$ISOLOIR_SRCDIR/scripts/stack" stop "$STACK_DIR" >/dev/null
left=""
for p in $pids; do kill -0 "$p" 2>/dev/null && left="$left $p"; done
expect_eq "stop leaves no process" "" "$left"
check "stop leaves no socket" sh -c "! ls '$STACK_DIR'/fcgi/*.sock '$STACK_DIR'/db/*/mysqld.sock 2>/dev/null | grep -q ."
finish
