#!/bin/sh
# seal-strict: the sealing's safe default (R-BUR-2, R-BUR-10, R-ORG-6) on
# a real platform. Without the setting scellement_allege a scrutin is
# sealed only once its latest test vote was compared with the plan and
# found « conformes » and at the seal step of the sealing meeting, even
# with the bureau's codes; a comparison of an earlier test vote does not
# count. The setting relaxes both, explicitly: the transition's journal
# entry says what was skipped and the PV prints it among the observations;
# results « non conformes » still block. (The comparison's rows are written
# here as `test compare` writes them: ceremony.sh runs the real one.)
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
M=$ISOLOIR_BUILDDIR/tests/component/model-db
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
W=$STACK_DIR/seal
mkdir -p "$W"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }
check_row() { # check_row CONFORMES WHEN
	sql_root electors "INSERT INTO test_vote_check (scrutin_id, checked_at, actor, conformes,
	  complete, comparison, report) VALUES (1, $2, 'console', $1, 1, '{}',
	  IF($1, 'conformes', 'différences : Liste CGT : 1 attendu(s), 2 obtenu(s)'))" >/dev/null
}

# The fixture relaxes the sealing for the tests not about it: back to the
# default here.
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'assesseur', 'Martin', 'Anne'), (1, 'assesseur', 'Durand', 'Paul');
UPDATE scrutin SET bureau_id = 1;
UPDATE operation SET settings = JSON_REMOVE(settings, '\$.scellement_allege')" >/dev/null
for mc in 1:président-2026 2:assesseur-A-26 3:assesseur-B-26; do
	"$M" "$ISOLOIR_CONSOLE_CONF" setcode "${mc%%:*}" "${mc#*:}" >/dev/null
done
printf '1 président-2026\n2 assesseur-A-26\n3 assesseur-B-26\n' >"$W/codes"
expect_eq "default settings: nothing relaxed" '{}' "$(sql_root electors "SELECT CAST(settings AS CHAR) FROM operation")"

for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
expect_eq "test vote run and reset (proven empty)" reset "$(state 1)"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1); rc=$?
expect_match "no comparison with the plan: sealing refused, even with the codes" \
	"Le vote à blanc n'a pas été comparé avec son plan \(isoloir-console test compare, pendant le vote à blanc\) : le scellement exige des résultats « conformes »" "$out"
expect_eq "…exit 1" 1 "$rc"
expect_eq "…not sealed" reset "$(state 1)"

# A comparison made before the latest test vote began is not one of it.
check_row 1 "'2000-01-01 00:00:00'"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "an earlier test vote's comparison does not count" "n'a pas été comparé avec son plan" "$out"

check_row 1 "UTC_TIMESTAMP(6)"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "« conformes » but no sealing meeting: refused" \
	"Le scrutin se scelle à l'étape « Scellement \(codes du président et de deux membres\) » de la réunion de scellement, après les 6 précédentes" "$out"
expect_eq "…not sealed" reset "$(state 1)"

# Relaxed, explicitly: still no seal over results that differ from the plan.
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '\$.scellement_allege', TRUE)" >/dev/null
check_row 0 "UTC_TIMESTAMP(6)"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "relaxed: results « non conformes » still block" "ne sont pas conformes au plan \(différences : Liste CGT" "$out"
expect_eq "…not sealed" reset "$(state 1)"
check_row 1 "UTC_TIMESTAMP(6)"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "relaxed: sealed outside the meeting" "Scrutin n° 1 : « scellé »" "$out"
expect_match "…journaled as relaxed, saying what was skipped" '"vers":"sealed".*"scellement_allege":"hors réunion de scellement"' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'transition' ORDER BY seq DESC LIMIT 1")"

# Unsealed, a new test vote never compared: relaxed, sealed without either.
"$C" scrutin transition 1 reset --codes "$W/codes" >/dev/null
for to in test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
expect_eq "a new test vote, reset" reset "$(state 1)"
out=$("$C" scrutin transition 1 sealed --codes "$W/codes" 2>&1)
expect_match "relaxed: sealed without the comparison" "Scrutin n° 1 : « scellé »" "$out"
expect_match "…journaled" '"scellement_allege":"sans comparaison du vote à blanc avec son plan ni réunion de scellement"' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'transition' ORDER BY seq DESC LIMIT 1")"

# The PV shows both relaxed sealings to those who sign it.
printf '{"scrutin":1,"ballots":0,"counts":[0,0,0,0,0,0,0,0,0,0,0,0,0,0]}\n' >"$W/counts.json"
printf '{"entreprise":{"raison_sociale":"Coopérative des Écrins","siret":"987 654 321 00045"},"lieu":"Briançon","date_pv":"2026-12-31 17:30"}\n' >"$W/base.json"
out=$("$C" pv --scrutin 1 --counts "$W/counts.json" --header "$W/base.json" --out "$W/pv.pdf" -c "$ISOLOIR_CONSOLE_CONF" 2>&1)
expect_eq "PV written" 0 "$?"
[ -s "$W/pv.pdf" ] || echo "# $out"
t=$(pdftotext "$W/pv.pdf" - 2>/dev/null | tr -s ' \n' '  ')
expect_match "PV: the relaxed sealing outside the meeting" "Scellement allégé \(réglage scellement_allege\) : hors réunion de scellement\." "$t"
expect_match "PV: the one without the comparison" "Scellement allégé \(réglage scellement_allege\) : sans comparaison du vote à blanc avec son plan ni réunion de scellement\." "$t"
finish
