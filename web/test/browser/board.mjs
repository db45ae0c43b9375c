// board.mjs: the public bulletin board as an HTML page in Chromium (R-BUR-8,
// R-VOTE-6), after board-verify.sh has published scrutin 1's board: with
// JavaScript disabled, the index lists the scrutin; its page shows the
// parameters, the election's fingerprint, the elector's tracker, the
// encrypted totals and the counts, the partial decryptions and the result;
// noindex; no serious accessibility violation (axe-core, run in a second
// page with scripts allowed); screenshots. Also the publication section
// (fingerprints of the file and its chunks, recourse deadline).
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const tracker = process.env.TRACKER;
const fingerprint = process.env.FP;
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: sizes.desktop, locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  const errors = [];
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()}`));

  let res = await page.goto(`${URL}tableau/`, { waitUntil: 'load' });
  check('index: 200, HTML', res.status() === 200 && res.headers()['content-type'].startsWith('text/html'));
  check('index: noindex (meta)', (await page.getAttribute('meta[name=robots]', 'content')) === 'noindex, nofollow');
  check('index: noindex (header)', (res.headers()['x-robots-tag'] ?? '').includes('noindex'));
  const link = page.locator('a[href="/tableau/1.html"]');
  check('index: scrutin 1 listed with its title', (await link.count()) === 1 && (await link.textContent()).includes('Scrutin n° 1 — '));
  check('index: scrutin 2 (not published) absent', (await page.locator('a[href="/tableau/2.html"]').count()) === 0);
  await link.click();
  await page.waitForLoadState('load');
  check('the scrutin page reached by the link, without JavaScript', page.url().endsWith('/tableau/1.html'));
  const text = await page.textContent('main');
  check('French heading', (await page.textContent('h1')).startsWith('Tableau public — scrutin n° 1'));
  check('parameters: threshold 2 of 3', text.includes('2 détenteurs sur 3'));
  check('parameters: the election fingerprint', text.includes(fingerprint));
  check('the elector\'s tracker listed', text.includes(tracker));
  check('2 encrypted ballots', text.includes('Bulletins chiffrés : 2'));
  check('totals with the counts: Liste CFDT', (await page.textContent('#t-totaux + p + table')).includes('Liste CFDT'));
  check('partial decryptions of holders 1 and 3', text.includes('Détenteur n° 1 : ') && text.includes('Détenteur n° 3 : '));
  check('result: CGT 2 seats', /Liste CGT\s*1\s*[0-9.]+\s*2/.test(await page.textContent('#t-resultat ~ table')));
  check('links to the JSON and the tracker check', (await page.locator('a[href="/tableau/1.json"]').count()) === 1 &&
    (await page.locator('a[href="/verifier.html?scrutin=1"]').count()) === 1);
  check('one page of trackers', text.includes('Page 1 sur 1'));
  // R-OPS-5, docs/protocol.md §10.5: the recourse deadline and the stored chunks' fingerprints
  check('the recourse deadline', /Délai de recours\s*jusqu'au \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(UTC\)/.test(text));
  check('the file and the chunks fingerprinted', /Empreinte du fichier \(SHA-256\)\s*[0-9a-f]{64}/.test(text) &&
    /\d+ morceau\(x\), \d+ octets/.test(text) && /Empreinte chaînée des morceaux\s*[0-9a-f]{64}/.test(text));
  check('no sub-urn section for a scrutin without sub-urns', (await page.locator('#t-sous-urnes').count()) === 0);
  check('no script on the page', (await page.locator('script').count()) === 0);
  await shot(page, 'board-html-desktop');
  res = await page.goto(`${URL}tableau/1.html?page=9`, { waitUntil: 'load' });
  check('a page past the end shows the last one', res.status() === 200 && (await page.textContent('main')).includes('Page 1 sur 1'));
  res = await page.goto(`${URL}tableau/2.html`, { waitUntil: 'load' });
  check('a board not published: 404', res.status() === 404);
  const unexpected = errors.filter((e) => !/\/tableau\/2\.html/.test(e));
  check('no other failed request', unexpected.length === 0, unexpected.join('; '));
  // axe-core needs JavaScript in the page: the same page, scripts allowed
  const withJs = await newPage(browser, sizes.desktop);
  await withJs.goto(`${URL}tableau/1.html`, { waitUntil: 'load' });
  const axe = await axeSerious(withJs);
  check('no serious accessibility violation', axe.length === 0, axe.join('; '));
  check('no error in the page', withJs.errors.length === 0, withJs.errors.join('; '));
  const phone = await browser.newContext({ viewport: sizes.phone, locale: 'fr-FR', javaScriptEnabled: false });
  const p2 = await phone.newPage();
  await p2.goto(`${URL}tableau/1.html`, { waitUntil: 'load' });
  const overflow = await p2.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check('phone: no horizontal scrolling', !overflow);
  await shot(p2, 'board-html-phone');
} finally {
  await browser.close();
}
finish('browser-board');
