// home.mjs: the home page in Chromium at desktop and phone sizes: French,
// the bundle loads under the CSP with zero JavaScript error, no serious
// accessibility violation (axe-core, WCAG 2.1 AA), screenshots saved.
import { URL, axeSerious, check, finish, launch, newPage, shot, sizes } from './lib.mjs';

const browser = await launch();
try {
  for (const [name, size] of Object.entries(sizes)) {
    const page = await newPage(browser, size);
    const resp = await page.goto(URL, { waitUntil: 'networkidle' });
    check(`${name}: home 200`, resp.status() === 200, `status ${resp.status()}`);
    check(`${name}: French heading`,
      (await page.textContent('h1')).includes('Élections professionnelles'));
    check(`${name}: lang fr`, (await page.getAttribute('html', 'lang')) === 'fr');
    check(`${name}: bundle ran (CSP allows it)`,
      await page.evaluate(() => document.documentElement.classList.contains('js')));
    await page.waitForSelector('#operation:not([hidden])');
    check(`${name}: operation name`, (await page.textContent('#operation-titre')) === 'Élections CSE 2026');
    // 2026-01-01T07:00Z is 08 h 00 in Paris (winter), 2026-12-31T16:00Z is 17 h 00.
    const dates = await page.textContent('#operation-dates');
    check(`${name}: dates in Paris time`, dates.includes('jeudi 1 janvier 2026') && dates.includes('08 h 00')
      && dates.includes('17 h 00'), dates);
    check(`${name}: state in plain words`, (await page.textContent('#operation-etat')) === 'Le vote est ouvert.');
    check(`${name}: hotline shown`, (await page.textContent('#operation-assistance')).includes('0 800 000 000'));
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(`${name}: no horizontal scroll`, width <= size.width, `scrollWidth ${width}`);
    await shot(page, `home-${name}`);
    const serious = await axeSerious(page);
    check(`${name}: no serious accessibility violation`, serious.length === 0, serious.join('; '));
    check(`${name}: zero JavaScript error`, page.errors.length === 0, page.errors.join('; '));
    await page.context().close();
  }
} finally {
  await browser.close();
}
finish('browser-home');
