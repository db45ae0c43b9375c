#!/bin/sh
# console-import-candidates: `isoloir-console import candidates FILE` into a
# real electors database (R-DATA-2, R-DATA-3): lists in the drawn order with
# their unions and split key, candidates linked to the electors file, the
# control list printed, gender-balance warnings (L2314-30) that do not
# block; refused as a whole (database unchanged) for a candidate who is not
# an elector of the scrutin, not eligible, a bureau member, whose identity
# differs from the electors file, a list longer than the seats, an unknown
# scrutin, or a scrutin whose keys exist already.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/import
mkdir -p "$D"
HE='matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir'
HC='etablissement;college;categorie;liste_ordre;liste_nom;syndicat;candidat_ordre;matricule;nom;prenom;sexe;date_naissance'

# Electors of Siège / Cadres: 3 women, 3 men.
cat >"$D/electors.csv" <<EOF
$HE
M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42
M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;3 rue C;75011;Paris;;;97
M4;N'Diaye;;Amadou;H;1990-05-06;Siège;;Cadres;fonctionnaire;4 rue D;75012;Paris;;;01
M5;Roux;;Léo;M;1991-01-01;Siège;;Cadres;salarie;5 rue E;69001;Lyon;;;12
M6;Roy;Martin;Léna;F;1992-02-02;Siège;;Cadres;salarie;6 rue F;69001;Lyon;;;13
M7;Faure;;Hugo;M;1970-07-07;Siège;;Cadres;salarie;7 rue G;69001;Lyon;;;14
EOF
"$C" import electors "$D/electors.csv" -c "$CONF" >/dev/null 2>&1
expect_eq "electors imported first" 0 "$?"

snapshot() {
	sql_root electors "SELECT CONCAT_WS('|', l.scrutin_id, l.position, l.name, l.unions,
		COALESCE(CAST(l.split AS CHAR), '-'), c.position, c.nom, COALESCE(c.elector_id, '-'))
		FROM candidate_list l LEFT JOIN candidate c ON c.list_id = l.id
		ORDER BY l.scrutin_id, l.position, c.position; SELECT COUNT(*) FROM import_run;
		SELECT GROUP_CONCAT(state ORDER BY id) FROM scrutin"
}

# --- a good file: replaces the fixture's lists of both scrutins.
cat >"$D/ok.csv" <<EOF
$HC
Siège;Cadres;titulaire;2;Liste commune CGT–UNSA;CGT:60+UNSA:40;1;M3;Œuvray;Chloé;F;29/02/2000
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;2;M4;N'Diaye;Amadou;H;1990-05-06
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;DUPRE;Zoé;F;03/02/1980
Siège;Cadres;titulaire;2;Liste commune CGT–UNSA;CGT:60+UNSA:40;2;M5;Roux;Léo;M;1991-01-01
siege;cadres;Suppléants;1;Liste CFDT;CFDT;1;M6;Martin;Léna;F;1992-02-02
siege;cadres;Suppléants;1;Liste CFDT;CFDT;2;M7;Faure;Hugo;M;1970-07-07
EOF
out=$("$C" import candidates "$D/ok.csv" -c "$CONF" 2>&1)
expect_eq "good file: exit 0" 0 "$?"
expect_match "summary" "6 candidats sur 3 listes dans 2 scrutins importés, import n° 2" "$out"
expect_match "control list: scrutin header" "Scrutin « Siège, Cadres, titulaires » \(3 sièges ; électeurs : 3 femmes, 3 hommes\)" "$out"
expect_match "control list: list with its unions" "  Liste 2 : Liste commune CGT–UNSA \(CGT\+UNSA\)" "$out"
expect_match "control list: candidate line" "    1\. DUPRE Zoé, F, née le 03/02/1980 \(matricule M1\)" "$out"
expect_eq "no warning for balanced lists" "" "$(printf '%s' "$out" | grep ATTENTION)"
expect_eq "lists and candidates stored, linked to the electors" \
"$(printf '%s\n' \
	'1|1|Liste CFDT|CFDT|-|1|DUPRE|1' \
	"1|1|Liste CFDT|CFDT|-|2|N'Diaye|$(sql_root electors "SELECT id FROM elector WHERE matricule='M4'")" \
	"1|2|Liste commune CGT–UNSA|CGT+UNSA|{\"CGT\":60,\"UNSA\":40}|1|Œuvray|$(sql_root electors "SELECT id FROM elector WHERE matricule='M3'")" \
	"1|2|Liste commune CGT–UNSA|CGT+UNSA|{\"CGT\":60,\"UNSA\":40}|2|Roux|$(sql_root electors "SELECT id FROM elector WHERE matricule='M5'")" \
	"2|1|Liste CFDT|CFDT|-|1|Martin|$(sql_root electors "SELECT id FROM elector WHERE matricule='M6'")" \
	"2|1|Liste CFDT|CFDT|-|2|Faure|$(sql_root electors "SELECT id FROM elector WHERE matricule='M7'")")" \
	"$(sql_root electors "SELECT CONCAT_WS('|', l.scrutin_id, l.position, l.name, l.unions,
		COALESCE(CAST(l.split AS CHAR), '-'), c.position, c.nom, c.elector_id)
		FROM candidate_list l JOIN candidate c ON c.list_id = l.id
		ORDER BY l.scrutin_id, l.position, c.position" | sed 's/{"CGT": 60, "UNSA": 40}/{"CGT":60,"UNSA":40}/')"
expect_eq "scrutins move to « listes importées »" "lists_imported,lists_imported" \
	"$(sql_root electors "SELECT GROUP_CONCAT(state ORDER BY id) FROM scrutin")"
sha=$(sha256sum "$D/ok.csv" | cut -d' ' -f1)
expect_match "journaled with the file's digest" "import_candidats.*\"sha256\":\"$sha\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal WHERE action = 'import_candidats'")"
"$C" journal verify electors -c "$CONF" >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"

# --- gender balance: warned, not blocked.
cat >"$D/warn.csv" <<EOF
$HC
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;1;M1;Dupré;Zoé;F;03/02/1980
Siège;Cadres;titulaire;1;Liste CFDT;CFDT;2;M3;Œuvray;Chloé;F;29/02/2000
Siège;Cadres;titulaire;2;Liste FO;FO;1;M4;N'Diaye;Amadou;M;1990-05-06
Siège;Cadres;titulaire;2;Liste FO;FO;2;M5;Roux;Léo;M;1991-01-01
Siège;Cadres;titulaire;2;Liste FO;FO;3;M6;Roy;Léna;F;1992-02-02
EOF
out=$("$C" import candidates "$D/warn.csv" -c "$CONF" 2>&1)
expect_eq "warnings do not block" 0 "$?"
expect_match "count warning, exact reason" "ATTENTION, représentation équilibrée : 2 femmes et 0 homme sur 2 candidats, attendu 1 femme et 1 homme \(électeurs : 3 femmes, 3 hommes\)" "$out"
expect_match "alternation warning" "ATTENTION, alternance : les candidats 1 et 2 sont tous deux des hommes alors qu'il reste une femme plus loin sur la liste" "$out"
expect_match "warnings counted" "2 avertissements de représentation équilibrée" "$out"
expect_eq "only titulaires replaced" "Liste CFDT,Liste FO|Liste CFDT" \
	"$(sql_root electors "SELECT CONCAT((SELECT GROUP_CONCAT(name ORDER BY position) FROM candidate_list WHERE scrutin_id = 1), '|',
		(SELECT GROUP_CONCAT(name ORDER BY position) FROM candidate_list WHERE scrutin_id = 2))")"

# --- every refusal leaves the database as it was, and names the line.
sql_root electors "UPDATE elector SET eligible = FALSE WHERE matricule = 'M7';
	INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du siège');
	INSERT INTO bureau_member (bureau_id, role, nom, prenom, matricule)
		VALUES (LAST_INSERT_ID(), 'assesseur', 'Roux', 'Léo', 'M5')" >/dev/null
before=$(snapshot)
cat >"$D/bad.csv" <<EOF
$HC
Siège;Cadres;titulaire;1;Liste A;CFDT;1;M1;Dupré;Zoé;F;03/02/1980
Siège;Cadres;titulaire;1;Liste A;CFDT;2;M9;Inconnu;Paul;M;1980-01-01
Siège;Cadres;titulaire;1;Liste A;CFDT;3;M7;Faure;Hugo;M;1970-07-07
Siège;Cadres;titulaire;1;Liste A;CFDT;4;M5;Roux;Léo;M;1991-01-01
Siège;Cadres;titulaire;2;Liste B;CGT;1;M3;Œuvray;Chloé;F;28/02/2000
Usine;Cadres;titulaire;1;Liste U;CGT;1;M4;N'Diaye;Amadou;M;1990-05-06
EOF
out=$("$C" import candidates "$D/bad.csv" -c "$CONF" 2>&1)
expect_eq "bad file: exit 1" 1 "$?"
expect_match "not an elector" "ligne 3, colonne 8 : Paul Inconnu \(matricule M9\) n'est pas sur la liste électorale" "$out"
expect_match "not eligible" "ligne 4, colonne 8 : Hugo Faure \(matricule M7\) n'est pas éligible" "$out"
expect_match "bureau member" "ligne 5, colonne 8 : Léo Roux \(matricule M5\) est membre d'un bureau de vote" "$out"
expect_match "more candidates than seats" "ligne 2, colonne 5 : la liste « Liste A » compte 4 candidats pour 3 sièges" "$out"
expect_match "identity differs from the electors file" "ligne 6, colonne 8 : le matricule M3 est celui de Chloé Œuvray né\(e\) le 29/02/2000 sur la liste électorale, pas de Chloé Œuvray né\(e\) le 28/02/2000" "$out"
expect_match "unknown scrutin" "ligne 7, colonne 1 : aucun scrutin « Usine, Cadres, titulaires » au 1er tour" "$out"
expect_match "nothing recorded" "import refusé : 6 erreurs, rien n'est enregistré" "$out"
expect_eq "bad file: database unchanged" "$before" "$(snapshot)"

# --- the electoral list for the unions (R-DATA-1): CSV and PDF, "E" mark.
out=$("$C" electors list --out "$D/listes" -c "$CONF" 2>&1)
expect_match "electoral list written" "Siège, Cadres : 6 électeurs → $D/listes/liste-electorale-siege-cadres.pdf" "$out"
L=$D/listes/liste-electorale-siege-cadres.csv
expect_eq "CSV: 6 electors and a header" 7 "$(wc -l <"$L")"
expect_eq "CSV: Hugo Faure not eligible: no E" "Faure;Hugo;M7;07/07/1970;;" "$(grep ';M7;' "$L")"
expect_eq "CSV: the usage name first" "Martin née Roy;Léna;M6;02/02/1992;;E" "$(grep ';M6;' "$L")"
expect_eq "files readable by their owner only" "600 600" "$(stat -c %a "$L" "${L%.csv}.pdf" | tr '\n' ' ' | sed 's/ $//')"
txt=$(pdftotext -layout "${L%.csv}.pdf" - | tr -s ' ')
expect_match "PDF: title and place" "LISTE ÉLECTORALE" "$txt"
expect_match "PDF: a line with its E" "Œuvray Chloé M3 29/02/2000 E" "$txt"
expect_match "PDF: the count" "6 électeurs inscrits\." "$txt"

# --- délégués de liste (R-DATA-2): each names a list of its scrutin.
HD='etablissement;college;categorie;liste_nom;nom;prenom;email;telephone'
printf '%s\nSiège;Cadres;titulaire;Liste XYZ;Morel;Anne;;\nSiège;Cadres;titulaire;Liste CFDT;Petit;Marc;pas-un-email;\n' "$HD" >"$D/del-bad.csv"
out=$("$C" import delegates "$D/del-bad.csv" -c "$CONF" 2>&1)
expect_match "délégués: unknown list refused with line and column" "ligne 2, colonne 4 : aucune liste « Liste XYZ » dans ce scrutin" "$out"
expect_match "…a bad email too, nothing recorded" "ligne 3, colonne 7 : email invalide « pas-un-email ».*" "$out"
expect_eq "…none stored" 0 "$(sql_root electors "SELECT COUNT(*) FROM delegate")"
printf '%s\nSiège;Cadres;titulaire;Liste CFDT;Morel;Anne;anne@example.fr;\nsiege;cadres;Suppléant;Liste CFDT;Petit;Marc;;06 12 34 56 78\n' "$HD" >"$D/del.csv"
out=$("$C" import delegates "$D/del.csv" -c "$CONF" 2>&1)
expect_match "délégués imported" "2 délégués de liste importés" "$out"
expect_eq "…stored per scrutin and list" "1|Liste CFDT|Morel|Anne;2|Liste CFDT|Petit|Marc" \
	"$(sql_root electors "SELECT GROUP_CONCAT(CONCAT_WS('|', scrutin_id, list_name, nom, prenom) ORDER BY scrutin_id SEPARATOR ';') FROM delegate")"

# --- once the keys exist, the lists are fixed.
sql_root electors "UPDATE scrutin SET state = 'keys_generated' WHERE id = 2" >/dev/null
before=$(snapshot)
out=$("$C" import candidates "$D/ok.csv" -c "$CONF" 2>&1)
expect_eq "keys generated: exit 1" 1 "$?"
expect_match "keys generated: French reason" "le scrutin « Siège, Cadres, suppléants » est « clés générées » : les listes se déposent avant la génération des clés" "$out"
expect_eq "keys generated: database unchanged" "$before" "$(snapshot)"

"$C" import candidates -c "$CONF" >/dev/null 2>&1
expect_eq "no file: usage error" 2 "$?"
finish
