#!/bin/sh
# fcgi-observer: observer accounts through nginx + TLS (R-AUTH-7, R-BUR-5,
# R-BUR-6): made by the console with their own credentials, scoped to
# their scrutins (403 elsewhere), read-only (every POST but login/logout
# refused), turnout equal to the émargement counts after real votes, no
# name of who voted, revocation effective on an open session.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null
CONSOLE="$ISOLOIR_BUILDDIR/tui/isoloir-console"
CONF=$STACK_DIR/etc/console.conf

out=$("$CONSOLE" observer add --qualite delegue_liste --nom Durand --prenom Aïcha --scrutins 1 --out "$STACK_DIR/obs1.csv" -c "$CONF" 2>&1)
expect_match "console: observer added, password not on screen" '^Observateur n° 1 \(Aïcha Durand, Délégué de liste\), identifiant [A-Z0-9-]{14} : identifiants dans' "$out"
check "credentials file readable by its owner only" test "$(stat -c %a "$STACK_DIR/obs1.csv")" = 600
O1_ID=$(sed -n 2p "$STACK_DIR/obs1.csv" | cut -d';' -f6)
O1_PW=$(sed -n 2p "$STACK_DIR/obs1.csv" | cut -d';' -f7)
check "password not printed" sh -c "! printf '%s' '$out' | grep -q -- '$O1_PW'"
"$CONSOLE" observer add --qualite huissier --nom Bailly --prenom Rémi --scrutins 1,2 --out "$STACK_DIR/obs2.csv" -c "$CONF" >/dev/null
O2_ID=$(sed -n 2p "$STACK_DIR/obs2.csv" | cut -d';' -f6)
O2_PW=$(sed -n 2p "$STACK_DIR/obs2.csv" | cut -d';' -f7)
expect_match "unknown kind refused in French" 'qualité inconnue' "$("$CONSOLE" observer add --qualite voisin --nom X --prenom Y --scrutins 1 --out "$STACK_DIR/x.csv" -c "$CONF" 2>&1)"
expect_match "unknown scrutin refused" "le scrutin n° 99 n'existe pas" "$("$CONSOLE" observer add --qualite expert --nom X --prenom Y --scrutins 99 --out "$STACK_DIR/y.csv" -c "$CONF" 2>&1)"
expect_eq "password stored as Argon2id only" 1 "$(sql_root electors "SELECT COUNT(*) FROM observer WHERE id = 1 AND password_hash LIKE '\$argon2id\$%'")"

obs_login() { # obs_login ID PW
	rm -f "$STACK_DIR/jar"
	CSRF=$(csrf_of "$(api_req GET /api/session)")
	printf '{"identifiant":"%s","mot_de_passe":"%s"}' "$1" "$2" >"$STACK_DIR/login.json"
	api_req POST /api/observateur/connexion "$STACK_DIR/login.json"
}
out=$(obs_login "$O1_ID" 2345-6789-ABCD-EFGH)
expect_match "wrong password: 401, generic message" "^401 .*Identifiant ou mot de passe incorrect" "$out"
out=$(obs_login "$O1_ID" "$O1_PW")
expect_match "observer login: 200, an observer's session" '^200 \{"csrf":"[^"]+","connecte":true,"observateur":true\}' "$out"
CSRF=$(csrf_of "$out")
expect_match "the session says observer, not elector" '"connecte":false,"observateur":true' "$(api_req GET /api/session)"

# Scope: scrutin 1 only.
out=$(api_req GET /api/observateur/participation)
expect_match "turnout of scrutin 1" '^200 .*"scrutins":\[\{"id":1,' "$out"
check "scrutin 2 not shown" sh -c "! printf '%s' '$out' | grep -q '\"id\":2'"
expect_match "scrutin 2 asked for: 403" '^403 .*ne fait pas partie' "$(api_req GET '/api/observateur/participation?scrutin=2')"
expect_match "scrutin 1 asked for: 200, that one only" '^200 \{"scrutins":\[\{"id":1,[^]]*\],"observateur"' "$(api_req GET '/api/observateur/participation?scrutin=1')"
expect_match "a malformed query: 400" '^400 ' "$(api_req GET '/api/observateur/participation?scrutin=1x')"
expect_match "an elector's page: 403" '^403 .*consultation seulement' "$(api_req GET /api/electeur)"
expect_match "a ballot page: 403" '^403 ' "$(api_req GET '/api/bulletin?scrutin=1')"

# Read-only: every POST of an observer is refused but login and logout.
printf '{"scrutin":1,"bulletin":{}}' >"$STACK_DIR/post.json"
for p in /api/vote /api/observateur/participation /api/electeur /api/electeur/donnees /api/bulletin /api/listes /api/operation /api/session /tableau/1.json /api/nouveau; do
	expect_match "observer POST $p: 403" '^403 .*consultation seulement' "$(api_req POST "$p" "$STACK_DIR/post.json")"
done
expect_match "observer PUT: 403 too" '^403 ' "$(api_req PUT /api/vote "$STACK_DIR/post.json")"

# Real votes, then the numbers against SQL counts.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes in scrutin 1" '^200 ' "$(api_vote 1 0 101)"
expect_match "an elector's session on the observers' API: 401" '^401 ' "$(api_req GET /api/observateur/participation)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes in scrutin 1" '^200 ' "$(api_vote 1 -1)"
sql_root electors "INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (2, 1, NOW(6))" >/dev/null

obs_login "$O2_ID" "$O2_PW" >/dev/null
out=$(api_req GET /api/observateur/participation)
for s in 1 2; do
	want="$(sql_root electors "SELECT COUNT(*) FROM elector_scrutin WHERE scrutin_id = $s") $(sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = $s")"
	got=$(printf '%s' "${out#200 }" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>{const r=JSON.parse(s).scrutins.find(x=>x.id===$s);console.log(r.inscrits+' '+r.votants)})")
	expect_eq "scrutin $s: inscrits and votants equal the SQL counts" "$want" "$got"
done
expect_match "participation in percent" '"id":1,[^}]*"participation":"100.00"' "$out"
expect_match "per collège, titulaires apart" '"colleges":\[\{"college":"Cadres","categorie":"titulaires","tour":1,"inscrits":2,"votants":2,"participation":"100.00"\},\{"college":"Cadres","categorie":"suppleants","tour":1,"inscrits":2,"votants":1,"participation":"50.00"\}\]' "$out"
expect_match "per establishment" '"etablissements":\[\{"etablissement":"Siège","categorie":"titulaires"' "$out"
check "no elector's name, no result in the turnout" sh -c "! printf '%s' '$out' | grep -q -i -e Dupré -e Lefèvre -e Liste -e voix -e resultat"

# Revocation: the open session of observer 1 dies at once, and its login.
obs_login "$O1_ID" "$O1_PW" >/dev/null
expect_match "observer 1 logged in" '^200 ' "$(api_req GET /api/observateur/participation)"
expect_match "console revokes" 'révoqué' "$("$CONSOLE" observer revoke 1 -c "$CONF" 2>&1)"
expect_match "revoked: the open session is refused" '^401 .*révoqué' "$(api_req GET /api/observateur/participation)"
expect_match "revoked: login refused, generic message" '^401 .*Identifiant ou mot de passe incorrect' "$(obs_login "$O1_ID" "$O1_PW")"
expect_match "revoking twice: an error" 'aucun observateur n° 1 actif' "$("$CONSOLE" observer revoke 1 -c "$CONF" 2>&1)"
out=$("$CONSOLE" observer list -c "$CONF")
expect_match "list: revoked account marked" 'Délégué de liste +Aïcha Durand — scrutins 1 \(révoqué\)' "$out"
expect_match "list: the huissier active" 'Huissier de justice +Rémi Bailly — scrutins 1,2$' "$out"
expect_eq "journaled: added twice, revoked once" "2 1" "$(sql_root electors "SELECT CONCAT(SUM(action = 'observateur_ajoute'), ' ', SUM(action = 'observateur_revoque')) FROM journal")"
check "no observer password in the logs" sh -c "! grep -q -e '$O1_PW' -e '$O2_PW' '$STACK_DIR'/fcgi/*.log '$STACK_DIR'/nginx/logs/*.log"
finish
