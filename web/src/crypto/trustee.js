// trustee.js: the key holder's side in the browser (docs/protocol.md §8–§9),
// twin of lib/threshold.c, lib/keyfile.c and cli/trustee.c: deal a share of
// the threshold key, check the shares received and seal one's secret share
// in a passphrase-protected key file, decrypt the totals partially with a
// proof. Every file read or written has exactly the format of the C tool
// (isoloir-trustee), so a ceremony can mix both.
import { scryptAsync } from '@noble/hashes/scrypt';
import { sha256 } from '@noble/hashes/sha256';
import { G, Point, hex, mod, n, pointDecode, pointEncode, randomScalar, scalarDecode, scalarEncode, unhex } from './group.js';
import { Transcript, hashToScalar } from './h2s.js';

export const THR_MAX = 16;
export const GROUPS = ['president', 'autres'];
// docs/protocol.md §8 "Key file": scrypt(N = 2^15, r = 8, p = 1), AES-256-GCM.
export const KDF = { alg: 'scrypt', N: 32768, r: 8, p: 1 };
const utf8 = new TextEncoder();
const POK_DST = 'isoloir-v1-dkg-pok';
const DECRYPT_DST = 'isoloir-v1-decrypt';

function checkParams(k, holders, holder) {
  if (!Number.isInteger(k) || !Number.isInteger(holders) || k < 1 || k > holders || holders > THR_MAX) {
    throw new Error('paramètres de seuil invalides');
  }
  if (!Number.isInteger(holder) || holder < 1 || holder > holders) throw new Error('numéro de détenteur invalide');
}

// f(x) by Horner, mod n.
function evalPoly(a, x) {
  let v = 0n;
  for (let l = a.length - 1; l >= 0; l--) v = mod(v * BigInt(x) + a[l]);
  return v;
}

// Σ_l x^l·C_l: what f(x)·G must equal.
export function expected(coms, x) {
  let acc = Point.ZERO;
  let pw = 1n;
  for (const c of coms) {
    acc = acc.add(c.multiplyUnsafe(pw));
    pw = mod(pw * BigInt(x));
  }
  return acc;
}

function challenge(dst, fp, label, points) {
  const t = new Transcript().bytes(fp).string(label);
  for (const p of points) t.point(p);
  return hashToScalar(t, dst);
}

// SHA-256("isoloir-v1-group" ‖ 0x00 ‖ F ‖ g), §8.1.
export function groupFingerprint(election, group) {
  if (!GROUPS.includes(group)) throw new Error(`groupe inconnu « ${group} »`);
  const tag = utf8.encode('isoloir-v1-group\0');
  const f = unhex(election, 32);
  const g = utf8.encode(group);
  const msg = new Uint8Array(tag.length + 32 + g.length);
  msg.set(tag);
  msg.set(f, tag.length);
  msg.set(g, tag.length + 32);
  return hex(sha256(msg));
}

// ---------------------------------------------------------------- deal

// One holder's deal: the public deal-X.json and the secret
// share-X-for-Y.json of each holder Y (objects, written as the C tool does).
export function deal({ election, holder, threshold, holders }, rand) {
  checkParams(threshold, holders, holder);
  const fp = unhex(election, 32);
  const a = [];
  for (let l = 0; l < threshold; l++) a.push(randomScalar(rand));
  const coms = a.map((x) => G.multiply(x));
  // proof of knowledge of a_0: T = w·G, c = H(F, "dealer=x", C_0, T), z = w + c·a_0
  const w = randomScalar(rand);
  const c = challenge(POK_DST, fp, `dealer=${holder}`, [coms[0], G.multiply(w)]);
  const z = mod(w + c * a[0]);
  const pub = {
    version: 1, election, holder, threshold, holders,
    commitments: coms.map(pointEncode), pok: [scalarEncode(c), scalarEncode(z)],
  };
  const shares = [];
  for (let y = 1; y <= holders; y++) {
    shares.push({ version: 1, election, from: holder, to: y, share: scalarEncode(evalPoly(a, y)) });
  }
  return { deal: pub, shares };
}

// The commitments of deal-X.json, after checking it belongs to this
// ceremony and its proof of knowledge; throws otherwise.
export function checkDeal(d, { election, threshold, holders }, x) {
  const why = `distribution du détenteur ${x} absente, incohérente ou non prouvée`;
  if (d === null || typeof d !== 'object' || d.election !== election || d.threshold !== threshold ||
      d.holders !== holders || d.holder !== x || !Array.isArray(d.commitments) ||
      d.commitments.length !== threshold || !Array.isArray(d.pok) || d.pok.length !== 2) throw new Error(why);
  let coms;
  let c;
  let z;
  try {
    coms = d.commitments.map(pointDecode);
    c = scalarDecode(d.pok[0]);
    z = scalarDecode(d.pok[1]);
  } catch (err) {
    throw new Error(`${why} (${err.message})`);
  }
  const t = G.multiplyUnsafe(z).add(coms[0].multiplyUnsafe(mod(-c)));
  if (challenge(POK_DST, unhex(election, 32), `dealer=${x}`, [coms[0], t]) !== c) throw new Error(why);
  return coms;
}

// Election key and verification keys from all deals (what `isoloir-trustee
// public` prints), deals[x−1] being holder x's.
export function publicKey(params, deals) {
  const coms = deals.map((d, i) => checkDeal(d, params, i + 1));
  const y = coms.reduce((acc, c) => acc.add(c[0]), Point.ZERO);
  const vks = [];
  for (let v = 1; v <= params.holders; v++) {
    vks.push(pointEncode(coms.reduce((acc, c) => acc.add(expected(c, v)), Point.ZERO)));
  }
  return {
    election: params.election, holders: params.holders, public_key: pointEncode(y),
    threshold: params.threshold, verification_keys: vks, version: 1,
  };
}

// Holder y's secret share s_y = Σ_x f_x(y), each f_x(y) checked against
// x's commitments (shares[x−1] = share-x-for-y.json).
export function assembleShare(params, holder, deals, shares) {
  checkParams(params.threshold, params.holders, holder);
  if (deals.length !== params.holders || shares.length !== params.holders) throw new Error('il faut une distribution et une part de chaque détenteur');
  let s = 0n;
  deals.forEach((d, i) => {
    const x = i + 1;
    const coms = checkDeal(d, params, x);
    const sh = shares[i];
    let f;
    try {
      if (sh === null || typeof sh !== 'object' || sh.to !== holder || sh.from !== x || sh.election !== params.election) throw new Error('');
      f = scalarDecode(sh.share);
    } catch {
      f = undefined;
    }
    if (f === undefined || !G.multiply(f).equals(expected(coms, holder))) {
      throw new Error(`la part reçue du détenteur ${x} est absente ou fausse : la cérémonie doit être recommencée`);
    }
    s = mod(s + f);
  });
  return s;
}

// ---------------------------------------------------------------- key file

function aad(election, holder) {
  return utf8.encode(`isoloir-v1-keyfile;${election};${holder}`);
}

async function aesKey(passphrase, salt) {
  const raw = await scryptAsync(utf8.encode(passphrase), salt, { N: KDF.N, r: KDF.r, p: KDF.p, dkLen: 32 });
  try {
    return await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
  } finally {
    raw.fill(0);
  }
}

// The key file (an object: write it with fileText). salt and iv are for the
// test vectors only; they are random otherwise.
export async function sealKey({ election, holder, threshold, holders, share }, passphrase, opts = {}) {
  const plen = utf8.encode(passphrase).length;
  if (plen < 12) throw new Error('phrase secrète trop courte (12 caractères au moins)');
  // isoloir-trustee reads at most 511 bytes of its passphrase file
  if (plen > 511) throw new Error('phrase secrète trop longue (511 octets au plus)');
  checkParams(threshold, holders, holder);
  unhex(election, 32);
  const salt = opts.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const iv = opts.iv ?? crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(passphrase, salt);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(election, holder), tagLength: 128 },
    key, utf8.encode(scalarEncode(share))));
  return {
    cipher: { alg: 'aes-256-gcm', ciphertext: hex(sealed.subarray(0, 64)), iv: hex(iv), tag: hex(sealed.subarray(64)) },
    election, holder, holders,
    kdf: { N: KDF.N, alg: KDF.alg, p: KDF.p, r: KDF.r, salt: hex(salt) },
    threshold, version: 1,
  };
}

// { election, holder, threshold, holders, share } from a key file; throws
// "phrase secrète incorrecte ou fichier de clé altéré" on a wrong
// passphrase or any change to the file.
export async function openKey(kf, passphrase) {
  let salt;
  let iv;
  let body;
  try {
    const { kdf, cipher } = kf;
    if (kf.version !== 1 || kdf.alg !== KDF.alg || kdf.N !== KDF.N || kdf.r !== KDF.r || kdf.p !== KDF.p ||
        cipher.alg !== 'aes-256-gcm') throw new Error('');
    checkParams(kf.threshold, kf.holders, kf.holder);
    unhex(kf.election, 32);
    salt = unhex(kdf.salt, 16);
    iv = unhex(cipher.iv, 12);
    body = new Uint8Array(80);
    body.set(unhex(cipher.ciphertext, 64));
    body.set(unhex(cipher.tag, 16), 64);
  } catch {
    throw new Error('fichier de clé mal formé');
  }
  const key = await aesKey(passphrase, salt);
  let plain;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv, additionalData: aad(kf.election, kf.holder), tagLength: 128 }, key, body));
  } catch {
    throw new Error('phrase secrète incorrecte ou fichier de clé altéré');
  }
  const share = scalarDecode(new TextDecoder().decode(plain));
  plain.fill(0);
  return { election: kf.election, holder: kf.holder, threshold: kf.threshold, holders: kf.holders, share };
}

// ---------------------------------------------------------------- decryption

// §9: "scrutin=S;total=i", or "scrutin=S;sub=U;total=i" for sub-urn U.
export function totalContext(scrutin, sub, i) {
  return sub > 0 ? `scrutin=${scrutin};sub=${sub};total=${i}` : `scrutin=${scrutin};total=${i}`;
}

function checkTotals(totals) {
  if (totals === null || typeof totals !== 'object' || !Number.isInteger(totals.scrutin) || totals.scrutin < 0 ||
      !Array.isArray(totals.totals) || (totals.sub_urn !== undefined && !Number.isInteger(totals.sub_urn))) {
    throw new Error('totaux illisibles');
  }
}

// Holder's partial decryption of every total, as `isoloir-trustee decrypt`
// writes it. key: what openKey returns; group: "president" / "autres" when
// the key is one of a group's (§8.1).
export function partialDecrypt(key, totals, group, rand) {
  checkTotals(totals);
  const want = group === undefined ? totals.election : groupFingerprint(totals.election, group);
  if (want !== key.election) {
    throw new Error(group === undefined ? 'les totaux ne sont pas ceux de cette élection'
      : "les totaux ne sont pas ceux de l'élection de cette clé pour ce groupe");
  }
  const fp = unhex(key.election, 32);
  const yx = G.multiply(key.share);
  const partials = totals.totals.map((t, i) => {
    if (t.a === '00') return { d: '00', proof: null };
    const a = pointDecode(t.a);
    const d = a.multiply(key.share);
    const w = randomScalar(rand);
    const c = challenge(DECRYPT_DST, fp, totalContext(totals.scrutin, totals.sub_urn ?? 0, i), [yx, a, d, G.multiply(w), a.multiply(w)]);
    return { d: pointEncode(d), proof: [scalarEncode(c), scalarEncode(mod(w + c * key.share))] };
  });
  const out = { election: key.election, holder: key.holder, partials, scrutin: totals.scrutin, version: 1 };
  if (group !== undefined) out.group = group;
  // which urn these are of (R-ORG-5): the board files them by it
  if (totals.sub_urn > 0) out.sub_urn = totals.sub_urn;
  return out;
}

// Throws unless every proof of the partial holds against verification key
// vk (hex) for the totals; election: the fingerprint the proofs are bound
// to (the group's with §8.1).
export function verifyPartial(election, vk, totals, partial) {
  checkTotals(totals);
  const fp = unhex(election, 32);
  const yx = pointDecode(vk);
  if (partial.scrutin !== totals.scrutin || !Array.isArray(partial.partials) || partial.partials.length !== totals.totals.length) {
    throw new Error('nombre de déchiffrements partiels incorrect');
  }
  totals.totals.forEach((t, i) => {
    if (t.a === '00') return;
    const p = partial.partials[i];
    try {
      const a = pointDecode(t.a);
      const d = pointDecode(p.d);
      const c = scalarDecode(p.proof[0]);
      const r = scalarDecode(p.proof[1]);
      const negc = mod(-c);
      const t1 = G.multiplyUnsafe(r).add(yx.multiplyUnsafe(negc));
      const t2 = a.multiplyUnsafe(r).add(d.multiplyUnsafe(negc));
      if (challenge(DECRYPT_DST, fp, totalContext(totals.scrutin, totals.sub_urn ?? 0, i), [yx, a, d, t1, t2]) !== c) throw new Error('');
    } catch {
      throw new Error(`total ${i} : preuve de déchiffrement invalide`);
    }
  });
}

// λ_i at 0 for the holders xs.
export function lagrange(xs, i) {
  let num = 1n;
  let den = 1n;
  xs.forEach((x, j) => {
    if (j === i) return;
    if (x === xs[i]) throw new Error('détenteurs en double');
    num = mod(num * BigInt(x));
    den = mod(den * BigInt(x - xs[i]));
  });
  // n is prime: den^(n−2) is its inverse
  let inv = 1n;
  let b = den;
  for (let e = n - 2n; e > 0n; e >>= 1n) {
    if (e & 1n) inv = mod(inv * b);
    b = mod(b * b);
  }
  return mod(num * inv);
}

// m·G = B − Σ λ_y·d_y for one total, from the partials of holders xs.
export function combine(b, xs, ds) {
  let sa = Point.ZERO;
  xs.forEach((_, i) => {
    sa = sa.add(ds[i].multiplyUnsafe(lagrange(xs, i)));
  });
  return b.subtract(sa);
}

// The text of a file as the C tool writes it (keys sorted, one-space
// indentation, final newline), so files from both are alike.
export function fileText(obj) {
  const sort = (v) => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort(v[k])]));
    }
    return v;
  };
  return `${JSON.stringify(sort(obj), null, 1)}\n`;
}
