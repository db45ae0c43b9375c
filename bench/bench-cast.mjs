// bench-cast.mjs: casts per second through nginx + TLS + the workers, for
// bench/bench-cast.sh. Phase 1 (not measured): each of N electors opens a
// session and gets one 8×7 ballot encrypted by the browser's code. Phase 2
// (measured): every elector casts at once, CONCURRENCY requests in flight;
// prints a JSON line: casts, seconds, casts/s, p50/p95/p99 latency, statuses.
//   node bench-cast.mjs WEB_DIR URL CA N PASSWORD CONCURRENCY
import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const [webDir, url, caFile, nArg, password, concArg] = process.argv.slice(2);
await import(pathToFileURL(`${webDir}/test/node-crypto.mjs`).href);
const { encryptBallot } = await import(pathToFileURL(`${webDir}/src/crypto/ballot.js`).href);
const { httpsClient } = await import(pathToFileURL(`${webDir}/test/tools/https-client.mjs`).href);
const n = Number(nArg);
const { request, close } = httpsClient(url, caFile, 256);
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

// The identifiers of tests/component/mkcred --bulk.
function ident(i) {
	let s = '';
	for (let k = 0; k < 12; k++, i = Math.floor(i / 31)) s = alphabet[i % 31] + s;
	return s;
}

async function pool(count, conc, fn) {
	let next = 0;
	await Promise.all(Array.from({ length: conc }, async () => {
		while (next < count) await fn(next++);
	}));
}

// Phase 1: sessions and ballots.
const voters = new Array(n);
let page = null;
await pool(n, 8, async (i) => {
	const jar = {};
	let r = await request(jar, 'GET', '/api/session');
	r = await request(jar, 'POST', '/api/connexion',
		{ identifiant: ident(i + 1), mot_de_passe: password, reponse: '42' }, r.json?.csrf);
	if (r.status !== 200) throw new Error(`login ${i + 1}: ${r.status}`);
	const csrf = r.json.csrf;
	if (page === null) page = (await request(jar, 'GET', '/api/bulletin?scrutin=1')).json;
	const kept = Array.from({ length: page.forme.candidates[i % 8] }, (_, k) => k !== 1);
	const ballot = encryptBallot(page.forme, page.election, { list: i % 8, kept });
	voters[i] = { jar, csrf, body: JSON.stringify({ scrutin: page.id, bulletin: ballot }) };
});

// Phase 2: the casts. BENCH_PERF=FILE records a system-wide profile of this
// phase only (perf record -a -g), to see where a cast's time goes.
let perf = null;
if (process.env.BENCH_PERF) {
	perf = spawn('perf', ['record', '-q', '-a', '-g', '-o', process.env.BENCH_PERF], { stdio: 'inherit' });
	await new Promise((ok) => setTimeout(ok, 1000));
}
const times = [];
const statuses = {};
const t0 = process.hrtime.bigint();
await pool(n, Number(concArg), async (i) => {
	const v = voters[i];
	const s = process.hrtime.bigint();
	const r = await request(v.jar, 'POST', '/api/vote', v.body, v.csrf);
	times.push(Number(process.hrtime.bigint() - s) / 1e6);
	statuses[r.status] = (statuses[r.status] ?? 0) + 1;
});
const secs = Number(process.hrtime.bigint() - t0) / 1e9;
if (perf !== null) {
	perf.kill('SIGINT');
	await new Promise((ok) => perf.on('exit', ok));
}
times.sort((a, b) => a - b);
const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
process.stdout.write(JSON.stringify({
	casts: n, concurrency: Number(concArg), seconds: Number(secs.toFixed(2)),
	per_second: Number((n / secs).toFixed(1)), p50_ms: Number(q(0.5).toFixed(1)),
	p95_ms: Number(q(0.95).toFixed(1)), p99_ms: Number(q(0.99).toFixed(1)), statuses,
}) + '\n');
close();
