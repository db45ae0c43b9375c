#!/bin/sh
# fcgi-receipt: the receipt as a PDF through nginx + TLS (R-VOTE-6): from
# the cast's signed receipt (tracker included; a forged one refused), and
# again later by scrutin (time of the émargement in Paris, no tracker);
# French text right (pdftotext), rendered (pdftoppm, saved as an
# artifact), never the choice; only for a scrutin the elector voted in.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node pdftotext pdftoppm
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null
ART=${ISOLOIR_ARTIFACTS:-/tmp}/receipts
mkdir -p "$ART"

pdf_req() { # pdf_req METHOD PATH [BODY-FILE] : "STATUS CONTENT-TYPE", PDF in $STACK_DIR/r.pdf
	https_get -b "$STACK_DIR/jar" -c "$STACK_DIR/jar" -D "$STACK_DIR/headers" -o "$STACK_DIR/r.pdf" -w '%{http_code} %{content_type}' \
		-X "$1" -H 'Content-Type: application/json' -H "X-CSRF-Token: ${CSRF:-}" ${3:+--data-binary "@$3"} "${URL%/}$2"
}

api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
out=$(api_vote 1 1 101)
expect_match "elector 1 votes for the 2nd list in scrutin 1" '^200 ' "$out"
printf '%s' "${out#200 }" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify({recepisse:JSON.parse(s).recepisse})))" >"$STACK_DIR/receipt.json"
tracker=$(sed -n 's/.*"empreinte":"\([0-9a-f]*\)".*/\1/p' "$STACK_DIR/receipt.json")

expect_eq "PDF from the cast's receipt: 200, application/pdf" "200 application/pdf" "$(pdf_req POST /api/recepisse "$STACK_DIR/receipt.json")"
expect_match "downloaded as a file, not sniffed" 'content-disposition: attachment; filename="accuse-reception-scrutin-1.pdf"' "$(tr -d '\r' <"$STACK_DIR/headers")"
expect_match "nosniff" 'x-content-type-options: nosniff' "$(cat "$STACK_DIR/headers")"
pdftotext -layout "$STACK_DIR/r.pdf" "$STACK_DIR/r.txt"
text=$(cat "$STACK_DIR/r.txt")
expect_match "title with accents" 'Accusé de réception de votre vote' "$text"
expect_match "operation" 'Élections CSE 2026' "$text"
expect_match "scrutin with its dashes" 'Siège — Cadres — Titulaires' "$text"
expect_match "tracker, grouped by 8" "$(printf '%s' "$tracker" | cut -c1-8) $(printf '%s' "$tracker" | cut -c9-16)" "$text"
expect_match "signed text with the whole tracker" "tracker=$tracker" "$text"
expect_match "Paris time said" 'à [0-9]+ h [0-9]{2} min [0-9]{2} s \(heure de Paris\)' "$text"
expect_match "the vote is secret" 'ne contient pas votre choix' "$text"
check "never the choice: no list name in it" sh -c "! grep -q -e Liste -e CGT -e CFDT '$STACK_DIR/r.txt'"
pdftoppm -r 50 -png -singlefile "$STACK_DIR/r.pdf" "$ART/recepisse-vote" 2>/dev/null
check "rendered by poppler" test -s "$ART/recepisse-vote.png"

sed "s/\"empreinte\":\"$tracker\"/\"empreinte\":\"$(printf '%s' "$tracker" | tr 0-9a-f 1-9a-f0)\"/" "$STACK_DIR/receipt.json" >"$STACK_DIR/forged.json"
check "the forged receipt differs" sh -c "! cmp -s '$STACK_DIR/receipt.json' '$STACK_DIR/forged.json'"
expect_match "forged tracker: refused in French" '^400 ' "$(pdf_req POST /api/recepisse "$STACK_DIR/forged.json")"
expect_match "the message says why" "pas été signé par cette plateforme" "$(cat "$STACK_DIR/r.pdf")"
good=$CSRF
CSRF=forged
expect_match "without the CSRF token: 403" '^403 ' "$(pdf_req POST /api/recepisse "$STACK_DIR/receipt.json")"
CSRF=$good

# Later, after a new login: by scrutin, without the tracker.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_eq "downloaded again: 200, application/pdf" "200 application/pdf" "$(pdf_req GET '/api/recepisse?scrutin=1')"
text=$(pdftotext -layout "$STACK_DIR/r.pdf" - 2>&1)
t=$(sql_root electors "SELECT TIMESTAMPDIFF(SECOND, '1970-01-01', voted_at) FROM emargement WHERE scrutin_id = 1 AND elector_id = 1")
expect_match "the émargement's time in Paris" "à $(TZ=Europe/Paris date -d "@$t" '+%-H h %M min %S s') \(heure de Paris\)" "$text"
expect_match "no tracker kept, said plainly" 'Non conservée par la plateforme' "$text"
expect_match "tracker empty in the signed text" 'tracker= *$' "$(printf '%s' "$text" | grep 'tracker=')"
pdftoppm -r 50 -png -singlefile "$STACK_DIR/r.pdf" "$ART/recepisse-plus-tard" 2>/dev/null
expect_match "not voted in scrutin 2: 404 in French" "^404 .*n'avez pas voté" "$(api_req GET '/api/recepisse?scrutin=2')"
expect_match "no scrutin: 404" '^404 ' "$(api_req GET '/api/recepisse?scrutin=x')"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 (not voted) with elector 1's receipt: 404" '^404 ' "$(api_req POST /api/recepisse "$STACK_DIR/receipt.json")"
rm -f "$STACK_DIR/jar"
expect_match "not logged in: 401" '^401 ' "$(api_req GET '/api/recepisse?scrutin=1')"
finish
