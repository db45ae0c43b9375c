// verify.mjs: the public check of a receipt's tracker in Chromium (R-VOTE-6,
// R-BUR-8), after board-verify.sh has published scrutin 1's board: the
// elector's tracker (typed as printed, in groups of 8) is found; another
// one is not; a scrutin whose board is not published says so; a mistyped
// tracker is caught in the page. Accessibility checked, screenshot.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const tracker = process.env.TRACKER;
const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  const grouped = tracker.match(/.{1,8}/g).join(' ').toUpperCase();
  await page.goto(`${URL}verifier.html?scrutin=1`, { waitUntil: 'networkidle' });
  check('the scrutin number prefilled from the link', (await page.inputValue('#scrutin')) === '1');
  await page.fill('#traceur', grouped);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#resultat').textContent.includes('urne publiée du scrutin'));
  check('the elector\'s ballot found', (await page.textContent('#resultat')).includes('Votre bulletin figure dans l\'urne publiée du scrutin n° 1'));
  check('the full board linked', (await page.getAttribute('#lien-tableau', 'href')) === '/tableau/1.json');
  check('no serious accessibility violation', (await axeSerious(page)).length === 0, (await axeSerious(page)).join('; '));
  await shot(page, 'verify-found-phone');

  await page.fill('#traceur', 'a'.repeat(64));
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#resultat').textContent.includes('ne figure pas'));
  check('another tracker: not in the urn, what to do said', (await page.textContent('#resultat')).includes('signalez-le au bureau de vote'));

  await page.fill('#traceur', 'abc');
  await page.click('button[type=submit]');
  check('a mistyped tracker caught in the page', (await page.textContent('#resultat')).includes('64 chiffres et lettres'));

  await page.fill('#scrutin', '2');
  await page.fill('#traceur', tracker);
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.querySelector('#resultat').textContent.includes('pas encore publié'));
  check('a board not published yet: said so', true);
  // the 404 of the unpublished board is the only HTTP error expected
  const unexpected = page.errors.filter((e) => !/(HTTP 404: .*\/tableau\/2\/|status of 404)/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
} finally {
  await browser.close();
}
finish('browser-verify');
