// kiosk.mjs: kiosk mode (R-VOTE-10): ?borne=1 travels in links, no page is
// cacheable, nothing is written to browser storage, inactivity logs out and
// the back button cannot show the previous elector's page.
import { URL, check, finish, launch, newPage, sizes } from './lib.mjs';

const browser = await launch();
try {
  const page = await newPage(browser, sizes.desktop);
  const home = await page.goto(`${URL}?borne=1`, { waitUntil: 'networkidle' });
  check('pages are not cacheable', home.headers()['cache-control'] === 'no-store');
  check('kiosk flag kept in links',
    (await page.getAttribute('a.bouton', 'href')) === '/connexion.html?borne=1');
  await page.click('a.bouton');
  await page.waitForSelector('#form-connexion');
  await page.fill('#identifiant', 'ABCD-EFGH-JKMN');
  await page.fill('#mot_de_passe', '2345-6789-ABCD-EFGH');
  await page.fill('#reponse', '42');
  await Promise.all([page.waitForURL('**/scrutins.html?borne=1'), page.click('button[type=submit]')]);
  await page.waitForSelector('#liste-scrutins li');
  check('logged in, kiosk flag kept', page.url().endsWith('/scrutins.html?borne=1'));
  const storage = await page.evaluate(() => localStorage.length + sessionStorage.length);
  check('nothing in browser storage', storage === 0, `${storage} item(s)`);
  const autocomplete = await page.goto(`${URL}connexion.html?borne=1`).then(() =>
    page.$$eval('input', (l) => l.every((i) => i.getAttribute('autocomplete') === 'off')));
  check('no autofill on the login form', autocomplete);
  await page.goto(`${URL}scrutins.html?borne=1`, { waitUntil: 'networkidle' });
  // Inactivity: shorten the wait through the page clock.
  await page.clock.install();
  await page.reload({ waitUntil: 'networkidle' });
  await page.clock.runFor(121000);
  await page.waitForURL(/\/\?borne=1$/);
  check('inactivity logs the elector out to the kiosk home', page.url().endsWith('/?borne=1'));
  const cookies = await page.context().cookies();
  check('session cookie deleted', !cookies.some((c) => c.name === '__Host-isoloir'),
    cookies.map((c) => c.name).join(','));
  await page.goBack({ waitUntil: 'networkidle' });
  await page.waitForURL(/connexion\.html/);
  check('back button does not show the previous elector', page.url().includes('/connexion.html'));
  const unexpected = page.errors.filter((e) => !/ 401|status of 401/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
} finally {
  await browser.close();
}
finish('browser-kiosk');
