#!/bin/sh
# destroy: R-BUR-9, R-OPS-5 on a real platform. After votes and the
# proclamation, `destroy` is refused during the recourse period (15 days,
# or the operation's delai_recours_jours) and while a dispute is open; after
# it, with the bureau's codes, it destroys the electors file and the
# credentials, then the émargement, then the urn's ballots, each journaled
# with the fingerprint taken just before (recomputed here independently).
# Killed (SIGKILL) after the first step and again between the urn's
# deletion and its record, it says so and resumes; the certificate
# (pdftotext) names each step, its rows, fingerprint and date. The PVs,
# results and journals are kept, and the journals still verify.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node pdftotext
need_fault_injection
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/destroy
mkdir -p "$W"

# Two electors vote in scrutin 1 (the vectors' key), then both scrutins
# are counted and proclaimed.
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes" '^200 ' "$(api_vote 1 0 101)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes" '^200 ' "$(api_vote 1 1 111)"
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1, state = 'counted'" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m -c "$CONF" >/dev/null; done
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$W/codes"
printf '{"scrutin":1,"ballots":2,"counts":[1,1,0,0,0,1,0,1,1,1,1,0,0,0]}\n' >"$W/c1.json"
printf '{"scrutin":2,"ballots":2,"counts":[1,1,0,1,1,1,1]}\n' >"$W/c2.json"

destroy() { "$C" destroy --operation 1 --codes "$W/codes" --certificat "$W/certificat.pdf" -c "$CONF" 2>&1; }
counts() {
	printf '%s/%s/%s/%s' "$(sql_root electors 'SELECT COUNT(*) FROM credential')" \
		"$(sql_root electors "SELECT COUNT(*) FROM elector WHERE nom <> ''")" \
		"$(sql_root electors 'SELECT COUNT(*) FROM emargement')" "$(sql_root urn 'SELECT COUNT(*) FROM ballot')"
}
# an unsent receipt email holds a tracker: it goes with the electors file
sql_root electors "INSERT INTO mail_outbox (elector_id, scrutin_id, kind, payload) VALUES (1, 1, 'recepisse', '{}')" >/dev/null
expect_eq "before: credentials/named electors/émargement/ballots" "2/2/2/2" "$(counts)"

out=$(destroy)
expect_match "nothing proclaimed: refused" "ne sont pas proclamés" "$out"
"$C" results proclaim --scrutin 1 --counts "$W/c1.json" --codes "$W/codes" -c "$CONF" >/dev/null
"$C" results proclaim --scrutin 2 --counts "$W/c2.json" --codes "$W/codes" -c "$CONF" >/dev/null
expect_eq "both proclaimed" 2 "$(sql_root electors 'SELECT COUNT(*) FROM proclamation')"
out=$(destroy)
expect_match "just proclaimed: refused, recourse period of 15 days named" \
	"délai de recours \(15 jours après la dernière proclamation .*\) court jusqu'au .*recomptage doit rester possible" "$out"
sql_root electors "UPDATE proclamation SET proclaimed_at = NOW(6) - INTERVAL 16 DAY" >/dev/null
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '$.delai_recours_jours', 30)" >/dev/null
out=$(destroy)
expect_match "16 days later with a 30-day setting: refused" "délai de recours \(30 jours" "$out"
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '$.delai_recours_jours', 15)" >/dev/null
out=$("$C" archive status --operation 1 -c "$CONF")
expect_match "status: recourse over" "délai de recours : 15 jours ; fin : .* \(échu\)" "$out"

# Only a bureau of this operation decides for it (another operation's
# bureau, e.g. a training one, never does).
sql_root electors "INSERT INTO operation (code, name, opens_at, closes_at) VALUES ('formation', 'Formation', '2026-01-01', '2026-01-02');
INSERT INTO bureau (operation_id, establishment_id, name) VALUES (LAST_INSERT_ID(), NULL, 'Bureau de formation')" >/dev/null
other=$(sql_root electors "SELECT MAX(id) FROM bureau")
out=$("$C" destroy --operation 1 --bureau "$other" --codes "$W/codes" --certificat "$W/certificat.pdf" -c "$CONF" 2>&1)
expect_match "another operation's bureau cannot authorise the destruction" "le bureau n° $other n'est pas un bureau de l'opération 1" "$out"
out=$("$C" archive dispute close --operation 1 --bureau "$other" --texte "x" --codes "$W/codes" -c "$CONF" 2>&1)
expect_match "…nor close a dispute" "n'est pas un bureau de l'opération 1" "$out"
out=$("$C" archive dispute open --operation 1 --texte "Requête au tribunal judiciaire de Lyon, RG 26/01234" --codes "$W/codes" -c "$CONF" 2>&1)
expect_match "dispute recorded with the codes" "Contentieux consigné" "$out"
out=$(destroy)
expect_match "open dispute: refused" "un contentieux est en cours" "$out"
expect_eq "…nothing destroyed" "2/2/2/2" "$(counts)"
out=$("$C" archive dispute close --operation 1 --texte "Jugement définitif du 3 mars : requête rejetée" --codes "$W/codes" -c "$CONF" 2>&1)
expect_match "final decision recorded" "Décision définitive consignée" "$out"
expect_match "both journaled" "contentieux_ouvert contentieux_clos" \
	"$(sql_root electors "SELECT GROUP_CONCAT(action ORDER BY seq SEPARATOR ' ') FROM journal WHERE action LIKE 'contentieux%'")"

# The fingerprints, computed here from the same rows (lib/destroy.c,
# 012_destruction.sql): rows in a fixed order, each followed by "\n".
fp_el=$(sql_root electors "SET SESSION group_concat_max_len = 100000000; SELECT SHA2(CONCAT(GROUP_CONCAT(CONCAT_WS('|', e.id, e.matricule, e.nom,
 e.nom_usage, e.prenom, e.civilite, e.sexe, e.date_naissance, e.establishment_id, e.site, e.college_id, e.statut, e.adresse,
 e.code_postal, e.ville, e.email, e.telephone, e.cle_nir, COALESCE(e.date_entree, ''), e.eligible, COALESCE(HEX(c.login_digest), ''),
 COALESCE(c.password_hash, ''), COALESCE(c.generation, '')) ORDER BY e.id SEPARATOR '\n'), '\n'), 256)
 FROM elector e LEFT JOIN credential c ON c.elector_id = e.id WHERE e.operation_id = 1")
fp_em=$(sql_root electors "SELECT SHA2(CONCAT(GROUP_CONCAT(CONCAT_WS('|', id, scrutin_id, elector_id,
 DATE_FORMAT(voted_at, '%Y-%m-%d %H:%i:%s.%f')) ORDER BY id SEPARATOR '\n'), '\n'), 256) FROM emargement")
# A ballot's row ends with the SHA-256 of its canonical text, which is its
# tracker (docs/protocol.md §7); the body is stored packed (§9.3), so SQL's
# SHA2(body) would differ: the console must unpack before it digests.
expect_eq "both bodies are stored packed" 2 "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE LEFT(body, 1) = CHAR(1)")"
fp_urn=$(sql_root urn "SELECT SHA2(CONCAT(GROUP_CONCAT(CONCAT_WS('|', HEX(tracker), scrutin_id, sub_urn, LOWER(HEX(tracker)))
 ORDER BY scrutin_id, tracker SEPARATOR '\n'), '\n'), 256) FROM ballot")

out=$(ISOLOIR_FAULT=destroy-step-1 "$C" destroy --operation 1 --codes "$W/codes" --certificat "$W/certificat.pdf" -c "$CONF" 2>&1); rc=$?
expect_eq "killed (SIGKILL) after step 1" 137 "$rc"
expect_eq "…electors file and credentials gone, émargement and ballots kept" "0/0/2/2" "$(counts)"
expect_eq "…and the receipt email not yet sent (R-VOTE-6)" 0 "$(sql_root electors 'SELECT COUNT(*) FROM mail_outbox')"
out=$("$C" archive status --operation 1 -c "$CONF"); rc=$?
expect_eq "status exits 3 on an unfinished destruction" 3 "$rc"
expect_match "…and says it" "Étape 2, liste d'émargement : DESTRUCTION INTERROMPUE" "$out"
out=$("$C" archive certificate --operation 1 --out "$W/x.pdf" -c "$CONF" 2>&1)
expect_match "no certificate for an unfinished destruction" "destruction inachevée : l'étape 2" "$out"
out=$("$C" archive dispute open --operation 1 --texte "tardif" --codes "$W/codes" -c "$CONF" 2>&1)
expect_match "no dispute once destruction started" "la destruction des données a commencé" "$out"

out=$(ISOLOIR_FAULT=destroy-urn-deleted "$C" destroy --operation 1 --codes "$W/codes" --certificat "$W/certificat.pdf" -c "$CONF" 2>&1); rc=$?
expect_eq "killed between the urn's deletion and its record" 137 "$rc"
expect_eq "…émargement and ballots gone" "0/0/0/0" "$(counts)"
expect_match "…step 3 fingerprinted, not marked done" "Étape 3, bulletins chiffrés de l'urne : DESTRUCTION INTERROMPUE" \
	"$("$C" archive status --operation 1 -c "$CONF")"

out=$(destroy); rc=$?
expect_eq "resumed to the end" 0 "$rc"
expect_match "…step 1 found done" "étape 1 déjà faite" "$out"
expect_match "…step 3 finished" "étape 3 faite" "$out"
expect_match "…certificate written" "certificat.pdf écrit" "$out"
expect_eq "steps recorded with the independent fingerprints" "1 2 $fp_el
2 2 $fp_em
3 2 $fp_urn" "$(sql_root electors 'SELECT step, row_count, sha256 FROM destruction WHERE destroyed_at IS NOT NULL ORDER BY step' | tr '\t' ' ')"
expect_eq "destroyed in order: electors, émargement, urn" "1" \
	"$(sql_root electors "SELECT (SELECT destroyed_at FROM destruction WHERE step = 1) < (SELECT destroyed_at FROM destruction WHERE step = 2) AND (SELECT destroyed_at FROM destruction WHERE step = 2) < (SELECT destroyed_at FROM destruction WHERE step = 3)")"
expect_eq "journaled step by step, in order" "1 2 3" \
	"$(sql_root electors "SELECT GROUP_CONCAT(JSON_VALUE(detail, '$.etape') ORDER BY seq SEPARATOR ' ') FROM journal WHERE action = 'destruction'")"
expect_match "the urn journal names the ballots destroyed" "\"bulletins\":2,\"empreinte_sha256\":\"$fp_urn\"" \
	"$(sql_root urn "SELECT detail FROM journal WHERE action = 'destruction'")"
expect_eq "no identity left in the electors' rows" "0" \
	"$(sql_root electors "SELECT COUNT(*) FROM elector WHERE nom <> '' OR prenom <> '' OR adresse <> '' OR cle_nir <> '00' OR matricule NOT LIKE 'détruit-%'")"
expect_eq "kept: the proclamations (PV, results)" 2 "$(sql_root electors 'SELECT COUNT(*) FROM proclamation')"
expect_match "kept: the electors journal verifies" "chaînage intact" "$("$C" journal verify electors -c "$CONF" 2>&1)"
expect_match "kept: the urn journal verifies" "chaînage intact" "$("$C" journal verify urn -c "$CONF" 2>&1)"

pdftotext -layout "$W/certificat.pdf" "$W/certificat.txt"
t=$(tr -s ' \n' ' ' <"$W/certificat.txt")
expect_match "certificate: title" "CERTIFICAT DE DESTRUCTION" "$t"
expect_match "certificate: operation" "Opération : Élections CSE 2026 \(cse-2026\)" "$t"
expect_match "certificate: legal basis" "R2314-17 du code du travail" "$t"
expect_match "certificate: the dispute counted" "contentieux consignés : 1 \(aucun en cours\)" "$t"
expect_match "certificate: step 1, its rows, its date" "1 fichier des électeurs et identifiants de vote 2 [0-9/]+ à [0-9:]+ UTC" "$t"
expect_match "certificate: step 2" "2 liste d'émargement 2 " "$t"
expect_match "certificate: step 3" "3 bulletins chiffrés de l'urne 2 " "$t"
expect_match "certificate: fingerprint of step 1" "étape 1 : $fp_el" "$t"
expect_match "certificate: fingerprint of step 2" "étape 2 : $fp_em" "$t"
expect_match "certificate: fingerprint of step 3" "étape 3 : $fp_urn" "$t"
expect_match "certificate: who authorised" "président : Jean Dupont" "$t"
expect_match "certificate: what is kept" "Sont conservés : les procès-verbaux" "$t"
out=$(destroy)
expect_match "a second run finds everything done" "étape 3 déjà faite" "$out"
finish
