#!/bin/sh
# ceremony-tui: the ceremony checklist screen of isoloir-console (R-BUR-10)
# driven under tmux against a real stack: from a scrutin's screen, « k »
# shows its ceremonies; « n » starts the sealing meeting with those
# present; Entrée does the next step: a check by the system (ticked with
# its result), a statement confirmed by someone present (someone absent
# refused), a failed check refused with its French reason and the
# checklist unchanged; « p » writes the record PDF.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }

C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf

. "$ISOLOIR_SRCDIR/tests/tui.sh"

"$C" scrutin transition 1 lists_imported -c "$CONF" >/dev/null
tui_start 100 30 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard" "console de la cellule d'assistance technique"
keys Enter
expect_screen "scrutin screen offers the ceremonies" 'k cérém\.'
keys k
expect_screen "no ceremony yet" "Aucune cérémonie : « n » pour commencer la réunion de scellement"
keys n
expect_screen "asks for the kind" 'Cérémonie \(scellement, ouverture, cloture, depouillement\) :'
keys Enter
expect_screen "asks for those present" 'Présents \(Prénom Nom:rôle; …\) :'
text "Jean Dupont:président; Anne Martin:assesseure; Hélène Faure:déléguée CGT"
keys Enter
expect_screen "started" 'Cérémonie n° 1 commencée : réunion de scellement\.'
expect_screen "…the provisional record's title" 'Procès-verbal de scellement provisoire \(cérémonie n° 1\)'
expect_screen "…those present, accents" 'Présents : Jean Dupont \(président\), Anne Martin \(assesseure\), Hélène Faure \(déléguée CGT\)'
expect_screen "…the first step highlighted" '▶ \[ \] 1\. Listes de candidats complètes'
keys Enter
expect_screen "a check done by the system, ticked" '\[x\] 1\. Listes de candidats'
expect_screen "…with its result" '4 listes dans l.ordre du tirage au sort \(1 à 4\), 9 candidats\.'
expect_screen "…the next step highlighted" '▶ \[ \] 2\. Professions de foi et logos'
keys Enter
expect_screen "a statement asks who confirms" 'Constaté par \(Prénom Nom, présent\) :'
text "Arsène Lupin"
keys Enter
expect_screen "someone absent: refused" "refusée : « Arsène Lupin » n'est pas parmi les"
keys Enter
text "Hélène Faure"
keys Enter
expect_screen "confirmed by someone present" 'Constaté par Hélène Faure\.'
keys Enter
expect_screen "keys not installed: refused with the reason" "empreinte F conforme » refusée : Les clés du scrutin ne\$"
expect_screen "…(the reason goes on)" "^ sont pas installées \(isoloir-console keys install\)\."
expect_screen "…the step stays to do" '▶ \[ \] 3\. Clés de chiffrement'
expect_eq "two steps stored" 2 "$(sql_root electors "SELECT COUNT(*) FROM ceremony_step")"
keys p
expect_screen "record: asks for the file" 'Fichier PDF :'
keys C-u
text "$STACK_DIR/record.pdf"
keys Enter
expect_screen "record written" "Procès-verbal de scellement provisoire : $STACK_DIR/record.pdf"
expect_match "…its text" "Constaté par Hélène Faure" "$(pdftotext "$STACK_DIR/record.pdf" - | tr -s ' \n' '  ')"
keys q q q
check "q quits" session_gone
no_sanitizer_report
finish
