#!/bin/sh
# board-verify: R-BUR-8, R-VOTE-5/6 on a real platform: after a 2-of-3 key
# ceremony, votes through the web API and a count, the console exports the
# scrutin's public bulletin board and isoloir-verify rechecks the whole
# count from it (every ballot proof and tracker, totals, partial
# decryptions, counts, seats). A stored point of the urn swapped or off
# the curve is caught. Altered copies of the board each fail with
# the right reason: a proof byte, a ballot removed or duplicated, a total,
# a partial decryption, a count, a seat. The published board is also a
# French HTML page (/tableau/1.html, /tableau/), checked in Chromium. The
# site keeps it in chunks (docs/protocol.md §10.5), here of 4 kB so that
# it takes several: a chunk changed in the database is refused by the
# site, and one changed with its whole chain recomputed is caught by
# isoloir-verify.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
printf '\n[board]\nchunk_bytes = 4096\n' >>"$CONF"
FP=a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81
K=$STACK_DIR/ceremony
mkdir -p "$K"
# Every tool output, checked at the end for sanitizer reports.
keep() { printf '%s\n' "$1" >>"$K/outputs"; }

# The ceremony and the votes, as in count-e2e.
for x in 1 2 3; do
	"$T" deal --election $FP --holder $x --threshold 2 --holders 3 --dir "$K" >/dev/null
	echo "phrase secrète du membre $x" >"$K/pass-$x"
done
for y in 1 2 3; do
	"$T" key --election $FP --holder $y --dir "$K" --passphrase-file "$K/pass-$y" --out "$K/key-$y.json" >/dev/null
done
"$T" public --election $FP --dir "$K" >"$K/public.json"
Y=$(sed -n 's/.*"public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
sql_root electors "UPDATE scrutin_crypto SET public_key = '$Y' WHERE scrutin_id = 1; UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
out=$(api_vote 1 0 101)
expect_match "elector 1 votes list 1, striking its 2nd name" '^200 ' "$out"
tracker1=$(printf '%s' "$out" | sed -n 's/.*"empreinte":"\([0-9a-f]*\)".*/\1/p')
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes list 2" '^200 ' "$(api_vote 1 1 111)"

out=$("$C" tally -c "$CONF" --scrutin 1 2>&1 >"$K/totals.json"); rc=$?
expect_match "no totals while the scrutin is open (R-BUR-8)" "ses totaux ne se calculent qu'après la clôture" "$out"
expect_eq "…refused, nothing written" "1 0" "$rc $(wc -c <"$K/totals.json")"
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
"$C" tally -c "$CONF" --scrutin 1 >"$K/totals.json"
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals.json" --out "$K/partial-$y.json" >/dev/null
done
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/b.json" -c "$CONF" 2>&1); rc=$?
keep "$out"
expect_match "no board while the scrutin is open" 'ne se publie qu.après la clôture' "$out"
expect_eq "…refused" 1 "$rc"
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null

# A forged partial decryption: the console refuses to publish.
sed -E '0,/"d": "0[23]/s/"d": "02/"d": "0X/; s/"d": "03/"d": "02/; s/"d": "0X/"d": "03/' "$K/partial-1.json" >"$K/forged.json"
out=$("$C" board export 1 --deals "$K" --partials "$K/forged.json" "$K/partial-3.json" --out "$K/b.json" -c "$CONF" 2>&1)
keep "$out"
expect_match "export with a forged partial decryption refused" 'valide\(s\) sur les 2 requis' "$out"
check "…and no board written" test ! -e "$K/b.json"

B=$K/board.json
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$B" -c "$CONF" 2>&1)
keep "$out"
printf '%s\n' "$out" | sed 's/^/# export: /'
expect_match "board exported and verified by the console" 'tableau du scrutin 1 : .* \(2 bulletins\), vérifié' "$out"
expect_match "the elector's receipt tracker is on the board" "\"tracker\": \"$tracker1\"" "$(cat "$B")"
check "no identity on the board" sh -c "! grep -Eq 'Dupré|Lefèvre|ABCD-EFGH|matricule' '$B'"
check "no time on the board" sh -c "! grep -Eq 'horodatage|voted_at|20[0-9]{2}-[0-9]{2}-[0-9]{2}T' '$B'"
# the ballots streamed into the file: the very layout of the whole
# document dumped at once (sorted keys, one-space indentation)
check "the streamed file is the document's canonical text" node -e 'const fs = require("fs");
	const t = fs.readFileSync(process.argv[1], "utf8"); process.exit(JSON.stringify(JSON.parse(t), null, 1) === t ? 0 : 1);' "$B"
expect_eq "ballots sorted by tracker" "$(sql_root urn 'SELECT LOWER(HEX(tracker)) FROM ballot ORDER BY tracker' | tr '\n' ' ')" \
	"$(sed -n 's/.*"tracker": "\([0-9a-f]*\)".*/\1/p' "$B" | tr '\n' ' ')"

out=$("$V" election "$B" 2>&1); rc=$?
keep "$out"
printf '%s\n' "$out" | sed 's/^/# /'
expect_eq "isoloir-verify election: exit 0" 0 "$rc"
expect_match "…says OK" '^OK' "$out"
expect_match "…2 ballots, decryptions by holders 1 and 3" '2 bulletin\(s\) vérifié\(s\).*2 déchiffrement\(s\) partiel\(s\) vérifié\(s\), combinés : détenteurs 1 3' "$out"
# slots: 4 lists + blank; candidates 3+3+2+1
expect_match "…the right counts" 'comptes : \[1,1,0,0,0,1,0,1,1,1,1,0,0,0\]' "$out"
expect_match "…the seats recomputed: CFDT 1, CGT 2" 'sièges recalculés : Liste CFDT 1, Liste CGT 2, Liste commune FO–UNSA 0, Liste CFE-CGC 0' "$out"
for j in 1 4; do
	expect_eq "the same with --jobs $j" "$out" "$("$V" election --jobs $j "$B" 2>&1)"
done
out=$("$V" election --jobs 0 "$B" 2>&1); rc=$?
expect_eq "--jobs 0 refused (usage)" 2 "$rc"

# alter NAME JS: a copy of the board changed by JS on b, then verified.
alter() {
	node -e 'const fs = require("fs"); const b = JSON.parse(fs.readFileSync(process.argv[1]));
		eval(process.argv[3]); fs.writeFileSync(process.argv[2], JSON.stringify(b, null, 1));' \
		"$B" "$K/$1.json" "$2"
	out1=$("$V" election --jobs 1 "$K/$1.json" 2>&1)
	rc1=$?
	out=$("$V" election --jobs 3 "$K/$1.json" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s/^/# $1: /"
	keep "$out"
	# the ballots on 3 threads: the verdict of one
	expect_eq "$1: the same with --jobs 1 and --jobs 3" "$out1 ($rc1)" "$out ($rc)"
}
flip='s => s.slice(0, -1) + (s.slice(-1) === "0" ? "1" : "0")'
alter proof "const f = $flip; const p = b.ballots[0].ballot.choices[0].proof; p[0][0] = f(p[0][0]);"
expect_match "one byte changed in a ballot's proof: that ballot, that proof" \
	"^ÉCHEC : bulletin n° 1 \(traceur $(sed -n 's/.*"tracker": "\([0-9a-f]*\)".*/\1/p' "$B" | head -n 1)\) : choice=0 : preuve invalide" "$out"
expect_eq "…exit 1" 1 "$rc"
alter removed 'b.ballots.splice(1, 1);'
expect_match "a ballot removed" '^ÉCHEC : totaux : 1 bulletin\(s\) publié\(s\) mais 2 annoncé\(s\)' "$out"
expect_eq "…exit 1" 1 "$rc"
alter dup 'b.ballots.splice(1, 0, b.ballots[0]);'
expect_match "a ballot duplicated" '^ÉCHEC : traceur [0-9a-f]{64} publié deux fois : bulletin en double' "$out"
alter dupend 'b.ballots.push(b.ballots[0]);'
expect_match "a ballot duplicated at the end" 'publié deux fois : bulletin en double' "$out"
alter tracker 'b.ballots[0].tracker = "a".repeat(64);'
expect_match "a tracker that is not the ballot's hash" "^ÉCHEC : bulletin n° 1 : le traceur publié [0-9a-f]{64} n'est pas l'empreinte du bulletin" "$out"
alter total 'const t = b.tally.totals; [t[0].a, t[1].a] = [t[1].a, t[0].a];'
expect_match "a total changed" '^ÉCHEC : total 0 \(liste 1\) : différent de la somme des bulletins publiés' "$out"
expect_eq "…exit 1" 1 "$rc"
alter partial 'const d = b.partials[1].partials[5]; d.d = (d.d.startsWith("02") ? "03" : "02") + d.d.slice(2);'
expect_match "a partial decryption changed" '^ÉCHEC : déchiffrement partiel du détenteur 3, total 5 \(liste 1, candidat 1\) : preuve invalide' "$out"
expect_eq "…exit 1" 1 "$rc"
alter count 'b.counts[1] += 1;'
expect_match "a published count changed" '^ÉCHEC : compte publié du total 1 \(liste 2\) : différent, déchiffré : 1' "$out"
expect_eq "…exit 1" 1 "$rc"
alter seat 'const l = b.result.output.colleges[0].titulaires.lists; l[0].seats_total = 2;'
expect_match "a published seat changed" '^ÉCHEC : résultat publié faux : « Liste CFDT » : 2 siège\(s\) publié\(s\), 1 recalculé\(s\)' "$out"
expect_eq "…exit 1" 1 "$rc"
alter elected 'const l = b.result.output.colleges[0].titulaires.lists; l[1].elected.reverse();'
expect_match "published elected in another order" '« Liste CGT » : élus publiés différents' "$out"
alter strikes 'b.result.input.colleges[0].titulaires.lists[0].candidates[1].strikes = 0;'
expect_match "counting input with a strike erased" 'liste 1, candidat 2 : ratures différentes des comptes déchiffrés' "$out"
alter onepartial 'b.partials.pop();'
expect_match "one partial decryption only" '^ÉCHEC : 1 déchiffrement\(s\) partiel\(s\) publié\(s\), 2 requis' "$out"
alter key 'b.election.verification_keys.reverse();'
expect_match "a verification key not from the commitments" 'clé de vérification publiée du détenteur 1 ne découle pas des engagements' "$out"
alter pok 'const f = '"$flip"'; b.election.deals[1].pok[1] = f(b.election.deals[1].pok[1]);'
expect_match "a deal's proof of knowledge changed" 'preuve de connaissance du détenteur 2 invalide' "$out"
alter extra 'b.voters = ["Zoé Dupré"];'
expect_match "an unknown key refused" '^ÉCHEC : tableau mal formé' "$out"
alter noresult 'delete b.result;'
expect_match "a board without result: counts checked, no seats" 'sièges : pas de résultat publié' "$out"
expect_eq "…exit 0" 0 "$rc"

# docs/protocol.md §9.1: the count sums the points each worker decoded at
# cast time (urn 006), not the bodies. A stored point swapped for another
# valid point changes the count's totals: the board, whose totals are
# recomputed from the public ballots, refuses the decryptions of those.
# A stored point off the curve stops the count itself; a ballot without
# stored points (cast before 006) is decoded from its body. These read
# every ballot's points (`tally --full`): the partial sums (lib/presum.c),
# made at the first count above, already hold this ballot's points as
# they were, and are not read again (tests/component/count-presum.sh).
q="tracker = UNHEX('$tracker1')"
orig=$(sql_root urn "SELECT HEX(points) FROM ballot WHERE $q")
expect_eq "points stored at cast: 14 positions × 2 × 64 bytes" 1792 "$(sql_root urn "SELECT LENGTH(points) FROM ballot WHERE $q")"
sql_root urn "UPDATE ballot SET points = CONCAT(SUBSTRING(points, 65, 64), SUBSTRING(points, 1, 64), SUBSTRING(points, 129)) WHERE $q" >/dev/null
"$C" tally --full -c "$CONF" --scrutin 1 >"$K/totals-x.json"
check "a swapped stored point: the count's totals change" sh -c "! cmp -s '$K/totals.json' '$K/totals-x.json'"
for y in 1 3; do
	"$T" decrypt --key "$K/key-$y.json" --passphrase-file "$K/pass-$y" --totals "$K/totals-x.json" --out "$K/px-$y.json" >/dev/null
done
out=$("$C" board export 1 --deals "$K" --partials "$K/px-1.json" "$K/px-3.json" --out "$K/bx.json" -c "$CONF" 2>&1)
keep "$out"
expect_match "…the board, totals recomputed from the ballots, refuses their decryptions" 'valide\(s\) sur les 2 requis' "$out"
check "…and no board written" test ! -e "$K/bx.json"
sql_root urn "UPDATE ballot SET points = CONCAT(SUBSTRING(points, 1, 32), SUBSTRING(points, 1, 32), SUBSTRING(points, 65)) WHERE $q" >/dev/null
out=$("$C" tally --full -c "$CONF" --scrutin 1 2>&1); rc=$?
keep "$out"
expect_match "a stored point off the curve stops the count, naming the ballot" "urne altérée : bulletin $tracker1 : point enregistré hors de la courbe" "$out"
expect_eq "…with a failure status" 1 "$rc"
sql_root urn "UPDATE ballot SET points = SUBSTRING(points, 2) WHERE $q" >/dev/null
out=$("$C" tally --full -c "$CONF" --scrutin 1 2>&1)
keep "$out"
expect_match "stored points of the wrong size stop the count" "urne altérée : bulletin $tracker1 : points de taille 1791 au lieu de 1792" "$out"
sql_root urn "UPDATE ballot SET points = NULL WHERE $q" >/dev/null
"$C" tally --full -c "$CONF" --scrutin 1 >"$K/totals-n.json"
check "a ballot without stored points: decoded from its body, same totals" cmp -s "$K/totals.json" "$K/totals-n.json"
# docs/protocol.md §9.3: the urn stores each body packed (hex strings as
# raw bytes, about half the size); a body stored before, as its canonical
# text, is read as it was. Here the ballot's body is replaced by its
# canonical text (rebuilt from the board, checked against its tracker):
# same totals, same board. A packed body with a byte changed in a run (a
# proof's scalar), or with a byte that is no marker, is refused.
packed=$(sql_root urn "SELECT HEX(body) FROM ballot WHERE $q")
expect_eq "bodies stored packed (version byte 01)" "01 01" "$(sql_root urn 'SELECT HEX(LEFT(body, 1)) FROM ballot ORDER BY tracker' | tr '\n' ' ' | sed 's/ $//')"
node -e 'const fs = require("fs");
	const b = JSON.parse(fs.readFileSync(process.argv[1], "utf8")).ballots.find((x) => x.tracker === process.argv[2]).ballot;
	const canon = (v) => Array.isArray(v) ? "[" + v.map(canon).join(",") + "]" :
		typeof v === "object" ? "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + canon(v[k])).join(",") + "}" :
		JSON.stringify(v);
	process.stdout.write(canon(b));' "$B" "$tracker1" >"$K/canon1.json"
expect_eq "…its canonical text, rebuilt from the board, is its tracker" "$tracker1" "$(sha256sum <"$K/canon1.json" | cut -d' ' -f1)"
check "…stored in less than 55 % of it" test $((${#packed} / 2 * 100)) -lt $(($(wc -c <"$K/canon1.json") * 55))
sql_root urn "UPDATE ballot SET body = '$(cat "$K/canon1.json")' WHERE $q" >/dev/null
"$C" tally --full -c "$CONF" --scrutin 1 >"$K/totals-t.json"
check "a body stored as text (before packing): same totals" cmp -s "$K/totals.json" "$K/totals-t.json"
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/bt.json" -c "$CONF" 2>&1)
keep "$out"
check "…the same board" cmp -s "$B" "$K/bt.json"
sql_root urn "UPDATE ballot SET body = UNHEX('$packed') WHERE $q" >/dev/null
sql_root urn "UPDATE ballot SET body = INSERT(body, LOCATE('\"proof\":[[', body) + 12, 1,
 CHAR(ASCII(SUBSTRING(body, LOCATE('\"proof\":[[', body) + 12, 1)) ^ 1)) WHERE $q" >/dev/null
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/bp.json" -c "$CONF" 2>&1)
keep "$out"
expect_match "a bit flipped in a packed proof: the board does not verify" "ne se vérifie pas : bulletin n° [12] \\(traceur [0-9a-f]{64}\\) : .*preuve invalide" "$out"
check "…no board" test ! -e "$K/bp.json"
sql_root urn "UPDATE ballot SET body = INSERT(UNHEX('$packed'), 2, 0, CHAR(3)) WHERE $q" >/dev/null
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/bp.json" -c "$CONF" 2>&1)
keep "$out"
expect_match "a byte that is no marker: the ballot is unreadable" 'urne altérée : un bulletin est illisible : bulletin enregistré : octet 0x03 inattendu à la position 1' "$out"
check "…no board" test ! -e "$K/bp.json"
sql_root urn "UPDATE ballot SET body = UNHEX('$packed') WHERE $q" >/dev/null
sql_root urn "UPDATE ballot SET points = UNHEX('$orig') WHERE $q" >/dev/null
"$C" tally --full -c "$CONF" --scrutin 1 >"$K/totals-r.json"
check "points restored: same totals" cmp -s "$K/totals.json" "$K/totals-r.json"
sql_root urn "UPDATE ballot SET points = CONCAT(SUBSTRING(points, 65, 64), SUBSTRING(points, 1, 64), SUBSTRING(points, 129)) WHERE $q" >/dev/null
"$C" tally -c "$CONF" --scrutin 1 >"$K/totals-p.json" 2>/dev/null
check "a point swapped after the partial sums were made: they keep it as cast" cmp -s "$K/totals.json" "$K/totals-p.json"
sql_root urn "UPDATE ballot SET points = UNHEX('$orig') WHERE $q" >/dev/null

# The public site (R-VOTE-5/6): nothing before the count, then the very
# bytes of the exported board, and a tracker lookup.
https_get -o "$K/got.json" -w '%{http_code}' "${URL%/}/tableau/1.json" >"$K/code"
expect_eq "no board on the site before publication" 404 "$(cat "$K/code")"
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/site.json" --publish -c "$CONF" 2>&1)
keep "$out"
expect_match "not published before the count" "ne se publie sur le site qu'après le dépouillement" "$out"
sql_root electors "UPDATE scrutin SET state = 'counted' WHERE id = 1" >/dev/null
# R-BUR-8: the results go public once the bureau has proclaimed them.
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m -c "$CONF" >/dev/null; done
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$K/codes"
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/site.json" --publish -c "$CONF" 2>&1)
keep "$out"
expect_match "not published before the proclamation" "le bureau n'a pas proclamé les résultats" "$out"
"$V" count "$K/public.json" "$K/totals.json" "$K/partial-1.json" "$K/partial-3.json" | head -n 1 >"$K/counts.json"
printf '1 code-du-membre-1\n2 mauvais-code-2\n3 code-du-membre-3\n' >"$K/bad-codes"
out=$("$C" results proclaim --scrutin 1 --counts "$K/counts.json" --codes "$K/bad-codes" -c "$CONF" 2>&1)
expect_match "proclamation with a wrong code refused" "code personnel est invalide" "$out"
out=$("$C" results proclaim --scrutin 1 --counts "$K/counts.json" --codes "$K/codes" -c "$CONF" 2>&1)
keep "$out"
expect_match "the bureau proclaims the results" "Résultats du scrutin n° 1 proclamés par le bureau" "$out"
expect_match "…with the seats" "Liste CGT : 2 siège" "$out"
expect_match "proclamation journaled with the result's digest" '^proclamation \{"autorisation":.*"empreinte_resultat":"[0-9a-f]{64}"' \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal WHERE action = 'proclamation'")"
out=$("$C" results proclaim --scrutin 1 --counts "$K/counts.json" --codes "$K/codes" -c "$CONF" 2>&1)
expect_match "proclaimed once only" "sont déjà proclamés" "$out"
# A publication cut short (kill -9 once its second chunk is committed:
# each chunk is its own transaction, docs/protocol.md §10.5): nothing is
# served, and the next publication takes up what was written.
if grep -q '^#define ISOLOIR_FAULT_INJECTION 1' "$ISOLOIR_BUILDDIR/config.h"; then
	out=$(ISOLOIR_FAULT=board-publish-chunk "$C" board export 1 --deals "$K" --partials "$K/partial-1.json" \
		"$K/partial-3.json" --out "$K/cut.json" --publish -c "$CONF" 2>&1; echo "rc=$?")
	expect_match "publication killed after its second chunk" 'rc=137$' "$out"
	expect_eq "…two chunks committed apart" 2 "$(sql_root urn "SELECT COUNT(*) FROM board_chunk WHERE scrutin_id = 1")"
	expect_eq "…no board row" 0 "$(sql_root urn "SELECT COUNT(*) FROM board WHERE scrutin_id = 1")"
	expect_eq "…nothing served: /tableau/1.json" 404 "$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/1.json")"
	expect_eq "…nor its page" 404 "$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/1.html")"
	expect_eq "…nor a tracker looked up" 404 "$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/1/$tracker1")"
	expect_eq "…nor listed" 0 "$(https_get "${URL%/}/tableau/" | grep -c 'tableau/1\.html')"
	# chunks left that another file would not begin with are not taken up
	# (stood for here by a chain changed as root, then put back)
	was=$(sql_root urn "SELECT HEX(chain) FROM board_chunk WHERE scrutin_id = 1 AND seq = 1")
	sql_root urn "UPDATE board_chunk SET chain = UNHEX(REPEAT('00', 32)) WHERE scrutin_id = 1 AND seq = 1" >/dev/null
	out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/other.json" --publish -c "$CONF" 2>&1)
	keep "$out"
	expect_match "chunks of another file are not taken up" 'une publication interrompue a laissé 2 morceau\(x\) d.un autre fichier' "$out"
	expect_eq "…nothing published" 0 "$(sql_root urn "SELECT COUNT(*) FROM board WHERE scrutin_id = 1")"
	sql_root urn "UPDATE board_chunk SET chain = UNHEX('$was') WHERE scrutin_id = 1 AND seq = 1" >/dev/null
fi
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/site.json" --publish -c "$CONF" 2>&1)
keep "$out"
printf '%s\n' "$out" | sed 's/^/# publish: /'
expect_match "published once counted and proclaimed" 'publié sur le site : /tableau/1.json' "$out"
check "two exports of the same count are identical" cmp -s "$B" "$K/site.json"
https_get -o "$K/got.json" -w '%{http_code}' "${URL%/}/tableau/1.json" >"$K/code"
expect_eq "GET /tableau/1.json" 200 "$(cat "$K/code")"
check "…serves the exported bytes" cmp -s "$K/site.json" "$K/got.json"
# The whole board is served by nginx from its cache after the first
# download (nginx/isoloir.conf.in): the second never reaches a worker.
sha=$(sha256sum "$K/got.json" | cut -c1-64)
https_get -D "$K/hdr2" -o "$K/got2.json" "${URL%/}/tableau/1.json?x=1"
check "a second download: the same bytes" cmp -s "$K/got.json" "$K/got2.json"
expect_match "…as JSON" '^[Cc]ontent-[Tt]ype: application/json; charset=utf-8' "$(tr -d '\r' <"$K/hdr2")"
expect_match "…tagged with the file's SHA-256" "^[Ee][Tt]ag: \"$sha\"\$" "$(tr -d '\r' <"$K/hdr2")"
expect_match "…its length" "^[Cc]ontent-[Ll]ength: $(wc -c <"$K/got.json")\$" "$(tr -d '\r' <"$K/hdr2")"
blog=$(grep '"GET /tableau/1.json" 200' "$STACK_DIR/nginx/logs/board.log")
printf '%s\n' "$blog" | sed 's/^/# board.log: /'
expect_match "the first 200 went to a worker and into the cache" 'cache=MISS upstream=unix:' "$(printf '%s\n' "$blog" | head -n 1)"
expect_match "the second came from the cache, no worker (query string ignored)" 'cache=HIT upstream=-$' "$(printf '%s\n' "$blog" | sed -n 2p)"
expect_eq "…a client holding it is told so" 304 \
	"$(https_get -o /dev/null -w '%{http_code}' -H "If-None-Match: \"$sha\"" "${URL%/}/tableau/1.json")"
expect_match "…which anyone verifies" '^OK' "$("$V" election "$K/got.json" 2>&1)"
expect_match "publication journaled with the file's SHA-256" "sha256=$(sha256sum "$K/got.json" | cut -c1-64) bulletins=2" \
	"$(sql_root urn "SELECT detail FROM journal WHERE action = 'tableau_publie' AND scrutin_id = 1")"
size=$(wc -c <"$K/got.json")
chunks=$(sql_root urn "SELECT COUNT(*) FROM board_chunk WHERE scrutin_id = 1")
expect_eq "stored in chunks of 4 kB at most: ceil($size / 4096)" $(((size + 4095) / 4096)) "$chunks"
expect_eq "…no chunk larger" 0 "$(sql_root urn "SELECT COUNT(*) FROM board_chunk WHERE LENGTH(body) > 4096")"
expect_eq "…whose bytes put end to end are the file" "$(sha256sum "$K/got.json" | cut -c1-64)" \
	"$(sql_root urn "SET SESSION group_concat_max_len = 1 << 26;
		SELECT SHA2(GROUP_CONCAT(body ORDER BY seq SEPARATOR ''), 256) FROM board_chunk WHERE scrutin_id = 1")"
expect_match "…journaled with their count and chained fingerprint" "morceaux=$chunks chaine=[0-9a-f]{64}" \
	"$(sql_root urn "SELECT detail FROM journal WHERE action = 'tableau_publie' AND scrutin_id = 1")"
jdetail=$(sql_root urn "SELECT detail FROM journal WHERE action = 'tableau_publie' AND scrutin_id = 1")
expect_eq "…which isoloir-verify recomputes from the file (chain FILE 4096)" \
	"$(printf '%s' "$jdetail" | sed 's/ bulletins=[0-9]*//')" "$("$V" chain "$K/got.json" 4096) octets_par_morceau=4096"
expect_eq "one index row per tracker" 2 "$(sql_root urn "SELECT COUNT(*) FROM board_tracker WHERE scrutin_id = 1")"
expect_match "the elector finds their tracker" '"present":true' "$(https_get "${URL%/}/tableau/1/$tracker1")"
# The same check from the public page, in Chromium (web/test/browser/verify.mjs).
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI
TRACKER=$tracker1 node "$ISOLOIR_SRCDIR/web/test/browser/verify.mjs" || T_FAILS=$((T_FAILS + 1))
# The same board as a French HTML page, without JavaScript (web/test/browser/board.mjs).
TRACKER=$tracker1 FP=$FP node "$ISOLOIR_SRCDIR/web/test/browser/board.mjs" || T_FAILS=$((T_FAILS + 1))
expect_match "the board page is HTML, noindex" 'noindex, nofollow' "$(https_get "${URL%/}/tableau/1.html")"
expect_eq "the board page of a scrutin not published: 404" 404 \
	"$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/2.html")"
expect_match "an unknown tracker is not there" '"present":false' \
	"$(https_get "${URL%/}/tableau/1/$(printf '%064d' 0)")"
expect_eq "another scrutin's board is not published" 404 \
	"$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/2.json")"
expect_eq "a malformed path" 404 "$(https_get -o /dev/null -w '%{http_code}' "${URL%/}/tableau/1/../x")"
out=$("$C" board export 1 --deals "$K" --partials "$K/partial-1.json" "$K/partial-3.json" --out "$K/again.json" --publish -c "$CONF" 2>&1)
keep "$out"
expect_match "published once only" 'déjà publié' "$out"
expect_match "the web account cannot change it" 'denied' "$(sql_as web urn "UPDATE board SET title = 'x'")"
expect_match "…nor its chunks" 'denied' "$(sql_as web urn "UPDATE board_chunk SET body = 'x'")"
expect_match "nor can the console" 'denied' "$(sql_as console urn "DELETE FROM board")"
expect_match "…its chunks" 'denied' "$(sql_as console urn "UPDATE board_chunk SET body = 'x'")"
expect_match "…or its tracker index" 'denied' "$(sql_as console urn "DELETE FROM board_tracker")"

# nginx revalidates its copy with If-None-Match: the worker answers 304
# from the board row alone (driven here on its socket, as nginx does).
if command -v cgi-fcgi >/dev/null 2>&1; then
	out=$(REQUEST_METHOD=GET DOCUMENT_URI=/tableau/1.json QUERY_STRING= HTTP_IF_NONE_MATCH="\"$sha\"" \
		cgi-fcgi -bind -connect "$STACK_DIR/fcgi/w1.sock" </dev/null 2>&1 | tr -d '\r')
	expect_match "the worker revalidates the cached copy: 304" '^Status: 304' "$out"
	expect_match "…with the tag" "^ETag: \"$sha\"\$" "$out"
	expect_eq "…and no body" 2 "$(printf '%s\n' "$out" | grep -c .)"
	out=$(REQUEST_METHOD=GET DOCUMENT_URI=/tableau/1.json QUERY_STRING= HTTP_IF_NONE_MATCH='"00"' \
		cgi-fcgi -bind -connect "$STACK_DIR/fcgi/w1.sock" </dev/null 2>&1 | head -c 200 | tr -d '\r')
	expect_match "…another tag: the board" '^Status: 200' "$out"
fi
# What follows reads the database behind the cache: emptied as an
# administrator would (docs/operations.md).
rm -rf "$STACK_DIR/nginx/tmp/board_cache/"*
# A chunk altered behind the platform's back (root on the database): one
# hex digit of the second ballot's first proof, wherever it falls.
off=$(node -e 'const t = require("fs").readFileSync(process.argv[1], "latin1");
	const b = t.indexOf("\"ballot\"", t.indexOf("\"ballot\"") + 1); const p = t.indexOf("\"proof\"", b);
	console.log(t.indexOf("\"", t.indexOf("\"", p + 8) + 1) - 1);' "$K/got.json")
seq=$((off / 4096)) pos=$((off % 4096 + 1))
check "the altered digit is past the first chunk" test "$seq" -ge 1
was=$(dd if="$K/got.json" bs=1 skip="$off" count=1 2>/dev/null)
new=$([ "$was" = 0 ] && echo 1 || echo 0)
sql_root urn "UPDATE board_chunk SET body = INSERT(body, $pos, 1, '$new') WHERE scrutin_id = 1 AND seq = $seq" >/dev/null
https_get -o "$K/tampered.json" "${URL%/}/tableau/1.json" 2>/dev/null; rc=$?
check "the site does not serve a chunk that is not its digest (transfer cut short)" test "$rc" -ne 0
check "…nor does it send the altered byte" sh -c "! cmp -s '$K/tampered.json' '$K/got.json' && [ \$(wc -c <'$K/tampered.json') -le $((seq * 4096)) ]"
# the insider recomputes the chunk's digest and the chain after it
sql_root urn "UPDATE board_chunk SET digest = UNHEX(SHA2(body, 256)) WHERE scrutin_id = 1 AND seq = $seq" >/dev/null
i=$seq
while [ "$i" -lt "$chunks" ]; do
	sql_root urn "UPDATE board_chunk c JOIN board_chunk p ON p.scrutin_id = c.scrutin_id AND p.seq = c.seq - 1
		SET c.chain = UNHEX(SHA2(CONCAT(p.chain, c.digest), 256)) WHERE c.scrutin_id = 1 AND c.seq = $i" >/dev/null
	i=$((i + 1))
done
https_get -o "$K/tampered.json" -w '%{http_code}' "${URL%/}/tableau/1.json" >"$K/code"
expect_eq "a whole forged chain is served" 200 "$(cat "$K/code")"
check "…with the byte changed" sh -c "! cmp -s '$K/tampered.json' '$K/got.json'"
journaled=$(sql_root urn "SELECT detail FROM journal WHERE action = 'tableau_publie' AND scrutin_id = 1" |
	sed -n 's/^sha256=\([0-9a-f]*\) .*/\1/p')
check "…whose SHA-256 is not the journaled one" test "$journaled" != "$(sha256sum "$K/tampered.json" | cut -c1-64)"
out=$("$V" election "$K/tampered.json" 2>&1); rc=$?
keep "$out"
printf '%s\n' "$out" | sed 's/^/# tampered chunk: /'
expect_match "isoloir-verify catches the altered chunk: that ballot, that proof" '^ÉCHEC : bulletin n° 2 \(traceur [0-9a-f]{64}\) : .*preuve invalide' "$out"
expect_eq "…exit 1" 1 "$rc"
tchain=$("$V" chain "$K/tampered.json" 4096 | sed -n 's/.*chaine=\([0-9a-f]\{64\}\)$/\1/p')
check "…and the chain recomputed from it is not the journaled one" \
	test -n "$tchain" -a "$tchain" != "$(printf '%s' "$jdetail" | sed 's/.*chaine=\([0-9a-f]*\).*/\1/')"
check "no sanitizer report from the tools" sh -c "! grep -Eq 'Sanitizer|runtime error' '$K/outputs'"
finish
