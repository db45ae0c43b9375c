#!/bin/sh
# election-e2e: a whole election on the sample operation (R-BUR-4/8,
# R-RES-1/3, R-VOTE-5/6), as issue 7 asks: the demo prepared with the
# console, 250 scripted votes through nginx by 200 electors (the browser's
# code encrypts), closing with the bureau's codes, the count of the
# titulaires with 2 of 3 key holders, the seats by the counting law, the
# PV, the public bulletin board checked by isoloir-verify, then a recount
# by another pair of holders that gives the same counts, the same result
# fingerprint and the same seats.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
export ISOLOIR_RATE_LIMIT=10000r/s
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
W=$STACK_DIR/e2e
mkdir -p "$W"

"$ISOLOIR_SRCDIR/scripts/demo-data" "$STACK_DIR" >"$W/demo.out" 2>&1
expect_eq "demo prepared" 0 "$?"
ids=$(ls -d "$STACK_DIR"/identifiants-* | head -n 1)
S=$STACK_DIR/demo

# Votes: electors E00001..E00200 (Siège de Niort, Ouvriers et employés)
# in scrutin 1 (titulaires: lists of 4, 4, 3, 3), by i mod 10: 0–3 list 1
# whole, 9 list 1 with its 2nd name struck, 4–5 list 2, 6 list 3 with its
# 1st name struck, 7 list 4, 8 blank; E00001..E00050 also blank in
# scrutin 2 (suppléants).
awk -F';' -v ids="$ids" -v sample="$S" '
	FILENAME == ids "/courrier-identifiants.csv" { id[$1] = $8; next }
	FILENAME == ids "/canal-mots-de-passe.csv" { pw[$1] = $8; next }
	FILENAME == sample "/electeurs.csv" { nir[$1] = $16; next }
	END {
		for (i = 1; i <= 200; i++) {
			m = sprintf("E%05d", i); r = i % 10
			if (r <= 3) c = "0 1111"; else if (r == 9) c = "0 1011"
			else if (r <= 5) c = "1 1111"; else if (r == 6) c = "2 011"
			else if (r == 7) c = "3 111"; else c = "-1 -"
			print id[m], pw[m], nir[m], 1, c
			if (i <= 50) print id[m], pw[m], nir[m], 2, "-1 -"
		}
	}' "$ids/courrier-identifiants.csv" "$ids/canal-mots-de-passe.csv" "$S/electeurs.csv" >"$W/votes.txt"
expect_eq "250 votes scripted" 250 "$(wc -l <"$W/votes.txt")"
node_web web/test/tools/voters.mjs "$URL" "$CA" 4 <"$W/votes.txt" >"$W/votes.out"
tail -n 1 "$W/votes.out" | sed 's/^/# /'
expect_match "250 votes cast, no error" '^votes: 250 ok, 0 errors' "$(tail -n 1 "$W/votes.out")"
expect_eq "émargements and ballots: 250 and 250" "250 250" \
	"$(sql_root electors "SELECT COUNT(*) FROM emargement") $(sql_root urn "SELECT COUNT(*) FROM ballot")"
expect_eq "turnout of scrutin 1: 200" 200 "$(sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1")"

# Closing and the count, with the codes of the Siège's bureau.
codes=$S/codes-$(sql_root electors "SELECT bureau_id FROM scrutin WHERE id = 1").txt
"$C" scrutin transition 1 closed --codes "$codes" >/dev/null
expect_eq "scrutin 1 closed" closed "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"
count() { # count A B: tally, decryption by holders A and B, counts
	"$C" tally --scrutin 1 -c "$ISOLOIR_CONSOLE_CONF" >"$W/totals-$1$2.json"
	for y in $1 $2; do
		"$T" decrypt --key "$STACK_DIR/ceremonie-1/cle-$y.json" --passphrase-file \
			"$STACK_DIR/ceremonie-1/phrase-$y" --totals "$W/totals-$1$2.json" --out "$W/partial-$1$2-$y.json" >/dev/null
	done
	"$V" count "$STACK_DIR/ceremonie-1/public.json" "$W/totals-$1$2.json" "$W/partial-$1$2-$1.json" \
		"$W/partial-$1$2-$2.json" | head -n 1 >"$W/counts-$1$2.json"
	"$C" results --scrutin 1 --counts "$W/counts-$1$2.json" -c "$ISOLOIR_CONSOLE_CONF" >"$W/result-$1$2.json"
}
count 1 2
# slots: 4 lists, blank; then 4 + 4 + 3 + 3 candidates (votes they keep)
expect_match "exact counts decrypted by holders 1 and 2" \
	'"counts":\[100,40,20,20,20,100,80,100,100,40,40,40,40,0,20,20,20,20,20\]' "$(cat "$W/counts-12.json")"
r=$(tr -d ' \n' <"$W/result-12.json")
expect_match "200 votants, 20 blancs, SVE 180, quorum not reached (820 inscrits)" \
	'"inscrits":820,"votants":200,"blancs":20,"nuls":0,"sve":180,"qe":"45/1".*"quorum_reached":false' "$r"
expect_match "list 1: average 95, 2 seats at the quotient, 1 at the remainder" \
	'"name":"ListeCFDT","ballots":100,"candidates_count":4,"average":"95/1","average_decimal":"95.000000","seats_quotient":2,"seats_remainder":1,"seats_total":3' "$r"
expect_match "list 2: 1 seat at the plus forte moyenne" \
	'"name":"ListeCGT","ballots":40,"candidates_count":4,"average":"40/1","average_decimal":"40.000000","seats_quotient":0,"seats_remainder":1,"seats_total":1' "$r"
expect_match "the 2nd name of list 1, struck 20 times, is passed over" '"elected":\["LucasMénard","ÉmileMercier","CamilleJoly"\]' "$r"
"$C" scrutin transition 1 counted --codes "$codes" >/dev/null
expect_eq "scrutin 1 counted" counted "$(sql_root electors "SELECT state FROM scrutin WHERE id = 1")"

# The PV from the databases.
printf '{"entreprise":{"raison_sociale":"Mutuelle Atlantique"},"lieu":"Niort","date_pv":"2026-12-08 18:00"}\n' >"$W/header.json"
"$C" pv --scrutin 1 --counts "$W/counts-12.json" --header "$W/header.json" --out "$W/pv.pdf" \
	-c "$ISOLOIR_CONSOLE_CONF" >"$W/pv.out" 2>&1
expect_eq "PV written" 0 "$?"
txt=$(pdftotext -layout "$W/pv.pdf" - | tr -s ' ')
expect_match "PV: inscrits" "Nombre d'électeurs inscrits 820" "$txt"
expect_match "PV: votants" "Nombre de votants 200" "$txt"
expect_match "PV: SVE" "suffrages valablement exprimés \(SVE\) 180" "$txt"
expect_match "PV: quorum not reached, said" "Quorum non atteint" "$txt"

# The public bulletin board and the independent verifier.
out=$("$C" results proclaim --scrutin 1 --counts "$W/counts-12.json" --codes "$codes" 2>&1)
expect_match "the bureau proclaims the results" "Résultats du scrutin n° 1 proclamés par le bureau" "$out"
out=$("$C" board export 1 --deals "$STACK_DIR/ceremonie-1" --partials "$W/partial-12-1.json" \
	"$W/partial-12-2.json" --out "$W/board.json" --publish -c "$ISOLOIR_CONSOLE_CONF" 2>&1)
expect_match "board exported, verified and published" 'tableau du scrutin 1 : .*\(200 bulletins\), vérifié' "$out"
out=$("$V" election "$W/board.json" 2>&1)
expect_match "isoloir-verify election: OK" '^OK' "$out"
expect_match "…200 ballots checked" '200 bulletin\(s\) vérifié\(s\)' "$out"
expect_match "…the same counts" 'comptes : \[100,40,20,20,20,100,80,100,100,40,40,40,40,0,20,20,20,20,20\]' "$out"
https_get -o "$W/served.json" "${URL}tableau/1.json"
expect_eq "the site serves the very file" "$(sha256sum <"$W/board.json")" "$(sha256sum <"$W/served.json")"

# Recount from the sealed data by holders 2 and 3.
count 2 3
expect_eq "recount: the same totals" "$(sha256sum <"$W/totals-12.json")" "$(sha256sum <"$W/totals-23.json")"
expect_eq "recount: the same counts (other holders)" "$(sed 's/"holders":\[[0-9,]*\]//' "$W/counts-12.json")" \
	"$(sed 's/"holders":\[[0-9,]*\]//' "$W/counts-23.json")"
expect_eq "recount: the same result" "$(sha256sum <"$W/result-12.json")" "$(sha256sum <"$W/result-23.json")"
"$C" seal verify 1 >/dev/null 2>&1
expect_eq "seal still verifies after the count" 0 "$?"
"$C" journal verify electors >/dev/null 2>&1
expect_eq "electors journal verifies" 0 "$?"
finish
