#!/bin/sh
# ceremony: the sealing meeting and the opening as ordered checklists
# (R-BUR-10) on a real platform, with the test vote compared with its plan
# (R-BUR-2): steps out of order refused; a failed check (lists out of drawn
# order, no keys, test results not « conformes ») blocks the step with its
# French reason, journaled; statements confirmed by someone present only;
# the seal needs the bureau's codes; the record PDF carries the title,
# those present, each step, the test vote's expected vs actual counts and
# the fingerprints. A 2-of-3 key ceremony with isoloir-trustee, test
# electors voting through nginx with the browser's code as the plan says,
# the test urn decrypted by two key holders.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
M=$ISOLOIR_BUILDDIR/tests/component/model-db
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
K=$STACK_DIR/keys
mkdir -p "$K"
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }
pdf_text() { pdftotext "$1" - | tr -s ' \n' '  '; }

# The Siège's bureau and its members' codes; the opening time has come (the
# operation's times are sealed: they cannot move afterwards).
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'),
  (1, 'assesseur', 'Martin', 'Anne'), (1, 'assesseur', 'Durand', 'Paul');
UPDATE scrutin SET bureau_id = 1;
UPDATE operation SET settings = JSON_REMOVE(settings, '\$.scellement_allege');
UPDATE operation SET opens_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR" >/dev/null
for mc in 1:président-2026 2:secrétaire-2026 3:assesseur-A-26 4:assesseur-B-26; do
	"$M" "$ISOLOIR_CONSOLE_CONF" setcode "${mc%%:*}" "${mc#*:}" >/dev/null
done
printf '1 président-2026\n3 assesseur-A-26\n4 assesseur-B-26\n' >"$K/codes"

out=$("$C" ceremony start scellement 1 --present "Jean Dupont:président" 2>&1)
expect_match "no sealing meeting before the lists are imported" "« en préparation » : la réunion de scellement ne peut pas commencer" "$out"
"$C" scrutin transition 1 lists_imported >/dev/null
out=$("$C" ceremony start scellement 1 2>&1)
expect_match "those present are required" "Indiquez les personnes présentes" "$out"
out=$("$C" ceremony start scellement 1 --present "Jean Dupont:président du bureau" \
	--present "Anne Martin:assesseure" --present "Paul Durand:assesseur" \
	--present "Hélène Faure:déléguée de la liste CGT" 2>&1)
expect_match "sealing meeting started" "Cérémonie n° 1 commencée : réunion de scellement du scrutin n° 1" "$out"
expect_match "…its checklist, first step" '\[ \] 1\. Listes de candidats complètes et dans l.ordre du tirage au sort \(listes\)' "$out"
expect_match "…the seal after the PV de scellement provisoire" '\[ \] 7\. Scellement' "$out"
out=$("$C" ceremony start scellement 1 --present "Jean Dupont:président" 2>&1)
expect_match "one sealing meeting at a time" "déjà en cours" "$out"

# Order: nothing can be skipped.
out=$("$C" ceremony step 1 cles 2>&1); rc=$?
expect_match "a step out of order is refused" "L'étape « Clés de chiffrement installées, empreinte F conforme » ne peut pas être faite avant « Listes de candidats" "$out"
expect_eq "…with a failure status" 1 "$rc"
out=$("$C" ceremony step 1 scellement --codes "$K/codes" 2>&1)
expect_match "…the seal cannot come first either" "ne peut pas être faite avant" "$out"

# A failed check blocks the step, with its reason, journaled.
sql_root electors "UPDATE candidate_list SET position = 7 WHERE id = 4" >/dev/null
out=$("$C" ceremony step 1 listes 2>&1)
expect_match "lists out of drawn order: refused" "Étape « Listes de candidats complètes et dans l'ordre du tirage au sort » refusée : Les listes ne sont pas numérotées de 1 à 4" "$out"
expect_match "…journaled" '^ceremonie_refus .*"etape":"listes"' "$(last_journal)"
sql_root electors "UPDATE candidate_list SET position = 4 WHERE id = 4" >/dev/null
out=$("$C" ceremony step 1 listes 2>&1)
expect_match "lists in order: done" "4 listes dans l'ordre du tirage au sort \(1 à 4\), 9 candidats" "$out"
out=$("$C" ceremony step 1 listes 2>&1)
expect_match "a step is done once" "est déjà faite" "$out"

out=$("$C" ceremony step 1 professions_de_foi --confirme "Arsène Lupin" 2>&1)
expect_match "a statement by someone absent: refused" "« Arsène Lupin » n'est pas parmi les personnes présentes" "$out"
# The first list's profession de foi is stored (as `import candidates
# --fichiers` does); the statement shows which lists have none.
sql_root electors "INSERT INTO list_file (list_id, kind, content_type, sha256, body)
  SELECT id, 'profession', 'application/pdf', UNHEX(SHA2('%PDF-1.4', 256)), '%PDF-1.4' FROM candidate_list
  WHERE scrutin_id = 1 AND position = 1" >/dev/null
out=$("$C" ceremony step 1 professions_de_foi --confirme "Hélène Faure" 2>&1)
expect_match "…by someone present: done" "Constaté par Hélène Faure" "$out"
expect_match "…with the files the import stored" \
	"Fichiers enregistrés : profession de foi pour 1 liste\(s\) sur 4, logo pour 0\. Sans profession de foi : « [^»]+ », « [^»]+ », « [^»]+ »\." "$out"

out=$("$C" ceremony step 1 cles 2>&1)
expect_match "no keys installed: refused" "Les clés du scrutin ne sont pas installées" "$out"
# The key ceremony: three members, 2 of 3.
F=$("$C" keys fingerprint 1)
key_ceremony "$F" "$K"
"$C" keys install 1 "$K/public.json" >/dev/null
out=$("$C" ceremony step 1 cles 2>&1)
expect_match "keys installed, F checked" "Empreinte F : $F" "$out"

out=$("$C" ceremony step 1 vote_blanc 2>&1)
expect_match "no test vote compared: refused" "Aucun résultat du vote à blanc n'a été comparé" "$out"

# The test vote: the system's plan, voted through the web as it says,
# then the test urn decrypted by two key holders.
TE=$STACK_DIR/test-electors.csv
test_vote() {
	rm -f "$TE"
	"$C" test electors 1 --count 7 --out "$TE"
	tail -n +2 "$TE" | while IFS=';' read -r mat id pw cle consigne choix kept; do
		api_login "$id" "$pw" "$cle"
		r=$(api_vote 1 "$choix" "$kept")
		case $r in 200*) ;; *) echo "# vote of $mat ($consigne): $r";; esac
	done
	"$C" tally --scrutin 1 -c "$ISOLOIR_CONSOLE_CONF" >"$K/totals.json"
	for y in 1 3; do
		"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
	done
	"$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json" | head -n 1 >"$K/counts.json"
}
"$C" scrutin transition 1 test_vote >/dev/null
out=$(test_vote 2>&1)
expect_match "seven test electors" "7 électeurs de test" "$out"
expect_eq "the plan in the credentials file" "matricule;identifiant;mot_de_passe;cle;consigne;choix;conserves" "$(head -n 1 "$TE")"
expect_match "…each list, blank, a struck name, all struck" \
	"Voter « Liste CFDT » sans rature.*Voter « Liste CFE-CGC » sans rature.*Voter blanc.*Voter « Liste CFDT » en rayant « Chloé Petit ».*en rayant tous les noms" \
	"$(cut -d';' -f5 "$TE" | tr '\n' ' ')"
expect_eq "seven test ballots in the urn" 7 "$(sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1")"
# lists 1..4, blank; then candidates 3+3+2+1: list 1 twice (one with its
# 3rd name struck), blank twice (blank and all struck)
expect_match "decrypted test results" '"counts":\[2,1,1,1,2,2,2,1,1,1,1,1,1,1\]' "$(cat "$K/counts.json")"

# A result that differs from the plan is shown and blocks the sealing.
sed 's/"counts":\[2,1,/"counts":[2,2,/' "$K/counts.json" >"$K/wrong.json"
out=$("$C" test compare 1 --counts "$K/wrong.json" 2>&1); rc=$?
expect_match "a difference: expected vs actual per list" "Liste CGT +1 +2" "$out"
expect_match "…reported in French" "différences : Liste CGT : 1 attendu\(s\), 2 obtenu\(s\)" "$out"
expect_eq "…with status 3" 3 "$rc"
out=$("$C" ceremony step 1 vote_blanc 2>&1)
expect_match "not « conformes »: the sealing meeting stops" "ne sont pas conformes au plan.*le scellement est impossible" "$out"
# …and the sealing outside the ceremony too.
"$C" scrutin transition 1 reset >/dev/null
out=$("$C" scrutin transition 1 sealed --codes "$K/codes" 2>&1)
expect_match "sealing by hand refused too" "Les résultats du vote à blanc ne sont pas conformes au plan \(différences : Liste CGT" "$out"
expect_eq "…not sealed" reset "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
out=$("$C" test compare 1 --counts "$K/counts.json" 2>&1)
expect_match "no comparison after the reset" "se comparent pendant le vote à blanc, avant la remise à zéro" "$out"

# A new test vote, compared with the urn as it is.
"$C" scrutin transition 1 test_vote >/dev/null
out=$("$C" test compare 1 --counts "$K/counts.json" 2>&1)
expect_match "results of another urn (emptied since): refused" "ces résultats portent sur 7 bulletin\(s\), l'urne du vote à blanc en contient 0" "$out"
test_vote >/dev/null 2>&1
out=$("$C" test compare 1 --counts "$K/counts.json" 2>&1); rc=$?
expect_match "the real results: expected vs actual per candidate" "Chloé Petit \(Liste CFDT\) +1 +1" "$out"
expect_match "…« conformes », every case covered" "conformes \(7 bulletins de test prévus, tous les cas couverts\)" "$out"
expect_eq "…status 0" 0 "$rc"
expect_match "…journaled" '^vote_blanc_compare .*"conformes":true' "$(last_journal)"
out=$("$C" ceremony step 1 vote_blanc 2>&1)
expect_match "test vote step done" "Étape « vote_blanc » faite : conformes" "$out"

out=$("$C" ceremony step 1 remise_a_zero 2>&1)
expect_match "the reset done by the step, emptiness proven" "Urne : 0 bulletin ; émargement : 0 ; électeurs de test : 0" "$out"
expect_eq "…the scrutin is « remis à zéro »" reset "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
out=$("$C" scrutin transition 1 sealed --codes "$K/codes" 2>&1)
expect_match "strict default: no sealing by hand, even with the codes" \
	"Le scrutin se scelle à l'étape « Scellement \(codes du président et de deux membres\) » de la réunion de scellement, après les 6 précédentes" "$out"
expect_eq "…not sealed" reset "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"

"$C" ceremony record 1 --out "$K/provisoire.pdf" >/dev/null
txt=$(pdf_text "$K/provisoire.pdf")
expect_match "before the seal: the PV de scellement provisoire" "Procès-verbal de scellement provisoire" "$txt"
expect_match "…the lists to validate" "Liste commune FO–UNSA Camille Fournier, Théo Girard" "$txt"
expect_match "…steps not done yet" "Non faite" "$txt"

out=$("$C" ceremony step 1 pv_provisoire --confirme "Jean Dupont" --note "PV provisoire signé" 2>&1)
expect_match "PV de scellement provisoire validated" "Constaté par Jean Dupont" "$out"
out=$("$C" ceremony step 1 scellement 2>&1)
expect_match "the seal needs the codes" "exige les codes du président" "$out"
printf '1 président-2026\n3 mauvais-code-1\n4 assesseur-B-26\n' >"$K/bad"
out=$("$C" ceremony step 1 scellement --codes "$K/bad" 2>&1)
expect_match "…a wrong code refused" "au moins un code personnel est invalide" "$out"
out=$("$C" ceremony step 1 scellement --codes "$K/codes" 2>&1)
expect_match "sealed with three codes" "Scrutin « scellé » ; empreinte du scellement : [0-9a-f]{64}" "$out"
SEAL=$(sql_root urn "SELECT LOWER(HEX(fingerprint)) FROM seal WHERE scrutin_id = 1 ORDER BY id DESC LIMIT 1")
out=$("$C" ceremony step 1 journal 2>&1)
expect_match "journal chains checked" "Chaînage intact : journal des électeurs" "$out"
out=$("$C" ceremony status 1 2>&1)
expect_match "status: done" "Cérémonie terminée" "$out"
expect_match "status: each step ticked" '\[x\] 8\. Journal' "$out"
expect_eq "eight steps stored" 8 "$(sql_root electors "SELECT COUNT(*) FROM ceremony_step WHERE ceremony_id = 1")"

out=$("$C" ceremony record 1 --out "$K/scellement.pdf" 2>&1)
SHA=$(sha256sum "$K/scellement.pdf" | cut -d' ' -f1)
expect_match "record written, its SHA-256 printed" "Procès-verbal de scellement : .*scellement\.pdf \(SHA-256 $SHA, au journal\)" "$out"
expect_match "…and journaled with the title" "^ceremonie_pv .*\"sha256\":\"$SHA\".*\"titre\":\"Procès-verbal de scellement\"" "$(last_journal)"
txt=$(pdf_text "$K/scellement.pdf")
expect_match "record: final title" "Procès-verbal de scellement Vote électronique" "$txt"
expect_match "record: operation and scrutin" "Élections CSE 2026 \(cse-2026\).*Siège, Cadres, titulaires, 1er tour" "$txt"
expect_match "record: who was present, with roles" "Hélène Faure déléguée de la liste CGT" "$txt"
expect_match "record: Paris time" "\(heure de Paris\)" "$txt"
expect_match "record: a statement and who confirmed it" "Constaté par Hélène Faure" "$txt"
expect_match "record: test vote expected vs actual" "Attendu \(plan\) Obtenu" "$txt"
expect_match "record: « conformes »" "Vote à blanc : conformes" "$txt"
expect_match "record: the seal's fingerprint" "$SEAL" "$(pdftotext "$K/scellement.pdf" - | tr -d ' \n')"
expect_match "record: F" "$F" "$(pdftotext "$K/scellement.pdf" - | tr -d ' \n')"
expect_match "record: signature boxes" "Signatures des personnes présentes" "$txt"
expect_match "record: a statement's note" "Constaté par Jean Dupont\. Note : PV provisoire signé" "$txt"
# kept in the build directory to look at (pdftoppm: one PNG a page)
cp "$K/scellement.pdf" "$ISOLOIR_BUILDDIR/ceremony-record.pdf"
pdftoppm -r 70 -png "$K/scellement.pdf" "$ISOLOIR_BUILDDIR/ceremony-record" 2>/dev/null

# The opening ceremony: seal verified, urn empty, opened with the codes.
out=$("$C" ceremony start ouverture 1 --present "Jean Dupont:président" --present "Anne Martin:assesseure" 2>&1)
expect_match "opening ceremony started" "Cérémonie n° 2 commencée : ouverture du scrutin" "$out"
out=$("$C" ceremony step 2 ouverture --codes "$K/codes" 2>&1)
expect_match "opening before checking the seal: refused" "ne peut pas être faite avant « Scellement vérifié" "$out"
out=$("$C" ceremony step 2 scellement 2>&1)
expect_match "seal verified" "Scellement conforme ; empreinte : $SEAL" "$out"
out=$("$C" ceremony step 2 urne_vide 2>&1)
expect_match "urn and émargement empty" "Urne : 0 bulletin" "$out"
out=$("$C" ceremony step 2 ouverture --codes "$K/codes" 2>&1)
expect_match "opened" "Scrutin « ouvert » ; autorisé par" "$out"
expect_eq "…in the database" open "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
"$C" ceremony step 2 journal >/dev/null
"$C" ceremony record 2 --out "$K/ouverture.pdf" >/dev/null
expect_match "opening record" "Procès-verbal d'ouverture du scrutin" "$(pdf_text "$K/ouverture.pdf")"

# The closing: a real elector votes; closed with the codes; the freeze.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "an elector votes list 2" '^200 ' "$(api_vote 1 1 111)"
"$C" ceremony start cloture 1 --present "Jean Dupont:président" --present "Paul Durand:assesseur" >/dev/null
out=$("$C" ceremony step 3 gel 2>&1)
expect_match "closing: no freeze before the closing" "ne peut pas être faite avant « Clôture du scrutin" "$out"
# An early stop: the scrutin suspended, then closed with the advice and
# the organiser's authorisation (R-BUR-4), recorded at the closing step.
"$C" scrutin transition 1 suspended --codes "$K/codes" --avis "Avis de l'expert" --autorisation "Accord de la DRH" >/dev/null
out=$("$C" ceremony step 3 cloture --codes "$K/codes" 2>&1)
expect_match "early stop without the advice: refused with the reason" "qu'avec l'avis préalable reçu \(--avis\)" "$out"
out=$("$C" ceremony step 3 cloture --codes "$K/codes" --avis "Avis de l'expert : incident clos" --autorisation "Accord de la DRH" 2>&1)
expect_match "closed with the codes, advice and authorisation" "Scrutin « clos » ; autorisé par" "$out"
out=$("$C" ceremony step 3 gel 2>&1)
expect_match "urn and émargement frozen: 1 and 1, urn fingerprint" "1 bulletin\(s\), 1 émargement\(s\) ; empreinte de l'urne : [0-9a-f]{64}" "$out"
# Two consoles confirm the same statement at once: one records it.
"$C" ceremony step 3 participation --confirme "Paul Durand" >"$K/race-1" 2>&1 &
"$C" ceremony step 3 participation --confirme "Jean Dupont" >"$K/race-2" 2>&1 &
wait
expect_eq "two consoles at once: the step stored once" 1 \
	"$(sql_root electors "SELECT COUNT(*) FROM ceremony_step WHERE ceremony_id = 3 AND step_key = 'participation'")"
expect_match "…the other told it is done" "est déjà faite" "$(cat "$K/race-1" "$K/race-2")"
out=$(sql_root electors "SELECT result FROM ceremony_step WHERE ceremony_id = 3 AND step_key = 'participation'")
expect_match "turnout stated with its figures" "Constaté par (Paul Durand|Jean Dupont)\. Inscrits : 2 ; votants : 1\." "$out"
"$C" ceremony step 3 journal >/dev/null
"$C" ceremony record 3 --out "$K/cloture.pdf" >/dev/null
expect_match "closing record" "Procès-verbal de clôture du scrutin.*Constaté par (Paul Durand|Jean Dupont)" "$(pdf_text "$K/cloture.pdf")"

# The counting: seal, expert, decryption, proclamation, sealed again.
"$C" ceremony start depouillement 1 --present "Jean Dupont:président" --present "Claire Noël:experte indépendante" >/dev/null
out=$("$C" ceremony step 4 scellement 2>&1)
expect_match "counting: seal and integrity checked" "Scellement conforme ; empreinte : $SEAL" "$out"
"$C" ceremony step 4 expert --confirme "Claire Noël" --note "aucune altération constatée" >/dev/null
out=$("$C" ceremony step 4 depouillement --codes "$K/codes" 2>&1)
expect_match "counted with the codes" "Scrutin « dépouillé »" "$out"
out=$("$C" ceremony step 4 proclamation 2>&1)
expect_match "no proclamation yet: refused" "Les résultats ne sont pas proclamés" "$out"
"$C" tally --scrutin 1 -c "$ISOLOIR_CONSOLE_CONF" >"$K/totals2.json"
for y in 1 2; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals2.json" --out "$K/p2-$y.json" >/dev/null
done
"$V" count "$K/public.json" "$K/totals2.json" "$K/p2-1.json" "$K/p2-2.json" | head -n 1 >"$K/counts2.json"
expect_match "the real vote alone counted (test ballots gone)" '"counts":\[0,1,0,0,0,0,0,0,1,1,1,0,0,0\]' "$(cat "$K/counts2.json")"
"$C" results proclaim --scrutin 1 --counts "$K/counts2.json" --codes "$K/codes" >/dev/null
out=$("$C" ceremony step 4 proclamation 2>&1)
expect_match "proclaimed" "Proclamés le .* ; empreinte des résultats : [0-9a-f]{64}" "$out"
out=$("$C" ceremony step 4 scellement_final --codes "$K/codes" 2>&1)
expect_match "sealed after the count" "Scrutin « scellé après dépouillement » ; empreinte du scellement : [0-9a-f]{64}" "$out"
"$C" ceremony step 4 journal >/dev/null
"$C" ceremony record 4 --out "$K/depouillement.pdf" >/dev/null
expect_match "counting record, with the expert's note" "Procès-verbal des opérations de dépouillement.*Constaté par Claire Noël\. Note : aucune altération constatée" "$(pdf_text "$K/depouillement.pdf")"
expect_eq "journal: ceremony entries" "4 22 2" "$(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'ceremonie_debut'") $(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'ceremonie_etape'") $(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'vote_blanc_compare'")"
finish
