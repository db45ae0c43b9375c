#!/bin/sh
# console-emargement: the émargement list's screen (R-BUR-6, R-OPS-3),
# « e » from a scrutin's screen, driven under tmux at 80x24 against a real
# stack: before the closing it says why nothing can be exported and writes
# nothing; after it, with the bureau's configuration, the CSV (0600) and
# the PDF are written, their SHA-256 shown and journaled; with the
# console's own account the export is refused (the émargement is the
# bureau's).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux node pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
B=$STACK_DIR/etc/bureau.conf
W=$STACK_DIR/em
mkdir -p "$W"
. "$ISOLOIR_SRCDIR/tests/tui.sh"

sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "Zoé Dupré votes" '^200 ' "$(api_vote 1 0 111)"

# The bureau runs the console with its own configuration.
tui_start 80 24 "env USER=bureau-test TERM=screen $C -c $B"
expect_screen "dashboard" "console de la cellule d'assistance technique"
keys Enter
expect_screen "scrutin screen" 'Scrutin n° 1 — Siège, Cadres, titulaires'
layout "scrutin screen" " ↵ étape c sceau s vérif. k cérém. l clés t test e émarg. d dépouil. j journal q"
keys e
expect_screen "émargement screen" "Liste d'émargement du scrutin n° 1"
expect_screen "open: refused with the reason" "Export impossible : le scrutin 1 est « ouvert » : la liste d'émargement ne"
expect_screen "…after the closing only" "s'exporte qu'après la clôture\."
layout "émargement screen before the closing" " q retour"
keys x
sleep 1
check "…no prompt, nothing written" sh -c "! ls '$W' | grep -q ."
not_on_screen "Fichier CSV à créer" && ok "…no file asked for" || not_ok "…no file asked for"
keys q
expect_screen "back on the scrutin screen" 'Étapes possibles'

sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
keys e
expect_screen "closed: the export offered" "« x » : la liste d'émargement"
layout "émargement screen" " x exporter (CSV et PDF)  ↑↓ parcourir  q retour"
keys x
expect_screen "asks for the CSV" "Fichier CSV à créer :"
answer "$W/liste.csv"
expect_screen "asks for the PDF" "Fichier PDF à créer \(vide : aucun\) :"
answer "$W/liste.pdf"
expect_screen "exported" "Liste d'émargement exportée et journalisée"
expect_screen "…the summary" "Scrutin « Siège, Cadres, titulaires, 1er tour » : 2 inscrits, 1 votants"
expect_screen "…the CSV's SHA-256 as written" "SHA-256 $(sha256sum "$W/liste.csv" | cut -d' ' -f1)"
expect_screen "…the PDF's" "SHA-256 $(sha256sum "$W/liste.pdf" | cut -d' ' -f1)"
expect_eq "the CSV readable by its owner only" 600 "$(stat -c %a "$W/liste.csv")"
expect_match "…Zoé Dupré voted, Émile Lefèvre did not" "M1;Dupré;Zoé;oui;.*M2;Lefèvre;Émile;non;" "$(tr '\n' ' ' <"$W/liste.csv")"
expect_match "the PDF lists them" "Dupré" "$(pdftotext "$W/liste.pdf" - 2>/dev/null)"
expect_match "journaled with both digests" \
	"^emargement_export .*\"sha256_csv\":\"$(sha256sum "$W/liste.csv" | cut -d' ' -f1)\".*\"sha256_pdf\":\"$(sha256sum "$W/liste.pdf" | cut -d' ' -f1)\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
keys q q q
session_gone && ok "console quits" || not_ok "console quits"

# The cellule's console cannot read the émargement.
tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $STACK_DIR/etc/console.conf"
expect_screen "console: dashboard" "console de la cellule d'assistance technique"
keys Enter
expect_screen "console: scrutin screen" 'Scrutin n° 1 — Siège, Cadres, titulaires'
keys e x
expect_screen "console: asks for the CSV" "Fichier CSV à créer :"
answer "$W/console.csv"
answer ""
expect_screen "console's account: refused" "compte du bureau requis"
check "…and no file" test ! -e "$W/console.csv"
keys q q q
session_gone && ok "console quits" || not_ok "console quits"
no_sanitizer_report
finish
