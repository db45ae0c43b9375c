#!/bin/sh
# console-tui: the interactive isoloir-console (ncursesw) driven under tmux
# against a real stack, as the cellule d'assistance technique uses it
# (R-BUR-2/3/4/5, R-AUTH-4): the dashboard in French with live turnout,
# steps of the lifecycle through the scrutin screen (bureau codes typed
# masked, a wrong code refused and the state kept), seal verify, a resize,
# the journal showing the new entries, quitting; then the hotline mode.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }

C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
M=$ISOLOIR_BUILDDIR/tests/component/model-db

. "$ISOLOIR_SRCDIR/tests/tui.sh"
no_process() { ! pgrep -f -- "$1" >/dev/null; }
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }

# The bureau of the Siège and its members' personal codes (model-db.sh).
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'),
  (1, 'assesseur', 'Martin', 'Anne'), (1, 'assesseur', 'Durand', 'Paul');
UPDATE scrutin SET bureau_id = 1;" >/dev/null
for mc in 1:président-2026 2:secrétaire-2026 3:assesseur-A-26 4:assesseur-B-26; do
	"$M" "$CONF" setcode "${mc%%:*}" "${mc#*:}" >/dev/null
done

# ---------------------------------------------------------------- no terminal
out=$("$C" </dev/null 2>&1); rc=$?
expect_eq "without a terminal: usage, exit 2" 2 "$rc"
expect_match "…usage names the interactive screens" 'écrans interactifs' "$out"

# ---------------------------------------------------------------- dashboard
tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard: title" "console de la cellule d'assistance technique"
expect_screen "dashboard: titulaires, 1er tour, en préparation" \
	'^ +1 Siège +Cadres +Titulaires 1er +En préparation +2 +0 +0,00$'
expect_screen "dashboard: suppléants with accents" '^ +2 Siège +Cadres +Suppléants 1er +En préparation'
expect_screen "dashboard: headers fitted to 80 columns" '^  n° Établ\. +Collège +Catégorie +Tour +État +Inscr\. +Votants +Part\. %$'
expect_screen "dashboard: no partial result, said" 'jamais de résultat partiel'
expect_screen "dashboard: help line at the bottom" '^ ↑↓ ↵ scrutin  o opération  j journal  i import  d identif.  v observateurs  q'
check "dashboard: 80x24" test "$(screen | wc -l)" = 24
screen >"$STACK_DIR/dashboard.txt"
echo "# dashboard at 80x24:"
sed 's/^/#   |/' "$STACK_DIR/dashboard.txt"

# Live turnout: an émargement appears without any key pressed (2 s refresh).
sql_root electors "INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (2, 2, NOW(6))" >/dev/null
expect_screen "dashboard refreshed by itself: 1 votant of 2" '^ +2 Siège .* +2 +1 +50,00$'

# ---------------------------------------------------------------- import (R-DATA-1)
# The fixture's two electors as they are, and a third one.
cat >"$STACK_DIR/electeurs.csv" <<EOF
matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir
M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;75001;Paris;;;42
M2;Lefèvre;;Émile;M;30/06/1975;Siège;;Cadres;fonctionnaire;2 rue B;69001;Lyon;;;17
M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;3 rue C;75011;Paris;;;97
EOF
keys i
expect_screen "import screen: asks for the file" 'Fichier :'
text "$STACK_DIR/electeurs.csv"
keys Enter
expect_screen "…then the collèges" 'Collèges'
text "Cadres"
keys Enter
expect_screen "…then the date" 'Date du 1er tour'
text "2026-12-01"
keys Enter
expect_screen "the file checked: conforming" 'electeurs.csv : fichier conforme, 3 électeurs\.'
expect_screen "…« i » offered to import it" 'i importer dans la base'
keys i
expect_screen "imported into the database through the screen" 'Importé : 3 électeurs \(1 ajouté, 2 modifiés, 0 retiré\), import n° 1\.'
expect_eq "…3 electors in the database, ids kept" "1,2,3" "$(sql_root electors "SELECT GROUP_CONCAT(id ORDER BY id) FROM elector")"
keys q
expect_screen "back on the dashboard: 3 inscrits in scrutin 1" '^ +1 Siège +Cadres +Titulaires 1er +En préparation +3 +0 +0,00$'

# ---------------------------------------------------------------- steps without codes
keys Enter
expect_screen "scrutin screen: title" 'Scrutin n° 1 — Siège, Cadres, titulaires, 1er tour'
expect_screen "scrutin screen: state" 'État : En préparation'
expect_screen "scrutin screen: the only steps allowed" 'Passer à « listes importées »'
check "scrutin screen: no step skipped (no « ouvert » offered)" not_on_screen 'Passer à « ouvert »'
keys Enter
expect_screen "a step without codes asks for confirmation" 'Passer le scrutin n° 1 à « listes importées » \? \(o/n\)'
keys o
expect_screen "step applied: listes importées" 'État : Listes importées'
expect_eq "…in the database" lists_imported "$(state 1)"
for step in "keys_generated:Clés générées" "test_vote:En vote à blanc" "reset:Remis à zéro"; do
	keys Enter o
	expect_screen "step applied: ${step#*:}" "État : ${step#*:}"
	expect_eq "…in the database" "${step%%:*}" "$(state 1)"
done

# ---------------------------------------------------------------- sealing with codes
# c: sealing; the president, a wrong code for Anne Martin, Paul Durand.
code() { # code DOWNS CODE : move down, type the member's code
	i=0
	while [ $i -lt "$1" ]; do keys Down; i=$((i + 1)); done
	keys Enter
	text "$2"
	keys Enter
}
keys c
expect_screen "codes screen for the seal" 'Codes du bureau de vote — passer à « scellé »'
expect_screen "codes screen lists the president" 'président +Jean Dupont'
keys Enter
text "président-2026"
expect_screen "the code is masked" '^Code de Jean Dupont : \*{14}$'
check "the code is not on the screen" not_on_screen 'président-2026'
keys Enter
code 2 "mauvais-code"
code 1 "assesseur-B-26"
expect_screen "three codes typed" 'code saisi\] assesseur +Paul Durand'
keys v Enter
expect_screen "a wrong code is refused in French" \
	'Autorisation refusée : au moins un code personnel est invalide'
expect_screen "…the state shown is unchanged" 'État : Remis à zéro'
expect_eq "…and unchanged in the database" reset "$(state 1)"
expect_eq "…no seal made" 0 "$(sql_root urn "SELECT COUNT(*) FROM seal WHERE scrutin_id = 1")"

keys c Enter
text "président-2026"
keys Enter
code 2 "assesseur-A-26"
code 1 "assesseur-B-26"
keys v
text "scellement en séance du bureau"
keys Enter
expect_screen "sealed with the president and two members" 'État : Scellé'
expect_eq "…in the database" sealed "$(state 1)"
expect_eq "…one seal stored" 1 "$(sql_root urn "SELECT COUNT(*) FROM seal WHERE scrutin_id = 1")"
expect_match "…journaled with the note" '"note":"scellement en séance du bureau"' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'transition' ORDER BY seq DESC LIMIT 1")"

keys s
expect_screen "seal verified from the screen" 'Scrutin n° 1 : scellement conforme\.'

# Opening: « ouvert » is the second step offered; the secretary replaces
# the president.
keys Down Enter
keys Down Enter
text "secrétaire-2026"
keys Enter
code 1 "assesseur-A-26"
code 1 "assesseur-B-26"
keys v Enter
expect_screen "opened through the screens" 'État : Ouvert'
expect_eq "…in the database" open "$(state 1)"

# The scrutin's journal: « f » keeps only its entries.
keys j
expect_screen "journal from the scrutin screen: all entries first" 'code_defini'
keys f
expect_screen "…« f »: this scrutin only" 'Journal des électeurs — ce scrutin seulement'
check "…no entry of another kind (bureau codes set)" not_on_screen 'code_defini'
expect_screen "…its opening listed" 'transition +1  \{"de":"sealed","ve'
keys q
expect_screen "back on the scrutin screen" 'État : Ouvert'

# ---------------------------------------------------------------- resize
keys q
expect_screen "back on the dashboard, scrutin 1 open" '^ +1 Siège .*Titulaires 1er +Ouvert '
tm resize-window -t tui -x 100 -y 30
expect_screen "resized to 100x30: columns widened" 'n° Établissement +Collège +Catégorie'
check "…30 lines drawn" test "$(screen | wc -l)" = 30
expect_eq "…help line on the new last line" " ↑↓ ↵ scrutin  o opération  j journal  i import  d identif.  v observateurs  q" \
	"$(screen | sed -n '30p' | sed 's/ *$//')"
tm resize-window -t tui -x 30 -y 8
expect_screen "a tiny window: still drawn, cut" '^ isoloir — console de la cell…$'
tm resize-window -t tui -x 100 -y 30
expect_screen "…and back to 100x30" 'n° Établissement +Collège'

# ---------------------------------------------------------------- journal
keys j
expect_screen "journal: chain checked" '^ Chaînage intact : [0-9]+ entrées vérifiées\.'
expect_screen "journal: the refused authorisation is listed" 'autorisation_refusee +1 '
expect_screen "journal: the newest entry selected, the opening, in full" \
	'transition, par console:cellule-test : \{"de":"sealed","vers":"open"'

# ---------------------------------------------------------------- operation file
# A training operation described by a file: refused with its error and
# line, then corrected (same path) and created through the screen.
op() { # op SEATS : the description, with that many seats
	cat <<EOF
[operation]
code = formation-2026
nom = Formation du bureau
formation = oui
ouverture = 2026-06-01 09:00
cloture = 2026-06-01 17:00
[etablissement.f]
nom = Site de formation
[college.t]
nom = Tous
[bureau.f]
nom = Bureau de formation
etablissement = f
president = Leroy ; Inès
assesseur.1 = Moreau ; Jules
assesseur.2 = Faure ; Élise
[scrutin.f]
etablissement = f
college = t
categories = titulaires
sieges = $1
EOF
}
op 0 >"$STACK_DIR/op.conf"
keys q
expect_screen "dashboard: « o » for the operation" 'o opération'
keys o
expect_screen "operation screen: asks for the file" 'Fichier de description :'
text "$STACK_DIR/op.conf"
keys Enter
expect_screen "bad description refused" 'Description refusée \(rien ne sera enregistré\) :'
expect_screen "…its error with the line" 'ligne 21 : nombre de sièges invalide « 0 » : un entier de 1 à 999'
check "…nothing to create offered" not_on_screen 'c créer'
op 1 >"$STACK_DIR/op.conf"
keys n
expect_screen "« n »: the file asked again" 'Fichier de description :'
keys Enter
expect_screen "corrected description valid" 'Description valide : 1 scrutin, 1 bureau\.'
expect_screen "…what it describes" 'scrutin : Site de formation — Tous — titulaires, tour 1, 1 siège'
expect_screen "…« c » offered" 'c créer  m mettre à jour'
keys c
expect_screen "created through the screen" 'Opération « formation-2026 » créée : 1 scrutin nouveau, 3 membres ajoutés, 0 retiré\.'
expect_screen "…SHA-256 of the file shown" "SHA-256 du fichier : $(sha256sum "$STACK_DIR/op.conf" | cut -d' ' -f1)"
expect_eq "…in the database, a training operation" "1|Formation du bureau|1" \
	"$(sql_root electors "SELECT CONCAT_WS('|', o.training, o.name, COUNT(s.id)) FROM operation o JOIN scrutin s ON s.operation_id = o.id WHERE o.code = 'formation-2026' GROUP BY o.id")"
keys q
keys j
expect_screen "journal: the creation listed" 'operation_creation'

# ---------------------------------------------------------------- quit
keys q q
check "q quits: the session is gone" session_gone
check "no console process left" no_process "$C -c $CONF"

# ---------------------------------------------------------------- hotline mode
SPOOL=$STACK_DIR/spool
mkdir -p "$SPOOL"
tui_start 80 24 \
	"env TERM=screen $C --hotline -c $STACK_DIR/etc/hotline.conf --spool $SPOOL --operateur 'Agent 7'"
expect_screen "hotline: asks for a name" "Nom de l'électeur :"
text "Dupré"
keys Enter
expect_screen "hotline: elector found (accents)" '^ +1  Zoé Dupré — Siège$'
identity() { # identity NOM NAISSANCE CP CLE
	keys Enter
	for f in "$@"; do text "$f"; keys Enter; done
}
identity Dupre 03/02/1980 75001 43
expect_screen "hotline: wrong challenge refused" 'Identité non confirmée'
check "…nothing spooled" sh -c "! ls '$SPOOL' | grep -q ."
identity dupré 03/02/1980 75001 42
expect_screen "hotline: reissued, identifier shown" \
	"Nouvel identifiant \(peut être lu à l'électeur\) : [2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}"
pwfile=$(ls "$SPOOL"/electeur-1-*.txt 2>/dev/null)
check "…password spooled, 0600" test "$(stat -c %a "$pwfile" 2>/dev/null)" = 600
pw=$(sed -n 's/^mot_de_passe=//p' "$pwfile")
check "…password not on the screen" not_on_screen "$pw"
sql_root electors "INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (1, 1, NOW(6)), (2, 1, NOW(6))" >/dev/null
identity Dupré 03/02/1980 75001 42
expect_screen "hotline: no reissue once voted everywhere" 'déjà voté'
expect_eq "journal: the hotline's attempts" "reissue_refused,reissue,reissue_refused" \
	"$(sql_root electors "SELECT GROUP_CONCAT(action ORDER BY seq) FROM journal WHERE actor = 'hotline:Agent 7'")"
keys j i
sleep 0.5
check "hotline mode: no journal screen" not_on_screen "Journal des électeurs"
check "hotline mode: no import screen" not_on_screen "Vérification d'un fichier"
keys q
check "hotline: q quits" session_gone
check "…no console process left" no_process "$C --hotline"
no_sanitizer_report
finish
