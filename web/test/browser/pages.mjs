// pages.mjs: every static page of the voting site (R-VOTE-8/9): French,
// noindex, no broken internal link, no serious accessibility violation,
// zero JavaScript error, readable on a phone.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const pages = ['/', '/connexion.html', '/notice.html', '/aide.html', '/listes.html', '/observation.html'];
const browser = await launch();
try {
  const page = await newPage(browser, sizes.phone);
  const links = new Set();
  for (const p of pages) {
    const resp = await page.goto(URL + p.slice(1), { waitUntil: 'networkidle' });
    check(`${p}: 200`, resp.status() === 200);
    check(`${p}: lang fr`, (await page.getAttribute('html', 'lang')) === 'fr');
    check(`${p}: noindex`, (await page.getAttribute('meta[name=robots]', 'content')).includes('noindex'));
    check(`${p}: one h1`, (await page.$$('h1')).length === 1);
    const serious = await axeSerious(page);
    check(`${p}: no serious accessibility violation`, serious.length === 0, serious.join('; '));
    for (const href of await page.$$eval('a[href^="/"]', (a) => a.map((x) => x.getAttribute('href')))) links.add(href);
    await shot(page, `page${p.replace(/[/.]/g, '-')}`);
  }
  for (const href of links) {
    const r = await page.goto(URL + href.slice(1), { waitUntil: 'networkidle' });
    check(`link ${href} resolves`, r.status() === 200, `status ${r.status()}`);
  }
  await page.goto(`${URL}listes.html`, { waitUntil: 'networkidle' });
  const lists = await page.textContent('#scrutins-listes');
  check('published lists: scrutins, lists in drawn order, candidates',
    lists.includes('Siège — Cadres — Titulaires') && lists.indexOf('Liste CFDT') < lists.indexOf('Liste CGT')
    && lists.includes('Léa Martin') && lists.includes('Anaïs Bonnet'), lists.slice(0, 200));
  check('zero JavaScript error', page.errors.length === 0, page.errors.join('; '));
} finally {
  await browser.close();
}
finish('browser-pages');
