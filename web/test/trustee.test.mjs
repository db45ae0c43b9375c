// trustee.test.mjs: the key holder's JavaScript (web/src/crypto/trustee.js)
// against the shared vector tests/vectors/trustee-2of3.json made by the C
// code with the same deterministic generator (same deals, shares, partial
// decryptions, byte for byte; the C key file opens), against the C tool
// itself (a JavaScript key file decrypts in C, a C partial verifies here),
// and refusals: forged proof of knowledge, forged share, wrong passphrase,
// altered or truncated key file, forged partial decryption.
import './node-crypto.mjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { G, n, pointDecode, randomScalar, scalarDecode, scalarEncode, unhex } from '../src/crypto/group.js';
import {
  assembleShare, checkDeal, combine, deal, fileText, groupFingerprint, openKey, partialDecrypt, publicKey, sealKey,
  verifyPartial,
} from '../src/crypto/trustee.js';
import { drbg } from './drbg.mjs';

const v = JSON.parse(readFileSync(join(process.env.ISOLOIR_VECTORS, 'trustee-2of3.json'), 'utf8'));
const params = { election: v.election, threshold: v.threshold, holders: v.holders };
const trusteeCli = process.env.ISOLOIR_BUILDDIR && join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-trustee');
const shares = (y) => v.deals.map((_, x) => ({ version: 1, election: v.election, from: x + 1, to: y, share: v.shares[x][y - 1] }));
const key = (y) => ({ ...params, holder: y, share: scalarDecode(v.secret_shares[y - 1]) });

// Replays the vector's draws (tests/vectors/gen-vectors.c): F, the deals,
// one r per total; returns the generator positioned for the partials.
function replay() {
  const rand = drbg(v.seed);
  rand(32);
  const deals = [];
  for (let x = 1; x <= v.holders; x++) deals.push(deal({ ...params, holder: x }, rand));
  v.counts.forEach(() => randomScalar(rand));
  return { rand, deals };
}

test('deals and shares: JavaScript deals exactly as C from the same draws', () => {
  const { deals } = replay();
  deals.forEach((d, i) => {
    assert.equal(fileText(d.deal), fileText(v.deals[i]));
    assert.deepEqual(d.shares.map((s) => s.share), v.shares[i]);
    assert.deepEqual(d.shares.map((s) => s.to), [1, 2, 3]);
  });
});

test('each holder assembles its secret share; the public key is the C one', () => {
  for (let y = 1; y <= v.holders; y++) {
    assert.equal(scalarEncode(assembleShare(params, y, v.deals, shares(y))), v.secret_shares[y - 1]);
  }
  const pub = publicKey(params, v.deals);
  assert.equal(pub.public_key, v.public.public_key);
  assert.deepEqual(pub.verification_keys, v.public.verification_keys);
});

test('a forged proof of knowledge or a deal for another election is refused', () => {
  const bad = structuredClone(v.deals[1]);
  bad.pok[1] = scalarEncode((scalarDecode(bad.pok[1]) + 1n) % n);
  assert.throws(() => checkDeal(bad, params, 2), /détenteur 2 .*non prouvée/);
  // a valid proof, but for dealer 1: rogue-key replay under another number
  assert.throws(() => checkDeal({ ...v.deals[0], holder: 2 }, params, 2), /non prouvée/);
  const other = { ...params, election: v.deals[0].election.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
  assert.throws(() => checkDeal({ ...v.deals[0], election: other.election }, other, 1), /non prouvée/);
});

test('a forged share is refused: the ceremony must be restarted', () => {
  const s = shares(2);
  s[2] = { ...s[2], share: v.shares[2][0] }; // holder 3's share meant for holder 1
  assert.throws(() => assembleShare(params, 2, v.deals, s), /détenteur 3 est absente ou fausse/);
  const t = shares(2);
  t[0] = { ...t[0], to: 3 };
  assert.throws(() => assembleShare(params, 2, v.deals, t), /détenteur 1 est absente ou fausse/);
});

test('the C key file opens with its passphrase, and JavaScript seals the same bytes', async () => {
  const kf = v.keyfile.file;
  const k = await openKey(kf, v.keyfile.passphrase);
  assert.equal(scalarEncode(k.share), v.secret_shares[0]);
  const again = await sealKey({ ...params, holder: 1, share: k.share }, v.keyfile.passphrase,
    { salt: unhex(kf.kdf.salt, 16), iv: unhex(kf.cipher.iv, 12) });
  assert.equal(fileText(again), fileText(kf));
});

test('wrong passphrase, altered or truncated key file: refused', async () => {
  const kf = v.keyfile.file;
  await assert.rejects(openKey(kf, `${v.keyfile.passphrase}!`), /phrase secrète incorrecte/);
  await assert.rejects(openKey({ ...kf, holder: 2 }, v.keyfile.passphrase), /phrase secrète incorrecte/);
  const ct = kf.cipher.ciphertext;
  const flipped = { ...kf, cipher: { ...kf.cipher, ciphertext: (ct[0] === '0' ? '1' : '0') + ct.slice(1) } };
  await assert.rejects(openKey(flipped, v.keyfile.passphrase), /phrase secrète incorrecte/);
  await assert.rejects(openKey({ ...kf, cipher: { ...kf.cipher, tag: kf.cipher.tag.slice(2) } }, v.keyfile.passphrase), /mal formé/);
  await assert.rejects(openKey({ ...kf, kdf: { ...kf.kdf, N: 1024 } }, v.keyfile.passphrase), /mal formé/);
  const text = fileText(kf);
  assert.throws(() => JSON.parse(text.slice(0, text.length / 2)));
  await assert.rejects(sealKey(key(1), 'trop court'), /trop courte/);
  await assert.rejects(sealKey(key(1), 'é'.repeat(256)), /trop longue/);
});

test('partial decryptions: JavaScript makes exactly the C ones, which verify here', () => {
  const { rand } = replay();
  for (let y = 1; y <= v.holders; y++) {
    const p = partialDecrypt(key(y), v.totals, undefined, rand);
    assert.equal(fileText(p), fileText(v.partials[y - 1]));
    verifyPartial(v.election, v.public.verification_keys[y - 1], v.totals, v.partials[y - 1]);
  }
});

test('any 2 of the 3 partials give the counts; a forged or misplaced one is refused', () => {
  for (const xs of [[1, 2], [1, 3], [2, 3]]) {
    v.totals.totals.forEach((t, i) => {
      const m = combine(pointDecode(t.b), xs, xs.map((x) => pointDecode(v.partials[x - 1].partials[i].d)));
      const want = v.counts[i] === 0 ? m.equals(G.multiply(1n).subtract(G)) : m.equals(G.multiply(BigInt(v.counts[i])));
      assert.ok(want, `total ${i} with holders ${xs}`);
    });
  }
  const vk = v.public.verification_keys[0];
  const bad = structuredClone(v.partials[0]);
  bad.partials[2].d = v.partials[1].partials[2].d;
  assert.throws(() => verifyPartial(v.election, vk, v.totals, bad), /total 2 : preuve de déchiffrement invalide/);
  const swapped = structuredClone(v.partials[0]);
  [swapped.partials[0], swapped.partials[1]] = [swapped.partials[1], swapped.partials[0]];
  assert.throws(() => verifyPartial(v.election, vk, v.totals, swapped), /total 0 /);
  assert.throws(() => verifyPartial(v.election, v.public.verification_keys[1], v.totals, v.partials[0]), /total 0 /);
  assert.throws(() => verifyPartial(v.election, vk, { ...v.totals, sub_urn: 1 }, v.partials[0]), /invalide/);
  assert.throws(() => partialDecrypt(key(1), { ...v.totals, election: v.deals[0].commitments[0].slice(2) }), /pas ceux de cette élection/);
});

test('group fingerprints as isoloir-trustee group prints them', { skip: !trusteeCli }, () => {
  for (const g of ['president', 'autres']) {
    const c = execFileSync(trusteeCli, ['group', '--election', v.election, '--group', g], { encoding: 'utf8' }).trim();
    assert.equal(groupFingerprint(v.election, g), c);
  }
  assert.throws(() => groupFingerprint(v.election, 'tous'), /groupe inconnu/);
});

test('a key file sealed in JavaScript decrypts in C, and the C partial verifies here', { skip: !trusteeCli }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'isoloir-jstrustee-'));
  const pass = 'une phrase secrète assez longue';
  writeFileSync(join(dir, 'key.json'), fileText(await sealKey(key(3), pass)));
  writeFileSync(join(dir, 'pass'), `${pass}\n`);
  writeFileSync(join(dir, 'totals.json'), JSON.stringify(v.totals));
  execFileSync(trusteeCli, ['decrypt', '--key', join(dir, 'key.json'), '--passphrase-file', join(dir, 'pass'),
    '--totals', join(dir, 'totals.json'), '--out', join(dir, 'p3.json')], { encoding: 'utf8' });
  const p = JSON.parse(readFileSync(join(dir, 'p3.json'), 'utf8'));
  assert.equal(p.holder, 3);
  verifyPartial(v.election, v.public.verification_keys[2], v.totals, p);
  writeFileSync(join(dir, 'pass'), 'une autre phrase secrète\n');
  assert.throws(() => execFileSync(trusteeCli, ['decrypt', '--key', join(dir, 'key.json'), '--passphrase-file',
    join(dir, 'pass'), '--totals', join(dir, 'totals.json'), '--out', join(dir, 'x.json')], { stdio: 'pipe' }),
  /phrase secrète incorrecte/);
});
