#!/bin/sh
# bench-board-export.sh N: the bulletin board of a real stack at scale
# (docs/performance.md, "Bulletin board"): the small operation's scrutin 1
# (4 lists of 3, 3, 2, 1 names) under a 2-of-3 key, N ballots put straight
# into the urn (bench/bench-board --sql), then the console's tally, the
# holders' decryptions, `board export`, the proclamation and `board export
# --publish`, the site's /tableau/1.json and one page of the HTML, and
# isoloir-verify: time and peak RSS of each (GNU time).
# Run from the build tree: ISOLOIR_SRCDIR=... ISOLOIR_BUILDDIR=... sh bench-board-export.sh N
. "$ISOLOIR_SRCDIR/tests/lib.sh"
N=${1:-1000}
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
FP=a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81
K=$STACK_DIR/ceremony
key_ceremony $FP "$K"
Y=$(sed -n 's/.*"public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
timed() { # timed LABEL CMD...: one line "LABEL seconds peak_RSS_kB"
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$K/time" "$@" >"$K/out" 2>&1 || { cat "$K/out"; exit 1; }
	printf '%-28s %8s s %10s kB\n' "$label" $(cat "$K/time")
}
sql_root electors "UPDATE scrutin_crypto SET public_key = '$Y' WHERE scrutin_id = 1; UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
timed "ballots generated ($N)" sh -c "'$ISOLOIR_BUILDDIR/bench/bench-board' --sql $N 1 $FP $Y 3,3,2,1 >'$K/ballots.sql'"
mariadb --no-defaults -S "$URN_SOCK" -u root isoloir_urn <"$K/ballots.sql"
rm -f "$K/ballots.sql"
timed "tally" sh -c "'$C' tally -c '$CONF' --scrutin 1 >'$K/totals.json'"
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
done
timed "board export" "$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/b.json" -c "$CONF"
printf '%-28s %10s bytes\n' "board file" "$(wc -c <"$K/b.json")"
timed "isoloir-verify election" "$V" election "$K/b.json"
# The fixture has 2 inscrits: the bureau could not proclaim N votants, so
# the proclamation row is written as root with the board's result (what
# `results proclaim` would record); the rest is the platform's own path.
sha=$(node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1]));
	process.stdout.write(require("crypto").createHash("sha256").update(JSON.stringify(b.result.output)).digest("hex"));' "$K/b.json")
sql_root electors "UPDATE scrutin SET state = 'counted' WHERE id = 1;
INSERT INTO proclamation (scrutin_id, counts, result, result_sha256, authorised_by) VALUES (1, '[]', '{}', '$sha', 'banc d''essai')" >/dev/null
timed "board export --publish" "$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/p.json" --publish -c "$CONF"
printf '%-28s %s\n' "journal" "$(sql_root urn "SELECT detail FROM journal WHERE action = 'tableau_publie'" | cut -c1-60)…"
timed "GET /tableau/1.json" curl -sS --max-time 3600 --cacert "$CA" -o "$K/got.json" "${URL%/}/tableau/1.json"
cmp -s "$K/got.json" "$K/b.json" && echo "served bytes = exported file" || { echo "served bytes differ"; exit 1; }
p=$(((N + 49) / 50))
timed "GET /tableau/1.html?page=$p" curl -sS --max-time 3600 --cacert "$CA" -o "$K/page.html" "${URL%/}/tableau/1.html?page=$p"
t=$(sed -n 's/.*<code>\([0-9a-f]\{64\}\)<\/code>.*/\1/p' "$K/page.html" | tail -n 1)
timed "GET /tableau/1/<tracker>" curl -sS --max-time 3600 --cacert "$CA" -o "$K/lookup.json" "${URL%/}/tableau/1/$t"
grep -q '"present":true' "$K/lookup.json" && echo "last tracker found"
for pid in $(cat "$STACK_DIR"/fcgi/w*.pid 2>/dev/null); do
	printf '%-28s %s\n' "worker $pid peak RSS" "$(grep VmHWM /proc/$pid/status 2>/dev/null)"
done
