#!/bin/sh
# model-db: the election model against real databases (docs/model.md):
# lifecycle transitions journaled and enforced by the database, bureau
# codes and quorum, seals that name what changed, a journal that keeps one
# chain under concurrent appends and reveals any tampering.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up

M="$ISOLOIR_BUILDDIR/tests/component/model-db"
CONF=$STACK_DIR/etc/console.conf
run() { "$M" "$CONF" "$@" 2>&1; }

# The sealed binaries: a copy we can alter, and the worker.
cp "$ISOLOIR_BUILDDIR/fcgi/isoloir-fcgi" "$STACK_DIR/bin-a"
MODEL_BINS="$STACK_DIR/bin-a:$ISOLOIR_BUILDDIR/fcgi/isoloir-fcgi"
export MODEL_BINS

sql_root electors "$(cat "$ISOLOIR_SRCDIR/tests/data/small-operation.sql")
INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'),
  (1, 'assesseur', 'Martin', 'Anne'), (1, 'assesseur', 'Durand', 'Paul');
UPDATE scrutin SET bureau_id = 1;" >/dev/null

P=1:président-2026 S=2:secrétaire-2026 A=3:assesseur-A-26 B=4:assesseur-B-26
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

# ---------------------------------------------------------------- table
expect_eq "database transition table is the C table" "25 transitions, 0 differences" "$(run table)"

# ---------------------------------------------------------------- codes
for mc in "$P" "$S" "$A" "$B"; do
	expect_eq "code set for member ${mc%%:*}" ok "$(run setcode "${mc%%:*}" "${mc#*:}")"
done
expect_match "short code refused" "doit compter de 8 à 128 caractères" "$(run setcode 1 court)"
expect_match "code stored as an Argon2id hash" '^\$argon2id\$v=19\$m=32768,t=2,p=1\$' \
	"$(sql_root electors "SELECT code_hash FROM bureau_member WHERE id = 1")"

# ---------------------------------------------------------------- database guard
expect_match "console: direct SQL skipping states refused" "transition interdite : draft -> open" \
	"$(sql_as console electors "UPDATE scrutin SET state = 'open' WHERE id = 1")"
expect_match "console: a scrutin cannot be created open" "naît « en préparation »" \
	"$(sql_as console electors "INSERT INTO scrutin (operation_id,establishment_id,college_id,category,round,seats,state) VALUES (1,1,1,'titulaires',2,3,'open')")"
expect_eq "state unchanged by the refused SQL" draft "$(state 1)"

# ---------------------------------------------------------------- walk to the seal
expect_eq "skipping states refused in French" \
	"Le scrutin « Siège, Cadres, titulaires, 1er tour » est « en préparation » : impossible de passer à « ouvert » sans importer ses listes, générer ses clés, faire le vote à blanc, remettre l'urne à zéro et le sceller." \
	"$(run apply 1 open)"
expect_eq "draft -> lists_imported" ok "$(run apply 1 lists_imported)"
expect_match "transition journaled with its states" '^transition \{"de":"draft","vers":"lists_imported","scrutin":"Siège, Cadres, titulaires, 1er tour"\}$' "$(last_journal)"
expect_eq "lists_imported -> keys_generated" ok "$(run apply 1 keys_generated)"
expect_eq "keys_generated -> test_vote" ok "$(run apply 1 test_vote)"

# A test ballot and its émargement, then the reset empties both.
sql_root urn "INSERT INTO ballot (tracker, scrutin_id, body) VALUES (UNHEX(SHA2('test-1', 256)), 1, '{}')" >/dev/null
sql_root electors "INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (1, 1, NOW(6))" >/dev/null
expect_eq "test_vote -> reset" ok "$(run apply 1 reset)"
expect_eq "reset emptied the urn" 0 "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1")"
expect_eq "reset emptied the émargement" 0 "$(sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1")"
expect_match "reset journaled with its proof" '"bulletins_de_test_supprimes":1,"electeurs_de_test_retires":0,"preuve_vide":"urne : 0 bulletin ; émargement : 0"' "$(last_journal)"

expect_match "sealing without codes refused" "exige les codes du président" "$(run apply 1 sealed)"
out=$(run apply 1 sealed "$P" 3:mauvais-code "$B")
expect_eq "a wrong code refuses without naming whose" \
	"Autorisation refusée : au moins un code personnel est invalide ; chaque membre doit ressaisir le sien." "$out"
expect_match "the journal names the member whose code failed" '^autorisation_refusee .*"codes_invalides":\["Anne Martin"\]' "$(last_journal)"
expect_match "president + 1 member is not a quorum" "d'au moins 2 autres membres" "$(run apply 1 sealed "$P" "$A")"
expect_eq "reset -> sealed with the president and 2 members" ok "$(run apply 1 sealed "$P" "$A" "$B")"
expect_eq "one seal stored" 1 "$(sql_root urn "SELECT COUNT(*) FROM seal WHERE scrutin_id = 1")"
expect_match "sealing journaled with fingerprint and who" '"autorisation":"président : Jean Dupont \(n° 1\) ; autres membres : assesseur Anne Martin \(n° 3\), assesseur Paul Durand \(n° 4\)","empreinte":"[0-9a-f]{64}"' "$(last_journal)"
expect_eq "seal verifies" ok "$(run seal-verify 1)"
expect_match "console cannot edit a sealed list" "listes figées" \
	"$(sql_as console electors "UPDATE candidate SET nom = 'X' WHERE id = 1")"

# ---------------------------------------------------------------- seal names what changed
sql_root electors "UPDATE candidate SET nom = 'Martine' WHERE id = 1" >/dev/null
out=$(run seal-verify 1)
expect_match "changed candidate name detected" "modifié depuis le scellement : listes et candidats$" "$out"
expect_match "mismatch journaled" '^scellement_non_conforme ' "$(last_journal)"
sql_root electors "UPDATE candidate SET nom = 'Martin' WHERE id = 1" >/dev/null
expect_eq "restored candidate: seal verifies again" ok "$(run seal-verify 1)"

sql_root electors "UPDATE elector SET ville = 'Lille' WHERE id = 2" >/dev/null
expect_match "changed electors row detected" "modifié depuis le scellement : fichier des électeurs$" "$(run seal-verify 1)"
sql_root electors "UPDATE elector SET ville = 'Lyon' WHERE id = 2" >/dev/null

sql_root electors "UPDATE operation SET closes_at = closes_at + INTERVAL 1 HOUR" >/dev/null
expect_match "changed closing time detected" "modifié depuis le scellement : paramètres$" "$(run seal-verify 1)"
sql_root electors "UPDATE operation SET closes_at = closes_at - INTERVAL 1 HOUR" >/dev/null

printf 'x' >>"$STACK_DIR/bin-a"
expect_match "changed binary detected" "modifié depuis le scellement : binaire $STACK_DIR/bin-a$" "$(run seal-verify 1)"
cp "$ISOLOIR_BUILDDIR/fcgi/isoloir-fcgi" "$STACK_DIR/bin-a"
expect_eq "everything restored: seal verifies" ok "$(run seal-verify 1)"

# ---------------------------------------------------------------- vote period
expect_eq "sealed -> open, secretary replacing the president" ok "$(run apply 1 open "$S" "$A" "$B")"
expect_match "replacement recorded" '"autorisation":"secrétaire remplaçant le président absent : Lise Roy' "$(last_journal)"
expect_match "opening checked the seal" '"scellement":"conforme"' "$(last_journal)"
expect_eq "open twice refused" "Le scrutin « Siège, Cadres, titulaires, 1er tour » est déjà « ouvert »." "$(run apply 1 open "$P" "$A" "$B")"
expect_match "counting before closing refused" "impossible de passer à « dépouillé » sans le clore" "$(run apply 1 counted "$P" "$A" "$B")"

# R-ORG-4: the automatic closing only once the closing time has come.
expect_match "automatic closing before the set time refused" \
	"ne peut pas passer à « clos » automatiquement avant l'heure prévue \(clôture et prolongation\) : il faut les codes du bureau" \
	"$(run apply 1 closed --auto)"
expect_eq "…still open" open "$(state 1)"
sql_root electors "UPDATE candidate SET prenom = 'Lea' WHERE id = 1" >/dev/null
out=$(run apply 1 closed "$P" "$A" "$B")
expect_match "closing blocked by a broken seal" "^Scellement non conforme, action bloquée : .*listes et candidats" "$out"
expect_eq "state kept after the blocked closing" open "$(state 1)"
expect_match "blocked closing journaled" '^scellement_non_conforme \{"vers":"closed"' "$(last_journal)"
sql_root electors "UPDATE candidate SET prenom = 'Léa' WHERE id = 1" >/dev/null
expect_eq "early closing with the codes (tests/component/clock.sh: automatic)" ok "$(run apply 1 closed "$P" "$A" "$B")"
expect_match "closing froze the counts and the urn's digest" \
	'"bulletins":0,"emargements":0,"empreinte_urne":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"' "$(last_journal)"
expect_match "counting is never automatic" "ne peut pas passer à « dépouillé » automatiquement" "$(run apply 1 counted --auto)"
expect_eq "closed -> counted" ok "$(run apply 1 counted "$P" "$A" "$B")"
expect_eq "counted -> sealed_after_count" ok "$(run apply 1 sealed_after_count "$P" "$A" "$B")"
expect_eq "second seal chained" 1 "$(sql_root urn "SELECT COUNT(*) FROM seal s2 JOIN seal s1 ON s2.prev_fingerprint = s1.fingerprint WHERE s2.scrutin_id = 1 AND s1.scrutin_id = 1")"
expect_eq "chained seal verifies" ok "$(run seal-verify 1)"
sql_root urn "UPDATE seal SET fingerprint = UNHEX(SHA2('forged', 256)) WHERE id = 1" >/dev/null
expect_match "altered earlier seal breaks the chain" "chaînage des scellements rompu" "$(run seal-verify 1)"

# ---------------------------------------------------------------- authority, lockout
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, NULL, 'Bureau centralisateur')" >/dev/null
expect_eq "centralisateur seals" 2 "$(run authority 2 sealed)"
expect_eq "establishment bureau suspends" 1 "$(run authority 2 suspended)"
for i in 1 2 3 4 5; do run apply 2 stopped "$P" "$A" 4:pas-le-bon-code >/dev/null; done
expect_match "code locked after 5 failures" "le code de Paul Durand est bloqué après 5 échecs" "$(run apply 2 stopped "$P" "$A" "$B")"
expect_eq "code reset by the member" ok "$(run setcode 4 assesseur-B-27)"
expect_eq "arrêt with the new code" ok "$(run apply 2 stopped "$P" "$A" 4:assesseur-B-27)"
expect_match "a stopped scrutin cannot reopen" "est « arrêté » : impossible de revenir à « ouvert »" "$(run apply 2 open "$P" "$A" 4:assesseur-B-27)"

# ---------------------------------------------------------------- journal
n=$(run journal-verify electors)
expect_match "electors journal verifies" '^ok [0-9]+$' "$n"
n=${n#ok }
expect_eq "8 threads x 25 concurrent appends" "0 failures" "$(run concurrent 8 25)"
expect_eq "one chain after concurrent appends" "ok $((n + 200))" "$(run journal-verify electors)"
n=$((n + 200))
# Verifying while others append: never a false alarm.
run concurrent 4 40 >"$STACK_DIR/bg.out" &
bg=$!
bad=0
for i in 1 2 3 4 5 6; do
	v=$(run journal-verify electors)
	case $v in "ok "*) ;; *) bad=$((bad + 1)); echo "# $v" ;; esac
done
wait $bg
expect_eq "verify during concurrent appends: no false alarm" "0 0 failures" "$bad $(cat "$STACK_DIR/bg.out")"
n=$((n + 160))
expect_eq "chain intact after verify during appends" "ok $n" "$(run journal-verify electors)"
for i in 1 2 3; do run journal-append urn essai >/dev/null; done
expect_eq "urn journal verifies" "ok 3" "$(run journal-verify urn)"

lines=$(run journal-export | wc -l)
expect_eq "export: one JSON line per entry" "$((n + 1))" "$lines"
expect_match "export: first line" '^\{"seq":1,"at":"[0-9-]+ [0-9:.]+","acteur":"test:model-db","action":"code_defini","scrutin":null,"detail":"\{\\"membre\\":1\}","hash_precedent":"0{64}","hash":"[0-9a-f]{64}"\}$' "$(run journal-export | head -n 1)"

sql_root electors "CREATE TABLE jbak AS SELECT * FROM journal" >/dev/null
restore() { sql_root electors "DELETE FROM journal; INSERT INTO journal SELECT * FROM jbak" >/dev/null; }
tamper() { # tamper DESCRIPTION EXPECTED SQL
	sql_root electors "$3" >/dev/null
	expect_match "$1" "$2" "$(run journal-verify electors)"
	restore
}
tamper "altered detail detected" "entrée n° 5 : son contenu ne correspond plus" "UPDATE journal SET detail = '{}' WHERE seq = 5"
tamper "altered time detected" "entrée n° 7 : son contenu" "UPDATE journal SET at = at + INTERVAL 1 SECOND WHERE seq = 7"
tamper "altered actor detected" "entrée n° 9 : son contenu" "UPDATE journal SET actor = 'quelqu''un' WHERE seq = 9"
tamper "altered scrutin detected" "entrée n° 10 : son contenu" "UPDATE journal SET scrutin_id = 2 WHERE seq = 10"
tamper "deleted entry detected" "entrée n° 6 : entrée manquante" "DELETE FROM journal WHERE seq = 6"
tamper "reordered entries detected" "entrée n° 3 : elle ne suit pas" \
	"UPDATE journal SET seq = 1000000 WHERE seq = 3; UPDATE journal SET seq = 3 WHERE seq = 4; UPDATE journal SET seq = 4 WHERE seq = 1000000"
tamper "deleted last entry detected" "la tête du chaînage annonce l'entrée n° $n, la dernière présente est la n° $((n - 1))" \
	"DELETE FROM journal WHERE seq = $n"
expect_eq "restored journal verifies" "ok $n" "$(run journal-verify electors)"

# ---------------------------------------------------------------- privileges
denied() { printf '%s' "$1" | grep -q 'denied'; }
check "web cannot read bureau codes" denied "$(sql_as web electors "SELECT code_hash FROM bureau_member")"
check "hotline cannot read bureau codes" denied "$(sql_as hotline electors "SELECT code_hash FROM bureau_member")"
check "console cannot rewrite the journal" denied "$(sql_as console electors "UPDATE journal SET detail = 'x'")"
check "console cannot delete the journal" denied "$(sql_as console electors "DELETE FROM journal")"
check "console cannot delete a seal" denied "$(sql_as console urn "DELETE FROM seal")"
check "bureau cannot change a state" denied "$(sql_as bureau electors "UPDATE scrutin SET state = 'open'")"
expect_eq "bureau reads its members" 4 "$(sql_as bureau electors "SELECT COUNT(*) FROM bureau_member WHERE bureau_id = 1")"

# ---------------------------------------------------------------- the console itself
CONSOLE=$ISOLOIR_BUILDDIR/tui/isoloir-console
expect_match "isoloir-console scrutin list shows the scrutins and states" 'Siège.*Cadres' \
	"$("$CONSOLE" scrutin list -c "$CONF" 2>&1)"
expect_match "isoloir-console journal verify (electors)" 'chaînage intact' \
	"$("$CONSOLE" journal verify electors -c "$CONF" 2>&1)"
out=$("$CONSOLE" scrutin transition 2 counted -c "$CONF" 2>&1); rc=$?
expect_eq "an illegal transition from the console fails" 1 "$rc"
finish
