#!/bin/sh
# observation: the bureau's observations and decisions (R-BUR-7) on a real
# platform: refused without the bureau's codes, journaled as written with
# who authorised them, and printed in the PV's annex.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
W=$STACK_DIR/obs
mkdir -p "$W"
small_bureau "$W/codes"
printf '1 code-du-membre-1\n2 mauvais\n3 code-du-membre-3\n' >"$W/bad"

TXT="Coupure du réseau de l'entreprise de 10 h 02 à 10 h 05 ; aucun vote perdu, l'urne vérifiée."
out=$("$C" bureau observation 1 --texte "$TXT" --codes "$W/bad" 2>&1)
expect_match "refused with a wrong code" "code personnel est invalide" "$out"
out=$("$C" bureau observation 1 --texte "$TXT" --codes "$W/codes" 2>&1)
expect_match "observation recorded" "Observation du bureau enregistrée au journal du scrutin n° 1" "$out"
expect_match "journaled as written, with who authorised it" "^observation $TXT \(président" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
out=$("$C" bureau decision 1 --texte "Le bureau décide de prolonger le vote de 20 minutes." --codes "$W/codes" 2>&1)
expect_match "decision recorded" "Décision du bureau enregistrée" "$out"
out=$("$C" bureau observation 1 --texte "" --codes "$W/codes" 2>&1)
expect_match "an empty text refused" "texte de l'observation vide" "$out"

printf '{"scrutin":1,"ballots":2,"counts":[1,1,0,0,0,1,0,1,1,1,1,0,0,0]}\n' >"$W/counts.json"
printf '{"entreprise":{"raison_sociale":"Coopérative des Écrins"},"lieu":"Briançon","date_pv":"2026-12-31 17:30"}\n' >"$W/h.json"
"$C" pv --scrutin 1 --counts "$W/counts.json" --header "$W/h.json" --out "$W/pv.pdf" -c "$ISOLOIR_CONSOLE_CONF" >/dev/null 2>&1
expect_eq "PV written" 0 "$?"
txt=$(pdftotext "$W/pv.pdf" - | tr -s ' \n' '  ')
expect_match "the observation in the PV" "Coupure du réseau de l'entreprise de 10 h 02 à 10 h 05" "$txt"
expect_match "the decision in the PV" "prolonger le vote de 20 minutes" "$txt"
"$C" journal verify electors >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"
finish
