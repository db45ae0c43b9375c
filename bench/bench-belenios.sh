#!/bin/sh
# bench-belenios.sh: one ballot's generation and verification with
# belenios-tool (Debian's Belenios 2.0) next to ours, on the closest
# ballot shapes, as a ratio per ballot. Not a test.
#
# Belenios has no list ballot: its homomorphic questions are "choose
# between min and max answers, or blank". Our L×n shape (choose one list
# or blank, keep names on that list only) becomes L+1 questions: one
# "list" question (L answers, min = max = 1, blank allowed), then one per
# list (n answers, min 0, max n) for its kept names. Belenios then proves
# about as many 0/1 ciphertexts as we do (L+1 + L·n against our L+1 +
# L·n), but not that names are kept on the chosen list only (our L·n
# "order" proofs and L "range" proofs have no counterpart). Belenios 2.0
# in Debian offers only 2048-bit finite-field groups (BELENIOS-2048), not
# an elliptic curve: the ratio compares whole systems, not curves.
#
# Generation: N runs of `belenios-tool election generate-ballot` (one
# process each: its start-up, about 5 ms, is included). Verification:
# (time of `election verify` with N ballots − time with none) / N, best
# of 3. Ours: bench/bench-crypto --shapes (C) and the browser's code in
# Node. Usage: bench-belenios.sh BUILDDIR SRCDIR NODE_MODULES [OUT.json]
set -eu
B=$1 S=$2 M=$3 OUT=${4:-}
N=${BELENIOS_BALLOTS:-10}
command -v belenios-tool >/dev/null || { echo "bench-belenios: belenios-tool absent (scripts/install-deps)"; exit 0; }
W=$(mktemp -d /tmp/isoloir-belenios.XXXXXX)
trap 'rm -rf "$W"' EXIT
export BELENIOS_USE_URANDOM=1
ms() { echo $(($(date +%s%N) / 1000000)); }

# belenios SHAPE LISTS CANDIDATES: prints "GEN_MS VERIFY_MS" per ballot
belenios() {
	d=$W/$1
	mkdir -p "$d"
	(
		cd "$d"
		uuid=$(belenios-tool setup generate-token)
		seq 1 "$N" | sed 's/.*/v&@exemple.fr,v&/' >voters.txt
		belenios-tool setup generate-credentials --uuid "$uuid" --group BELENIOS-2048 --file voters.txt >/dev/null 2>&1
		mv ./*.pubcreds public_creds.json
		mv ./*.privcreds private_creds.txt
		belenios-tool setup generate-trustee-key --group BELENIOS-2048 >/dev/null 2>&1
		cat ./*.pubkey >public_keys.jsons
		belenios-tool setup make-trustees >/dev/null 2>&1
		rm public_keys.jsons
		node -e 'const [L, C] = process.argv.slice(1).map(Number);
			const q = [{ answers: Array.from({ length: L }, (_, i) => `liste ${i + 1}`), blank: true, min: 1, max: 1, question: "Liste" }];
			for (let l = 0; l < L; l++) q.push({ answers: Array.from({ length: C }, (_, i) => `candidat ${i + 1}`), min: 0, max: C, question: `Liste ${l + 1}` });
			console.log(JSON.stringify({ description: "isoloir bench", name: "bench", questions: q }));' "$2" "$3" >questions.json
		belenios-tool setup make-election --uuid "$uuid" --group BELENIOS-2048 --template questions.json >/dev/null 2>&1
		belenios-tool archive init >/dev/null 2>&1
		# as in bench-crypto: the last list but one chosen, its 2nd name struck
		node -e 'const [L, C] = process.argv.slice(1).map(Number); const t = L - 2;
			const v = [[0, ...Array.from({ length: L }, (_, i) => (i === t ? 1 : 0))]];
			for (let l = 0; l < L; l++) v.push(Array.from({ length: C }, (_, j) => (l === t && j !== 1 ? 1 : 0)));
			console.log(JSON.stringify(v));' "$2" "$3" >vote.json
		best=
		for i in 1 2 3; do
			t0=$(ms); belenios-tool election verify >/dev/null 2>&1; t=$(($(ms) - t0))
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		empty=$best
		t0=$(ms)
		cut -d' ' -f2 private_creds.txt | while read -r cred; do
			echo "$cred" >cred
			belenios-tool election generate-ballot --privcred cred --ballot vote.json >>ballots 2>/dev/null
		done
		gen=$(($(ms) - t0))
		[ "$(wc -l <ballots)" = "$N" ] || { echo "bench-belenios: ballots missing" >&2; exit 1; }
		while read -r b; do printf '%s\n' "$b" | belenios-tool archive add-event --type=Ballot >/dev/null 2>&1; done <ballots
		best=
		for i in 1 2 3; do
			t0=$(ms); belenios-tool election verify >verify.out 2>&1; t=$(($(ms) - t0))
			[ -z "$best" ] || [ "$t" -lt "$best" ] && best=$t
		done
		grep -q 'all checks passed' verify.out || { echo "bench-belenios: verification failed" >&2; cat verify.out >&2; exit 1; }
		echo "$gen $best $empty $N" | awk '{ printf "%.1f %.1f\n", $1 / $4, ($2 - $3) / $4 }'
	)
}

# ours in Node: median of 5 encryptions (and verifications) per shape
cp -R "$S/web/src" "$W/src"
ln -s "$M" "$W/node_modules"
cat >"$W/node.mjs" <<'EOF'
import { webcrypto } from 'node:crypto';
if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
const { encryptBallot, verifyBallot } = await import('./src/crypto/ballot.js');
const { G, pointEncode, randomScalar } = await import('./src/crypto/group.js');
const election = { fingerprint: '07'.repeat(32), y: pointEncode(G.multiply(randomScalar())) };
const median = (a) => a.sort((x, y) => x - y)[a.length >> 1];
for (const [name, L, C] of [['4x3', 4, 3], ['8x7', 8, 7]]) {
  const shape = { scrutin: 1, candidates: Array(L).fill(C), nul: false };
  const choice = { list: L - 2, kept: Array.from({ length: C }, (_, j) => j !== 1) };
  const te = [];
  const tv = [];
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const b = encryptBallot(shape, election, choice);
    te.push(performance.now() - t0);
    t0 = performance.now();
    verifyBallot(shape, election, b);
    tv.push(performance.now() - t0);
  }
  console.log(name, median(te).toFixed(1), median(tv).toFixed(1));
}
EOF
node_out=$(node "$W/node.mjs")
c_out=$("$B/bench/bench-crypto" --shapes)
b43=$(belenios 4x3 4 3)
b87=$(belenios 8x7 8 7)

printf '%s\n%s\nbelenios 4x3 %s\nbelenios 8x7 %s\n' "$c_out" "$node_out" "$b43" "$b87" | DATE=$(date -u +%Y-%m-%d) OUT=$OUT N=$N node -e '
	const lines = require("fs").readFileSync(0, "utf8").trim().split("\n");
	const c = {}, js = {}, bel = {};
	for (const l of lines) {
		let m;
		if ((m = l.match(/^(\dx\d)\s+encrypt\s+([\d.]+) ms.*verify\s+([\d.]+) ms/))) c[m[1]] = { gen: +m[2], verify: +m[3] };
		else if ((m = l.match(/^(\dx\d) ([\d.]+) ([\d.]+)$/))) js[m[1]] = { gen: +m[2], verify: +m[3] };
		else if ((m = l.match(/^belenios (\dx\d) ([\d.]+) ([\d.]+)$/))) bel[m[1]] = { gen: +m[2], verify: +m[3] };
	}
	const r = (a, b) => (a / b).toFixed(1);
	console.log(`Belenios 2.0 (BELENIOS-2048, ${process.env.N} ballots) against isoloir (P-256), per ballot, ms:`);
	console.log("shape | Belenios gen | ours C gen | ours Node gen | Belenios verify | ours C verify | ours Node verify | ratio gen (Belenios/C, /Node) | ratio verify (Belenios/C, /Node)");
	const res = { bench: "belenios", date: process.env.DATE, belenios: "2.0 BELENIOS-2048", ballots: +process.env.N, shapes: {} };
	for (const s of ["4x3", "8x7"]) {
		console.log(`${s} | ${bel[s].gen} | ${c[s].gen} | ${js[s].gen} | ${bel[s].verify} | ${c[s].verify} | ${js[s].verify} | ${r(bel[s].gen, c[s].gen)}, ${r(bel[s].gen, js[s].gen)} | ${r(bel[s].verify, c[s].verify)}, ${r(bel[s].verify, js[s].verify)}`);
		res.shapes[s] = { belenios: bel[s], c: c[s], node: js[s] };
	}
	if (process.env.OUT) require("fs").writeFileSync(process.env.OUT, JSON.stringify(res, null, 1) + "\n");
'
