// login.mjs: an elector logs in from the home page (phone size): a wrong
// password shows the generic French error, the right credentials lead to
// "Mes scrutins" with both scrutins to vote; logout returns home. Zero
// JavaScript error, no serious accessibility violation, screenshots.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  await page.goto(URL, { waitUntil: 'networkidle' });
  await page.waitForSelector('#operation:not([hidden])');
  await page.click('text=Accéder au vote');
  await page.waitForSelector('#form-connexion');
  check('login page reached', page.url().endsWith('/connexion.html'));
  check('login: no serious accessibility violation', (await axeSerious(page)).length === 0,
    (await axeSerious(page)).join('; '));

  await page.click('button[type=submit]');
  check('empty form: asks for the three fields',
    (await page.textContent('#message')).includes('Veuillez remplir les trois champs'));

  await page.fill('#identifiant', 'abcd-efgh-jkmn');
  await page.fill('#mot_de_passe', '2345-6789-ABCD-EFGJ');
  await page.fill('#reponse', '42');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('message').textContent.length > 0);
  check('wrong password: generic French error',
    (await page.textContent('#message')).includes('Identifiant, mot de passe ou réponse'));
  check('wrong password: password field cleared', (await page.inputValue('#mot_de_passe')) === '');
  await shot(page, 'login-error-phone');

  await page.fill('#mot_de_passe', '2345 6789 abcd efgh');
  await Promise.all([page.waitForURL('**/scrutins.html'), page.click('button[type=submit]')]);
  await page.waitForSelector('#liste-scrutins li');
  check('greeting with accents', (await page.textContent('#bonjour')) === 'Bonjour Zoé Dupré.');
  const items = await page.$$eval('#liste-scrutins li', (l) => l.map((x) => x.textContent));
  check('two scrutins listed', items.length === 2, items.join(' | '));
  check('both to vote', items.every((t) => t.includes('À voter')), items.join(' | '));
  check('titulaires and suppléants named',
    items.some((t) => t.includes('Titulaires')) && items.some((t) => t.includes('Suppléants')));
  check('scrutins: no serious accessibility violation', (await axeSerious(page)).length === 0);
  await shot(page, 'scrutins-phone');

  await Promise.all([page.waitForURL('**/mes-donnees.html'), page.click('text=Mes données')]);
  await page.waitForSelector('#donnees dd');
  const data = await page.textContent('#donnees');
  check('own data: name, birth date, collège, address', data.includes('Dupré') && data.includes('03/02/1980')
    && data.includes('Cadres') && data.includes('75001 Paris'), data);
  check('own data: no serious accessibility violation', (await axeSerious(page)).length === 0);
  await shot(page, 'own-data-phone');
  await Promise.all([page.waitForURL('**/scrutins.html'), page.click('#retour')]);
  await page.waitForSelector('#liste-scrutins li');
  await Promise.all([page.waitForURL(URL), page.click('#deconnexion')]);
  const again = await page.goto(`${URL}scrutins.html`, { waitUntil: 'networkidle' });
  check('after logout, scrutins page sends back to login',
    again.ok() && page.url().endsWith('/connexion.html'));
  // The only HTTP errors allowed are the expected 401s of the API calls.
  const unexpected = page.errors.filter((e) => !/ 401|status of 401/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
} finally {
  await browser.close();
}
finish('browser-login');
