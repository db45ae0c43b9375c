#!/bin/sh
# emargement-export: `isoloir-console emargement export` (R-BUR-6) on a real
# platform: refused before the closing; the console's account cannot read
# the émargement; with the bureau's account after the closing, every
# elector of the scrutin with whether and when they voted (French time), as
# CSV and as a PDF to sign, journaled with their digests.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
B=$STACK_DIR/etc/bureau.conf
W=$STACK_DIR/em
mkdir -p "$W"

sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "Zoé Dupré votes" '^200 ' "$(api_vote 1 0 111)"
out=$("$C" emargement export 1 --out "$W/l.csv" -c "$B" 2>&1)
expect_match "refused while open" "le scrutin 1 est « ouvert » : la liste d'émargement ne s'exporte qu'après la clôture" "$out"
check "…and no file" test ! -e "$W/l.csv"

sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
out=$("$C" emargement export 1 --out "$W/c.csv" -c "$STACK_DIR/etc/console.conf" 2>&1)
expect_match "the console's account cannot read the émargement" "liste d'émargement \(compte du bureau requis\)" "$out"
check "…and leaves no file" test ! -e "$W/c.csv"

out=$("$C" emargement export 1 --out "$W/l.csv" --pdf "$W/l.pdf" -c "$B" 2>&1)
expect_eq "bureau: exit 0" 0 "$?"
expect_match "summary" "liste d'émargement du scrutin « Siège, Cadres, titulaires, 1er tour » : 2 inscrits, 1 votants" "$out"
voted=$(sql_root electors "SELECT DATE_FORMAT(voted_at, '%Y-%m-%d %H:%i') FROM emargement WHERE scrutin_id = 1")
expect_match "CSV: Zoé Dupré voted, at her time (French time)" "^Siège;Cadres;M1;Dupré;Zoé;oui;2026-" "$(grep ';M1;' "$W/l.csv")"
expect_eq "CSV: Émile Lefèvre did not" "Siège;Cadres;M2;Lefèvre;Émile;non;" "$(grep ';M2;' "$W/l.csv")"
# the time printed is the UTC time plus one hour (winter) or two (summer)
u=$(date -u -d "$voted" +%s); p=$(grep ';M1;' "$W/l.csv" | cut -d';' -f7)
pe=$(date -u -d "$p" +%s)
check "CSV: the time is French time" sh -c "[ $((pe - u)) -eq 3600 ] || [ $((pe - u)) -eq 7200 ]"
expect_eq "CSV readable by its owner only" 600 "$(stat -c %a "$W/l.csv")"
txt=$(pdftotext -layout "$W/l.pdf" - | tr -s ' ')
expect_match "PDF: title" "LISTE D'ÉMARGEMENT" "$txt"
expect_match "PDF: Zoé Dupré's line" "Dupré Zoé M1 a voté le [0-9]{2}/[0-9]{2}/2026 à [0-9]{2} h [0-9]{2}" "$txt"
expect_match "PDF: Émile Lefèvre's line" "Lefèvre Émile M2 —" "$txt"
expect_match "PDF: totals" "Électeurs inscrits : 2 — votants \(émargements\) : 1" "$txt"
expect_match "PDF: signatures" "Le président du bureau de vote" "$txt"
expect_match "journaled with the digests" \
	"emargement_export .*\"sha256_csv\":\"$(sha256sum "$W/l.csv" | cut -d' ' -f1)\".*\"sha256_pdf\":\"$(sha256sum "$W/l.pdf" | cut -d' ' -f1)\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
"$C" journal verify electors -c "$STACK_DIR/etc/console.conf" >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"
finish
