#!/bin/sh
# board-groups: the public bulletin board (docs/protocol.md §10) of a
# scrutin whose key requires the president (R-BUR-1, §8.1) and whose
# ballots are filed in sub-urns by statut (R-ORG-5), on a real platform:
# the board carries both groups' key transcripts, each ballot's sub-urn,
# the whole urn's and each sub-urn's totals, partial decryptions and
# counts; isoloir-verify rechecks it all, and each alteration fails with
# its reason (R-BUR-8, R-VOTE-6).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
CONF=$STACK_DIR/etc/console.conf
export ISOLOIR_CONSOLE_CONF="$CONF"
K=$STACK_DIR/ceremony
mkdir -p "$K/p" "$K/o"
keep() { printf '%s\n' "$1" >>"$K/outputs"; }

"$C" scrutin transition 1 lists_imported >/dev/null
F=$("$C" keys fingerprint 1)
FP=$("$T" group --election "$F" --group president)
FO=$("$T" group --election "$F" --group autres)
ceremony() { # ceremony DIR FINGERPRINT K N
	for x in $(seq 1 "$4"); do
		"$T" deal --election "$2" --holder "$x" --threshold "$3" --holders "$4" --dir "$1" >/dev/null
		echo "phrase secrète $1 $x" >"$1/pass-$x"
	done
	for y in $(seq 1 "$4"); do
		"$T" key --election "$2" --holder "$y" --dir "$1" --passphrase-file "$1/pass-$y" --out "$1/key-$y.json" >/dev/null
	done
	"$T" public --election "$2" --dir "$1" >"$1/public.json"
}
ceremony "$K/p" "$FP" 1 2
ceremony "$K/o" "$FO" 2 3
"$T" combine --election "$F" --president "$K/p/public.json" --others "$K/o/public.json" >"$K/public.json"
out=$("$C" keys install 1 "$K/public.json" 2>&1)
expect_match "keys installed, president required" "président requis" "$out"

# Sub-urns by statut; Zoé is salariée, Émile fonctionnaire.
sql_root electors "UPDATE scrutin_crypto SET sub_urns = TRUE WHERE scrutin_id = 1; UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes list 1, striking its 2nd name" '^200 ' "$(api_vote 1 0 101)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes list 2" '^200 ' "$(api_vote 1 1 111)"
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null

# Totals of the whole urn (u0) and of each sub-urn; the president (1),
# and assesseurs 1 and 3 decrypt each.
"$C" tally --scrutin 1 -c "$CONF" >"$K/t0.json"
for u in 1 2; do
	"$C" tally --scrutin 1 --sub-urn $u -c "$CONF" >"$K/t$u.json" 2>/dev/null
done
for u in 0 1 2; do
	"$T" decrypt --key "$K/p/key-1.json" --passphrase-file "$K/p/pass-1" --totals "$K/t$u.json" \
		--group president --out "$K/u$u-P1.json" | sed "s/^/# /"
	for y in 1 3; do
		"$T" decrypt --key "$K/o/key-$y.json" --passphrase-file "$K/o/pass-$y" --totals "$K/t$u.json" \
			--group autres --out "$K/u$u-O$y.json" | sed "s/^/# /"
	done
done
ALL=$(ls "$K"/u?-*.json)
out=$("$C" board export 1 --deals "$K/o" --partials $(ls "$K"/u?-O*.json) --out "$K/b.json" -c "$CONF" 2>&1); rc=$?
keep "$out"
expect_match "export without the president's group's deals refused" 'groupe « president » : distribution du détenteur 1 manquante|aucune distribution' "$out"
out=$("$C" board export 1 --deals "$K/p" --deals "$K/o" --partials $(ls "$K"/u?-O*.json) --out "$K/b.json" -c "$CONF" 2>&1); rc=$?
keep "$out"
expect_match "export without the president's partial decryptions refused" 'la part du président manque' "$out"
expect_eq "…exit 1" 1 "$rc"
check "…and no board written" test ! -e "$K/b.json"
out=$("$C" board export 1 --deals "$K/p" --deals "$K/o" --partials "$K/u0-P1.json" "$K/u0-O1.json" "$K/u0-O3.json" \
	--out "$K/b.json" -c "$CONF" 2>&1)
keep "$out"
expect_match "export without the sub-urns' decryptions refused" 'sous-urne 1 : aucun déchiffrement partiel' "$out"

B=$K/board.json
out=$("$C" board export 1 --deals "$K/p" --deals "$K/o" --partials $ALL --out "$B" -c "$CONF" 2>&1)
keep "$out"
expect_match "board exported and verified by the console" '\(2 bulletins\), vérifié' "$out"
expect_match "each ballot says its sub-urn" '"sub_urn": 1,' "$(cat "$B")"
check "no identity on the board" sh -c "! grep -Eq 'Dupré|Lefèvre|fonctionnaire|salari' '$B'"
out=$("$V" election "$B" 2>&1); rc=$?
keep "$out"
printf '%s\n' "$out" | sed 's/^/# /'
expect_eq "isoloir-verify election: exit 0" 0 "$rc"
expect_match "…combined by group" 'combinés : groupe president : 1 ; groupe autres : 1 3' "$out"
expect_match "…the whole urn's counts" 'comptes : \[1,1,0,0,0,1,0,1,1,1,1,0,0,0\]' "$out"
expect_match "…sub-urn 1 (salariés): her vote only" 'sous-urne 1 \(salariés\) : 1 bulletin\(s\), comptes : \[1,0,0,0,0,1,0,1,0,0,0,0,0,0\]' "$out"
expect_match "…sub-urn 2 (fonctionnaires): his vote only" 'sous-urne 2 \(fonctionnaires\) : 1 bulletin\(s\), comptes : \[0,1,0,0,0,0,0,0,1,1,1,0,0,0\]' "$out"
expect_match "…the seats" 'sièges recalculés : Liste CFDT 1, Liste CGT 2' "$out"

alter() {
	node -e 'const fs = require("fs"); const b = JSON.parse(fs.readFileSync(process.argv[1]));
		eval(process.argv[3]); fs.writeFileSync(process.argv[2], JSON.stringify(b, null, 1));' \
		"$B" "$K/$1.json" "$2"
	out=$("$V" election "$K/$1.json" 2>&1)
	rc=$?
	printf '%s\n' "$out" | sed "s/^/# $1: /"
	keep "$out"
}
alter swapsub 'const [x, y] = b.ballots; [x.sub_urn, y.sub_urn] = [y.sub_urn, x.sub_urn];'
expect_match "the two ballots' sub-urns swapped" '^ÉCHEC : sous-urne 1 : total [0-9]+ \(.*\) : différent de la somme des bulletins publiés' "$out"
expect_eq "…exit 1" 1 "$rc"
alter nosub 'delete b.ballots[0].sub_urn;'
expect_match "a ballot without its sub-urn" '^ÉCHEC : bulletin n° 1 \(traceur [0-9a-f]{64}\) : sous-urne manquante ou invalide' "$out"
alter sub3 'b.ballots[1].sub_urn = 3;'
expect_match "a ballot in sub-urn 3" 'bulletin n° 2 .* sous-urne manquante ou invalide' "$out"
alter nosubs 'delete b.sub_urns;'
expect_match "the sub-urns' section removed" '^ÉCHEC : sous-urnes : les deux sous-urnes' "$out"
alter notsub 'b.scrutin.sub_urns = false;'
expect_match "the scrutin said to have no sub-urns" 'sous-urne inattendue' "$out"
alter swappartials 'const [s1, s2] = b.sub_urns; [s1.partials, s2.partials] = [s2.partials, s1.partials];'
expect_match "sub-urn 2's decryptions passed off as sub-urn 1's" '^ÉCHEC : sous-urne 1 : déchiffrement partiel du détenteur [0-9] du groupe (president|autres), total [0-9]+ .* : preuve invalide' "$out"
alter wholeassub 'b.sub_urns[0].partials = b.partials;'
expect_match "the whole urn's decryptions passed off as a sub-urn's" '^ÉCHEC : sous-urne 1 : .*preuve invalide' "$out"
alter subcount 'b.sub_urns[1].counts[1] = 0;'
expect_match "a sub-urn count changed" '^ÉCHEC : sous-urne 2 : compte publié du total 1 \(liste 2\) : différent, déchiffré : 1' "$out"
alter nopres 'b.partials = b.partials.filter(p => p.group !== "president");'
expect_match "the president's partial removed" '^ÉCHEC : la part du président manque : 0 déchiffrement\(s\) partiel\(s\) publié\(s\) du président ou de son suppléant, 1 requis' "$out"
alter relabel 'b.partials.find(p => p.group === "autres").group = "president";'
expect_match "an assesseur's partial relabelled as the president's" '^ÉCHEC : déchiffrement partiel du détenteur 1 du groupe president, total [0-9]+ .* preuve invalide' "$out"
alter nogroup 'delete b.partials[0].group;'
expect_match "a partial without its group" '^ÉCHEC : déchiffrement partiel n° 1 : groupe manquant' "$out"
alter swapgroups 'b.election.groups.reverse();'
expect_match "groups in the wrong order" 'groupes « president » puis « autres » attendus' "$out"
alter groupfp 'const g = b.election.groups[1]; g.fingerprint = b.election.groups[0].fingerprint;'
expect_match "the others' group bound to the president's fingerprint" "le groupe « autres » n'est pas celui de cette élection" "$out"
alter presonly 'const g = b.election.groups; b.election.public_key = g[1].public_key;'
expect_match "an election key that is not the sum of the groups'" "n'est pas la somme des clés des deux groupes" "$out"
alter both 'b.election.threshold = 2;'
expect_match "groups and a single transcript at once" 'groupes et transcription unique à la fois' "$out"
alter pok 'const p = b.election.groups[0].deals[0].pok; p[1] = p[1].slice(0, -1) + (p[1].slice(-1) === "0" ? "1" : "0");'
expect_match "the president's proof of knowledge changed" 'groupe « president » : transcription des clés : preuve de connaissance du détenteur 1 invalide' "$out"
# R-ORG-5 on the site: once counted and proclaimed, the board is published
# and its page shows the sub-urns and each tracker's (web/test/browser/
# board-subs.mjs, in Chromium).
sql_root electors "UPDATE scrutin SET state = 'counted' WHERE id = 1;
INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m -c "$CONF" >/dev/null; done
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$K/codes"
node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1]));
	console.log(JSON.stringify({ scrutin: 1, ballots: b.tally.ballots, counts: b.counts }));' "$B" >"$K/counts.json"
out=$("$C" results proclaim --scrutin 1 --counts "$K/counts.json" --codes "$K/codes" -c "$CONF" 2>&1)
keep "$out"
expect_match "the bureau proclaims the results" "Résultats du scrutin n° 1 proclamés par le bureau" "$out"
out=$("$C" board export 1 --deals "$K/p" --deals "$K/o" --partials $ALL --out "$K/site.json" --publish -c "$CONF" 2>&1)
keep "$out"
expect_match "published on the site" 'publié sur le site : /tableau/1.json' "$out"
html=$(https_get "${URL%/}/tableau/1.html")
expect_match "the page shows sub-urn 1" 'Sous-urne 1 \(salariés\) : 1 bulletin\(s\)' "$html"
expect_match "…and sub-urn 2" 'Sous-urne 2 \(fonctionnaires\) : 1 bulletin\(s\)' "$html"
SUBS=$(node -e 'const b = JSON.parse(require("fs").readFileSync(process.argv[1]));
	console.log(b.ballots.map((x) => `${x.tracker}:${x.sub_urn}`).join(" "));' "$B")
expect_eq "the index has each tracker's sub-urn" "$SUBS" \
	"$(sql_root urn "SELECT CONCAT(LOWER(HEX(tracker)), ':', sub_urn) FROM board_tracker WHERE scrutin_id = 1 ORDER BY seq" | tr '\n' ' ' | sed 's/ $//')"
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI SUBS
node "$ISOLOIR_SRCDIR/web/test/browser/board-subs.mjs" || T_FAILS=$((T_FAILS + 1))
check "no sanitizer report from the tools" sh -c "! grep -Eq 'Sanitizer|runtime error' '$K/outputs'"
finish
