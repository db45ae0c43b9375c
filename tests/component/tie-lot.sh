#!/bin/sh
# tie-lot: R-BUR-8, R-RES-1 on the real console and databases: a scrutin
# whose counts leave three seats tied (same value, same average, same age)
# is not proclaimed without the bureau's draws; with one draw per seat that
# changes the engine's choice, the proclamation gives those seats to the
# lists drawn, journals the draws, and the PV (PDF) shows each tie and its
# draw. A draw for a seat that is not tied is refused.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/tie
mkdir -p "$W"

# Scrutin 1 (3 seats, 4 lists of 3, 3, 2 and 1 candidates), every
# candidate born the same day, 6 inscrits, one ballot per list: QE 4/3, no
# seat at the quotient; seat 1 ties all four lists at 1, seat 2 the three
# left, seat 3 the two left.
sql_root electors "UPDATE candidate SET date_naissance = '1980-01-01';
INSERT INTO elector (operation_id, matricule, nom, prenom, sexe, date_naissance,
  establishment_id, college_id, statut, adresse, code_postal, ville, cle_nir)
  SELECT 1, CONCAT('T', n), 'Test', 'Électeur', 'F', '1980-01-01', 1, 1, 'salarie', '1 rue',
  '75001', 'Paris', '11' FROM (SELECT 3 n UNION SELECT 4 UNION SELECT 5 UNION SELECT 6) t;
INSERT INTO elector_scrutin SELECT id, 1 FROM elector WHERE matricule LIKE 'T%';
INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1, state = 'counted' WHERE id = 1" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m -c "$CONF" >/dev/null; done
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$W/codes"
# slots: 4 lists, blank, then the names kept (3 + 3 + 2 + 1)
printf '{"scrutin":1,"ballots":4,"counts":[1,1,1,1,0,1,1,1,1,1,1,1,1,1]}\n' >"$W/counts.json"

proclaim() { "$C" results proclaim --scrutin 1 --counts "$W/counts.json" --codes "$W/codes" "$@" -c "$CONF" 2>&1; }

out=$(proclaim)
expect_match "no draw: refused, every tied seat named with its lists" \
	"égalité que la loi ne départage pas.*siège 1 \(Liste CFDT, Liste CGT, Liste commune FO–UNSA, Liste CFE-CGC\), siège 2 \(Liste CGT, Liste commune FO–UNSA, Liste CFE-CGC\), siège 3 \(Liste commune FO–UNSA, Liste CFE-CGC\)" "$out"
out=$(proclaim --lot "1:Liste CFE-CGC")
expect_match "one draw for three ties: still refused, seats 2 and 3 named" \
	"siège 2 \(Liste CFDT, Liste CGT, Liste commune FO–UNSA\), siège 3 \(Liste CGT, Liste commune FO–UNSA\)" "$out"
out=$(proclaim --lot "1:Liste CFE-CGC" --lot "2:Liste CFE-CGC" --lot "3:Liste CGT")
expect_match "a draw for a list no longer tied: refused" "Liste CFE-CGC » n'est pas à égalité pour le siège 2" "$out"
out=$(proclaim --lot "CFDT")
expect_match "a draw without its seat: usage" "SIÈGE:LISTE attendu" "$out"
expect_eq "nothing proclaimed so far" 0 "$(sql_root electors 'SELECT COUNT(*) FROM proclamation')"

out=$(proclaim --lot "1:Liste CFE-CGC" --lot "2:Liste commune FO–UNSA" --lot "3:Liste CGT")
expect_match "three draws: proclaimed" "Résultats du scrutin n° 1 proclamés" "$out"
expect_match "…the engine's choice changed: CFDT (first in list order) gets nothing" "Liste CFDT : 0 siège" "$out"
expect_match "…CGT 1" "Liste CGT : 1 siège" "$out"
expect_match "…FO–UNSA 1" "Liste commune FO–UNSA : 1 siège" "$out"
expect_match "…CFE-CGC 1" "Liste CFE-CGC : 1 siège" "$out"
expect_match "the draws journaled" '"tirage_au_sort":\[\{"seat":1,"winner":"Liste CFE-CGC"\},\{"seat":2' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'proclamation'")"
expect_match "stored with the proclamation" '"seat": ?3' "$(sql_root electors 'SELECT lot FROM proclamation')"

# The PV from the databases takes the proclaimed draws.
printf '{ "entreprise": { "raison_sociale": "Coopérative des Écrins" }, "lieu": "Briançon" }\n' >"$W/base.json"
out=$("$C" pv --scrutin 1 --counts "$W/counts.json" --header "$W/base.json" --out "$W/pv.pdf" -c "$CONF" 2>&1)
expect_match "PV written" "pv.pdf écrit" "$out"
pdftotext -layout "$W/pv.pdf" "$W/pv.txt"
t=$(tr -s ' \n' ' ' <"$W/pv.txt")
expect_match "PV: seat 1 to CFE-CGC, tie of four, drawn by lot" \
	"1 Liste CFE-CGC égalité complète entre Liste CFDT, Liste CGT, Liste commune FO–UNSA, Liste CFE- ?CGC : tirage au sort par le bureau" "$t"
# CFE-CGC, its one candidate elected, no longer competes for seat 2
expect_match "PV: seat 2 to FO–UNSA, tie of three, drawn by lot" \
	"2 Liste commune FO–UNSA égalité complète entre Liste CFDT, Liste CGT, Liste commune FO–UNSA : tirage au sort par le bureau" "$t"
expect_match "PV: seat 3 to CGT, tie with CFDT, drawn by lot" \
	"3 Liste CGT égalité complète entre Liste CFDT, Liste CGT : tirage au sort par le bureau" "$t"
check "PV: no undecided tie left" sh -c "! grep -q 'ordre des listes' '$W/pv.txt'"
finish
