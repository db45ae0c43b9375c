#!/bin/sh
# round2: the second round (R-ORG-3) on a real platform: refused before the
# first round is counted; created with the same electors and the round-1
# lists carried over, « en préparation », journaled; its own fingerprint
# (tour 2); a candidates file with `tour` = 2 replaces the carried-over
# lists, and there a list without a union may stand, which round 1 refuses.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
D=$STACK_DIR/r2
mkdir -p "$D"
# candidates must be electors: link the fixture's first candidate names
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null

out=$("$C" scrutin round2 1 2>&1)
expect_match "refused before the count" "le scrutin 1 est « clos » : le second tour se crée après le dépouillement du premier" "$out"
sql_root electors "UPDATE scrutin SET state = 'counted' WHERE id = 1" >/dev/null
out=$("$C" scrutin round2 1 --reason "quorum non atteint au premier tour" 2>&1)
expect_eq "created: exit 0" 0 "$?"
expect_match "created with the electors and the lists" \
	"Second tour créé : scrutin n° 3 « en préparation », 2 électeurs, 4 listes reportées \(9 candidats\)" "$out"
expect_eq "round 2, same place, same seats, draft" "2|1|1|titulaires|3|draft" \
	"$(sql_root electors "SELECT CONCAT_WS('|', round, establishment_id, college_id, category, seats, state) FROM scrutin WHERE id = 3")"
expect_eq "the same electors" "1,2" "$(sql_root electors "SELECT GROUP_CONCAT(elector_id ORDER BY elector_id) FROM elector_scrutin WHERE scrutin_id = 3")"
expect_eq "lists carried over in the same order" "Liste CFDT,Liste CGT,Liste commune FO–UNSA,Liste CFE-CGC" \
	"$(sql_root electors "SELECT GROUP_CONCAT(name ORDER BY position) FROM candidate_list WHERE scrutin_id = 3")"
expect_match "journaled with the reason" '^second_tour .*"motif":"quorum non atteint au premier tour"' \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
out=$("$C" scrutin round2 1 2>&1)
expect_match "only one second round" "le second tour du scrutin 1 existe déjà" "$out"
out=$("$C" scrutin round2 3 2>&1)
expect_match "no round 2 of a round 2" "le scrutin 3 est « en préparation »" "$out"
expect_match "its own fingerprint binds the round" '"tour":2' "$("$C" keys fingerprint 3 --json)"
check "…different from round 1's" sh -c "[ '$("$C" keys fingerprint 3)' != '$("$C" keys fingerprint 1)' ]"

# Candidates: electors M1 and M2 of the fixture (Siège, Cadres, eligible).
H='etablissement;college;categorie;liste_ordre;liste_nom;syndicat;candidat_ordre;matricule;nom;prenom;sexe;date_naissance;tour'
printf '%s\nSiège;Cadres;titulaire;1;Liste des salariés;;1;M1;Dupré;Zoé;F;03/02/1980;2\nSiège;Cadres;titulaire;2;Liste CGT;CGT;1;M2;Lefèvre;Émile;M;30/06/1975;2\n' "$H" >"$D/t2.csv"
out=$("$C" import candidates "$D/t2.csv" 2>&1)
expect_eq "round-2 candidates: exit 0" 0 "$?"
expect_match "control list of round 2" "Liste 1 : Liste des salariés" "$out"
expect_eq "round 2's lists replaced, round 1's untouched" "Liste des salariés,Liste CGT|4" \
	"$(sql_root electors "SELECT CONCAT((SELECT GROUP_CONCAT(name ORDER BY position) FROM candidate_list WHERE scrutin_id = 3), '|', (SELECT COUNT(*) FROM candidate_list WHERE scrutin_id = 1))")"
sed 's/;2$/;1/; s/^Siège;Cadres;titulaire/Siège;Cadres;suppléant/' "$D/t2.csv" >"$D/t1.csv"
out=$("$C" import candidates "$D/t1.csv" 2>&1)
expect_match "round 1: a list without a union refused" "la liste « Liste des salariés » n'a pas de syndicat : au premier tour, seules les organisations syndicales présentent des listes" "$out"
sed 's/;2$/;3/' "$D/t2.csv" >"$D/t3.csv"
out=$("$C" import candidates --check "$D/t3.csv" 2>&1)
expect_match "tour 3: refused" "colonne 13 : tour invalide « 3 » \(1 ou 2\)" "$out"
finish
