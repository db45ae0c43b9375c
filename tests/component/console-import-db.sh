#!/bin/sh
# console-import-db: `isoloir-console import electors FILE` into a real
# electors database (R-DATA-1): electors matched by matricule (kept ids and
# credentials), new ones added, absent ones removed, scrutins linked,
# journaled with the file's SHA-256; all or nothing: a bad line, a kill -9
# mid-import or before the commit leaves the database as it was; the
# freeze date asks for a justification; a sealed scrutin or a candidate
# missing from the file refuses the import.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/import
mkdir -p "$D"
H='matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir'

snapshot() { # the electors side as text, to prove "nothing changed"
	sql_root electors "SELECT CONCAT_WS('|', id, matricule, nom, ville, establishment_id,
		college_id, import_run) FROM elector ORDER BY id;
		SELECT CONCAT_WS('|', elector_id, scrutin_id) FROM elector_scrutin ORDER BY 1;
		SELECT CONCAT_WS('|', elector_id, generation) FROM credential ORDER BY 1;
		SELECT COUNT(*) FROM import_run; SELECT MAX(seq) FROM journal"
}

# --- a good file: M1 changes town, M2 leaves, M3 and M4 arrive; the
# establishment and collège are matched whatever the case and accents.
cat >"$D/ok.csv" <<EOF
$H
M1;Dupré;;Zoé;F;03/02/1980;Siège;Niort;Cadres;salarie;1 rue A;79000;Niort;;06 12 34 56 78;42
M3;Œuvray;;Chloé;F;29/02/2000;SIEGE;Paris;cadres;SALARIÉ;3 rue C;75011;Paris;;+33 7.80.12.34.56;97
M4;N'Diaye;;Amadou;H;1990-05-06;siège;Paris;Cadres;fonctionnaire;4 rue D;75012;Paris;a@example.fr;01 23 45 67 89;01
EOF
out=$("$C" import electors "$D/ok.csv" -c "$CONF" 2>&1)
expect_eq "good file: exit 0" 0 "$?"
expect_match "good file: counts" "3 électeurs importés \(2 ajoutés, 1 modifié, 1 retiré\), 6 inscriptions aux scrutins" "$out"
sha=$(sha256sum "$D/ok.csv" | cut -d' ' -f1)
expect_match "good file: SHA-256 printed" "$sha" "$out"
expect_eq "electors after the import" "$(printf '1|M1|Niort\n3|M3|Paris\n4|M4|Paris')" \
	"$(sql_root electors "SELECT CONCAT_WS('|', id, matricule, ville) FROM elector ORDER BY id")"
expect_eq "each elector in titulaires and suppléants" "$(printf '1|1\n1|2\n3|1\n3|2\n4|1\n4|2')" \
	"$(sql_root electors "SELECT CONCAT_WS('|', elector_id, scrutin_id) FROM elector_scrutin ORDER BY elector_id, scrutin_id")"
expect_eq "M1 keeps its credential, M2's is gone" 1 \
	"$(sql_root electors "SELECT GROUP_CONCAT(elector_id) FROM credential")"
expect_eq "accents and statut stored" "Œuvray|Chloé|F|2000-02-29|salarie;N'Diaye|Amadou|M|1990-05-06|fonctionnaire" \
	"$(sql_root electors "SELECT GROUP_CONCAT(CONCAT_WS('|', nom, prenom, sexe, date_naissance, statut)
		ORDER BY id SEPARATOR ';') FROM elector WHERE id > 1")"
expect_eq "French mobiles stored in E.164, other numbers as written (R-AUTH-6)" \
	"+33612345678|+33780123456|01 23 45 67 89" \
	"$(sql_root electors "SELECT GROUP_CONCAT(telephone ORDER BY id SEPARATOR '|') FROM elector")"
expect_match "journaled with the file's digest" "import_electeurs.*\"sha256\":\"$sha\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
expect_eq "import run recorded" "electeurs|3|2|1|1|$sha" \
	"$(sql_root electors "SELECT CONCAT_WS('|', kind, row_count, inserted, updated, removed, file_sha256) FROM import_run")"
"$C" journal verify electors -c "$CONF" >/dev/null 2>&1
expect_eq "journal chain still verifies" 0 "$?"

# --- the same file again: nothing added nor removed.
out=$("$C" import electors "$D/ok.csv" -c "$CONF" 2>&1)
expect_match "re-import: all updated" "\(0 ajouté, 3 modifiés, 0 retiré\)" "$out"

# --- bad lines: every error listed, nothing written.
before=$(snapshot)
cat >"$D/bad.csv" <<EOF
$H
M1;Dupré;;Zoé;F;03/02/1980;Siège;Niort;Cadres;salarie;1 rue A;79000;Niort;;;42
M5;Roux;;Léo;M;1991-01-01;Usine;Lyon;Cadres;salarie;5 rue E;69001;Lyon;;;12
M6;Roy;;Léna;F;31/02/1990;Siège;Lyon;Ouvriers;salarie;6 rue F;69001;Lyon;;;13
EOF
out=$("$C" import electors "$D/bad.csv" -c "$CONF" 2>&1)
expect_eq "bad file: exit 1" 1 "$?"
expect_match "unknown establishment named with line and column" \
	"ligne 3, colonne 7 : établissement inconnu « Usine » \(attendu : Siège\)" "$out"
expect_match "bad date on line 4" "ligne 4, colonne 6 : " "$out"
expect_match "unknown collège on line 4" "ligne 4, colonne 9 : collège inconnu « Ouvriers »" "$out"
expect_match "nothing recorded, said in French" "import refusé : 3 erreurs, rien n.est enregistré" "$out"
expect_eq "bad file: database unchanged" "$before" "$(snapshot)"

# --- kill -9 after the first batch of 500 rows, and just before the
# commit: the transaction dies with the process.
{
	echo "$H"
	i=10
	while [ $i -lt 1210 ]; do
		echo "X$i;Nom$i;;Prénom;F;1980-01-01;Siège;;Cadres;salarie;$i rue G;75001;Paris;;;42"
		i=$((i + 1))
	done
} >"$D/big.csv"
for step in import-batch import-commit; do
	ISOLOIR_FAULT=$step "$C" import electors "$D/big.csv" -c "$CONF" >/dev/null 2>&1
	expect_eq "kill -9 at $step: the console died" 137 "$?"
	expect_eq "kill -9 at $step: database unchanged" "$before" "$(snapshot)"
done
out=$("$C" import electors "$D/big.csv" -c "$CONF" 2>&1)
expect_match "after the crashes the import runs" "1200 électeurs importés \(1200 ajoutés, 0 modifié, 3 retirés\)" "$out"
expect_eq "1200 electors, 2400 links" "1200 2400" \
	"$(sql_root electors "SELECT CONCAT((SELECT COUNT(*) FROM elector), ' ', (SELECT COUNT(*) FROM elector_scrutin))")"

# --- after the freeze date, only with a justification.
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '\$.gel_electeurs', '2020-01-15')" >/dev/null
before=$(snapshot)
out=$("$C" import electors "$D/ok.csv" -c "$CONF" 2>&1)
expect_eq "frozen: exit 1" 1 "$?"
expect_match "frozen: French reason" "la liste électorale est gelée depuis le 15/01/2020 : une modification exceptionnelle exige une justification" "$out"
expect_eq "frozen: database unchanged" "$before" "$(snapshot)"
out=$("$C" import electors "$D/ok.csv" --justification "Décision du tribunal du 2 mars" -c "$CONF" 2>&1)
expect_eq "frozen + justification: exit 0" 0 "$?"
expect_match "justification journaled" '"justification":"Décision du tribunal du 2 mars"' \
	"$(sql_root electors "SELECT detail FROM journal ORDER BY seq DESC LIMIT 1")"
sql_root electors "UPDATE operation SET settings = JSON_REMOVE(settings, '\$.gel_electeurs')" >/dev/null

# --- a candidate cannot vanish from the electors file.
sql_root electors "UPDATE candidate SET elector_id = (SELECT id FROM elector WHERE matricule = 'M4') WHERE id = 1" >/dev/null
printf '%s\nM1;Dupré;;Zoé;F;03/02/1980;Siège;Niort;Cadres;salarie;1 rue A;79000;Niort;;;42\n' "$H" >"$D/one.csv"
before=$(snapshot)
out=$("$C" import electors "$D/one.csv" -c "$CONF" 2>&1)
expect_match "candidate removed: refused by name" "import refusé : N'Diaye \(matricule M4\), absent du nouveau fichier, est candidat" "$out"
expect_eq "candidate removed: database unchanged" "$before" "$(snapshot)"

# --- once a scrutin is sealed, the list does not change any more.
sql_root electors "UPDATE scrutin SET state = 'sealed' WHERE id = 2" >/dev/null
out=$("$C" import electors "$D/ok.csv" -c "$CONF" 2>&1)
expect_eq "sealed: exit 1" 1 "$?"
expect_match "sealed: French reason" "import refusé : le scrutin 2 est « scellé » ; la liste électorale ne change plus après le scellement" "$out"
expect_eq "sealed: database unchanged" "$before" "$(snapshot)"

# --- usage errors.
"$C" import electors -c "$CONF" >/dev/null 2>&1
expect_eq "no file: usage error" 2 "$?"
out=$("$C" import electors /nonexistent.csv -c "$CONF" 2>&1)
expect_match "missing file: French message" "fichier illisible" "$out"
finish
