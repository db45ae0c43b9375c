#!/bin/sh
# console-list-files: the lists' logos and professions de foi (R-VOTE-2,
# R-VOTE-9): `import candidates FILE --fichiers DIR` stores the files named
# after the lists (checked by content: PNG, SVG without script or link, PDF;
# sizes capped); the ballot and the published lists give their addresses;
# the worker serves them with their type, nosniff, noindex (and a sandbox
# policy for SVG); a bad file refuses the whole import with a French
# reason, the database unchanged.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/import
F=$D/fichiers
L=$ISOLOIR_SRCDIR/tests/data/lists
mkdir -p "$F"
cat >"$D/electors.csv" <<EOF
matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir
M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42
M2;Lefèvre;;Émile;M;30/06/1975;Siège;;Cadres;fonctionnaire;2 rue B;69001;Lyon;;;17
M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;3 rue C;75011;Paris;;;97
M5;Roux;;Léo;M;1991-01-01;Siège;;Cadres;salarie;5 rue E;69001;Lyon;;;12
EOF
"$C" import electors "$D/electors.csv" -c "$CONF" >"$D/el.log" 2>&1 || { echo "electors import failed"; cat "$D/el.log"; exit 1; }
cat >"$D/cand.csv" <<EOF
etablissement;college;categorie;liste_ordre;liste_nom;syndicat;candidat_ordre;matricule;nom;prenom;sexe;date_naissance
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;Dupré;Zoé;F;03/02/1980
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;2;M5;Roux;Léo;M;1991-01-01
Siège;Cadres;titulaire;2;Liste commune CGT–UNSA;CGT+UNSA;1;M3;Œuvray;Chloé;F;29/02/2000
Siège;Cadres;suppleant;1;Liste CFDT;CFDT;1;M2;Lefèvre;Émile;M;30/06/1975
EOF
cp "$L/cfdt.png" "$F/Liste CFDT.png"
cp "$L/cfdt.pdf" "$F/Liste CFDT.pdf"
cp "$L/cgt-unsa.svg" "$F/Liste commune CGT–UNSA.svg"

out=$("$C" import candidates "$D/cand.csv" --fichiers "$F" -c "$CONF" 2>&1)
expect_eq "import with files: exit 0" 0 "$?"
expect_match "files counted" "5 fichiers \(logos, professions de foi\) enregistrés depuis" "$out"
expect_eq "stored by kind and checked type" "Liste CFDT|logo|image/png,Liste CFDT|logo|image/png,Liste CFDT|profession|application/pdf,Liste CFDT|profession|application/pdf,Liste commune CGT–UNSA|logo|image/svg+xml" \
	"$(sql_root electors "SELECT GROUP_CONCAT(CONCAT_WS('|', l.name, f.kind, f.content_type) ORDER BY l.name, f.kind) FROM list_file f JOIN candidate_list l ON l.id = f.list_id")"
expect_eq "stored whole (SHA-256 of the file)" "$(sha256sum "$L/cfdt.png" | cut -c1-64)" \
	"$(sql_root electors "SELECT LOWER(HEX(f.sha256)) FROM list_file f JOIN candidate_list l ON l.id = f.list_id WHERE l.scrutin_id = 1 AND f.kind = 'logo' AND l.name = 'Liste CFDT'")"
expect_match "journaled with the count" '"logos_professions":5' "$(sql_root electors "SELECT detail FROM journal WHERE action = 'import_candidats' ORDER BY seq DESC LIMIT 1")"

# The published lists and the ballot give the files' addresses.
out=$(api_req GET /api/listes)
expect_match "published lists: logo and profession de foi of Liste CFDT" '"nom":"Liste CFDT","syndicats":"CFDT","candidats":\[[^]]*\],"logo":"/api/listes/fichier\?liste=[0-9]+&type=logo","profession_de_foi":"/api/listes/fichier\?liste=[0-9]+&type=profession"' "$out"
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
out=$(api_req GET '/api/bulletin?scrutin=1')
expect_match "ballot: the SVG logo of the common list" '"nom":"Liste commune CGT–UNSA","syndicats":"CGT\+UNSA","candidats":\[[^]]*\],"logo":"/api/listes/fichier\?liste=[0-9]+&type=logo"\}' "$out"
# in the drawn order: Liste CFDT's logo and profession de foi, then the common list's logo
urls=$(printf '%s' "$out" | grep -o '/api/listes/fichier?liste=[0-9]*&type=[a-z]*')
logo=$(printf '%s\n' "$urls" | sed -n 1p)
pdf=$(printf '%s\n' "$urls" | sed -n 2p)
svg=$(printf '%s\n' "$urls" | sed -n 3p)

get() { https_get -D "$STACK_DIR/h" -o "$STACK_DIR/b" -w '%{http_code} %{content_type}' "${URL%/}$1"; }
expect_eq "PNG logo served as image/png" "200 image/png" "$(get "$logo")"
check "the same bytes as the file" cmp -s "$STACK_DIR/b" "$L/cfdt.png"
expect_match "nosniff" 'x-content-type-options: nosniff' "$(cat "$STACK_DIR/h")"
expect_match "noindex" 'x-robots-tag: noindex' "$(cat "$STACK_DIR/h")"
expect_eq "SVG logo served as image/svg+xml" "200 image/svg+xml" "$(get "$svg")"
expect_match "SVG opened alone runs nothing" "content-security-policy: default-src 'none'; style-src 'unsafe-inline'; sandbox" "$(cat "$STACK_DIR/h")"
expect_eq "profession de foi served as application/pdf" "200 application/pdf" "$(get "$pdf")"
check "the PDF whole" cmp -s "$STACK_DIR/b" "$L/cfdt.pdf"
expect_match "no such file: 404 in French" "^404 .*pas de fichier" "$(api_req GET '/api/listes/fichier?liste=999&type=logo')"
expect_match "unknown type: 400" '^400 ' "$(api_req GET '/api/listes/fichier?liste=1&type=photo')"
# A list not published yet (its scrutin's keys not installed) keeps its files.
lid=${logo#*liste=}; lid=${lid%%&*}
sc=$(sql_root electors "SELECT scrutin_id FROM candidate_list WHERE id = $lid")
sql_root electors "CREATE TABLE k_saved AS SELECT * FROM scrutin_crypto WHERE scrutin_id = $sc;
  DELETE FROM scrutin_crypto WHERE scrutin_id = $sc" >/dev/null
expect_match "files of an unpublished list: 404" "^404 " "$(api_req GET "$logo")"
sql_root electors "INSERT INTO scrutin_crypto SELECT * FROM k_saved; DROP TABLE k_saved" >/dev/null
expect_eq "…published again: served" "200 image/png" "$(get "$logo")"

# Bad files: the whole import refused, in French, nothing changed.
snapshot() { sql_root electors "SELECT COUNT(*), GROUP_CONCAT(HEX(sha256) ORDER BY list_id, kind) FROM list_file; SELECT GROUP_CONCAT(id) FROM candidate_list"; }
before=$(snapshot)
refused() { # refused DESCRIPTION PATTERN : import, expect exit 1, the reason, no change
	out=$("$C" import candidates "$D/cand.csv" --fichiers "$F" -c "$CONF" 2>&1)
	expect_eq "$1: exit 1" 1 "$?"
	expect_match "$1: French reason" "$2" "$out"
	expect_eq "$1: database unchanged" "$before" "$(snapshot)"
}
cp "$F/Liste CFDT.png" "$D/good.png"
printf 'GIF89a not a png' >"$F/Liste CFDT.png"
refused "a GIF named .png" "fichier « Liste CFDT.png » : ce n'est pas une image PNG"
cp "$D/good.png" "$F/Liste CFDT.png"
sed 's|</svg>|<script>alert(1)</script></svg>|' "$L/cgt-unsa.svg" >"$F/Liste commune CGT–UNSA.svg"
refused "an SVG with a script" "fichier « Liste commune CGT–UNSA.svg » : SVG refusé, il contient « <script »"
sed 's|<rect |<rect onload="alert(1)" |' "$L/cgt-unsa.svg" >"$F/Liste commune CGT–UNSA.svg"
refused "an SVG with an event handler" "SVG refusé, il contient un attribut d'événement"
sed 's|<rect |<a href="https://example.org/"><rect |; s|</svg>|</a></svg>|' "$L/cgt-unsa.svg" >"$F/Liste commune CGT–UNSA.svg"
refused "an SVG with an outside link" "SVG refusé, il contient un lien vers l'extérieur"
cp "$L/cgt-unsa.svg" "$F/Liste commune CGT–UNSA.svg"
cp "$L/cgt-unsa.svg" "$F/Liste CFDT.svg"
refused "two logos for one list" "liste « Liste CFDT » : deux logos \(.png et .svg\)"
rm "$F/Liste CFDT.svg"
printf 'Ceci est un texte' >"$F/Liste CFDT.pdf"
refused "a text named .pdf" "fichier « Liste CFDT.pdf » : ce n'est pas un PDF"
{ cat "$L/cfdt.pdf"; head -c 4200000 /dev/zero; } >"$F/Liste CFDT.pdf"
refused "a PDF over 4 Mio" "fichier « Liste CFDT.pdf » : trop gros, 4096 Kio au plus pour une profession de foi"
cp "$L/cfdt.pdf" "$F/Liste CFDT.pdf"
"$C" import candidates "$D/cand.csv" --fichiers "$F" -c "$CONF" >/dev/null 2>&1
expect_eq "good files again: accepted" 0 "$?"
rm "$F/Liste CFDT.pdf"
"$C" import candidates "$D/cand.csv" --fichiers "$F" -c "$CONF" >/dev/null 2>&1
expect_eq "a new import replaces the files with the lists" 3 "$(sql_root electors "SELECT COUNT(*) FROM list_file")"
finish
