// https-client.mjs: the HTTPS client of the scripted voters (voters.mjs)
// and of the cast benchmark (bench/bench-cast-sessions.mjs): keep-alive, TLS
// verified against the stack's CA, one cookie jar per elector.
import { readFileSync } from 'node:fs';
import https from 'node:https';

export function httpsClient(url, caFile, maxSockets = 64) {
  const agent = new https.Agent({ ca: readFileSync(caFile), keepAlive: true, maxSockets });
  const base = new URL(url);
  // jar: { cookie } updated from Set-Cookie; body: an object or JSON text.
  function request(jar, method, path, body, csrf) {
    return new Promise((resolve, reject) => {
      const headers = { Accept: 'application/json' };
      if (jar.cookie) headers.Cookie = jar.cookie;
      if (csrf) headers['X-CSRF-Token'] = csrf;
      let data;
      if (body !== undefined) {
        data = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
        headers['Content-Type'] = 'application/json';
        headers['Content-Length'] = data.length;
      }
      const req = https.request({ host: base.hostname, port: base.port, path, method, headers, agent },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => {
            for (const c of res.headers['set-cookie'] ?? []) jar.cookie = c.split(';')[0];
            const text = Buffer.concat(chunks).toString('utf8');
            let json = null;
            try { json = JSON.parse(text); } catch { /* not JSON */ }
            resolve({ status: res.statusCode, text, json });
          });
        });
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
  }
  return { request, close: () => agent.destroy() };
}
