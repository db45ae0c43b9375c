// recover.mjs: "Mot de passe oublié ?" (R-AUTH-6) from the login page
// (phone size), when the operation offers it: the page, its French
// messages, the channel (email by default, or SMS with a mobile number
// typed when the operation allows it), the one answer the server gives
// for each. Zero JavaScript error, no serious accessibility violation,
// screenshots.
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
  check('channel: « par courriel » chosen by default', await page.isChecked('#canal-courriel'));
  check('channel: « par SMS » offered', await page.isVisible('label[for=canal-sms]:has-text("par SMS")'));
  check('by email: no number field', await page.isHidden('#mobile'));
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

  // by SMS, to a number the elector types (the operation sets mobile_saisi)
  await page.check('#canal-sms');
  await page.waitForSelector('#mobile', { state: 'visible' });
  check('by SMS: the number field, optional, in French',
    (await page.textContent('label[for=mobile]')) === 'Numéro de mobile (facultatif)');
  await page.fill('#identifiant', 'BCDE-FGHJ-KMNP');
  await page.fill('#reponse', '17');
  await page.fill('#mobile', '01 23 45 67 89');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('message').textContent.length > 0);
  check('a landline: refused in French', (await page.textContent('#message'))
    .includes('ce n\'est pas un numéro de mobile français'));
  await page.fill('#mobile', '07 80 12 34 56');
  check('the refusal cleared once the number is typed again', (await page.textContent('#message')) === '');
  check('SMS chosen: no serious accessibility violation', (await axeSerious(page)).length === 0,
    (await axeSerious(page)).join('; '));
  await shot(page, 'password-recovery-sms-phone');
  await page.click('button[type=submit]');
  await page.waitForFunction(() => document.getElementById('resultat').textContent.includes('SMS'));
  check('the answer for a typed number', (await page.textContent('#resultat'))
    .includes('un nouveau mot de passe vient d\'être envoyé par SMS au numéro indiqué'));
  check('the form back to email, the number field hidden',
    (await page.isChecked('#canal-courriel')) && (await page.isHidden('#mobile')));
  // The only HTTP error allowed is the 400 of the landline refused above.
  const unexpected = page.errors.filter((e) => !/ 400|status of 400/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
} finally {
  await browser.close();
}
finish('browser-recover');
