#!/bin/sh
# pv-pdf: the procès-verbal (R-RES-3) printed by the real isoloir-console pv
# from the real isoloir-rules output: the worked example of rules.md with
# French names (numbers, seats, elected, accents read back by pdftotext),
# a PV de carence, a quorum not reached with candidate tables running over
# several pages (header row repeated), the CSV, and input errors.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext pdfinfo pdftoppm
RULES=$ISOLOIR_BUILDDIR/cli/isoloir-rules
CONSOLE=$ISOLOIR_BUILDDIR/tui/isoloir-console
DATA=$ISOLOIR_SRCDIR/tests/data/pv
W=$(mktemp -d /tmp/pv-pdf.XXXXXX)
trap 'rm -rf "$W"' EXIT

pages() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }
# the text between two headings of the layout text
between() { sed -n "/$2/,/$3/p" "$1"; }

# --- the worked example (7 seats, 500 inscrits, SVE 400) ---------------------
"$RULES" --json "$DATA/worked-example-names.json" >"$W/we.json"
out=$("$CONSOLE" pv --rules "$W/we.json" --header "$DATA/header.json" --out "$W/we.pdf" --csv "$W/we.csv"); rc=$?
expect_eq "worked example: pv exits 0" 0 "$rc"
pdftotext -layout "$W/we.pdf" "$W/we.txt"
t=$(cat "$W/we.txt")
expect_match "CERFA 15822 named" "modèle CERFA n° 15822" "$t"
expect_match "title, titulaires" "PROCÈS-VERBAL DES ÉLECTIONS DES MEMBRES TITULAIRES" "$t"
expect_match "raison sociale with accents" "Société d'Exploitation des Télécabines de Méribel" "$t"
expect_match "SIRET" "N° SIRET +123 456 789 00012" "$t"
expect_match "opening date and time" "Ouverture du scrutin +23/11/2026 à 09 h 00" "$t"
expect_match "closing date and time" "Clôture du scrutin +27/11/2026 à 17 h 00" "$t"
expect_match "seats to fill" "Nombre de sièges à pourvoir +7$" "$t"
expect_match "inscrits 500" "Nombre d'électeurs inscrits +500$" "$t"
expect_match "votants 410" "Nombre de votants +410$" "$t"
expect_match "blancs 6" "Nombre de bulletins blancs +6$" "$t"
expect_match "nuls 4" "Nombre de bulletins nuls +4$" "$t"
expect_match "SVE 400" "valablement exprimés \(SVE\) +400$" "$t"
expect_match "quorum reached, box ticked" "☒ atteint +☐ non atteint" "$t"
expect_match "quotient 400/7 = 57,142857" "400/7 = 57,142857" "$t"
expect_match "CFDT: 150, 145,714286, 2 + 1 = 3 seats, 37,50 %" "Liste CFDT .* 150 +145,714286 +2 +1 +3 +37,50" "$t"
expect_match "CGT: 120, 118,285714, 2 + 0 = 2" "Liste CGT .* 120 +118,285714 +2 +0 +2 +30,00" "$t"
expect_match "FO: 80, 80,000000, 1 + 0 = 1" "Liste FO .* 80 +80,000000 +1 +0 +1 +20,00" "$t"
expect_match "CFE-CGC: 50, 48,666667, 0 + 1 = 1" "Liste CFE-CGC .* 50 +48,666667 +0 +1 +1 +12,50" "$t"
expect_match "totals row: 400 ballots, 5 + 2 = 7" "Total +400 +5 +2 +7$" "$t"
expect_match "seat 6 to CFE-CGC" "^ +6 +Liste CFE-CGC" "$t"
expect_match "seat 7 to CFDT" "^ +7 +Liste CFDT" "$t"
elus=$(between "$W/we.txt" '5\. Élus' '6\. Détail' | sed -n 's/^\([^ ].*[^ ]\) \{2,\}[FH] \{2,\}.*/\1/p' | tr '\n' ',')
expect_eq "the 7 elected, list by list, in designation order" \
	"Hélène Dupré,Zoé Bénard,François Côté,Anaïs Béranger,Noël Février,Éloïse Chênevert,Bérénice Öztürk," "$elus"
expect_match "A2's 20 strikes counted: 130 votes, rank 7, not elected" "Jérôme Lefèvre +H +130 +20 +oui +7$" "$t"
expect_match "A5's 10 strikes ignored: rank 4" "Agnès Müller +F +140 +10 +non +4$" "$t"
expect_match "bureau president to sign" "Geneviève Marchand +Présidente" "$t"
expect_match "annex: seal fingerprint" "Scellement à la clôture .*9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8" "$t"
expect_match "annex: bureau observation" "absence d'altération du système" "$t"
expect_match "annex: journal size" "compte 1842 entrée" "$t"
digest=$(printf '%s' "$out" | sed -n 's/.*empreinte des résultats \([0-9a-f]\{64\}\).*/\1/p')
expect_match "results fingerprint on every page footer" "résultats : $digest" "$t"
expect_eq "4 pages" 4 "$(pages "$W/we.pdf")"
expect_eq "page numbers with the total" 4 "$(grep -c 'Page [1-4] / 4' "$W/we.txt")"
pdftoppm -r 50 -png "$W/we.pdf" "$W/we" && n=$(ls "$W"/we-*.png | wc -l)
expect_eq "pdftoppm renders the 4 pages" 4 "$n"

expect_eq "CSV: header + 22 candidates" 23 "$(wc -l <"$W/we.csv")"
expect_eq "CSV: 32 fields on every row" "32" "$(awk -F';' '{print NF}' "$W/we.csv" | sort -u)"
expect_match "CSV: Hélène Dupré's row" \
	"^Collège unique — employés, techniciens et cadres;titulaires;1;7;500;410;6;4;400;400/7;57.142857;oui;7;0;Liste CFDT;Syndicat CFDT des services;CFDT;150;1020/7;145.714286;2;1;3;37.50;oui;Hélène Dupré;F;150;0;non;1;oui$" \
	"$(cat "$W/we.csv")"
expect_match "CSV: B1's strikes counted" ";Stéphane Gaël;H;108;12;oui;7;non$" "$(cat "$W/we.csv")"

# --- PV de carence ------------------------------------------------------------
"$RULES" --json "$DATA/carence.json" >"$W/car.json"
"$CONSOLE" pv --rules "$W/car.json" --header "$DATA/header.json" --out "$W/car.pdf" --csv "$W/car.csv" >/dev/null; rc=$?
expect_eq "carence: pv exits 0" 0 "$rc"
t=$(pdftotext -layout "$W/car.pdf" -)
expect_match "CERFA 15248 named" "modèle CERFA n° 15248" "$t"
expect_match "carence title" "PROCÈS-VERBAL DE CARENCE" "$t"
expect_match "both rounds' dates" "premier tour, fixé au 23/11/2026.*" "$(printf '%s' "$t" | tr '\n' ' ')"
expect_match "collège, titulaires, 2 seats, 31 inscrits" "Ingénieurs et cadres +membres titulaires +2 +31 +totale" "$t"
expect_match "collège, suppléants" "Ingénieurs et cadres +membres suppléants +2 +31 +totale" "$t"
expect_match "employer signs" "Amélie Pétrel.*Employeur ou son" "$t"
case $t in *"PROCÈS-VERBAL DES ÉLECTIONS"*) not_ok "carence: no results PV" ;; *) ok "carence: no results PV" ;; esac
expect_eq "carence: 2 pages (PV + annexes)" 2 "$(pages "$W/car.pdf")"
expect_match "carence CSV rows" "^Ingénieurs et cadres;suppleants;1;2;31;0;0;0;0;0/1;0.000000;non;0;2;CARENCE;" "$(cat "$W/car.csv")"

# --- quorum not reached, 2 lists of 20 candidates: tables over pages --------
{
	printf '{"colleges":[{"name":"Agents de maîtrise","suppleants":{"seats":20,"inscrits":1000,'
	printf '"votants":300,"blancs":20,"nuls":10,"lists":['
	for l in 1 2; do
		[ "$l" = 2 ] && printf ','
		printf '{"name":"Liste n°%d","ballots":%d,"candidates":[' "$l" $((l == 1 ? 170 : 100))
		i=1
		while [ $i -le 20 ]; do
			[ $i -gt 1 ] && printf ','
			printf '{"name":"Candidat·e %d-%02d Ébène","sex":"%s","birthdate":"1980-01-%02d"}' \
				"$l" "$i" "$([ $((i % 2)) = 1 ] && echo F || echo H)" "$i"
			i=$((i + 1))
		done
		printf ']}'
	done
	printf ']}}]}\n'
} >"$W/q.in.json"
"$RULES" --json "$W/q.in.json" >"$W/q.json"
"$CONSOLE" pv --rules "$W/q.json" --header "$DATA/header.json" --out "$W/q.pdf" >/dev/null; rc=$?
expect_eq "quorum: pv exits 0" 0 "$rc"
pdftotext -layout "$W/q.pdf" "$W/q.txt"
t=$(cat "$W/q.txt")
expect_match "suppléants: CERFA 15823" "modèle CERFA n° 15823" "$t"
expect_match "suppléants title" "MEMBRES SUPPLÉANTS" "$t"
expect_match "quorum not reached, box ticked" "☐ atteint +☒ non atteint" "$t"
expect_match "threshold 500" "Quorum \(SVE ≥ moitié des inscrits : 500\)" "$t"
expect_match "elected only for information" "5\. Élus — à titre indicatif" "$t"
expect_match "notice: nobody elected at round 1" "Quorum non atteint : personne n'est élu" "$t"
expect_match "quotient 270/20 = 27/2" "27/2 = 13,500000" "$t"
p=$(pages "$W/q.pdf")
check "candidate tables run over at least 3 pages ($p)" [ "$p" -ge 3 ]
h=$(grep -c 'Ratures ≥ 10' "$W/q.txt")
check "candidate table header repeated after a page break ($h > 2)" [ "$h" -gt 2 ]
expect_match "last candidate printed" "Candidat·e 2-20 Ébène" "$t"

# --- errors -------------------------------------------------------------------
printf '{"entreprise":{}}' >"$W/bad-header.json"
err=$("$CONSOLE" pv --rules "$W/we.json" --header "$W/bad-header.json" --out "$W/bad.pdf" 2>&1); rc=$?
expect_eq "header without raison sociale: exit 1" 1 "$rc"
expect_match "the missing field is named" "entreprise.raison_sociale" "$err"
check "no PDF written on error" [ ! -e "$W/bad.pdf" ]
printf '{"valid":false,"errors":["x"]}' >"$W/invalid.json"
"$CONSOLE" pv --rules "$W/invalid.json" --header "$DATA/header.json" --out "$W/bad.pdf" >/dev/null 2>&1; rc=$?
expect_eq "invalid count result refused" 1 "$rc"
"$CONSOLE" pv --rules "$W/we.json" >/dev/null 2>&1; rc=$?
expect_eq "usage error: exit 2" 2 "$rc"
finish
