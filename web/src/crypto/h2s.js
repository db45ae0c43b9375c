// h2s.js: transcripts and hashing to a scalar (docs/protocol.md §3).
import { expand_message_xmd } from '@noble/curves/abstract/hash-to-curve';
import { sha256 } from '@noble/hashes/sha256';
import { bytesToBig, mod, Point } from './group.js';

const utf8 = new TextEncoder();

export class Transcript {
  constructor() {
    this.parts = [];
    this.length = 0;
  }

  bytes(b) {
    const len = new Uint8Array([b.length >>> 24, (b.length >>> 16) & 255, (b.length >>> 8) & 255, b.length & 255]);
    this.parts.push(len, b);
    this.length += 4 + b.length;
    return this;
  }

  string(s) {
    return this.bytes(utf8.encode(s));
  }

  integer(v) {
    const b = new Uint8Array(8);
    let x = BigInt(v);
    for (let i = 7; i >= 0; i--, x >>= 8n) b[i] = Number(x & 255n);
    return this.bytes(b);
  }

  point(p) {
    return this.bytes(p.equals(Point.ZERO) ? new Uint8Array([0]) : p.toRawBytes(true));
  }

  concat() {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const p of this.parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}

export function expandXmd(msg, dst, len) {
  return expand_message_xmd(msg, utf8.encode(dst), len, sha256);
}

export function hashToScalar(transcript, dst) {
  return mod(bytesToBig(expandXmd(transcript.concat(), dst, 48)));
}

export function sha256hex(text) {
  let s = '';
  for (const b of sha256(utf8.encode(text))) s += b.toString(16).padStart(2, '0');
  return s;
}
