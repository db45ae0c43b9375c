// listfiles.mjs: logos and professions de foi (R-VOTE-2, R-VOTE-9): on the
// ballot beside each list's name, and on the published lists before the
// vote; every logo really loaded, the PDF link serves a PDF; accessible.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

async function logosLoaded(page) {
  return page.$$eval('img.logo', (imgs) => imgs.map((i) => i.complete && i.naturalWidth > 0));
}

const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  await page.goto(`${URL}connexion.html`, { waitUntil: 'networkidle' });
  await page.fill('#identifiant', 'ABCD-EFGH-JKMN');
  await page.fill('#mot_de_passe', '2345-6789-ABCD-EFGH');
  await page.fill('#reponse', '42');
  await Promise.all([page.waitForURL('**/scrutins.html'), page.click('button[type=submit]')]);
  await page.goto(`${URL}vote.html?scrutin=1`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#etape-bulletin:not([hidden]) .liste');
  const loaded = await logosLoaded(page);
  check('ballot: a logo for each of the 2 lists, loaded', loaded.length === 2 && loaded.every(Boolean), String(loaded));
  const cfdt = page.locator('.liste', { hasText: 'Liste CFDT' });
  check('ballot: the logo is beside its list', await cfdt.locator('img.logo').count() === 1);
  const link = cfdt.locator('a', { hasText: 'Profession de foi (PDF)' });
  check('ballot: the profession de foi linked', await link.count() === 1);
  const href = await link.getAttribute('href');
  const got = await page.evaluate(async (h) => {
    const r = await fetch(h);
    const b = new Uint8Array(await r.arrayBuffer());
    return [r.status, r.headers.get('content-type'), String.fromCharCode(...b.slice(0, 5))].join(' ');
  }, href);
  check('the link serves the PDF', got === '200 application/pdf %PDF-', got);
  check('the common list: a logo, no profession de foi', await page.locator('.liste', { hasText: 'CGT–UNSA' })
    .locator('a', { hasText: 'Profession de foi' }).count() === 0);
  const serious = await axeSerious(page);
  check('ballot with logos: no serious accessibility violation', serious.length === 0, serious.join('; '));
  await shot(page, 'vote-logos-phone');

  const pub = await newPage(browser, sizes.desktop);
  await pub.goto(`${URL}listes.html`, { waitUntil: 'networkidle' });
  const pubLoaded = await logosLoaded(pub);
  check('published lists: a logo for each of the 3 lists, loaded', pubLoaded.length === 3 && pubLoaded.every(Boolean), String(pubLoaded));
  check('published lists: profession de foi links', await pub.locator('a', { hasText: 'Profession de foi (PDF)' }).count() === 2);
  const pubSerious = await axeSerious(pub);
  check('published lists: no serious accessibility violation', pubSerious.length === 0, pubSerious.join('; '));
  await shot(pub, 'listes-logos-desktop');
  check('zero JavaScript error', page.errors.length === 0 && pub.errors.length === 0, [...page.errors, ...pub.errors].join('; '));
} finally {
  await browser.close();
}
finish('browser-list-files');
