#!/bin/sh
# fcgi-healthz: the FastCGI worker driven directly on its unix socket (no
# nginx): healthz, 404, 405, body cap, and a 503 naming the database that is
# down when the urn instance is killed.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need cgi-fcgi
stack_up

fcgi() { # fcgi METHOD PATH [BODY-LENGTH]
	REQUEST_METHOD=$1 DOCUMENT_URI=$2 QUERY_STRING= CONTENT_LENGTH=${3:-} \
		cgi-fcgi -bind -connect "$STACK_DIR/fcgi/w1.sock" </dev/null 2>&1
}

out=$(fcgi GET /healthz)
expect_match "healthz 200" '^Status: 200' "$out"
expect_match "healthz JSON ok" '"status":"ok","electors":\{"status":"ok"' "$out"
expect_match "no-store" 'Cache-Control: no-store' "$out"
out=$(fcgi GET /nope)
expect_match "unknown path 404" '^Status: 404' "$out"
expect_match "unknown path: French message" 'Page introuvable' "$out"
expect_match "wrong method 405" '^Status: 405' "$(fcgi POST /healthz 0)"
expect_match "oversized body refused 413" '^Status: 413' "$(fcgi POST /healthz 99999999)"
expect_match "bad CONTENT_LENGTH 400" '^Status: 400' "$(fcgi POST /healthz abc)"

# Kill the urn database: the worker reports it, names it, and says 503.
kill -9 "$(cat "$STACK_DIR/db/urn/mysqld.pid")"
sleep 0.5
out=$(fcgi GET /healthz)
expect_match "urn down: 503" '^Status: 503' "$out"
expect_match "urn down: named" '"urn":\{"status":"down"' "$out"
expect_match "electors still ok" '"electors":\{"status":"ok"' "$out"
check "worker survived" kill -0 "$(cat "$STACK_DIR/fcgi/w1.pid")"
finish
