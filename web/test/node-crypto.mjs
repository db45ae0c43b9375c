// node-crypto.mjs: Node 18 (Debian 12) has no global `crypto` (Web Crypto)
// unlike browsers and Node >= 19: install it for the code under test.
import { webcrypto } from 'node:crypto';

if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
