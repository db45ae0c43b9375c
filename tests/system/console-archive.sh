#!/bin/sh
# console-archive: the retention screen (R-BUR-9, R-OPS-5, R-OPS-3), « a »
# from the operation screen, driven under tmux at 80x24 against a real
# stack: the same lines as `archive status` (nothing proclaimed, every
# destruction step kept), a refresh that follows the database, the
# certificate refused before any destruction with its French reason and
# no file, and a bad operation number refused.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/arc
mkdir -p "$W"
. "$ISOLOIR_SRCDIR/tests/tui.sh"

tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard" "console de la cellule d'assistance technique"
keys o
expect_screen "operation screen" "Opération : fichier de description"
keys Escape
expect_screen "…its help names the archive" "a archive  q retour"
keys a
expect_screen "asks for the operation" "Opération n° :"
keys C-u; answer "x1"
expect_screen "a bad number refused" "Numéro d'opération invalide « x1 »"
keys a
keys C-u; answer 1
expect_screen "archive screen" "Conservation et destruction de l'opération n° 1"
layout "archive screen" " ↑↓ parcourir  c certificat de destruction  a actualiser  q retour"
status=$("$C" archive status --operation 1 -c "$CONF")
first=$(printf '%s\n' "$status" | sed -n 1p | sed 's/[().]/\\&/g')
expect_screen "the status of « archive status »: the operation" "^ *$first *$"
expect_screen "…nothing proclaimed" "Aucun résultat proclamé : le délai de recours ne court pas\."
expect_screen "…the first step kept" "$(printf '%s\n' "$status" | grep -m1 '^Étape 1' | sed 's/[().]/\\&/g')"
expect_screen "…no dispute" "Contentieux : 0 consigné\(s\), 0 en cours"

# « a » reads again: a proclamation shows the recourse period.
sql_root electors "INSERT INTO proclamation (scrutin_id, counts, result, result_sha256, authorised_by) VALUES (1, '[]', '{}', REPEAT('0', 64), 'test')" >/dev/null
keys a
expect_screen "refreshed: the recourse period running" "en cours : recomptage possible"

keys c
expect_screen "asks for the certificate's file" "Certificat de destruction à écrire \(PDF\) :"
answer "$W/certificat.pdf"
expect_screen "no destruction yet: refused in French" "$(printf '%s' "$("$C" archive certificate --operation 1 --out "$W/c2.pdf" -c "$CONF" 2>&1)" | sed 's/^isoloir-console : //' | cut -c1-40 | sed 's/[().*]/\\&/g')"
check "…no file" test ! -e "$W/certificat.pdf"
keys q
expect_screen "back on the operation screen" "Opération : fichier de description"
keys q q
session_gone && ok "console quits" || not_ok "console quits"
no_sanitizer_report
finish
