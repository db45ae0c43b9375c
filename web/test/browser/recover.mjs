// recover.mjs: "Mot de passe oublié ?" (R-AUTH-6) from the login page
// (phone size), when the operation offers it: the page, its French
// messages, the one answer the server gives. Zero JavaScript error, no
// serious accessibility violation, screenshots.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  await page.goto(`${URL}connexion.html`, { waitUntil: 'networkidle' });
  await page.waitForSelector('#oubli:not([hidden])');
  check('login page: « Mot de passe oublié ? » offered', await page.isVisible('text=Mot de passe oublié ?'));
  await Promise.all([page.waitForURL('**/mot-de-passe.html'), page.click('text=Mot de passe oublié ?')]);
  await page.waitForSelector('#form-oubli');
  check('retrieval page: title', (await page.textContent('h1')) === 'Mot de passe oublié');
  check('retrieval page: no serious accessibility violation', (await axeSerious(page)).length === 0,
    (await axeSerious(page)).join('; '));
  await page.click('button[type=submit]');
  check('empty form: asks for both fields',
    (await page.textContent('#message')).includes('Veuillez remplir les deux champs'));
  await page.fill('#identifiant', 'abcd-efgh-jkmn');
  await page.fill('#reponse', '42');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('resultat').textContent.length > 0);
  check('the one answer, in French', (await page.textContent('#resultat'))
    .includes('un nouveau mot de passe vient de lui être envoyé par courriel'));
  check('the form emptied', (await page.inputValue('#identifiant')) === '');
  await shot(page, 'password-recovery-phone');
  check('zero JavaScript error', page.errors.length === 0, page.errors.join('; '));
} finally {
  await browser.close();
}
finish('browser-recover');
