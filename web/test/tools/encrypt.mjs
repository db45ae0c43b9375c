// encrypt.mjs: test tool: reads the /api/bulletin JSON on stdin and prints
// the /api/vote body for a choice: `node encrypt.mjs LIST KEPT`
// (LIST from 0, -1 blank; KEPT like 101), encrypted by the browser's code.
import '../node-crypto.mjs';
import { readFileSync } from 'node:fs';
import { encryptBallot } from '../../src/crypto/ballot.js';

const page = JSON.parse(readFileSync(0, 'utf8'));
const list = Number(process.argv[2]);
const kept = [...(process.argv[3] ?? '')].map((c) => c === '1');
const ballot = encryptBallot(page.forme, page.election, { list, kept });
process.stdout.write(JSON.stringify({ scrutin: page.id, bulletin: ballot }));
