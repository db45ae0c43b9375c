#!/bin/sh
# console-screens: the console screens of the actions that were subcommands
# only (R-OPS-3), driven under tmux at 80x24 against a real stack: the
# candidates import with its control list and gender-balance warnings, the
# keys of a scrutin (fingerprint F, a real public.json of isoloir-trustee
# installed, unreadable or inconsistent ones refused), the test vote (test
# electors into a 0600 file, decrypted counts compared with the plan:
# differences, then « conformes »), the credentials and their letters (no
# password shown). Each screen: a success and a French error.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }

C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
CONF=$STACK_DIR/etc/console.conf
export ISOLOIR_CONSOLE_CONF="$CONF"
D=$STACK_DIR/screens
K=$D/keys
mkdir -p "$K" "$D/out"

. "$ISOLOIR_SRCDIR/tests/tui.sh"

# Electors for the candidates; no keys yet (the fixture's are for the web
# tests).
HE='matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir'
printf '%s\n' "$HE" \
	"M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42" \
	"M2;Lefèvre;;Émile;M;30/06/1975;Siège;;Cadres;fonctionnaire;2 rue B;69001;Lyon;;;17" \
	"M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;3 rue C;75011;Paris;chloe@example.fr;;97" \
	"M4;N'Diaye;;Amadou;H;1990-05-06;Siège;;Cadres;fonctionnaire;4 rue D;75012;Paris;;06 12 34 56 78;01" \
	"M5;Roux;;Léo;M;1991-01-01;Siège;;Cadres;salarie;5 rue E;69001;Lyon;;;12" \
	"M6;Roy;Martin;Léna;F;1992-02-02;Siège;;Cadres;salarie;6 rue F;69001;Lyon;;;13" >"$D/electors.csv"
"$C" import electors "$D/electors.csv" >/dev/null 2>&1
expect_eq "electors imported first" 0 "$?"
sql_root electors "DELETE FROM scrutin_crypto" >/dev/null

tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard" "console de la cellule d'assistance technique"
layout "dashboard" " ↑↓ ↵ scrutin  o opération  j journal  i import  d identif.  v observateurs  q"

# ---------------------------------------------------------------- candidates
HC='etablissement;college;categorie;liste_ordre;liste_nom;syndicat;candidat_ordre;matricule;nom;prenom;sexe;date_naissance'
printf '%s\n' "$HC" "Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;Dupré;Zoé;X;03/02/1980" >"$D/bad.csv"
printf '%s\n' "$HC" \
	"Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;Dupré;Zoé;F;03/02/1980" \
	"Siège;Cadres;titulaire;1;Liste CFDT;CFDT;2;M3;Œuvray;Chloé;F;29/02/2000" \
	"Siège;Cadres;titulaire;2;Liste FO;FO;1;M4;N'Diaye;Amadou;M;1990-05-06" \
	"Siège;Cadres;titulaire;2;Liste FO;FO;2;M5;Roux;Léo;M;1991-01-01" \
	"Siège;Cadres;titulaire;2;Liste FO;FO;3;M6;Roy;Léna;F;1992-02-02" >"$D/candidats.csv"
keys i
expect_screen "import screen: the electors file asked first" 'Fichier :'
keys Escape
expect_screen "import screen offers the candidates" 'c candidats'
keys c
expect_screen "candidates screen asks for the file" 'Fichier des candidats :'
answer "$D/bad.csv"
expect_screen "a bad file refused, in French" 'bad\.csv : fichier refusé, 1 erreur \(rien ne sera importé\)\.'
expect_screen "…the error listed with its line" 'ligne 2'
layout "candidates screen" " ↑↓ parcourir  n nouveau fichier  q retour"
keys n C-u
answer "$D/candidats.csv"
expect_screen "the good file checked" 'candidats\.csv : fichier conforme, 5 candidats, 1 scrutin\.'
layout "candidates screen, checked" " ↑↓ parcourir  i importer dans la base  n nouveau fichier  q retour"
keys i
expect_screen "…asks for the lists' files (optional)" 'Dossier des logos et professions de foi'
keys Enter
expect_screen "imported through the screen" 'Importé : 5 candidats sur 2 listes dans 1 scrutin, import n° 2\.'
expect_screen "…the control list shown" 'Liste 2 : Liste FO \(FO\)'
expect_screen "…its gender-balance warning" 'ATTENTION, représentation équilibrée'
expect_screen "…counted in the status box" '[0-9] avertissements? de représentation équilibrée'
expect_eq "…in the database, scrutin 1 « listes importées »" "5 lists_imported" \
	"$(sql_root electors "SELECT COUNT(*) FROM candidate c JOIN candidate_list l ON l.id = c.list_id WHERE l.scrutin_id = 1") $(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
keys q
expect_screen "back on the import screen" 'Vérification d.un fichier des électeurs'
keys q
expect_screen "back on the dashboard" 'd identif\.'

# ---------------------------------------------------------------- keys
F=$("$C" keys fingerprint 1)
keys Enter
expect_screen "scrutin screen" 'Scrutin n° 1 — Siège, Cadres, titulaires'
layout "scrutin screen" " ↵ étape c sceau s vérif. k cérém. l clés t test e émarg. d dépouil. j journal q"
keys l
expect_screen "keys screen: title" 'Clés du scrutin n° 1'
expect_screen "…the fingerprint F of « keys fingerprint »" "^ +$F$"
expect_screen "…no key installed" 'Clés installées : non'
layout "keys screen" " ↑↓ parcourir  i installer public.json  a actualiser  q retour"
keys i
expect_screen "install asks for public.json" 'Fichier public.json de la cérémonie des clés :'
answer "$K/absent.json"
expect_screen "an unreadable file refused in French" '« .*absent\.json » illisible'
# The key ceremony, 2 of 3, for F as the screen shows it.
key_ceremony "$F" "$K"
sed -E 's/"threshold": *2/"threshold":4/' "$K/public.json" >"$K/bad-public.json"
keys i C-u
answer "$K/bad-public.json"
expect_screen "a public.json that does not hold together: refused by lib/" '^clés : |seuil'
expect_eq "…nothing installed" 0 "$(sql_root electors "SELECT COUNT(*) FROM scrutin_crypto")"
keys i C-u
answer "$K/public.json"
expect_screen "installed through the screen" 'Clés installées : scrutin 1 « clés générées », seuil 2 sur 3\.'
expect_screen "…the screen shows it installed" 'Clés installées : oui'
expect_screen "…its threshold" 'Seuil : 2 sur 3 détenteurs'
Y=$(sql_root electors "SELECT public_key FROM scrutin_crypto WHERE scrutin_id = 1")
expect_screen "…its public key, as stored" "^ +$Y$"
expect_eq "…in the database: « clés générées »" keys_generated "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
keys q
expect_screen "back on the scrutin screen" 'État : Clés générées'

# ---------------------------------------------------------------- test vote
"$C" scrutin transition 1 test_vote >/dev/null
TE=$D/test-electors.csv
: >"$D/exists.csv"
keys t
expect_screen "test vote screen" 'Vote à blanc du scrutin n° 1'
layout "test vote screen" " ↑↓ parcourir  e électeurs de test  c comparer les résultats  q retour"
keys e
expect_screen "asks for the number" "Nombre d'électeurs de test :"
answer 7
answer "$D/exists.csv"
expect_screen "an existing file is not overwritten (French)" "écriture impossible de « .*exists\.csv » \(il"
expect_eq "…no test elector created" 0 "$(sql_root electors "SELECT COUNT(*) FROM elector WHERE test_elector")"
keys e Enter C-u
answer "$TE"
expect_screen "seven test electors" '7 électeurs de test pour le vote à blanc du scrutin n° 1 :'
expect_eq "…their file is the owner's only" 600 "$(stat -c %a "$TE")"
expect_eq "…with the plan" "matricule;identifiant;mot_de_passe;cle;consigne;choix;conserves" "$(head -n 1 "$TE")"
check "…no test password on the screen" not_on_screen "$(sed -n '2p' "$TE" | cut -d';' -f3)"
# Voted through the web as the plan says, the urn decrypted by two holders.
tail -n +2 "$TE" | while IFS=';' read -r mat id pw cle consigne choix kept; do
	api_login "$id" "$pw" "$cle"
	r=$(api_vote 1 "$choix" "$kept")
	case $r in 200*) ;; *) echo "# vote of $mat ($consigne): $r";; esac
done
"$C" tally --scrutin 1 -c "$CONF" >"$K/totals.json"
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
done
"$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json" | head -n 1 >"$K/counts.json"
sed -E 's/"counts":\[([0-9]+)/"counts":[9\1/' "$K/counts.json" >"$K/wrong.json"
keys c
expect_screen "compare asks for the counts" 'Fichier des résultats déchiffrés'
answer "$K/wrong.json"
expect_screen "a difference shown in French" 'Vote à blanc du scrutin n° 1 : différences : Liste CFDT'
expect_screen "…expected and actual per list" 'Liste CFDT +[0-9]+ +9[0-9]+$'
keys c C-u
answer "$K/counts.json"
expect_screen "the real results: « conformes »" 'Vote à blanc du scrutin n° 1 : conformes \(7 bulletins de test prévus'
expect_screen "…per candidate" '\(Liste FO\) +[0-9]+ +[0-9]+$'
expect_match "…journaled" '"conformes":true' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'vote_blanc_compare' ORDER BY seq DESC LIMIT 1")"
keys q
expect_screen "back on the scrutin screen" 'État : En vote à blanc'
keys q
expect_screen "back on the dashboard" 'd identif\.'

# ---------------------------------------------------------------- credentials
keys d
expect_screen "credentials screen" 'Identifiants des électeurs'
layout "credentials screen" " ↑↓ parcourir  g générer  q retour"
keys g
expect_screen "asks for the directory" 'Dossier où créer le nouveau dossier des identifiants :'
answer "$D/absent"
expect_screen "…then the site" 'Adresse du site'
keys C-u
answer "$URL"
expect_screen "a missing directory: refused in French" 'dossier de sortie illisible « .*absent »'
expect_eq "…no credential made" 0 "$(sql_root electors "SELECT COUNT(*) FROM credential c JOIN elector e ON e.id = c.elector_id WHERE e.matricule IN ('M3', 'M4', 'M5', 'M6')")"
keys g C-u
answer "$D/out"
keys Enter
expect_screen "four generated" '^ 4 identifiants générés$'
expect_screen "…channels counted" 'Mots de passe par email : 1, par SMS : 1, par courrier : 2'
expect_screen "…the letters offered" 'Produire les courriers en PDF maintenant \? \(o/n\)'
dir=$(ls -d "$D"/out/identifiants-* | head -n 1)
expect_match "…a new directory" "identifiants-[0-9]{8}-[0-9]{6}$" "$dir"
keys o
expect_screen "…the hotline asked" 'Assistance téléphonique'
answer "01 23 45 67 89"
expect_screen "the letters written" '4 courriers d.identifiant :'
expect_screen "…the password letters too" '2 courriers de mot de passe \(à poster un autre jour\) :'
expect_screen "…ready, said" 'Identifiants et courriers prêts dans'
check "…the PDF written" test -s "$dir/courrier-identifiants.pdf"
for p in $(tail -n +2 "$dir/canal-mots-de-passe.csv" | cut -d';' -f8); do
	check "…no password on the screen" not_on_screen "$p"
done
screen >"$STACK_DIR/credentials.txt"
echo "# credentials screen at 80x24:"
sed 's/^/#   |/' "$STACK_DIR/credentials.txt"
keys q q
check "quit" session_gone
no_sanitizer_report
finish
