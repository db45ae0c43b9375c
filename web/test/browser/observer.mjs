// observer.mjs: the observers' page (R-AUTH-7, R-BUR-5): their own login,
// a generic error for a wrong password, then the turnout table of their
// scrutin with the émargement count, refreshed by itself after one more
// vote; no name, no result; accessible; phone and desktop screenshots.
import { execFileSync } from 'node:child_process';
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

function sql(statement) {
  return execFileSync('mariadb', ['--no-defaults', '-S', process.env.ELECTORS_SOCK, '-u', 'root', '-N',
    'isoloir_electors', '-e', statement], { encoding: 'utf8' }).trim();
}

const browser = await launch();
try {
  for (const [name, size] of Object.entries(sizes)) {
    const page = await newPage(browser, size);
    await page.clock.install();
    await page.goto(`${URL}observation.html`, { waitUntil: 'networkidle' });
    await page.fill('#identifiant', process.env.OBS_ID);
    await page.fill('#mot_de_passe', '2345-6789-ABCD-EFGH');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.getElementById('message').textContent !== '');
    check(`${name}: wrong password, generic French error`,
      (await page.textContent('#message')).includes('Identifiant ou mot de passe incorrect'));
    page.errors = page.errors.filter((e) => !e.includes('401')); // the refused login itself
    await page.fill('#identifiant', process.env.OBS_ID);
    await page.fill('#mot_de_passe', process.env.OBS_PW);
    await page.click('button[type=submit]');
    await page.waitForSelector('#table-scrutins tbody tr');
    const row = await page.textContent('#table-scrutins tbody tr');
    const votants = sql('SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1');
    check(`${name}: turnout of scrutin 1 with the émargement count (${votants})`,
      row.includes('Siège — Cadres — Titulaires') && row.includes('Ouvert') && row.includes(`2${votants}`), row);
    const body = await page.textContent('main');
    check(`${name}: only their scrutin, no name, no result`, !body.includes('Suppléants')
      && !body.includes('Dupré') && !body.includes('Liste CFDT'), body.slice(0, 300));
    check(`${name}: who is watching`, (await page.textContent('#qui')).includes('Aïcha Durand, Délégué de liste'));
    const serious = await axeSerious(page);
    check(`${name}: no serious accessibility violation`, serious.length === 0, serious.join('; '));
    await shot(page, `observation-${name}`);
    if (name === 'desktop') {
      // one more vote (its émargement), then the page's own 30 s refresh
      sql('INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (1, 2, NOW(6))');
      await page.clock.runFor(31000);
      await page.waitForFunction(() => document.querySelector('#table-scrutins tbody tr').textContent.includes('22100,00\u00a0%'),
        null, { timeout: 10000 }).catch(() => {});
      check('refreshed by itself: 2 votants of 2, 100,00 %',
        (await page.textContent('#table-scrutins tbody tr')).includes('22100,00\u00a0%'));
    }
    check(`${name}: zero JavaScript error`, page.errors.length === 0, page.errors.join('; '));
    await page.close();
  }
} finally {
  await browser.close();
}
finish('browser-observer');
