// bench-cast-sessions.mjs: phase 1 of bench/bench-cast.sh (not measured):
// electors 1..N (identifiers of tests/component/mkcred --bulk) open their
// sessions through nginx + TLS; prints one line per elector, in order:
// "cookie<TAB>csrf", which the casts of bench/cast.lua then use.
//   node bench-cast-sessions.mjs WEB_DIR URL CA N PASSWORD
import { pathToFileURL } from 'node:url';

const [webDir, url, caFile, nArg, password] = process.argv.slice(2);
const { httpsClient } = await import(pathToFileURL(`${webDir}/test/tools/https-client.mjs`).href);
const n = Number(nArg);
const { request, close } = httpsClient(url, caFile, 16);
const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

function ident(i) {
	let s = '';
	for (let k = 0; k < 12; k++, i = Math.floor(i / 31)) s = alphabet[i % 31] + s;
	return s;
}

const lines = new Array(n);
let next = 0;
await Promise.all(Array.from({ length: 8 }, async () => {
	while (next < n) {
		const i = next++;
		const jar = {};
		let r = await request(jar, 'GET', '/api/session');
		r = await request(jar, 'POST', '/api/connexion',
			{ identifiant: ident(i + 1), mot_de_passe: password, reponse: '42' }, r.json?.csrf);
		if (r.status !== 200) throw new Error(`login ${i + 1}: ${r.status}`);
		lines[i] = `${jar.cookie}\t${r.json.csrf}`;
	}
}));
process.stdout.write(lines.join('\n') + '\n');
close();
