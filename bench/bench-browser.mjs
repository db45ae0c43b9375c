// bench-browser.mjs: encryption + proofs of a ballot in headless Chromium
// (the browser's own code, bundled here by esbuild), 4×3 and 8×7 shapes,
// median of several runs. Prints a table and writes bench/results/browser.json.
// Usage (make bench-browser): node bench/bench-browser.mjs NODE_MODULES SRC_WEB OUT
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const [modules, webdir, out] = process.argv.slice(2);
const require = createRequire(join(modules, 'noop.js'));
const { build } = require('esbuild');
const { chromium } = require('playwright-core');

const entry = `import { encryptBallot } from './src/crypto/ballot.js';
import { G, pointEncode, randomScalar } from './src/crypto/group.js';
window.isoloirBench = { encryptBallot, G, pointEncode, randomScalar };`;
const bundle = await build({
  stdin: { contents: entry, resolveDir: webdir, loader: 'js' },
  bundle: true, write: false, format: 'iife', minify: true, nodePaths: [modules],
});

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const page = await browser.newPage();
await page.setContent('<html><body></body></html>');
await page.addScriptTag({ content: bundle.outputFiles[0].text });
const results = await page.evaluate(() => {
  const b = window.isoloirBench;
  const el = { fingerprint: 'ab'.repeat(32), y: b.pointEncode(b.G.multiply(b.randomScalar())) };
  const shapes = { '4x3': [3, 3, 3, 3], '8x7': [7, 7, 7, 7, 7, 7, 7, 7] };
  const res = {};
  for (const [name, cands] of Object.entries(shapes)) {
    const shape = { scrutin: 1, candidates: cands, nul: false };
    const kept = Array.from({ length: cands[0] }, (_, j) => j !== 1);
    const times = [];
    for (let i = 0; i < 7; i++) {
      const t0 = performance.now();
      b.encryptBallot(shape, el, { list: 0, kept });
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    res[name] = { median_ms: Math.round(times[3]), min_ms: Math.round(times[0]), runs: times.length };
  }
  return res;
});
const version = browser.version();
await browser.close();
for (const [k, v] of Object.entries(results)) console.log(`chromium ${version}: ${k} encryption + proofs: median ${v.median_ms} ms (min ${v.min_ms})`);
writeFileSync(out, `${JSON.stringify({ bench: 'browser-encryption', date: new Date().toISOString(), chromium: version, shapes: results }, null, 1)}\n`);
