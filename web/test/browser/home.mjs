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
