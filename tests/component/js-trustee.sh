#!/bin/sh
# js-trustee: a key ceremony where the holders mix the browser's code
# (web/src/crypto/trustee.js, driven by node through
# web/test/tools/trustee-cli.mjs) and the C tool isoloir-trustee, through
# the same files (docs/protocol.md §8–§9, R-BUR-1, R-BUR-8): 3 holders,
# holder 2 in JavaScript; the C tools accept its deal, shares, key file and
# partial decryption, and the JavaScript accepts theirs; a 2-of-3
# decryption with the JavaScript partial gives the exact counts, one
# partial alone does not, forged files are refused on both sides. Then the
# same with "president required" (§8.1): the president in JavaScript. Last,
# whole bulletin boards made by the JavaScript alone (ceremony, ballots,
# partial decryptions, with groups and sub-urns: tests/fuzz/seed-board.mjs)
# pass isoloir-verify.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
W=$(mktemp -d /tmp/isoloir-jstrustee.XXXXXX)
trap 'rm -rf "$W"' EXIT
cp -R "$ISOLOIR_SRCDIR/web/src" "$ISOLOIR_SRCDIR/web/test" "$ISOLOIR_SRCDIR/web/package.json" "$W/"
ln -s "$ISOLOIR_NODE_MODULES" "$W/node_modules"
J() { node "$W/test/tools/trustee-cli.mjs" "$@"; }
F=5f1c0e3a9b7d24c68e0a1f3b5d7c9e2a4b6d8f0a1c3e5b7d9f2a4c6e8b0d1f35
K=$W/k
mkdir -p "$K"

# ceremony DIR FINGERPRINT K N JS_HOLDERS: holders listed use the JavaScript
ceremony() {
	for x in $(seq 1 "$4"); do
		case " $5 " in *" $x "*) tool=J ;; *) tool=$T ;; esac
		$tool deal --election "$2" --holder "$x" --threshold "$3" --holders "$4" --dir "$1" >/dev/null
		echo "phrase secrète du membre $x ($1)" >"$1/pass-$x"
	done
	for y in $(seq 1 "$4"); do
		case " $5 " in *" $y "*) tool=J ;; *) tool=$T ;; esac
		$tool key --election "$2" --holder "$y" --dir "$1" --passphrase-file "$1/pass-$y" --out "$1/key-$y.json" >/dev/null
	done
	"$T" public --election "$2" --dir "$1" >"$1/public.json"
}

# totals PUBLIC OUT COUNTS [SUB_URN]: each count encrypted to the public
# key (§4), as the tally of that many ballots would be.
totals() {
	node --input-type=module -e '
		import { readFileSync, writeFileSync } from "node:fs";
		import { webcrypto } from "node:crypto";
		if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
		const { G, pointDecode, pointEncode, randomScalar } = await import(process.argv[1]);
		const pub = JSON.parse(readFileSync(process.argv[2], "utf8"));
		const y = pointDecode(pub.public_key);
		const counts = JSON.parse(process.argv[4]);
		const totals = counts.map((m) => {
			const r = randomScalar();
			const b = y.multiply(r);
			return { a: pointEncode(G.multiply(r)), b: pointEncode(m === 0 ? b : b.add(G.multiply(BigInt(m)))) };
		});
		const sub = process.argv[5] ? { sub_urn: Number(process.argv[5]) } : {};
		writeFileSync(process.argv[3], JSON.stringify({ version: 1, election: pub.election, scrutin: 7,
			...sub, ballots: Math.max(...counts), totals }));
	' "$W/src/crypto/group.js" "$1" "$2" "$3" "${4:-}"
}

ceremony "$K" "$F" 2 3 2
check "the JavaScript holder's deal is public, its shares private (0600)" \
	test "$(stat -c %a "$K/deal-2.json") $(stat -c %a "$K/share-2-for-1.json")" = "644 600"
check "every key file sealed, no share in clear" sh -c "! grep -q '\"share\"' '$K/key-1.json' '$K/key-2.json' '$K/key-3.json'"
expect_match "C computes the election key with the JavaScript deal" '"public_key": "0[23][0-9a-f]{64}"' "$(cat "$K/public.json")"

# A tampered share is refused by the other side, both ways.
cp "$K/share-2-for-1.json" "$K/good"
node -e 'const fs = require("fs"); const r = (f) => JSON.parse(fs.readFileSync(f));
	const s = r(process.argv[1]); s.share = r(process.argv[2]).share; fs.writeFileSync(process.argv[1], JSON.stringify(s));' \
	"$K/share-2-for-1.json" "$K/share-3-for-1.json"
check "the JavaScript share was replaced" sh -c "! cmp -s '$K/good' '$K/share-2-for-1.json'"
out=$("$T" key --election $F --holder 1 --dir "$K" --passphrase-file "$K/pass-1" --out "$K/x.json" 2>&1)
expect_match "C refuses a forged share from the JavaScript holder" 'détenteur 2 est absente ou fausse' "$out"
cp "$K/good" "$K/share-2-for-1.json"
cp "$K/share-1-for-2.json" "$K/good"
sed -i 's/"to": 2/"to": 3/' "$K/share-1-for-2.json"
out=$(J key --election $F --holder 2 --dir "$K" --passphrase-file "$K/pass-2" --out "$K/x.json" 2>&1)
expect_match "the JavaScript refuses a share not meant for it" 'détenteur 1 est absente ou fausse' "$out"
cp "$K/good" "$K/share-1-for-2.json"
node -e 'const fs = require("fs"); const d = JSON.parse(fs.readFileSync(process.argv[1]));
	d.pok[1] = d.pok[0]; fs.writeFileSync(process.argv[2], JSON.stringify(d));' "$K/deal-3.json" "$K/deal3-bad"
mkdir -p "$K/bad" && cp "$K"/deal-*.json "$K"/share-*-for-2.json "$K/bad/" && cp "$K/deal3-bad" "$K/bad/deal-3.json"
out=$(J key --election $F --holder 2 --dir "$K/bad" --passphrase-file "$K/pass-2" --out "$K/x.json" 2>&1)
expect_match "the JavaScript refuses a C deal whose proof of knowledge is forged" 'détenteur 3 absente, incohérente ou non prouvée' "$out"

COUNTS='[4,0,2,7,1,0,3]'
COUNTS_RE='\[4,0,2,7,1,0,3\]'
totals "$K/public.json" "$K/totals.json" "$COUNTS"
"$T" decrypt --key "$K/key-1.json" --passphrase-file "$K/pass-1" --totals "$K/totals.json" --out "$K/p1.json" >/dev/null
J decrypt --key "$K/key-2.json" --passphrase-file "$K/pass-2" --totals "$K/totals.json" --out "$K/p2.json" >/dev/null
"$T" decrypt --key "$K/key-3.json" --passphrase-file "$K/pass-3" --totals "$K/totals.json" --out "$K/p3.json" >/dev/null
expect_match "the JavaScript and a C holder decrypt the exact counts" "\"counts\":$COUNTS_RE" \
	"$("$V" count "$K/public.json" "$K/totals.json" "$K/p2.json" "$K/p3.json" 2>&1)"
expect_match "…and holders 1 and 2" '"holders":\[1,2\]' \
	"$("$V" count "$K/public.json" "$K/totals.json" "$K/p1.json" "$K/p2.json" 2>&1)"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/p2.json" 2>&1); rc=$?
expect_eq "the JavaScript partial alone decrypts nothing" 1 "$rc"
expect_match "the JavaScript verifies a C partial decryption" 'OK détenteur 3' \
	"$(J verify --public "$K/public.json" --totals "$K/totals.json" --partial "$K/p3.json" 2>&1)"
expect_match "…and its own" 'OK détenteur 2' \
	"$(J verify --public "$K/public.json" --totals "$K/totals.json" --partial "$K/p2.json" 2>&1)"
# C opens the JavaScript key file: same partial statement, C-made proof
"$T" decrypt --key "$K/key-2.json" --passphrase-file "$K/pass-2" --totals "$K/totals.json" --out "$K/p2c.json" >/dev/null
expect_eq "C opens the key file sealed by the JavaScript" 0 "$?"
expect_eq "…same partial decryptions d" "$(grep '"d"' "$K/p2.json")" "$(grep '"d"' "$K/p2c.json")"
expect_match "the JavaScript opens a C key file and decrypts" 'OK détenteur 1' \
	"$(J decrypt --key "$K/key-1.json" --passphrase-file "$K/pass-1" --totals "$K/totals.json" --out "$K/p1j.json" >/dev/null &&
		J verify --public "$K/public.json" --totals "$K/totals.json" --partial "$K/p1j.json" 2>&1)"

# Forged partials and wrong passphrases.
node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync(process.argv[1]));
	[p.partials[3].d, p.partials[4].d] = [p.partials[4].d, p.partials[3].d];
	fs.writeFileSync(process.argv[2], JSON.stringify(p));' "$K/p2.json" "$K/p2-bad.json"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/p2-bad.json" "$K/p3.json" 2>&1); rc=$?
expect_match "C sets aside a forged JavaScript partial" 'détenteur 2 écarté : total 3 : preuve de déchiffrement invalide' "$out"
expect_eq "…so nothing is decrypted" 1 "$rc"
sed 's/"holder": 3/"holder": 1/' "$K/p3.json" >"$K/p3-as-1.json"
out=$(J verify --public "$K/public.json" --totals "$K/totals.json" --partial "$K/p3-as-1.json" 2>&1)
expect_match "the JavaScript refuses a C partial passed off as another holder's" 'total 0 : preuve de déchiffrement invalide' "$out"
echo "pas la bonne phrase" >"$K/wrong"
out=$(J decrypt --key "$K/key-3.json" --passphrase-file "$K/wrong" --totals "$K/totals.json" --out "$K/x.json" 2>&1)
expect_match "wrong passphrase on a C key file (JavaScript)" 'phrase secrète incorrecte ou fichier de clé altéré' "$out"
out=$("$T" decrypt --key "$K/key-2.json" --passphrase-file "$K/wrong" --totals "$K/totals.json" --out "$K/x.json" 2>&1)
expect_match "wrong passphrase on a JavaScript key file (C)" 'phrase secrète incorrecte ou fichier de clé altéré' "$out"
head -c 200 "$K/key-2.json" >"$K/trunc.json"
out=$(J decrypt --key "$K/trunc.json" --passphrase-file "$K/pass-2" --totals "$K/totals.json" --out "$K/x.json" 2>&1); rc=$?
expect_eq "a truncated key file is refused (JavaScript)" 1 "$rc"
out=$("$T" decrypt --key "$K/trunc.json" --passphrase-file "$K/pass-2" --totals "$K/totals.json" --out "$K/x.json" 2>&1); rc=$?
expect_eq "…and by C" 1 "$rc"

printf '%0600d\n' 0 >"$K/long"
out=$("$T" decrypt --key "$K/key-1.json" --passphrase-file "$K/long" --totals "$K/totals.json" --out "$K/x.json" 2>&1)
expect_match "a passphrase longer than a key file takes: refused by C" 'phrase secrète trop longue' "$out"
out=$(J key --election $F --holder 2 --dir "$K" --passphrase-file "$K/long" --out "$K/x.json" 2>&1)
expect_match "…and by the JavaScript" 'phrase secrète trop longue' "$out"

# A sub-urn (R-ORG-5, §9): its own context, JavaScript and C agree.
totals "$K/public.json" "$K/totals-2.json" '[1,0,1]' 2
J decrypt --key "$K/key-2.json" --passphrase-file "$K/pass-2" --totals "$K/totals-2.json" --out "$K/s2.json" >/dev/null
"$T" decrypt --key "$K/key-3.json" --passphrase-file "$K/pass-3" --totals "$K/totals-2.json" --out "$K/s3.json" >/dev/null
expect_match "a sub-urn decrypted by the JavaScript and C" '"counts":\[1,0,1\]' \
	"$("$V" count "$K/public.json" "$K/totals-2.json" "$K/s2.json" "$K/s3.json" 2>&1)"
keys() { node -e 'console.log(Object.keys(JSON.parse(require("fs").readFileSync(process.argv[1]))).sort().join(" "))' "$1"; }
expect_eq "the JavaScript's partial file of a sub-urn has the C one's keys" "$(keys "$K/s3.json")" "$(keys "$K/s2.json")"
expect_match "…its sub-urn among them" 'sub_urn' "$(keys "$K/s2.json")"
expect_match "the JavaScript verifies the C partial of the sub-urn" 'OK détenteur 3' \
	"$(J verify --public "$K/public.json" --totals "$K/totals-2.json" --partial "$K/s3.json" 2>&1)"
node -e 'const fs = require("fs"); const t = JSON.parse(fs.readFileSync(process.argv[1]));
	delete t.sub_urn; fs.writeFileSync(process.argv[2], JSON.stringify(t));' "$K/totals-2.json" "$K/totals-2-whole.json"
out=$(J verify --public "$K/public.json" --totals "$K/totals-2-whole.json" --partial "$K/s3.json" 2>&1)
expect_match "…which does not pass for the same totals as a whole urn's" 'total 0 : preuve de déchiffrement invalide' "$out"

# President required (§8.1): the president deals and decrypts in JavaScript,
# so does assesseur 3 among the others.
FP=$("$T" group --election $F --group president)
FO=$("$T" group --election $F --group autres)
mkdir -p "$K/p" "$K/o"
ceremony "$K/p" "$FP" 1 2 1
ceremony "$K/o" "$FO" 2 3 3
"$T" combine --election $F --president "$K/p/public.json" --others "$K/o/public.json" >"$K/pub-g.json"
expect_eq "C combines the groups' keys" 0 "$?"
totals "$K/pub-g.json" "$K/totals-g.json" "$COUNTS"
J decrypt --key "$K/p/key-1.json" --passphrase-file "$K/p/pass-1" --totals "$K/totals-g.json" --group president --out "$K/P1.json" >/dev/null
"$T" decrypt --key "$K/o/key-1.json" --passphrase-file "$K/o/pass-1" --totals "$K/totals-g.json" --group autres --out "$K/O1.json" >/dev/null
J decrypt --key "$K/o/key-3.json" --passphrase-file "$K/o/pass-3" --totals "$K/totals-g.json" --group autres --out "$K/O3.json" >/dev/null
out=$(J decrypt --key "$K/p/key-1.json" --passphrase-file "$K/p/pass-1" --totals "$K/totals-g.json" --group autres --out "$K/x.json" 2>&1)
expect_match "the president's key cannot decrypt as one of the others (JavaScript)" "pas ceux de l'élection de cette clé pour ce groupe" "$out"
expect_match "the JavaScript president and two others: the exact counts" "\"counts\":$COUNTS_RE" \
	"$("$V" count "$K/pub-g.json" "$K/totals-g.json" "$K/P1.json" "$K/O1.json" "$K/O3.json" 2>&1)"
out=$("$V" count "$K/pub-g.json" "$K/totals-g.json" "$K/O1.json" "$K/O3.json" 2>&1)
expect_match "two others without the president: nothing" 'la part du président manque' "$out"
expect_match "the JavaScript verifies a C partial of the others' group" 'OK détenteur 1' \
	"$(J verify --public "$K/pub-g.json" --totals "$K/totals-g.json" --partial "$K/O1.json" 2>&1)"

# Boards made by the JavaScript from end to end (§10), checked by C.
mkdir -p "$W/b/tests/fuzz" "$W/b/web" "$K/boards"
cp "$ISOLOIR_SRCDIR/tests/fuzz/seed-board.mjs" "$W/b/tests/fuzz/"
ln -s "$W/src" "$W/b/web/src"
node "$W/b/tests/fuzz/seed-board.mjs" "$K/boards" "$ISOLOIR_BUILDDIR/cli/isoloir-rules"
for b in ok-2x1 ok-nul ok-empty ok-groups-subs; do
	out=$("$V" election "$K/boards/$b.json" 2>&1)
	expect_match "a board made in JavaScript verifies in C: $b" '^OK' "$out"
done
expect_match "…with the seats recomputed" 'sièges recalculés : Liste 1 1, Liste 2 1' "$("$V" election "$K/boards/ok-2x1.json")"
node -e 'const fs = require("fs"); const b = JSON.parse(fs.readFileSync(process.argv[1]));
	b.partials[0].partials[1].proof = b.partials[1].partials[1].proof; fs.writeFileSync(process.argv[1], JSON.stringify(b));' "$K/boards/ok-nul.json"
out=$("$V" election "$K/boards/ok-nul.json" 2>&1)
expect_match "…and a JavaScript partial with another's proof fails" 'ÉCHEC : déchiffrement partiel du détenteur 3, total 1 .*preuve invalide' "$out"
finish
