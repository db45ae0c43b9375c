#!/bin/sh
# bench-import: `isoloir-console import electors --check` on 1,000,000
# generated rows: time and peak memory. Writes bench/results/import.json.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_ROWS:-1000000}
f=$(mktemp /tmp/isoloir-import.XXXXXX.csv)
trap 'rm -f "$f"' EXIT
awk -v n="$N" 'BEGIN {
	print "matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir"
	for (i = 1; i <= n; i++)
		printf "M%07d;Lefèvre;;Émile;%s;%02d/%02d/%d;Siège;Niort;%s;salarie;%d rue des Lilas;79000;Niort;e%d@example.fr;06 12 34 56 78;%02d\n",
			i, (i % 2 ? "F" : "M"), 1 + i % 28, 1 + i % 12, 1950 + i % 50, (i % 3 ? "Cadres" : "Employés"), i % 200, i, 1 + i % 97
}' >"$f"
out=$( { /usr/bin/time -f '%e %M' "$ISOLOIR_BUILDDIR/tui/isoloir-console" import electors --check "$f" \
	--colleges "Employés,Cadres" --election-date 2026-12-01 >/dev/null; } 2>&1)
set -- $out
printf '{"bench":"import-electors-check","date":"%s","rows":%s,"bytes":%s,"seconds":%s,"max_rss_kib":%s}\n' \
	"$(date -u +%FT%TZ)" "$N" "$(wc -c <"$f")" "$1" "$2" | tee "$ISOLOIR_SRCDIR/bench/results/import.json"
