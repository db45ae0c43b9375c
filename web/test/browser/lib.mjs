// lib.mjs: shared setup of the browser tests: Debian's Chromium driven by
// playwright-core, trusting only the test stack's certificate (pinned by its
// SPKI hash, so TLS stays verified), collecting every JavaScript error and
// failed request, saving screenshots as test artifacts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const modules = process.env.ISOLOIR_NODE_MODULES;
const require = createRequire(join(modules, 'noop.js'));
export const { chromium } = require('playwright-core');
export const axePath = join(modules, 'axe-core', 'axe.min.js');

export const URL = process.env.URL;
export const artifacts = join(process.env.ISOLOIR_ARTIFACTS ?? '/tmp', 'screenshots');
mkdirSync(artifacts, { recursive: true });

export const sizes = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 375, height: 740 },
};

let passed = 0;
let failed = 0;
export function check(what, cond, detail = '') {
  if (cond) {
    passed++;
    console.log(`ok - ${what}`);
  } else {
    failed++;
    console.log(`not ok - ${what}${detail ? ` (${detail})` : ''}`);
  }
}
export function finish(name) {
  console.log(`${name}: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync', `--ignore-certificate-errors-spki-list=${process.env.SPKI}`,
    ],
  });
}

// A page that records JavaScript errors, console errors and failed requests.
export async function newPage(browser, size) {
  // A device far from Paris: times shown must still be Paris times.
  const context = await browser.newContext({ viewport: size, locale: 'fr-FR', timezoneId: 'America/New_York' });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(`console: ${m.text()}`); });
  // A request cut short by leaving the page (net::ERR_ABORTED) is not an error.
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') page.errors.push(`requestfailed: ${r.url()}`);
  });
  page.on('response', (r) => { if (r.status() >= 400) page.errors.push(`HTTP ${r.status()}: ${r.url()}`); });
  return page;
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

// axe-core, evaluated through the DevTools protocol (not subject to the
// page's CSP); returns the serious and critical violations.
export async function axeSerious(page) {
  const { readFileSync } = await import('node:fs');
  await page.evaluate(readFileSync(axePath, 'utf8'));
  const res = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations);
  return res.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.length} élément(s)`);
}
