#!/bin/sh
# president-required: "president required" enforced by the cryptography
# (R-BUR-1, crypto.md, docs/protocol.md §8.1) on a real platform: the
# secret is s = s_P + s_O, s_P dealt 1 of 2 between the president and the
# secretary (named substitute), s_O 2 of 3 among the assesseurs; the
# election key is the sum; the console installs it only if it adds up and
# each group's ceremony was for this election. After two web votes: two
# others without the president cannot decrypt, nor the president with one
# other; the president (or the substitute) with two others give the exact
# counts; a group's key cannot stand for the other group. The president
# and one assesseur use the browser's code (web/src/crypto/trustee.js)
# instead of isoloir-trustee: the console installs the key all the same.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
K=$STACK_DIR/ceremony
mkdir -p "$K/p" "$K/o"

"$C" scrutin transition 1 lists_imported >/dev/null
F=$("$C" keys fingerprint 1)
FP=$("$T" group --election "$F" --group president)
FO=$("$T" group --election "$F" --group autres)
expect_match "each group has its own fingerprint" '^[0-9a-f]{64} [0-9a-f]{64}$' "$FP $FO"
check "…different from each other and from the election's" sh -c "[ '$FP' != '$FO' ] && [ '$FP' != '$F' ]"
# docs/protocol.md §8.1: F_g = SHA-256("isoloir-v1-group" 0x00 F g), by an independent tool
expect_eq "F_president as the protocol defines it" \
	"$({ printf 'isoloir-v1-group\000'; printf '%s' "$F" | unhex; printf 'president'; } | sha256sum | cut -d' ' -f1)" "$FP"

# The browser's key-holder code (web/src/crypto/trustee.js), with the C tool's arguments.
J() { node_web web/test/tools/trustee-cli.mjs "$@"; }
ceremony() { # ceremony DIR FINGERPRINT K N [JS_HOLDER]: JS_HOLDER uses the JavaScript
	for x in $(seq 1 "$4"); do
		tool=$T
		[ "$x" = "${5:-}" ] && tool=J
		$tool deal --election "$2" --holder "$x" --threshold "$3" --holders "$4" --dir "$1" >/dev/null
		echo "phrase secrète $1 $x" >"$1/pass-$x"
	done
	for y in $(seq 1 "$4"); do
		tool=$T
		[ "$y" = "${5:-}" ] && tool=J
		$tool key --election "$2" --holder "$y" --dir "$1" --passphrase-file "$1/pass-$y" --out "$1/key-$y.json" >/dev/null
	done
	"$T" public --election "$2" --dir "$1" >"$1/public.json"
}
# the president and assesseur 2 hold their parts with the browser's code
ceremony "$K/p" "$FP" 1 2 1
ceremony "$K/o" "$FO" 2 3 2
out=$("$T" combine --election "$F" --president "$K/o/public.json" --others "$K/p/public.json" 2>&1)
expect_match "groups swapped: refused" "pas la clé du groupe « president » de cette élection" "$out"
"$T" combine --election "$F" --president "$K/p/public.json" --others "$K/o/public.json" >"$K/public.json"
expect_eq "combined public key" 0 "$?"

# The console checks the sum and each group's fingerprint.
node -e 'const fs = require("fs"); const p = JSON.parse(fs.readFileSync(process.argv[1]));
	p.public_key = p.groups[1].public_key; fs.writeFileSync(process.argv[2], JSON.stringify(p));' \
	"$K/public.json" "$K/bad-sum.json"
out=$("$C" keys install 1 "$K/bad-sum.json" 2>&1)
expect_match "a key that is not the sum of the groups' refused" "la clé publique n'est pas la somme des clés des deux groupes" "$out"
# The president's group is the president and at most one substitute.
mkdir -p "$K/p3"
ceremony "$K/p3" "$FP" 1 3
"$T" combine --election "$F" --president "$K/p3/public.json" --others "$K/o/public.json" >"$K/p3.json"
out=$("$C" keys install 1 "$K/p3.json" 2>&1)
expect_match "a president's group of 3 holders refused" "le groupe du président compte le président et au plus un suppléant \(3 détenteurs\)" "$out"
# With the setting, a key without the president's group is refused.
mkdir -p "$K/plain"
ceremony "$K/plain" "$F" 2 3
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '\$.president_requis', TRUE)" >/dev/null
out=$("$C" keys install 1 "$K/plain/public.json" 2>&1)
expect_match "president_requis: a plain key refused" "l'opération exige le président \(réglage president_requis\)" "$out"
out=$("$C" keys install 1 "$K/public.json" 2>&1)
expect_match "keys installed, president required" "président requis \(1 sur 2 avec son suppléant\) et 2 sur 3 autres membres" "$out"
Y=$(sed -n 's/^ "public_key": "\([0-9a-f]*\)".*/\1/p' "$K/public.json")
expect_eq "the election key stored is the sum" "$Y" "$(sql_root electors "SELECT public_key FROM scrutin_crypto WHERE scrutin_id = 1")"

# Two votes through the web (encrypted to Y = Y_P + Y_O), then the count.
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes list 1, striking its 2nd name" '^200 ' "$(api_vote 1 0 101)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes list 2" '^200 ' "$(api_vote 1 1 111)"
sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
"$C" tally --scrutin 1 -c "$ISOLOIR_CONSOLE_CONF" >"$K/totals.json"
J decrypt --key "$K/p/key-1.json" --passphrase-file "$K/p/pass-1" --totals "$K/totals.json" \
	--group president --out "$K/P1.json" >/dev/null
"$T" decrypt --key "$K/p/key-2.json" --passphrase-file "$K/p/pass-2" --totals "$K/totals.json" \
	--group president --out "$K/P2.json" >/dev/null
for y in 1 2 3; do
	"$T" decrypt --key "$K/o/key-$y.json" --passphrase-file "$K/o/pass-$y" --totals "$K/totals.json" \
		--group autres --out "$K/O$y.json" >/dev/null
done
out=$("$T" decrypt --key "$K/p/key-1.json" --passphrase-file "$K/p/pass-1" --totals "$K/totals.json" \
	--group autres --out "$K/X.json" 2>&1)
expect_match "the president's key cannot decrypt as one of the others" "pas ceux de l'élection de cette clé pour ce groupe" "$out"

COUNTS='"counts":\[1,1,0,0,0,1,0,1,1,1,1,0,0,0\]'
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/O1.json" "$K/O3.json" 2>&1); rc=$?
expect_match "two others without the president: no decryption" "la part du président manque : 0 déchiffrement\(s\) partiel\(s\) valide\(s\) du président ou de son suppléant sur les 1 requis" "$out"
expect_eq "…exit 1" 1 "$rc"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/O1.json" "$K/O2.json" "$K/O3.json" 2>&1)
expect_match "…nor all three others" "la part du président manque" "$out"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/P1.json" "$K/O2.json" 2>&1); rc=$?
expect_match "the president with one other: no decryption" "1 déchiffrement\(s\) partiel\(s\) valide\(s\) des autres membres sur les 2 requis" "$out"
expect_eq "…exit 1" 1 "$rc"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/P1.json" "$K/O1.json" "$K/O3.json" 2>&1)
expect_match "the president and two others: the exact counts" "$COUNTS" "$out"
expect_match "…holders by group" '"holders":\{"president":\[1\],"autres":\[1,3\]\}' "$out"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/P2.json" "$K/O2.json" "$K/O3.json" 2>&1)
expect_match "the substitute and two others: the same counts" "$COUNTS" "$out"
# An assesseur's partial relabelled as the president's is set aside.
sed 's/"group": "autres"/"group": "president"/' "$K/O1.json" >"$K/forged.json"
check "the partial was relabelled" grep -q '"group": "president"' "$K/forged.json"
out=$("$V" count "$K/public.json" "$K/totals.json" "$K/forged.json" "$K/O2.json" "$K/O3.json" 2>&1)
expect_match "an assesseur posing as the president: set aside" "détenteur 1 du groupe president écarté" "$out"
expect_match "…so the president's part is missing" "la part du président manque" "$out"
finish
