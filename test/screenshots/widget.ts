// Screenshots of the visitor's path through the embedded widget (issue 4,
// "Tests": each step at 1280 px and 375 px) into docs/screenshots/:
//   widget-fields-<w>.png    options step, 2 small rooms, live price
//   widget-contact-<w>.png   contact step, details typed in
//   widget-done-<w>.png      done screen with the quote number
//   widget-launcher-<w>.png  ?mode=launcher, the floating button's dialog open
// Run by hand after changing the widget (needs PostgreSQL as for `npm test`,
// dist/widget from `npm run build`, and /usr/bin/chromium or CHROMIUM_PATH):
//   node_modules/.bin/node test/screenshots/widget.ts
// The real server (startTestServer, fresh database, dropped after) serves the
// demo page /demo/brightside-painting. The demo tenants allow the origin
// http://localhost:3000 only, so the server runs on a free port with copies of
// tenants/*.json whose allowedOrigins also name http://localhost:<port>
// (as test/perf/widget-paint.bench.ts does), and the page is opened there.
// Nothing here runs in `npm test`.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { ROOT, startTestServer } from '../helpers/test-server.ts';
import { freePort } from '../../server/db/embedded-postgres.ts';
import { tenantsAllowing } from '../helpers/tenants-allowing.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
const WIDTHS = [1280, 375] as const;
const MAX_BYTES = 300 * 1024;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];



// In-page helpers (strings: the server's tsconfig has no DOM types).
const IN_WIDGET = `(selector) => document.querySelector('qm-widget')?.shadowRoot?.querySelector(selector)`;
const total = `((${IN_WIDGET})('[data-total]')?.textContent.trim() ?? '')`;
const h2 = `((${IN_WIDGET})('h2')?.textContent.trim() ?? '')`;
const setValue = (selector: string, value: string, event: string): string =>
  `(() => { const el = (${IN_WIDGET})(${JSON.stringify(selector)}); el.value = ${JSON.stringify(value)}; el.dispatchEvent(new Event(${JSON.stringify(event)})); })()`;
const clickButton = (text: string): string =>
  `[...document.querySelector('qm-widget').shadowRoot.querySelectorAll('button')].find((b) => b.textContent.includes(${JSON.stringify(text)})).click()`;

async function shoot(page: Page, name: string, target: 'widget' | 'viewport'): Promise<void> {
  const path = join(OUT, `${name}.png`) as `${string}.png`;
  await new Promise((done) => setTimeout(done, 250)); // transitions, focus rings
  if (target === 'widget') {
    // At scroll 0 the demo page's sticky header sits at the top of the document, not over the widget.
    await page.evaluate('window.scrollTo(0, 0)');
    const box = (await page.evaluate(
      `(() => { const r = document.querySelector('qm-widget').getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; })()`,
    )) as { x: number; y: number; width: number; height: number };
    const pad = 12;
    const x = Math.max(0, box.x - pad);
    const y = Math.max(0, box.y - pad);
    await page.screenshot({ path, captureBeyondViewport: true, clip: { x, y, width: Math.min(box.width + 2 * pad, (page.viewport()?.width ?? box.width) - x), height: box.height + 2 * pad } });
  } else {
    await page.screenshot({ path });
  }
  const bytes = statSync(path).size;
  console.log(`${path.slice(ROOT.length + 1)}: ${(bytes / 1024).toFixed(1)} KB`);
  if (bytes >= MAX_BYTES) throw new Error(`${name}.png is ${bytes} bytes (limit ${MAX_BYTES})`);
}

async function main(): Promise<void> {
  if (!existsSync(join(ROOT, 'dist', 'widget', 'embed.js'))) throw new Error('dist/widget/ is missing: run `npm run build` first');
  mkdirSync(OUT, { recursive: true });
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const work = mkdtempSync(join(tmpdir(), 'qm-widget-shots-'));
  tenantsAllowing(origin, join(work, 'tenants'));
  const server = await startTestServer({ env: { PORT: String(port), PUBLIC_URL: origin, TENANTS_DIR: join(work, 'tenants') } });
  const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
  const problems: string[] = [];
  try {
    for (const width of WIDTHS) {
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      page.on('console', (m) => (m.type() === 'error' || m.type() === 'warn') && problems.push(`${width}: console.${m.type()}: ${m.text()}`));
      page.on('pageerror', (e) => problems.push(`${width}: page error: ${(e as Error).message}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`${width}: ${r.status()} ${r.url()}`));
      await page.setViewport({ width, height: width === 375 ? 812 : 800, deviceScaleFactor: 1 });

      await page.goto(`${origin}/demo/brightside-painting`, { waitUntil: 'load' });
      await page.waitForFunction(`${total} !== ''`, { timeout: 10_000 });
      await page.evaluate(setValue('#f-rooms', '2', 'input'));
      await page.evaluate(setValue('#f-size', 'small', 'change'));
      await page.waitForFunction(`${total} === '$313.00'`, { timeout: 10_000 });
      await shoot(page, `widget-fields-${width}`, 'widget');

      await page.evaluate(clickButton('Continue'));
      await page.waitForFunction(`!!(${IN_WIDGET})('#c-name')`);
      await page.evaluate(setValue('#c-name', 'Kim Visitor', 'input'));
      await page.evaluate(setValue('#c-email', 'kim@example.com', 'input'));
      await page.evaluate(`(() => { const c = (${IN_WIDGET})('#c-consent'); c.checked = true; c.dispatchEvent(new Event('change')); })()`);
      await shoot(page, `widget-contact-${width}`, 'widget');

      await page.evaluate(clickButton('Get my quote'));
      await page.waitForFunction(`${h2} === 'Thank you!' && /Q-\\d{4}-\\d{6}/.test((${IN_WIDGET})('[role="status"]')?.textContent ?? '')`, { timeout: 10_000 });
      await shoot(page, `widget-done-${width}`, 'widget');

      await page.goto(`${origin}/demo/brightside-painting?mode=launcher`, { waitUntil: 'load' });
      await page.waitForFunction(`!!document.querySelector('qm-launcher')?.shadowRoot?.querySelector('[part="launcher"]')`, { timeout: 10_000 });
      await page.evaluate(`document.querySelector('qm-launcher').shadowRoot.querySelector('[part="launcher"]').click()`);
      await page.waitForFunction(
        `(() => { const l = document.querySelector('qm-launcher'); const d = l.shadowRoot.querySelector('dialog'); const w = l.querySelector('qm-widget') ?? l.shadowRoot.querySelector('qm-widget') ?? d.querySelector('qm-widget'); return d.open && !!w?.shadowRoot?.querySelector('[data-total]')?.textContent.trim(); })()`,
        { timeout: 10_000 },
      );
      await shoot(page, `widget-launcher-${width}`, 'viewport');
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
  if (problems.length > 0) {
    console.error(`problems seen in the page:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
