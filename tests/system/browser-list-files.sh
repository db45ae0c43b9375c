#!/bin/sh
# browser-list-files: the lists' logos and professions de foi in Chromium
# (web/test/browser/listfiles.mjs, R-VOTE-2, R-VOTE-9): imported by the
# console with the candidates, shown on the ballot and on the published
# lists, the PDF linked; accessibility checked, screenshots saved.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/import
F=$D/fichiers
L=$ISOLOIR_SRCDIR/tests/data/lists
mkdir -p "$F"
printf '%s\n' 'matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir' \
	'M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42' \
	'M2;Lefèvre;;Émile;M;30/06/1975;Siège;;Cadres;fonctionnaire;2 rue B;69001;Lyon;;;17' \
	'M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;3 rue C;75011;Paris;;;97' >"$D/electors.csv"
printf '%s\n' 'etablissement;college;categorie;liste_ordre;liste_nom;syndicat;candidat_ordre;matricule;nom;prenom;sexe;date_naissance' \
	'Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;Dupré;Zoé;F;03/02/1980' \
	'Siège;Cadres;titulaire;2;Liste commune CGT–UNSA;CGT+UNSA;1;M3;Œuvray;Chloé;F;29/02/2000' \
	'Siège;Cadres;suppleant;1;Liste CFDT;CFDT;1;M2;Lefèvre;Émile;M;30/06/1975' >"$D/cand.csv"
cp "$L/cfdt.png" "$F/Liste CFDT.png"
cp "$L/cfdt.pdf" "$F/Liste CFDT.pdf"
cp "$L/cgt-unsa.svg" "$F/Liste commune CGT–UNSA.svg"
"$C" import electors "$D/electors.csv" -c "$CONF" >/dev/null 2>&1 &&
	"$C" import candidates "$D/cand.csv" --fichiers "$F" -c "$CONF" >/dev/null 2>&1 || { echo "imports failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null
expect_eq "imported: 2 logos and a profession de foi per CFDT list" 5 "$(sql_root electors 'SELECT COUNT(*) FROM list_file')"
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
node "$ISOLOIR_SRCDIR/web/test/browser/listfiles.mjs" || T_FAILS=$((T_FAILS + 1))
finish
