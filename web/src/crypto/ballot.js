// ballot.js: encryption of one scrutin's ballot with every proof
// (docs/protocol.md §6), canonical form and tracker (§7); twin of
// lib/ballot.c. Used in the browser and by the node tests.
import { G, Point, hex, mod, pointDecode, pointDecodeFull, pointEncodeFull, randomScalar, unhex } from './group.js';
import { sha256hex } from './h2s.js';
import { prove, verify } from './proof.js';

// 2: proofs carry their commitments; 3: uncompressed, so that the server
// checks the curve equation instead of a square root (docs/protocol.md §5);
// 4: no proof of its own per candidate, implied by "order" and "range" (§6);
// 5: the ciphertexts' points uncompressed too (§2, §6), hashed compressed.
export const BALLOT_VERSION = 5;
export const BLANK = -1;
export const NUL = -2;
const S01 = [0, 1];
const range = (k) => Array.from({ length: k }, (_, i) => i);

// { a, b, r } : (r·G, m·G + r·Y)
function encrypt(y, m, rand) {
  const r = randomScalar(rand);
  const a = G.multiply(r);
  const b = m === 0 ? y.multiply(r) : G.multiply(BigInt(m)).add(y.multiply(r));
  return { a, b, r };
}

function combine(x, sx, y, sy) {
  const neg = (p, s) => (s < 0 ? p.negate() : p);
  const r = x.r === undefined || y.r === undefined ? undefined : mod(BigInt(sx) * x.r + BigInt(sy) * y.r);
  return { a: neg(x.a, sx).add(neg(y.a, sy)), b: neg(x.b, sx).add(neg(y.b, sy)), r };
}

const ZERO = { a: Point.ZERO, b: Point.ZERO, r: 0n };

function context(shape, slot) {
  return `scrutin=${shape.scrutin};${slot}`;
}

export function slots(shape) {
  return shape.candidates.length + 1 + (shape.nul ? 1 : 0);
}

// The browser converts "every name struck" into blank before this.
export function checkChoice(shape, choice) {
  if (choice.list === BLANK || (choice.list === NUL && shape.nul)) return;
  if (!Number.isInteger(choice.list) || choice.list < 0 || choice.list >= shape.candidates.length) {
    throw new Error('choix invalide');
  }
  const n = shape.candidates[choice.list];
  if (!choice.kept || choice.kept.length !== n) throw new Error('candidats invalides');
  if (!choice.kept.some((k) => k)) throw new Error('tous les candidats sont rayés : c\'est un vote blanc');
}

// election: { fingerprint: hex, y: hex }, shape: { scrutin, candidates: [n_l], nul }
export function encryptBallot(shape, election, choice, rand) {
  checkChoice(shape, choice);
  // Y is the base of every encryption and commitment: precompute its table.
  const y = pointDecode(election.y).precompute(8, false);
  const ctx = (slot) => ({ election: unhex(election.fingerprint, 32), y, context: context(shape, slot) });
  const L = shape.candidates.length;
  const value = (i) => Number(i < L ? choice.list === i : i === L ? choice.list === BLANK : choice.list === NUL);
  const cts = [];
  const choices = [];
  let sum = ZERO;
  for (let i = 0; i < slots(shape); i++) {
    const v = value(i);
    const c = encrypt(y, v, rand);
    choices.push({ a: pointEncodeFull(c.a), b: pointEncodeFull(c.b), proof: prove(ctx(`choice=${i}`), c.a, c.b, c.r, S01, v, rand) });
    cts.push(c);
    sum = combine(sum, 1, c, 1);
  }
  const sumProof = prove(ctx('sum'), sum.a, sum.b, sum.r, [1], 0, rand);
  const lists = shape.candidates.map((n, l) => {
    const xl = Number(choice.list === l);
    const candidates = [];
    const order = [];
    let csum = ZERO;
    let kept = 0;
    for (let j = 0; j < n; j++) {
      const k = Number(xl === 1 && choice.kept[j]);
      kept += k;
      const c = encrypt(y, k, rand);
      candidates.push({ a: pointEncodeFull(c.a), b: pointEncodeFull(c.b) });
      const d = combine(cts[l], 1, c, -1);
      order.push(prove(ctx(`order=${l}.${j}`), d.a, d.b, d.r, S01, xl - k, rand));
      csum = combine(csum, 1, c, 1);
    }
    const rg = combine(csum, 1, cts[l], -1);
    return { candidates, order, range: prove(ctx(`range=${l}`), rg.a, rg.b, rg.r, range(n), kept - xl, rand) };
  });
  return { version: BALLOT_VERSION, election: election.fingerprint, scrutin: shape.scrutin, choices, sum: sumProof, lists };
}

// Sorted keys, no whitespace (docs/protocol.md §7).
export function canonical(v) {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const keys = Object.keys(v).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

export function tracker(ballot) {
  return sha256hex(canonical(ballot));
}

// A choice carries its proof; a candidate (version 4) does not.
function ct(json, keys = 'a,b,proof') {
  const have = json && typeof json === 'object' ? Object.keys(json).sort().join(',') : '';
  if (have !== keys) throw new Error('chiffré mal formé');
  return { a: pointDecodeFull(json.a), b: pointDecodeFull(json.b), proof: json.proof };
}

// Throws with a reason unless every proof verifies (used by the tests, and
// by anyone who wants to check a ballot in the browser).
export function verifyBallot(shape, election, b) {
  if (canonical(Object.keys(b).sort()) !== canonical(['choices', 'election', 'lists', 'scrutin', 'sum', 'version'])) {
    throw new Error('bulletin mal formé');
  }
  if (b.version !== BALLOT_VERSION) throw new Error('version de bulletin inconnue');
  if (b.election !== election.fingerprint) throw new Error("bulletin d'une autre élection");
  if (b.scrutin !== shape.scrutin) throw new Error("bulletin d'un autre scrutin");
  const y = pointDecode(election.y);
  const ctx = (slot) => ({ election: unhex(election.fingerprint, 32), y, context: context(shape, slot) });
  if (b.choices.length !== slots(shape) || b.lists.length !== shape.candidates.length) {
    throw new Error('bulletin : nombre de listes incorrect');
  }
  let sum = { a: Point.ZERO, b: Point.ZERO };
  const cts = b.choices.map((j, i) => {
    const c = ct(j);
    verify(ctx(`choice=${i}`), c.a, c.b, S01, c.proof);
    sum = combine(sum, 1, c, 1);
    return c;
  });
  verify(ctx('sum'), sum.a, sum.b, [1], b.sum);
  shape.candidates.forEach((n, l) => {
    const lj = b.lists[l];
    if (lj.candidates.length !== n || lj.order.length !== n) throw new Error(`liste ${l} : nombre de candidats incorrect`);
    let csum = { a: Point.ZERO, b: Point.ZERO };
    lj.candidates.forEach((j, k) => {
      const c = ct(j, 'a,b');
      const d = combine(cts[l], 1, c, -1);
      verify(ctx(`order=${l}.${k}`), d.a, d.b, S01, lj.order[k]);
      csum = combine(csum, 1, c, 1);
    });
    const rg = combine(csum, 1, cts[l], -1);
    verify(ctx(`range=${l}`), rg.a, rg.b, range(n), lj.range);
  });
}

export { hex };
