// vote.mjs: an elector votes in real Chromium (R-VOTE-2/3/4/5/6): strikes a
// name on a list, sees the summary (kept and struck names), goes back,
// confirms with the password typed again (refused without it or wrong);
// the receipt shows the tracker; the other scrutin is voted with
// every name struck, shown and recorded as blank. Encryption time in the
// browser is printed for docs/performance.md. Screenshots at phone size.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { URL, artifacts, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  await page.goto(`${URL}connexion.html`, { waitUntil: 'networkidle' });
  await page.fill('#identifiant', 'ABCD-EFGH-JKMN');
  await page.fill('#mot_de_passe', '2345-6789-ABCD-EFGH');
  await page.fill('#reponse', '42');
  await Promise.all([page.waitForURL('**/scrutins.html'), page.click('button[type=submit]')]);
  await page.waitForSelector('#liste-scrutins li a.bouton');
  await Promise.all([page.waitForURL('**/vote.html?scrutin=1'), page.click('a[aria-label*="Titulaires"]')]);
  await page.waitForSelector('#etape-bulletin:not([hidden])');
  check('ballot: 4 lists and blank', (await page.$$('#listes .liste')).length === 4
    && (await page.$('#choix-blanc')) !== null);
  check('ballot: no serious accessibility violation', (await axeSerious(page)).length === 0,
    (await axeSerious(page)).join('; '));
  await shot(page, 'vote-ballot-phone');

  await page.click('button[type=submit]');
  check('continue without a choice: French message',
    (await page.textContent('#message')).includes('Choisissez une liste'));
  await page.check('#choix-1'); // Liste CGT
  await page.uncheck('#c-1-1'); // strike Inès Leroy
  await page.click('button[type=submit]');
  await page.waitForSelector('#etape-recapitulatif:not([hidden])');
  const recap = await page.textContent('#recapitulatif');
  check('summary: chosen list', recap.includes('Liste choisie : Liste CGT'), recap);
  check('summary: kept names', recap.includes('Noé Durand') && recap.includes('Jules Moreau'));
  check('summary: struck name shown as struck', (await page.textContent('ul.rayes')).includes('Inès Leroy'));
  await shot(page, 'vote-summary-phone');
  await page.click('#modifier');
  check('back to the ballot keeps the choice', await page.isChecked('#choix-1') && !(await page.isChecked('#c-1-1')));
  await page.click('button[type=submit]');
  // R-VOTE-4 (the operation asks for it): the password typed again
  check('summary: the password asked again', await page.isVisible('#ressaisie'));
  await page.click('#confirmer');
  check('confirm without it: French message',
    (await page.textContent('#message')).includes('Saisissez à nouveau votre mot de passe'));
  await page.fill('#ressaisie', '2345-6789-ABCD-EFGX');
  await page.click('#confirmer');
  await page.waitForFunction(() => document.querySelector('#message').textContent.includes('Mot de passe incorrect'),
    null, { timeout: 30000 });
  check('a wrong password: refused, nothing recorded', await page.isVisible('#etape-recapitulatif'));
  await shot(page, 'vote-reauth-phone');
  await page.fill('#ressaisie', '2345 6789 abcd efgh');
  await page.click('#confirmer');
  await page.waitForSelector('#etape-recepisse:not([hidden])', { timeout: 30000 });
  const tracker = (await page.textContent('#r-empreinte')).replace(/ /g, '');
  check('receipt: tracker of 64 hex digits', /^[0-9a-f]{64}$/.test(tracker), tracker);
  check('receipt: scrutin named', (await page.textContent('#r-scrutin')) === 'Siège — Cadres — Titulaires');
  check('receipt: never the choice', !(await page.textContent('#etape-recepisse')).includes('CGT'));
  const ms = Number(await page.evaluate(() => document.body.dataset.chiffrementMs));
  console.log(`# chromium: 4 lists (3,3,2,1) encryption + proofs: ${ms} ms`);
  await shot(page, 'vote-receipt-phone');
  check('receipt: no serious accessibility violation', (await axeSerious(page)).length === 0);
  // R-VOTE-6: the receipt as a PDF, made by the server from the signed receipt
  const [pdf] = await Promise.all([page.waitForEvent('download'), page.click('#telecharger')]);
  const pdfPath = join(artifacts, 'recepisse-navigateur.pdf');
  await pdf.saveAs(pdfPath);
  check('receipt PDF downloaded', pdf.suggestedFilename() === 'accuse-reception-scrutin-1.pdf'
    && readFileSync(pdfPath).subarray(0, 5).toString() === '%PDF-', pdf.suggestedFilename());
  // R-VOTE-6: also by email, to the masked address of the electors list
  check('receipt: email offered with the masked address',
    await page.isVisible('#courriel') && (await page.textContent('#courriel')).includes('z***@example.fr'),
    await page.textContent('#courriel'));
  await page.click('#courriel');
  await page.waitForFunction(() => document.getElementById('courriel-message').textContent.includes('envoyé'));
  check('receipt: email requested, said', (await page.textContent('#courriel-message'))
    .includes('sera envoyé à z***@example.fr'), await page.textContent('#courriel-message'));
  check('receipt: no second request from this page', await page.isDisabled('#courriel'));
  await shot(page, 'vote-receipt-email');

  await Promise.all([page.waitForURL('**/scrutins.html'), page.click('#retour')]);
  await page.waitForSelector('#liste-scrutins li');
  const items = await page.$$eval('#liste-scrutins li', (l) => l.map((x) => x.textContent));
  check('titulaires now "A voté"', items.some((t) => t.includes('Titulaires') && t.includes('A voté')), items.join('|'));
  check('titulaires: its receipt downloadable again', items.some((t) => t.includes('Titulaires')
    && t.includes('Accusé de réception (PDF)')), items.join('|'));

  // Suppléants: strike every name of the chosen list: blank, said so.
  await Promise.all([page.waitForURL('**/vote.html?scrutin=2'), page.click('a[aria-label*="Suppléants"]')]);
  await page.waitForSelector('#etape-bulletin:not([hidden])');
  await page.check('#choix-0');
  await page.uncheck('#c-0-0');
  await page.uncheck('#c-0-1');
  await page.click('button[type=submit]');
  const recap2 = await page.textContent('#recapitulatif');
  check('all struck: announced as blank', recap2.includes('compté comme un vote blanc') && recap2.includes('Vote blanc'));
  await page.fill('#ressaisie', '2345-6789-ABCD-EFGH');
  await page.click('#confirmer');
  await page.waitForSelector('#etape-recepisse:not([hidden])', { timeout: 30000 });
  check('blank vote recorded', (await page.textContent('#recepisse-message')).includes('bien été enregistré'));
  // The only HTTP error allowed is the 401 of the wrong password above (the
  // empty one is stopped in the page, before any request).
  const unexpected = page.errors.filter((e) => !/(HTTP 40[01]: .*\/api\/vote|status of 40[01])/.test(e));
  check('zero JavaScript error', unexpected.length === 0, unexpected.join('; '));
  check('…and only the wrong password reached the server', page.errors.filter((e) => e.startsWith('HTTP 40')).length === 1,
    page.errors.join('; '));
} finally {
  await browser.close();
}
finish('browser-vote');
