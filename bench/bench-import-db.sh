#!/bin/sh
# bench-import-db: `isoloir-console import electors FILE` of 1,000,000
# generated rows into the electors database of a real stack (one
# all-or-nothing transaction, scrutins linked, journaled): time and the
# console's peak memory. Writes bench/results/import-db.json.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_ROWS:-1000000}
S=$(mktemp -d /tmp/isoloir-bench-import.XXXXXX)
f=$S/electors.csv
trap '"$ISOLOIR_SRCDIR/scripts/stack" stop "$S/stack" >/dev/null 2>&1 || true; rm -rf "$S"' EXIT
"$ISOLOIR_SRCDIR/scripts/stack" start "$S/stack" >/dev/null
. "$S/stack/stack.env"
mariadb --no-defaults -S "$ELECTORS_SOCK" -u root isoloir_electors <"$ISOLOIR_SRCDIR/tests/data/small-operation.sql"
awk -v n="$N" 'BEGIN {
	print "matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir"
	for (i = 1; i <= n; i++)
		printf "M%07d;Lefèvre;;Émile;%s;%02d/%02d/%d;Siège;Niort;Cadres;salarie;%d rue des Lilas;79000;Niort;e%d@example.fr;06 12 34 56 78;%02d\n",
			i, (i % 2 ? "F" : "M"), 1 + i % 28, 1 + i % 12, 1950 + i % 50, i % 200, i, 1 + i % 97
}' >"$f"
if ! /usr/bin/time -o "$S/time.txt" -f '%e %M' "$ISOLOIR_BUILDDIR/tui/isoloir-console" \
	import electors "$f" -c "$S/stack/etc/console.conf" >"$S/out.txt" 2>&1; then
	echo "bench-import-db: import refused:" >&2
	tail -n 20 "$S/out.txt" >&2
	exit 1
fi
out=$(tail -n 1 "$S/time.txt")
set -- $out
rows=$(mariadb --no-defaults -S "$ELECTORS_SOCK" -u root -N isoloir_electors -e 'SELECT COUNT(*) FROM elector')
printf '{"bench":"import-electors-db","date":"%s","rows":%s,"in_database":%s,"bytes":%s,"seconds":%s,"max_rss_kib":%s,"load":"%s"}\n' \
	"$(date -u +%FT%TZ)" "$N" "$rows" "$(wc -c <"$f")" "$1" "$2" "$(cut -d' ' -f1-3 /proc/loadavg)" |
	tee "$ISOLOIR_SRCDIR/bench/results/import-db.json"
