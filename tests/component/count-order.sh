#!/bin/sh
# count-order: R-BUR-8, the counting sequence: the suppléants of an
# establishment and collège are counted only once their titulaires are,
# whatever the order the bureau tries.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }

sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m >/dev/null; done
K=$STACK_DIR/codes
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$K"
expect_eq "scrutin 1 titulaires, scrutin 2 suppléants of the same collège" "titulaires suppleants" \
	"$(sql_root electors "SELECT GROUP_CONCAT(category ORDER BY id SEPARATOR ' ') FROM scrutin WHERE id IN (1, 2)")"
for n in 1 2; do
	for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition $n $to >/dev/null; done
	for to in sealed open closed; do "$C" scrutin transition $n $to --codes "$K" >/dev/null; done
done
expect_eq "both closed" "closed closed" "$(state 1) $(state 2)"
out=$("$C" scrutin transition 2 counted --codes "$K" 2>&1); rc=$?
expect_match "the suppléants before the titulaires: refused" \
	"Dépouillez d'abord les titulaires \(scrutin n° 1\) : les suppléants se dépouillent après eux" "$out"
expect_eq "…exit 1" 1 "$rc"
expect_eq "…still closed" closed "$(state 2)"
"$C" scrutin transition 1 counted --codes "$K" >/dev/null
expect_eq "the titulaires counted first" counted "$(state 1)"
"$C" scrutin transition 2 counted --codes "$K" >/dev/null
expect_eq "…then the suppléants" counted "$(state 2)"
finish
