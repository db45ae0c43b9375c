// trustee.mjs: the key holder's page (depositaire.html) in Chromium, served
// here with CSP script-src 'self' and connect-src 'none' (the page must
// need no server once open): holder 2 deals, seals and decrypts in the
// page; holders 1 and 3 use the C tool isoloir-trustee; the C verifier
// combines the page's partial decryption with a C one into the exact
// counts. A wrong passphrase and a forged share are refused in the page.
// Accessibility checked, screenshots. Run by tests/component/browser-trustee.sh.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';
import { G, pointDecode, pointEncode, randomScalar } from '../../src/crypto/group.js';

const dir = process.env.CEREMONY;
const T = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-trustee');
const V = join(process.env.ISOLOIR_BUILDDIR, 'cli', 'isoloir-verify');
const F = '3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e1f3a5c7e9b2d4f6a8c0e2b4d6f8a1c3e57';
const CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'";

// The static site: pages from web/public, the bundle from the build tree.
const server = createServer((req, res) => {
  const path = new URL(req.url, 'http://x').pathname;
  const types = { html: 'text/html; charset=utf-8', css: 'text/css', js: 'text/javascript', svg: 'image/svg+xml' };
  try {
    const file = path === '/js/isoloir.js' ? join(process.env.ISOLOIR_BUILDDIR, 'web', 'isoloir.js')
      : join(process.env.ISOLOIR_SRCDIR, 'web', 'public', path.replace(/^\/+/, '').replace(/\.\./g, ''));
    const body = readFileSync(file);
    res.writeHead(200, { 'Content-Type': types[path.split('.').pop()] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
    res.end(body);
  } catch {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const base = `http://127.0.0.1:${server.address().port}/`;

// Click each download link of the list and save the file into the ceremony.
async function saveAll(page, list) {
  const names = [];
  for (const a of await page.$$(`#${list} a`)) {
    const [dl] = await Promise.all([page.waitForEvent('download'), a.click()]);
    await dl.saveAs(join(dir, dl.suggestedFilename()));
    names.push(dl.suggestedFilename());
  }
  return names;
}

const browser = await launch();
try {
  const page = await newPage(browser, sizes.desktop);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${base}depositaire.html`, { waitUntil: 'networkidle' });

  // 1. Holder 2 deals in the page; 1 and 3 with the C tool.
  await page.fill('#d-empreinte', F);
  await page.fill('#d-numero', '4');
  await page.click('#form-distribuer button');
  check('a holder number beyond the holders refused', (await page.textContent('#d-resultat')).includes('entre 1 et 3'));
  await page.fill('#d-numero', '2');
  await page.click('#form-distribuer button');
  const dealt = await saveAll(page, 'd-fichiers');
  check('the page deals 1 public and 3 secret files', dealt.join(' ') === 'deal-2.json share-2-for-1.json share-2-for-2.json share-2-for-3.json', dealt.join(' '));
  await shot(page, 'trustee-deal');
  // "president required": the page deals for the group's fingerprint
  await page.selectOption('#d-groupe', 'president');
  await page.click('#form-distribuer button');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#d-fichiers a >> nth=0')]);
  const gdeal = JSON.parse(readFileSync(await dl.path(), 'utf8'));
  const fp = execFileSync(T, ['group', '--election', F, '--group', 'president'], { encoding: 'utf8' }).trim();
  check('a group\'s deal is bound to the group\'s fingerprint, as isoloir-trustee group gives it', gdeal.election === fp, gdeal.election);
  await page.selectOption('#d-groupe', '');
  for (const x of [1, 3]) execFileSync(T, ['deal', '--election', F, '--holder', `${x}`, '--threshold', '2', '--holders', '3', '--dir', dir]);

  // 2. Keys: the page checks the C deals and shares; C checks the page's.
  const mine = ['deal-1.json', 'deal-2.json', 'deal-3.json', 'share-1-for-2.json', 'share-2-for-2.json', 'share-3-for-2.json'];
  const forged = JSON.parse(readFileSync(join(dir, 'share-1-for-2.json'), 'utf8'));
  forged.share = JSON.parse(readFileSync(join(dir, 'share-1-for-3.json'), 'utf8')).share;
  writeFileSync(join(dir, 'forged-share-1-for-2.json'), JSON.stringify(forged));
  await page.fill('#k-empreinte', F);
  await page.fill('#k-numero', '2');
  await page.setInputFiles('#k-fichiers', mine.map((f) => join(dir, f === 'share-1-for-2.json' ? `forged-${f}` : f)));
  await page.fill('#k-phrase', 'phrase secrète du membre 2');
  await page.fill('#k-phrase2', 'phrase secrète du membre 2');
  await page.click('#form-sceller button');
  await page.waitForFunction(() => /Impossible|scellée/.test(document.querySelector('#k-resultat').textContent));
  check('a forged share is refused in the page', (await page.textContent('#k-resultat')).includes('dépositaire 1 est absente ou fausse')
    || (await page.textContent('#k-resultat')).includes('détenteur 1 est absente ou fausse'), await page.textContent('#k-resultat'));
  await page.setInputFiles('#k-fichiers', mine.map((f) => join(dir, f)));
  await page.click('#form-sceller button');
  await page.waitForFunction(() => /Impossible|scellée :/.test(document.querySelector('#k-resultat').textContent));
  check('the key is sealed in the page', (await saveAll(page, 'k-fichiers-sortie')).join() === 'key-2.json', await page.textContent('#k-resultat'));
  writeFileSync(join(dir, 'pass-2'), 'phrase secrète du membre 2\n');
  for (const y of [1, 3]) {
    writeFileSync(join(dir, `pass-${y}`), `phrase secrète du membre ${y}\n`);
    execFileSync(T, ['key', '--election', F, '--holder', `${y}`, '--dir', dir, '--passphrase-file', join(dir, `pass-${y}`), '--out', join(dir, `key-${y}.json`)]);
  }
  const pub = execFileSync(T, ['public', '--election', F, '--dir', dir], { encoding: 'utf8' });
  writeFileSync(join(dir, 'public.json'), pub);
  check('C accepts the page\'s deal and shares (public key computed)', /"public_key": "0[23][0-9a-f]{64}"/.test(pub));

  // Totals of [3, 0, 2] encrypted to the election key.
  const y = pointDecode(JSON.parse(pub).public_key);
  const counts = [3, 0, 2];
  const totals = counts.map((m) => {
    const r = randomScalar();
    return { a: pointEncode(G.multiply(r)), b: pointEncode(m ? y.multiply(r).add(G.multiply(BigInt(m))) : y.multiply(r)) };
  });
  writeFileSync(join(dir, 'totals.json'), JSON.stringify({ version: 1, election: F, scrutin: 9, ballots: 5, totals }));

  // 3. Partial decryption in the page, combined with a C one.
  await page.setInputFiles('#p-cle', join(dir, 'key-2.json'));
  await page.setInputFiles('#p-totaux', join(dir, 'totals.json'));
  await page.fill('#p-phrase', 'pas la bonne phrase');
  await page.click('#form-dechiffrer button');
  await page.waitForFunction(() => /Impossible|prêt/.test(document.querySelector('#p-resultat').textContent));
  check('a wrong passphrase is refused in the page', (await page.textContent('#p-resultat')).includes('phrase secrète incorrecte'));
  await page.setInputFiles('#p-cle', join(dir, 'key-1.json'));
  await page.fill('#p-phrase', 'phrase secrète du membre 1');
  await page.click('#form-dechiffrer button');
  await page.waitForFunction(() => /Impossible|dépositaire 1 prêt/.test(document.querySelector('#p-resultat').textContent));
  check('the page opens a key file sealed by C', (await saveAll(page, 'p-fichiers')).join() === 'partial-1.json');
  await page.setInputFiles('#p-cle', join(dir, 'key-2.json'));
  await page.fill('#p-phrase', 'phrase secrète du membre 2');
  await page.click('#form-dechiffrer button');
  await page.waitForFunction(() => /Impossible|dépositaire 2 prêt/.test(document.querySelector('#p-resultat').textContent));
  check('the page decrypts with its own key', (await saveAll(page, 'p-fichiers')).join() === 'partial-2.json');
  await shot(page, 'trustee-decrypt');
  execFileSync(T, ['decrypt', '--key', join(dir, 'key-3.json'), '--passphrase-file', join(dir, 'pass-3'), '--totals', join(dir, 'totals.json'), '--out', join(dir, 'partial-3.json')]);
  const out = execFileSync(V, ['count', join(dir, 'public.json'), join(dir, 'totals.json'), join(dir, 'partial-2.json'), join(dir, 'partial-3.json')], { encoding: 'utf8' });
  check('the page\'s partial and a C one decrypt the exact counts', out.includes(`"counts":${JSON.stringify(counts)}`), out);
  const out1 = execFileSync(V, ['count', join(dir, 'public.json'), join(dir, 'totals.json'), join(dir, 'partial-1.json'), join(dir, 'partial-2.json')], { encoding: 'utf8' });
  check('…and the page\'s two partials (keys from C and from the page)', out1.includes(`"counts":${JSON.stringify(counts)}`), out1);

  check('no serious accessibility violation', (await axeSerious(page)).length === 0, (await axeSerious(page)).join('; '));
  const others = requests.filter((u) => !u.startsWith(base) || /\/api\//.test(u));
  check('no request but the page\'s own files', others.length === 0, others.join(' '));
  const unexpected = page.errors.filter((e) => !/favicon/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
} finally {
  await browser.close();
  server.close();
}
finish('browser-trustee');
