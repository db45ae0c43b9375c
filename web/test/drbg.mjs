// drbg.mjs: the deterministic generator of the shared test vectors
// (tests/vectors/drbg.h): call i returns
// expand_message_xmd(seed || I2OSP(i, 8), "isoloir-test-drbg", n).
import { unhex } from '../src/crypto/group.js';
import { expandXmd } from '../src/crypto/h2s.js';

export function drbg(seedHex) {
  const seed = unhex(seedHex, 32);
  let counter = 0n;
  return (n) => {
    const msg = new Uint8Array(40);
    msg.set(seed);
    for (let i = 0; i < 8; i++) msg[32 + i] = Number((counter >> BigInt(56 - 8 * i)) & 255n);
    counter += 1n;
    return expandXmd(msg, 'isoloir-test-drbg', n);
  };
}
