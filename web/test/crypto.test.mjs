// crypto.test.mjs: the JavaScript crypto against the shared vectors of
// tests/vectors (made by the C code with the same deterministic generator):
// identical ballots byte for byte, identical trackers, verification both
// ways, and refusal of altered ballots. Run by tests/component/js-crypto.sh.
import './node-crypto.mjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { canonical, encryptBallot, tracker, verifyBallot } from '../src/crypto/ballot.js';
import { G, Point, hex, pointEncode, randomScalar, unhex } from '../src/crypto/group.js';
import { expandXmd } from '../src/crypto/h2s.js';
import { drbg } from './drbg.mjs';

const vdir = process.env.ISOLOIR_VECTORS;
const vectors = readdirSync(vdir).filter((f) => /^ballot-.*\.json$/.test(f))
  .map((f) => [f, JSON.parse(readFileSync(join(vdir, f), 'utf8'))]);

const shapeOf = (v) => v.shape;
const choiceOf = (v) => ({ list: v.choice.list, kept: [...v.choice.kept].map((c) => c === '1') });

test('RFC 9380 K.1 expand_message_xmd vectors', () => {
  const dst = 'QUUX-V01-CS02-with-expander-SHA256-128';
  assert.equal(hex(expandXmd(new Uint8Array(0), dst, 32)), '68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235');
  assert.equal(hex(expandXmd(new TextEncoder().encode('abc'), dst, 32)), 'd8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615');
});

assert.ok(vectors.length >= 3, 'vectors missing');
for (const [name, v] of vectors) {
  test(`${name}: JavaScript makes the same ballot as C, byte for byte`, () => {
    const rand = drbg(v.seed);
    const secret = randomScalar(rand);
    assert.equal(pointEncode(G.multiply(secret)), v.election.y);
    assert.equal(hex(rand(32)), v.election.fingerprint);
    const b = encryptBallot(shapeOf(v), v.election, choiceOf(v), rand);
    assert.equal(canonical(b), canonical(v.ballot));
    assert.equal(tracker(b), v.tracker);
  });

  test(`${name}: the C ballot verifies in JavaScript`, () => {
    verifyBallot(shapeOf(v), v.election, v.ballot);
  });

  test(`${name}: any altered digit is refused`, () => {
    const text = JSON.stringify(v.ballot);
    for (const at of [40, Math.floor(text.length / 2), text.length - 80]) {
      let i = at;
      while (!/[0-9a-f]/.test(text[i])) i++;
      const altered = text.slice(0, i) + (text[i] === '0' ? '1' : '0') + text.slice(i + 1);
      assert.throws(() => verifyBallot(shapeOf(v), v.election, JSON.parse(altered)));
    }
  });

  test(`${name}: replay into another scrutin is refused`, () => {
    assert.throws(() => verifyBallot({ ...shapeOf(v), scrutin: v.shape.scrutin + 1 }, v.election, v.ballot),
      /autre scrutin/);
  });
}

test('an all-struck list must be sent as blank', () => {
  const v = vectors[0][1];
  assert.throws(() => encryptBallot(shapeOf(v), v.election, { list: 0, kept: [false, false, false] }), /vote blanc/);
});

test('a ballot made in JavaScript verifies in C (isoloir-verify ballot)', () => {
  const v = vectors.find(([n]) => n === 'ballot-4x3.json')[1];
  const b = encryptBallot(v.shape, v.election, { list: 3, kept: [false, true, true] });
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'ballot.json');
  writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: b }));
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const out = execFileSync(cli, ['ballot', file], { encoding: 'utf8' });
  assert.equal(out.trim(), `OK ${tracker(b)}`);
  const bad = structuredClone(b);
  bad.choices[0].proof[0][0] = bad.choices[0].proof[1][0];
  writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: bad }));
  assert.throws(() => execFileSync(cli, ['ballot', file], { encoding: 'utf8', stdio: 'pipe' }), /choice=0/);
});

// The responses s_i are not hashed (the commitments are): a changed one is
// caught only by the equations, which C checks in one batch per ballot.
test('a changed response is refused in JavaScript and in C (the batch), with its proof named', () => {
  const v = vectors.find(([n]) => n === 'ballot-8x7.json')[1];
  const bad = structuredClone(v.ballot);
  const br = bad.lists[4].order[2][1];
  br[1] = br[1].slice(0, 20) + (br[1][20] === 'a' ? 'b' : 'a') + br[1].slice(21);
  assert.throws(() => verifyBallot(shapeOf(v), v.election, bad), /engagements incorrects/);
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'ballot.json');
  writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: bad }));
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  assert.throws(() => execFileSync(cli, ['ballot', file], { encoding: 'utf8', stdio: 'pipe' }),
    /order=4\.2.*engagements incorrects/s);
  writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: v.ballot }));
  assert.equal(execFileSync(cli, ['ballot', file], { encoding: 'utf8' }).trim(), `OK ${v.tracker}`);
});

// Version 3 sends each commitment as 04 ‖ x ‖ y and hashes 02/03 ‖ x: the
// verifiers must refuse what hashes the same but is not the point (y
// changed with its parity kept: off the curve), −A (the other y), the
// compressed form itself, and any other prefix or length.
test('commitments: uncompressed and strict, in JavaScript and in C', () => {
  const v = vectors.find(([n]) => n === 'ballot-4x3.json')[1];
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'ballot.json');
  const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
  const withY = (full, f) => `${full.slice(0, 66)}${f(BigInt(`0x${full.slice(66)}`)).toString(16).padStart(64, '0')}`;
  const cases = [
    ['y ± 2 (same hash, off the curve)', (c) => withY(c, (y) => (y > 1n ? y - 2n : y + 2n)), /hors de la courbe/],
    ['p + 1 or p + 2 (same parity, not reduced)', (c) => withY(c, (y) => p + 1n + (y & 1n)), /hors de la courbe/],
    ['−A', (c) => withY(c, (y) => p - y), /défi incorrect/],
    ['compressed', (c) => `0${2 + Number(BigInt(`0x${c.slice(66)}`) & 1n)}${c.slice(2, 66)}`, /mal encodé/],
    ['uppercase', (c) => c.toUpperCase(), /mal encodé/],
    ['a byte short', (c) => c.slice(0, 128), /mal encodé/],
  ];
  for (const [what, change, cmsg] of cases) {
    const bad = structuredClone(v.ballot);
    const br = bad.lists[2].order[1][0];
    assert.equal(br[2].length, 130, what);
    br[2] = change(br[2]);
    assert.throws(() => verifyBallot(shapeOf(v), v.election, bad), /engagements incorrects|hexadécimal/, what);
    writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: bad }));
    assert.throws(() => execFileSync(cli, ['ballot', file], { encoding: 'utf8', stdio: 'pipe' }),
      (e) => /order=2\.1/.test(e.stderr) && cmsg.test(e.stderr), what);
  }
});

// A board of an election held with version 2 still verifies; a board whose
// ballots mix versions 2 and 3 does not (one version per election, §10.2).
test('boards: version 2 verifies, mixed versions are refused', () => {
  const src = process.env.ISOLOIR_SRCDIR;
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const old = join(src, 'tests', 'fuzz', 'corpus', 'board', 'ok-2x1-v2.json');
  assert.match(execFileSync(cli, ['election', old], { encoding: 'utf8' }), /^OK/);
  const board = JSON.parse(readFileSync(old, 'utf8'));
  const first = board.ballots[0];
  assert.equal(first.ballot.version, 2);
  const full = (c) => hex(Point.fromHex(c).toRawBytes(false));
  const up = (proof) => proof.map((br) => [br[0], br[1], full(br[2]), full(br[3])]);
  const b = first.ballot;
  b.version = 3;
  b.choices.forEach((c) => { c.proof = up(c.proof); });
  b.sum = up(b.sum);
  b.lists.forEach((l) => {
    l.candidates.forEach((c) => { c.proof = up(c.proof); });
    l.order = l.order.map(up);
    l.range = up(l.range);
  });
  first.tracker = tracker(b);
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'board.json');
  writeFileSync(file, JSON.stringify(board));
  assert.throws(() => execFileSync(cli, ['election', file], { encoding: 'utf8', stdio: 'pipe' }),
    (e) => /bulletin n° 2 .*version de bulletin inconnue/.test(e.stdout + e.stderr));
});

// Version 4 is version 3 without each candidate's own proof (§6: "order"
// and "range" imply it): a board of version 3 still verifies; with its
// candidates' proofs dropped, each ballot is a valid version 4 ballot (new
// tracker, same totals), so the whole board verifies in version 4, and a
// board mixing the two versions is refused.
test('boards: version 3 verifies, as version 4 without candidate proofs too, mixed refused', () => {
  const src = process.env.ISOLOIR_SRCDIR;
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const old = join(src, 'tests', 'fuzz', 'corpus', 'board', 'ok-2x1-v3.json');
  assert.match(execFileSync(cli, ['election', old], { encoding: 'utf8' }), /^OK/);
  const board = JSON.parse(readFileSync(old, 'utf8'));
  assert.ok(board.ballots.length >= 2);
  const to4 = (entry) => {
    const b = entry.ballot;
    assert.equal(b.version, 3);
    b.version = 4;
    b.lists.forEach((l) => l.candidates.forEach((c) => { delete c.proof; }));
    entry.tracker = tracker(b);
  };
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'board.json');
  const mixed = structuredClone(board);
  to4(mixed.ballots[1]);
  mixed.ballots.sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
  writeFileSync(file, JSON.stringify(mixed));
  assert.throws(() => execFileSync(cli, ['election', file], { encoding: 'utf8', stdio: 'pipe' }),
    (e) => /version de bulletin inconnue/.test(e.stdout + e.stderr));
  board.ballots.forEach(to4);
  board.ballots.sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
  writeFileSync(file, JSON.stringify(board));
  assert.match(execFileSync(cli, ['election', file], { encoding: 'utf8' }), /^OK/);
});

// Version 5 sends each ciphertext point as 04 ‖ x ‖ y and hashes 02/03 ‖ x
// (§2, §6): what hashes the same but is not the point (y ± 2: off the
// curve), a coordinate ≥ p, −A (the other y: other statements), the
// compressed form itself, another prefix, (0, 0), uppercase, another length
// are refused in JavaScript and in C, for a choice (with its proof) and for
// a candidate (no proof of its own: its order and range proofs use it).
test('ciphertexts: uncompressed and strict, in JavaScript and in C', () => {
  const v = vectors.find(([n]) => n === 'ballot-4x3.json')[1];
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'ballot.json');
  const p = 2n ** 256n - 2n ** 224n + 2n ** 192n + 2n ** 96n - 1n;
  const big = (h) => BigInt(`0x${h}`);
  const h64 = (x) => x.toString(16).padStart(64, '0');
  const withY = (full, f) => `${full.slice(0, 66)}${h64(f(big(full.slice(66))))}`;
  const cases = [
    ['y ± 2 (same hash, off the curve)', (c) => withY(c, (y) => (y > 1n ? y - 2n : y + 2n)), /point hors de la courbe/, /point hors de la courbe/],
    ['y + p (not reduced)', (c) => withY(c, (y) => (y < 2n ** 256n - p ? y + p : p)), /≥ p/, /coordonnée de point hors du corps \(≥ p\)/],
    ['x + p (not reduced)', (c) => `04${h64(big(c.slice(2, 66)) < 2n ** 256n - p ? big(c.slice(2, 66)) + p : p)}${c.slice(66)}`, /≥ p/, /≥ p/],
    ['−A', (c) => withY(c, (y) => p - y), /preuve invalide/, /défi incorrect/],
    ['compressed', (c) => `0${2 + Number(big(c.slice(66)) & 1n)}${c.slice(2, 66)}`, /hexadécimal/, /point mal encodé/],
    ['prefix 03, 65 bytes', (c) => `03${c.slice(2)}`, /04 attendu/, /04 attendu/],
    ["infinity's prefix 00, 65 bytes", (c) => `00${c.slice(2)}`, /04 attendu/, /04 attendu/],
    ["infinity's one byte 00", () => '00', /hexadécimal/, /point mal encodé/],
    ['(0, 0)', () => `04${'0'.repeat(128)}`, /hors de la courbe/, /point hors de la courbe/],
    ['uppercase', (c) => c.toUpperCase(), /hexadécimal/, /point mal encodé/],
    ['a byte short', (c) => c.slice(0, 128), /hexadécimal/, /point mal encodé/],
  ];
  const where = [
    ['choice 1', (b) => b.choices[1], /choice=1/],
    ['candidate 2.1', (b) => b.lists[2].candidates[1], /candidate=2\.1|order=2\.1/],
  ];
  for (const [what, change, jsmsg, cmsg] of cases) {
    for (const [at, ct, slot] of where) {
      for (const f of ['a', 'b']) {
        const bad = structuredClone(v.ballot);
        assert.equal(ct(bad)[f].length, 130, what);
        ct(bad)[f] = change(ct(bad)[f]);
        assert.throws(() => verifyBallot(shapeOf(v), v.election, bad), jsmsg, `${what}, ${at}.${f}`);
        writeFileSync(file, JSON.stringify({ shape: v.shape, election: v.election, ballot: bad }));
        assert.throws(() => execFileSync(cli, ['ballot', file], { encoding: 'utf8', stdio: 'pipe' }),
          (e) => cmsg.test(e.stderr) && (what === '−A' ? slot.test(e.stderr) : true), `${what}, ${at}.${f}`);
      }
    }
  }
});

// Version 5 is version 4 with the ciphertexts uncompressed (§6): a board of
// version 4 still verifies; with its points uncompressed each ballot is a
// valid version 5 ballot (same proofs, new tracker, same totals), so the
// whole board verifies in version 5, and a board mixing the two is refused.
test('boards: version 4 verifies, as version 5 with its ciphertexts uncompressed too, mixed refused', () => {
  const src = process.env.ISOLOIR_SRCDIR;
  const cli = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
  const old = join(src, 'tests', 'fuzz', 'corpus', 'board', 'ok-2x1-v4.json');
  assert.match(execFileSync(cli, ['election', old], { encoding: 'utf8' }), /^OK/);
  const board = JSON.parse(readFileSync(old, 'utf8'));
  assert.ok(board.ballots.length >= 2);
  const full = (c) => { assert.equal(c.length, 66); return hex(Point.fromHex(c).toRawBytes(false)); };
  const to5 = (entry) => {
    const b = entry.ballot;
    assert.equal(b.version, 4);
    b.version = 5;
    [...b.choices, ...b.lists.flatMap((l) => l.candidates)].forEach((c) => { c.a = full(c.a); c.b = full(c.b); });
    entry.tracker = tracker(b);
  };
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-js-'));
  const file = join(dir, 'board.json');
  const mixed = structuredClone(board);
  to5(mixed.ballots[1]);
  mixed.ballots.sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
  writeFileSync(file, JSON.stringify(mixed));
  assert.throws(() => execFileSync(cli, ['election', file], { encoding: 'utf8', stdio: 'pipe' }),
    (e) => /version de bulletin inconnue/.test(e.stdout + e.stderr));
  board.ballots.forEach(to5);
  board.ballots.sort((x, y) => (x.tracker < y.tracker ? -1 : 1));
  writeFileSync(file, JSON.stringify(board));
  assert.match(execFileSync(cli, ['election', file], { encoding: 'utf8' }), /^OK/);
  // each converted ballot verifies in JavaScript too
  const shape = { scrutin: board.scrutin.id, candidates: board.scrutin.candidates, nul: board.scrutin.nul };
  const election = { fingerprint: board.election.fingerprint, y: board.election.public_key };
  board.ballots.forEach((e) => verifyBallot(shape, election, e.ballot));
});
