// voters.mjs: test and bench tool: scripted electors vote through the real
// site (nginx, TLS verified against the stack's CA, the worker), each with
// its own session, ballots encrypted by the browser's code.
//   node voters.mjs URL CA_FILE [CONCURRENCY] < votes.txt
// votes.txt: one vote per line, "IDENTIFIER PASSWORD CHALLENGE SCRUTIN LIST
// KEPT" (LIST from 0, -1 blank; KEPT like 101, "-" for none). Prints one
// line per vote, "ok TRACKER" or "error STATUS BODY", then a summary line
// "votes: N ok, N errors, T s, R votes/s, p50 X ms, p95 Y ms" (the time of
// one whole vote: session, login, ballot page, encryption, cast).
import '../node-crypto.mjs';
import { readFileSync } from 'node:fs';
import { encryptBallot } from '../../src/crypto/ballot.js';
import { httpsClient } from './https-client.mjs';

const [url, caFile, conc = '4'] = process.argv.slice(2);
const { request, close } = httpsClient(url, caFile);

async function vote(line) {
	const [id, pw, challenge, scrutin, list, kept] = line.trim().split(/\s+/);
	const jar = {};
	const t0 = process.hrtime.bigint();
	let r = await request(jar, 'GET', '/api/session');
	r = await request(jar, 'POST', '/api/connexion',
		{ identifiant: id, mot_de_passe: pw, reponse: challenge }, r.json?.csrf);
	if (r.status !== 200) return { line: `error ${r.status} ${r.text}` };
	const csrf = r.json?.csrf;
	const page = await request(jar, 'GET', `/api/bulletin?scrutin=${scrutin}`);
	if (page.status !== 200) return { line: `error ${page.status} ${page.text}` };
	const ballot = encryptBallot(page.json.forme, page.json.election, {
		list: Number(list),
		kept: kept === '-' ? [] : [...kept].map((c) => c === '1'),
	});
	r = await request(jar, 'POST', '/api/vote', { scrutin: page.json.id, bulletin: ballot }, csrf);
	const ms = Number(process.hrtime.bigint() - t0) / 1e6;
	if (r.status !== 200) return { line: `error ${r.status} ${r.text}`, ms };
	return { line: `ok ${r.json?.empreinte ?? r.text}`, ms, ok: true };
}

const lines = readFileSync(0, 'utf8').split('\n').filter((l) => l.trim() !== '');
const results = new Array(lines.length);
let next = 0;
const start = process.hrtime.bigint();
async function worker() {
	while (next < lines.length) {
		const i = next++;
		try {
			results[i] = await vote(lines[i]);
		} catch (e) {
			results[i] = { line: `error network ${e.message}` };
		}
	}
}
await Promise.all(Array.from({ length: Math.max(1, Number(conc)) }, worker));
const secs = Number(process.hrtime.bigint() - start) / 1e9;
for (const r of results) process.stdout.write(`${r.line}\n`);
const times = results.filter((r) => r.ok).map((r) => r.ms).sort((a, b) => a - b);
const q = (p) => (times.length ? times[Math.min(times.length - 1, Math.floor(p * times.length))] : 0);
const ok = times.length;
process.stdout.write(`votes: ${ok} ok, ${lines.length - ok} errors, ${secs.toFixed(1)} s, ` +
	`${(ok / secs).toFixed(1)} votes/s, p50 ${q(0.5).toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms\n`);
close();
