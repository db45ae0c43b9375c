#!/bin/sh
# ceremony-meeting: one sealing meeting over several scrutins (R-BUR-10),
# as the seeds' bureau centralisateur holds it: one checklist per scrutin
# with the same people present, each step done in every scrutin in turn
# (stopping at the first refusal, named), one record PDF with each
# scrutin's part, its SHA-256 journaled for each ceremony.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
pdf_text() { pdftotext "$1" - | tr -s ' \n' '  '; }

for s in 1 2; do "$C" scrutin transition $s lists_imported >/dev/null; done
out=$("$C" ceremony start scellement 1,2 --present "Jean Dupont:président" --present "Anne Martin:assesseure" 2>&1)
expect_match "one meeting, two checklists" "Cérémonie n° 1 commencée : réunion de scellement du scrutin n° 1\..*Cérémonie n° 2 commencée : réunion de scellement du scrutin n° 2\." "$(printf '%s' "$out" | tr '\n' ' ')"
expect_eq "…the same people present in each" "2 2" \
	"$(sql_root electors "SELECT COUNT(*) FROM ceremony_present WHERE ceremony_id = 1") $(sql_root electors "SELECT COUNT(*) FROM ceremony_present WHERE ceremony_id = 2")"
out=$("$C" ceremony start scellement 1,x 2>&1); rc=$?
expect_eq "a malformed list: usage" 2 "$rc"

out=$("$C" ceremony step 1,2 listes 2>&1)
expect_match "a check done in each scrutin" "Cérémonie n° 1 : Étape « listes » faite : 4 listes.*Cérémonie n° 2 : Étape « listes » faite : 2 listes" "$(printf '%s' "$out" | tr '\n' ' ')"
"$C" ceremony step 1,2 professions_de_foi --confirme "Anne Martin" >/dev/null
# scrutin 2's keys installed (the fixture's F is not its own): refused there
sql_root electors "UPDATE scrutin_crypto SET key_transcript = '{}' WHERE scrutin_id = 2" >/dev/null
out=$("$C" ceremony step 2,1 cles 2>&1); rc=$?
expect_match "a refusal names its ceremony" "cérémonie n° 2 : Étape « Clés de chiffrement installées, empreinte F conforme » refusée : L'empreinte F" "$out"
expect_eq "…failure status" 1 "$rc"
expect_eq "…and stops there (ceremony 1 not tried)" "2 2" \
	"$(sql_root electors "SELECT COUNT(*) FROM ceremony_step WHERE ceremony_id = 1") $(sql_root electors "SELECT COUNT(*) FROM ceremony_step WHERE ceremony_id = 2")"

out=$("$C" ceremony record 1,2 --out "$STACK_DIR/reunion.pdf" 2>&1)
SHA=$(sha256sum "$STACK_DIR/reunion.pdf" | cut -d' ' -f1)
expect_match "one record for the meeting" "Procès-verbal de scellement provisoire : .*reunion\.pdf \(SHA-256 $SHA" "$out"
txt=$(pdf_text "$STACK_DIR/reunion.pdf")
expect_match "…each scrutin's part" "Siège, Cadres, titulaires, 1er tour.*Siège, Cadres, suppléants, 1er tour" "$txt"
expect_match "…the footer says how many" "Procès-verbal de scellement provisoire — 2 scrutins" "$txt"
expect_eq "…its SHA-256 journaled for each ceremony" 2 \
	"$(sql_root electors "SELECT COUNT(*) FROM journal WHERE action = 'ceremonie_pv' AND detail LIKE '%$SHA%'")"
out=$("$C" ceremony record 1,2,9 --out "$STACK_DIR/x.pdf" 2>&1)
expect_match "an unknown ceremony: refused" "Cérémonie n° 9 inconnue" "$out"
finish
