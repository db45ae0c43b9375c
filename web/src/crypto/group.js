// group.js: P-256 scalars and points with the strict encodings of
// docs/protocol.md §2 (the JavaScript twin of lib/group.c).
import { p256 } from '@noble/curves/p256';

export const Point = p256.ProjectivePoint;
export const n = p256.CURVE.n;
export const G = Point.BASE;

export function mod(a) {
  const r = a % n;
  return r < 0n ? r + n : r;
}

export function hex(bytes) {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function unhex(s, len) {
  if (typeof s !== 'string' || s.length !== 2 * len || !/^[0-9a-f]*$/.test(s)) {
    throw new Error('encodage hexadécimal invalide');
  }
  const out = new Uint8Array(len);
  for (let i = 0; i < len; i++) out[i] = parseInt(s.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToBig(b) {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

export function scalarEncode(s) {
  return s.toString(16).padStart(64, '0');
}

export function scalarDecode(s) {
  const v = bytesToBig(unhex(s, 32));
  if (v >= n) throw new Error('scalaire hors du groupe (≥ n)');
  return v;
}

export function pointBytes(p) {
  if (p.equals(Point.ZERO)) throw new Error("point à l'infini");
  return p.toRawBytes(true);
}

export function pointEncode(p) {
  return hex(pointBytes(p));
}

// SEC1 uncompressed, 04 ‖ x ‖ y: the proofs' commitments (ballot version 3)
// and the ciphertexts (version 5).
export function pointEncodeFull(p) {
  if (p.equals(Point.ZERO)) throw new Error("point à l'infini");
  return hex(p.toRawBytes(false));
}

const fp = p256.CURVE.p;

// Strict, with the C decoder's reasons: the prefix 04, x < p, y < p and
// y² = x³ − 3x + b, checked here (noble's fromAffine takes (0, 0) for the
// point at infinity).
export function pointDecodeFull(s) {
  const b = unhex(s, 65);
  if (b[0] !== 4) throw new Error("point compressé ou à l'infini (04 attendu)");
  const x = bytesToBig(b.subarray(1, 33));
  const y = bytesToBig(b.subarray(33));
  if (x >= fp || y >= fp) throw new Error('coordonnée de point hors du corps (≥ p)');
  if ((y * y - (x * x * x - 3n * x + p256.CURVE.b)) % fp !== 0n) throw new Error('point hors de la courbe');
  return Point.fromAffine({ x, y });
}

export function pointDecode(s) {
  const b = unhex(s, 33);
  if (b[0] !== 2 && b[0] !== 3) throw new Error("point non compressé ou à l'infini");
  return Point.fromHex(b); // checks that the point is on the curve
}

// 48 random bytes reduced mod n; zero is drawn again.
export function randomScalar(rand = (k) => crypto.getRandomValues(new Uint8Array(k))) {
  for (;;) {
    const v = mod(bytesToBig(rand(48)));
    if (v !== 0n) return v;
  }
}

// a·G + b·P, either term optional; 0·X is the point at infinity.
export function mul2(a, p, b) {
  let r = Point.ZERO;
  if (a !== undefined && a !== 0n) r = G.multiply(a);
  if (p !== undefined && b !== undefined && b !== 0n) r = r.add(p.multiply(b));
  return r;
}
