// proof.js: disjunctive Chaum–Pedersen proof that (A, B) encrypts a member
// of a public set (docs/protocol.md §5), twin of lib/proof.c.
import { G, Point, mod, pointEncodeFull, randomScalar, scalarDecode, scalarEncode } from './group.js';
import { Transcript, hashToScalar } from './h2s.js';

export const PROOF_DST = 'isoloir-v1-proof';

function statement(ctx, a, b, set) {
  const t = new Transcript();
  t.bytes(ctx.election).point(ctx.y).point(a).point(b).string(ctx.context).integer(set.length);
  for (const m of set) t.integer(m);
  return t;
}

// a_i = s·G − c·A ; b_i = s·Y − c·(B − m·G).
function commit(ctx, a, b, m, c, s) {
  // c and s end up in the public proof (simulated branches, or the verifier's
  // input): variable-time multiplication reveals nothing; the real branch's
  // secret w never goes through here.
  const negc = mod(-c);
  const bm = m === 0 ? b : b.subtract(G.multiplyUnsafe(BigInt(m)));
  return [G.multiplyUnsafe(s).add(a.multiplyUnsafe(negc)), ctx.y.multiplyUnsafe(s).add(bm.multiplyUnsafe(negc))];
}

// Each branch is [c_i, s_i, a_i, b_i]: the commitments travel with the
// proof so that the server checks all the equations of a ballot in one
// batch, uncompressed (ballot version 3: no square root on the server);
// the transcript hashes them compressed (docs/protocol.md §5).
export function prove(ctx, a, b, r, set, t, rand) {
  const k = set.length;
  const c = new Array(k);
  const s = new Array(k);
  const com = new Array(k);
  const tr = statement(ctx, a, b, set);
  const w = randomScalar(rand);
  for (let i = 0; i < k; i++) {
    let ca;
    let cb;
    if (i === t) {
      ca = G.multiply(w);
      cb = ctx.y.multiply(w);
    } else {
      // Same commitments as commit(), computed from what the prover knows
      // (A = r·G, B − m·G = (x − m)·G + r·Y) with the fixed bases G and Y
      // only: u = s − c·r; a = u·G; b = u·Y − c·(x − m)·G.
      c[i] = randomScalar(rand);
      s[i] = randomScalar(rand);
      const u = mod(s[i] - c[i] * r);
      const v = mod(-c[i] * BigInt(set[t] - set[i]));
      ca = G.multiply(u);
      cb = ctx.y.multiply(u);
      if (v !== 0n) cb = cb.add(G.multiply(v));
    }
    com[i] = [pointEncodeFull(ca), pointEncodeFull(cb)];
    tr.point(ca).point(cb);
  }
  let ct = hashToScalar(tr, PROOF_DST);
  for (let i = 0; i < k; i++) if (i !== t) ct = mod(ct - c[i]);
  c[t] = ct;
  s[t] = mod(w + ct * r);
  return c.map((ci, i) => [scalarEncode(ci), scalarEncode(s[i]), com[i][0], com[i][1]]);
}

// Throws with a reason when the proof does not verify. Proof by proof:
// the commitments are recomputed and their uncompressed encodings must
// equal the ones carried, digit for digit (so a wrong prefix, a point off
// the curve or −a are refused; the C verifier checks the same equations
// in one batch per ballot).
export function verify(ctx, a, b, set, proof) {
  if (!Array.isArray(proof) || proof.length !== set.length) throw new Error('preuve : nombre de branches incorrect');
  const tr = statement(ctx, a, b, set);
  let sum = 0n;
  proof.forEach((br, i) => {
    if (!Array.isArray(br) || br.length !== 4) throw new Error('preuve mal formée');
    const c = scalarDecode(br[0]);
    const s = scalarDecode(br[1]);
    const [ca, cb] = commit(ctx, a, b, set[i], c, s);
    if (ca.equals(Point.ZERO) || cb.equals(Point.ZERO) || pointEncodeFull(ca) !== br[2] || pointEncodeFull(cb) !== br[3]) {
      throw new Error('preuve invalide (engagements incorrects)');
    }
    tr.point(ca).point(cb);
    sum = mod(sum + c);
  });
  if (hashToScalar(tr, PROOF_DST) !== sum) throw new Error('preuve invalide (défi incorrect)');
}
