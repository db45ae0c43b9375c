#!/bin/sh
# fcgi-login: elector login through nginx + TLS (R-AUTH-2/3/5, R-AUTH-4):
# CSRF, one generic error for any wrong field, lockout with the hotline
# number, session rotation and cookie flags, the elector's scrutins, and a
# reissue voiding older sessions.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up

load_small_operation || { echo "fixture failed"; exit 1; }
ID=ABCD-EFGH-JKMN PW=2345-6789-ABCD-EFGH

JAR=$STACK_DIR/cookies
api() { # api METHOD PATH [JSON] : prints "STATUS BODY"
	if [ -n "${3:-}" ]; then
		https_get -b "$JAR" -c "$JAR" -o "$STACK_DIR/body" -w '%{http_code}' -X "$1" \
			-H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data "$3" "${URL%/}$2"
	else
		https_get -b "$JAR" -c "$JAR" -o "$STACK_DIR/body" -w '%{http_code}' -X "$1" \
			-H "X-CSRF-Token: ${CSRF:-}" "${URL%/}$2"
	fi
	printf ' %s' "$(cat "$STACK_DIR/body")"
}
login() { api POST /api/connexion "{\"identifiant\":\"$1\",\"mot_de_passe\":\"$2\",\"reponse\":\"$3\"}"; }
csrf_of() { printf '%s' "$1" | sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p'; }

CSRF=
out=$(api GET /api/session)
expect_match "anonymous session: 200 with a CSRF token" '^200 \{"csrf":"[A-Za-z0-9_-]{32}","connecte":false\}' "$out"
CSRF=$(csrf_of "$out")
cookie=$(https_get -D - -o /dev/null "${URL}api/session" | grep -i '^set-cookie')
expect_match "cookie flags" '__Host-isoloir=[^;]+; Path=/; Secure; HttpOnly; SameSite=Strict' "$cookie"
anon=$(grep isoloir "$JAR" | awk '{print $7}')

good=$CSRF
CSRF=forged
expect_match "login without the right CSRF token: 403" '^403 ' "$(login "$ID" "$PW" 42)"
CSRF=$good
generic='Identifiant, mot de passe ou réponse à la question de sécurité incorrect'
expect_match "wrong password: 401, generic message" "^401 .*$generic" "$(login "$ID" 2345-6789-ABCD-EFGJ 42)"
expect_match "unknown identifier: same message" "^401 .*$generic" "$(login ABCD-EFGH-JKMP "$PW" 42)"
expect_match "wrong challenge: same message" "^401 .*$generic" "$(login "$ID" "$PW" 43)"
expect_match "malformed identifier: same message" "^401 .*$generic" "$(login 'x' "$PW" 42)"
expect_match "missing field: 400 in French" '^400 .*Veuillez remplir' "$(api POST /api/connexion '{"identifiant":"x"}')"
expect_match "not JSON: 415" '^415$' "$(https_get -b "$JAR" -o /dev/null -w '%{http_code}' -H "X-CSRF-Token: $CSRF" --data 'a=b' "${URL}api/connexion")"
expect_match "oversized body refused" '^413' "$(head -c 300000 /dev/zero | tr '\0' a | https_get -b "$JAR" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data-binary @- "${URL}api/connexion")"
# a cast's body may be large (a scrutin of ~450 candidates): nginx lets
# 300 kB through to the worker, which answers (not logged in), and stops
# a body over 1 MiB
expect_match "a 300 kB cast reaches the worker" '^401$' "$(head -c 300000 /dev/zero | tr '\0' a | https_get -b "$JAR" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data-binary @- "${URL}api/vote")"
expect_match "a cast over 1 MiB refused" '^413' "$(head -c 1100000 /dev/zero | tr '\0' a | https_get -b "$JAR" -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -H "X-CSRF-Token: $CSRF" --data-binary @- "${URL}api/vote")"
expect_match "not logged in: /api/electeur 401" '^401 ' "$(api GET /api/electeur)"

out=$(login "$(echo "$ID" | tr A-Z a-z)" "$PW" 42)
expect_match "right credentials (typed in lowercase): 200" '^200 \{"csrf":"[^"]+","connecte":true\}' "$out"
CSRF=$(csrf_of "$out")
authd=$(grep isoloir "$JAR" | awk '{print $7}')
check "session id rotated at login" test "$anon" != "$authd"
out=$(api GET /api/electeur)
expect_match "elector sees their name" '^200 \{"prenom":"Zoé","nom":"Dupré"' "$out"
expect_match "two scrutins, not voted" '"categorie":"titulaires","tour":1,"etat":"draft","a_vote":false.*"categorie":"suppleants"' "$out"
expect_eq "failures reset after success" 0 "$(sql_root electors 'SELECT failures FROM credential WHERE elector_id = 1')"

sql_root electors "INSERT INTO emargement (scrutin_id,elector_id,voted_at) VALUES (1,1,NOW(6))" >/dev/null
expect_match "voted scrutin shown as voted" '"id":1,[^}]*"a_vote":true' "$(api GET /api/electeur)"

# Reissue (generation bump): the open session is void.
sql_root electors "UPDATE credential SET generation = generation + 1 WHERE elector_id = 1" >/dev/null
expect_match "reissued credentials void the session" '^401 .*renouvelés' "$(api GET /api/electeur)"

# Lockout after 5 failures, even for the right password afterwards.
sql_root electors "UPDATE credential SET generation = 1, failures = 0, locked_until = NULL WHERE elector_id = 1" >/dev/null
CSRF=$(csrf_of "$(api GET /api/session)")
for i in 1 2 3 4; do login "$ID" 2345-6789-ABCD-EFGJ 42 >/dev/null; done
expect_match "5th failure locks, hotline named" '^423 .*bloqué pendant 15 minutes.*0 800 000 000' "$(login "$ID" 2345-6789-ABCD-EFGJ 42)"
expect_match "locked: right password refused too" '^423 ' "$(login "$ID" "$PW" 42)"

# The operation and its calendar (R-ORG-4): no login before or after.
out=$(api GET /api/operation)
expect_match "operation described in French" '^200 \{"nom":"Élections CSE 2026","ouverture":"2026-01-01T07:00:00Z","cloture":"2026-12-31T16:00:00Z","prolongation_minutes":0,"phase":"ouvert","etat":"Le vote est ouvert.","assistance":"0 800 000 000","mot_de_passe_oublie":false,"mobile_saisi":false\}' "$out"
sql_root electors "UPDATE operation SET opens_at = UTC_TIMESTAMP() + INTERVAL 1 DAY, closes_at = UTC_TIMESTAMP() + INTERVAL 2 DAY" >/dev/null
expect_match "before opening: phase avant" '"phase":"avant"' "$(api GET /api/operation)"
expect_match "before opening: login refused, said plainly" "^403 .*pas encore ouvert" "$(login ABCD-EFGH-JKMP "$PW" 42)"
sql_root electors "UPDATE operation SET opens_at = UTC_TIMESTAMP() - INTERVAL 2 DAY, closes_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE, grace_seconds = 1200" >/dev/null
expect_match "grace period: phase prolongation" '"phase":"prolongation"' "$(api GET /api/operation)"
expect_match "grace period: no new login" "^403 .*clos" "$(login ABCD-EFGH-JKMP "$PW" 42)"
sql_root electors "UPDATE operation SET grace_seconds = 0" >/dev/null
expect_match "after closing: phase clos" '"phase":"clos","etat":"Le vote est clos."' "$(api GET /api/operation)"

out=$(api POST /api/deconnexion)
expect_match "logout clears the session" '^200 ' "$out"
check "no password or identifier in the worker logs" sh -c "! grep -q -e '$PW' -e '$ID' '$STACK_DIR'/fcgi/*.log '$STACK_DIR'/nginx/logs/*.log"
finish
