// seed-board.mjs: writes seed boards (docs/protocol.md §10, format 2) for
// tests/fuzz/fuzz-board.c with the browser's code (web/src/crypto): a
// 2-of-3 ceremony (or "president required": 1 of 2 and 2 of 3, §8.1), a
// few ballots of a small shape (small, so that the fuzzer runs many
// verifications a second), the totals, the partial decryptions and the
// counts, of the whole urn and, with sub-urns (R-ORG-5), of each. Not run by make; from the source
// tree, with the npm packages installed in web/:
//   node tests/fuzz/seed-board.mjs tests/fuzz/corpus/board BUILD/cli/isoloir-rules
// then check each with cli/isoloir-verify election FILE. With the rules
// tool, the 2+1 board also carries its result (the seats, §10.1).
import { webcrypto } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
const web = new URL('../../web/src/crypto/', import.meta.url);
const { encryptBallot, tracker, BLANK, NUL } = await import(new URL('ballot.js', web));
const { Point, pointDecode, pointDecodeFull, pointEncode } = await import(new URL('group.js', web));
const { assembleShare, deal, groupFingerprint, partialDecrypt, publicKey } = await import(new URL('trustee.js', web));

const [outdir, rulesTool] = process.argv.slice(2);
const election = 'b0a4d0c1e2f30415263748596a7b8c9dadbecfd0e1f2031425364758697a8b9c';

// A k-of-n ceremony for fingerprint fp: public key, deals, secret shares.
function ceremony(fp, threshold, holders) {
  const params = { election: fp, threshold, holders };
  const all = Array.from({ length: holders }, (_, i) => deal({ ...params, holder: i + 1 }));
  const deals = all.map((d) => d.deal);
  const keys = deals.map((_, i) => ({ ...params, holder: i + 1, share: assembleShare(params, i + 1, deals, all.map((d) => d.shares[i])) }));
  return { params, pub: publicKey(params, deals), deals, keys };
}
const plain = ceremony(election, 2, 3);
const pres = ceremony(groupFingerprint(election, 'president'), 1, 2);
const others = ceremony(groupFingerprint(election, 'autres'), 2, 3);
const transcript = (c) => ({
  threshold: c.params.threshold, holders: c.params.holders,
  deals: c.deals.map((d) => ({ holder: d.holder, commitments: d.commitments, pok: d.pok })),
  verification_keys: c.pub.verification_keys,
});

// The counting law's input (rules-schema.md) for the decrypted counts.
function rulesInput(shape, counts, ballots) {
  const L = shape.candidates.length;
  let pos = L + 1 + (shape.nul ? 1 : 0);
  const lists = shape.candidates.map((n, l) => ({
    name: `Liste ${l + 1}`,
    ballots: counts[l],
    candidates: Array.from({ length: n }, (_, j) => ({
      name: `Candidat ${l + 1}.${j + 1}`, sex: j % 2 ? 'H' : 'F', birthdate: `198${j}-0${l + 1}-15`, strikes: counts[l] - counts[pos++],
    })),
  }));
  return {
    colleges: [{
      name: 'Cadres',
      titulaires: { seats: 2, inscrits: ballots + 2, votants: ballots, blancs: counts[L], nuls: shape.nul ? counts[L + 1] : 0, lists },
    }],
  };
}

// tally, partials and counts of some ballots (sub: their sub-urn, or 0).
function urn(shape, entries, sub, groups) {
  const cts = (b) => [...b.choices, ...b.lists.flatMap((l) => l.candidates)];
  const L = shape.candidates.length;
  const npos = L + 1 + (shape.nul ? 1 : 0) + shape.candidates.reduce((a, b) => a + b, 0);
  const sums = Array.from({ length: npos }, () => ({ a: Point.ZERO, b: Point.ZERO }));
  const counts = new Array(npos).fill(0);
  let base = L + 1 + (shape.nul ? 1 : 0);
  const firsts = shape.candidates.map((n) => { const f = base; base += n; return f; });
  for (const { ballot, choice } of entries) {
    cts(ballot).forEach((ct, i) => {
      sums[i].a = sums[i].a.add(pointDecodeFull(ct.a));
      sums[i].b = sums[i].b.add(pointDecodeFull(ct.b));
    });
    counts[choice.list === BLANK ? L : choice.list === NUL ? L + 1 : choice.list]++;
    if (choice.list >= 0) choice.kept.forEach((k, j) => { if (k) counts[firsts[choice.list] + j]++; });
  }
  const enc = (p) => (p.equals(Point.ZERO) ? '00' : pointEncode(p));
  const totals = sums.map((x) => ({ a: enc(x.a), b: enc(x.b) }));
  const tot = { version: 1, election, scrutin: shape.scrutin, ballots: entries.length, totals, ...(sub ? { sub_urn: sub } : {}) };
  const who = groups ? [[pres.keys[0], 'president'], [others.keys[2], 'autres'], [others.keys[0], 'autres']]
    : [[plain.keys[2]], [plain.keys[0]]];
  const partials = who.map(([k, g]) => ({ holder: k.holder, ...(g ? { group: g } : {}), partials: partialDecrypt(k, tot, g).partials }));
  return { tally: { ballots: entries.length, totals }, partials, counts };
}

function board(name, shape, choices, opts = {}) {
  const y = opts.groups ? pointEncode(pointDecode(pres.pub.public_key).add(pointDecode(others.pub.public_key))) : plain.pub.public_key;
  const el = { fingerprint: election, y };
  const entries = choices.map((choice) => {
    const ballot = encryptBallot(shape, el, choice);
    return { tracker: tracker(ballot), ballot, choice };
  }).sort((a, b) => (a.tracker < b.tracker ? -1 : 1));
  const whole = urn(shape, entries, 0, opts.groups);
  const doc = {
    format: 'isoloir-tableau',
    version: 2,
    election: opts.groups ? {
      fingerprint: election, public_key: y,
      groups: [['president', pres], ['autres', others]].map(([g, c]) => ({
        group: g, fingerprint: c.params.election, public_key: c.pub.public_key, ...transcript(c),
      })),
    } : { fingerprint: election, public_key: y, ...transcript(plain) },
    scrutin: { id: shape.scrutin, title: 'Siège — Cadres — Titulaires', candidates: shape.candidates, nul: shape.nul, sub_urns: !!opts.subs },
    ballots: entries.map((e) => ({ tracker: e.tracker, ballot: e.ballot, ...(opts.subs ? { sub_urn: e.choice.sub } : {}) })),
    ...whole,
  };
  if (opts.subs) {
    doc.sub_urns = [1, 2].map((u) => ({ sub_urn: u, ...urn(shape, entries.filter((e) => e.choice.sub === u), u, opts.groups) }));
  }
  if (opts.result && rulesTool) {
    const input = rulesInput(shape, whole.counts, entries.length);
    const output = JSON.parse(execFileSync(rulesTool, ['--json', '-'], { input: JSON.stringify(input), encoding: 'utf8' }));
    doc.result = { input, output };
  }
  writeFileSync(join(outdir, name), `${JSON.stringify(doc)}\n`);
}

board('ok-2x1.json', { scrutin: 3, candidates: [2, 1], nul: false }, [
  { list: 0, kept: [true, false] }, { list: 1, kept: [true] }, { list: BLANK, kept: [] },
], { result: true });
board('ok-nul.json', { scrutin: 4, candidates: [1], nul: true }, [{ list: NUL, kept: [] }, { list: 0, kept: [true] }]);
board('ok-empty.json', { scrutin: 5, candidates: [1, 1], nul: false }, []);
board('ok-groups-subs.json', { scrutin: 6, candidates: [2, 1], nul: false }, [
  { list: 0, kept: [false, true], sub: 1 }, { list: 1, kept: [true], sub: 2 }, { list: BLANK, kept: [], sub: 2 },
], { groups: true, subs: true, result: true });
