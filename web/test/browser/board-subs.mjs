// board-subs.mjs: the public board page of a scrutin with sub-urns by
// statut (R-ORG-5) in Chromium, after board-groups.sh has published it:
// without JavaScript, the page shows each sub-urn with its number of
// ballots, totals and counts, and says each tracker's sub-urn; no serious
// accessibility violation. SUBS: "tracker:sub tracker:sub" from the board.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const subs = (process.env.SUBS ?? '').trim().split(/\s+/).map((s) => s.split(':'));
const names = { 1: 'salariés', 2: 'fonctionnaires' };
const browser = await launch();
try {
  const context = await browser.newContext({ viewport: sizes.desktop, locale: 'fr-FR', javaScriptEnabled: false });
  const page = await context.newPage();
  const res = await page.goto(`${URL}tableau/1.html`, { waitUntil: 'load' });
  check('page: 200', res.status() === 200);
  const section = page.locator('#t-sous-urnes');
  check('a section for the sub-urns', (await section.count()) === 1);
  const heads = await page.locator('section[aria-labelledby="t-sous-urnes"] h3').allTextContents();
  check('sub-urn 1 (salariés): 1 ballot', heads.some((h) => h.startsWith('Sous-urne 1 (salariés) : 1 bulletin(s)')), heads.join(' | '));
  check('sub-urn 2 (fonctionnaires): 1 ballot', heads.some((h) => h.startsWith('Sous-urne 2 (fonctionnaires) : 1 bulletin(s)')), heads.join(' | '));
  const tables = page.locator('section[aria-labelledby="t-sous-urnes"] table');
  check('each sub-urn with its totals and counts', (await tables.count()) === 2 &&
    (await tables.nth(1).textContent()).includes('Liste CGT'));
  check('a sub-urn column in the trackers table',
    (await page.locator('section[aria-labelledby="t-bulletins"] th').allTextContents()).includes('Sous-urne'));
  check('two trackers given', subs.length === 2 && subs.every(([t]) => /^[0-9a-f]{64}$/.test(t)));
  for (const [tracker, sub] of subs) {
    const row = page.locator('section[aria-labelledby="t-bulletins"] tr', { hasText: tracker });
    check(`tracker ${tracker.slice(0, 8)}…: sub-urn ${sub}`, (await row.count()) === 1 &&
      (await row.locator('td').nth(2).textContent()) === names[sub]);
  }
  await shot(page, 'board-html-sub-urns');
  const withJs = await newPage(browser, sizes.desktop);
  await withJs.goto(`${URL}tableau/1.html`, { waitUntil: 'load' });
  const axe = await axeSerious(withJs);
  check('no serious accessibility violation', axe.length === 0, axe.join('; '));
} finally {
  await browser.close();
}
finish('browser-board-subs');
