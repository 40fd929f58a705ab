// `npm run bench:widget`: the widget's first paint in headless Chromium on a
// demo page of the real server (issue 4, "Speed and size": ≤ 200 ms after the
// loader starts on localhost; one config request per page view).
//
// The real server is `node server/main.ts` (what `npm start` runs) in a child
// process, NODE_ENV=production, on a fresh database on the local PostgreSQL
// (dropped at the end), LOG_LEVEL=warn. The demo tenants allow the origin
// http://localhost:3000 only; so the server may run on any free port, the
// bench seeds copies of tenants/*.json whose allowedOrigins also name the
// bench's own origin (nothing else differs).
//
// Chromium: Debian's /usr/bin/chromium (or CHROMIUM_PATH), headless, driven
// over the DevTools protocol by puppeteer-core (no browser is downloaded).
// Each page view is cold: a new incognito context (empty HTTP cache), a new
// page, then /demo/{slug}. The widget is not instrumented (widget/ is not
// touched): a script injected before the page's own wraps attachShadow so a
// MutationObserver sees every change in the widget's shadow DOM; when the
// price total ([data-total]) first has text, the next requestAnimationFrame
// callback — the frame that paints it — marks `qm-price-painted`. The start
// ("the loader starts") is the moment the loader sets window.QuoteMaster,
// within its first statements: the injected script watches that property with a setter, which
// marks `qm-loader-runs`. embed.js's Resource Timing entry gives two more
// starts for comparison: `responseEnd` (the loader has arrived; it runs once
// the host page's own parsing and layout let it) and `startTime` (requested).
// A second table splits the chain: Resource Timing of the main chunk, the
// config and the first estimate, and the price's marks, from the loader's start.
// Config requests are counted per page view from the DevTools network events.
// Any CSP violation, console error or page error fails the bench (exit 1).
//
// The widget files each view fetched (/embed.js, /widget/*.js) must be one of
// the page views `npm run size` counts (test/perf/widget-views.ts); the bench
// fails otherwise, so the size budget is checked against what a view loads.
//
// Prints a table, then as the last line one JSON object:
// {"first_paint_ms_p50", "first_paint_ms_p95", "widget_first_paint_ms_p50", "widget_first_paint_ms_p95",
//  "config_requests_per_view", "loader_gzip_bytes", "view_gzip_bytes", "total_gzip_bytes"}
// (first_paint: the price's; widget_first_paint: the widget's first content, skeleton or form)
// (view_gzip_bytes: the widget files one view fetched; total: every built file)
// (first paint measured from the loader's start; the target is met when p95 ≤ 200 ms). Knobs: WIDGET_BENCH_LOADS
// (default 20), WIDGET_BENCH_SLUG (default brightside-painting).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import puppeteer, { type Browser } from 'puppeteer-core';
import { ADMIN_URL } from '../helpers/test-database.ts';
import { freePort } from '../../server/db/embedded-postgres.ts';
import { tenantsAllowing } from '../helpers/tenants-allowing.ts';
import { productionJwks, withoutDevelopmentKeys } from '../helpers/production.ts';
import { widgetSizes } from './widget-views.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const DIST = join(ROOT, 'dist', 'widget');
const LOADS = Number(process.env.WIDGET_BENCH_LOADS ?? 20);
const WARMUP_LOADS = 3;
const SLUG = process.env.WIDGET_BENCH_SLUG ?? 'brightside-painting';
const TARGET_MS = 200;
const WATCHDOG_MS = 180_000;
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

// ---------------------------------------------------------------------------
// The server.
// ---------------------------------------------------------------------------

function startServer(env: Record<string, string>): Promise<{ process: ChildProcess; url: string; exited: Promise<number | null> }> {
  const child = spawn(process.execPath, [join(ROOT, 'server', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  let output = '';
  return new Promise((ready, failed) => {
    const timer = setTimeout(() => failed(new Error(`the server did not start within 30 s:\n${output}`)), 30_000);
    let started = false;
    const onData = (chunk: Buffer): void => {
      if (started) {
        process.stderr.write(`[server] ${chunk.toString()}`);
        return;
      }
      output += chunk.toString();
      const match = /at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        started = true;
        clearTimeout(timer);
        ready({ process: child, url: match[1] as string, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      if (!started) {
        clearTimeout(timer);
        failed(new Error(`the server exited with ${code} before listening:\n${output}`));
      }
    });
  });
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}


// ---------------------------------------------------------------------------
// One cold page view.
// ---------------------------------------------------------------------------
interface View {
  /** ms from navigation start. */
  embedStart: number;
  embedEnd: number;
  painted: number;
  /** ms from navigation start to the loader's first statements (it sets window.QuoteMaster). */
  loaderRan: number;
  /** ms from the loader running (the headline) / embed.js's responseEnd / its startTime to the price's paint. */
  fromLoaderRun: number;
  fromLoaderEnd: number;
  fromLoaderStart: number;
  /** ms from the loader running to each step of the chain (Resource Timing and the marks). */
  steps: Record<string, number>;
  configRequests: number;
  configStatuses: number[];
  requests: number;
  /** The widget's own files fetched, by name (embed.js, main-….js, de-….js …), sorted. */
  widgetFiles: string[];
}

/** Runs in the page before its own scripts: watches the widget's shadow root for the price. (A string: the server's tsconfig has no DOM types.) */
const INSTRUMENT = `(() => {
  window.__qm = { problems: [] };
  // The loader's first act is to set window.QuoteMaster: that moment is "the loader starts".
  let quoteMaster;
  Object.defineProperty(window, 'QuoteMaster', {
    configurable: true,
    enumerable: true,
    get: () => quoteMaster,
    set: (value) => {
      if (quoteMaster === undefined) {
        performance.mark('qm-loader-runs');
        window.__qm.loaderRan = performance.now();
      }
      quoteMaster = value;
    },
  });
  document.addEventListener('securitypolicyviolation', (e) => window.__qm.problems.push('CSP: ' + e.violatedDirective + ' blocked ' + e.blockedURI));
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    if (this.localName === 'qm-widget') {
      let shown = false;
      const observer = new MutationObserver(() => {
        if (!shown && root.childElementCount > 0) {
          // The widget's first content (the skeleton, or the form when the config came first).
          shown = true;
          performance.mark('qm-widget-in-dom');
          requestAnimationFrame(() => performance.mark('qm-widget-painted'));
        }
        const total = root.querySelector('[data-total]');
        if (!total || !total.textContent.trim()) return;
        observer.disconnect();
        performance.mark('qm-price-in-dom');
        requestAnimationFrame(() => {
          performance.mark('qm-price-painted');
          window.__qm.painted = performance.now();
        });
      });
      observer.observe(root, { childList: true, subtree: true, characterData: true });
    }
    return root;
  };
})();`;

/** Read in the page after the paint: embed.js's Resource Timing entry and the marks. */
const READ_TIMING = `(() => {
  const embed = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/embed.js');
  const phases = {};
  for (const e of performance.getEntriesByType('resource')) {
    const path = new URL(e.name).pathname;
    const name = path.startsWith('/widget/main-') ? 'chunk' : path.endsWith('/config') ? 'config' : path.endsWith('/estimate') ? 'estimate' : null;
    if (name && !(name in phases)) phases[name] = { start: e.startTime, end: e.responseEnd };
  }
  return { embedStart: embed ? embed.startTime : NaN, embedEnd: embed ? embed.responseEnd : NaN, painted: window.__qm.painted ?? NaN, loaderRan: window.__qm.loaderRan ?? NaN, widgetPainted: performance.getEntriesByName('qm-widget-painted')[0]?.startTime ?? NaN, inDom: performance.getEntriesByName('qm-price-in-dom')[0]?.startTime ?? NaN, phases, problems: window.__qm.problems };
})()`;

async function view(browser: Browser, url: string): Promise<View> {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warn') problems.push(`console.${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page error: ${(error as Error).message}`));
    let requests = 0;
    const config: number[] = [];
    const widgetFiles = new Set<string>();
    page.on('request', (request) => {
      requests += 1;
      const file = /^\/(?:widget\/)?([^/]+\.js)$/.exec(new URL(request.url()).pathname)?.[1];
      if (file) widgetFiles.add(file);
    });
    page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
    });
    page.on('response', (response) => {
      if (/\/v1\/widget\/[^/]+\/config$/.test(new URL(response.url()).pathname)) config.push(response.status());
    });
    await page.evaluateOnNewDocument(INSTRUMENT);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction('window.__qm && window.__qm.painted !== undefined', { timeout: 10_000 }).catch(async (error: unknown) => {
      const state = await page.evaluate(`JSON.stringify({ problems: window.__qm.problems, defined: !!customElements.get('qm-widget'), shadow: document.querySelector('qm-widget')?.shadowRoot?.innerHTML.slice(0, 500) ?? null })`);
      throw new Error(`${url}: no price painted within 10 s: ${String(state)}\n  ${problems.join('\n  ')}`, { cause: error });
    });
    // Let anything late (a second config fetch, an estimate) show up before counting.
    await new Promise((done) => setTimeout(done, 300));
    const timing = (await page.evaluate(READ_TIMING)) as {
      embedStart: number;
      embedEnd: number;
      painted: number;
      loaderRan: number;
      widgetPainted: number;
      inDom: number;
      phases: Partial<Record<'chunk' | 'config' | 'estimate', { start: number; end: number }>>;
      problems: string[];
    };
    problems.push(...timing.problems);
    const sinceLoader = (at: number | undefined): number => (at ?? NaN) - timing.loaderRan;
    if (problems.length > 0) throw new Error(`${url}:\n  ${problems.join('\n  ')}`);
    return {
      embedStart: timing.embedStart,
      embedEnd: timing.embedEnd,
      painted: timing.painted,
      loaderRan: timing.loaderRan,
      fromLoaderRun: timing.painted - timing.loaderRan,
      fromLoaderEnd: timing.painted - timing.embedEnd,
      fromLoaderStart: timing.painted - timing.embedStart,
      steps: {
        'widget first painted (skeleton or form)': sinceLoader(timing.widgetPainted),
        'main chunk requested': sinceLoader(timing.phases.chunk?.start),
        'main chunk arrived': sinceLoader(timing.phases.chunk?.end),
        'config requested': sinceLoader(timing.phases.config?.start),
        'config arrived': sinceLoader(timing.phases.config?.end),
        'estimate requested': sinceLoader(timing.phases.estimate?.start),
        'estimate arrived': sinceLoader(timing.phases.estimate?.end),
        'price in the DOM': sinceLoader(timing.inDom),
        'price painted': sinceLoader(timing.painted),
      },
      configRequests: config.length,
      configStatuses: config,
      requests,
      widgetFiles: [...widgetFiles].sort(),
    };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------
const quantile = (sorted: number[], q: number): number => {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index] as number;
};
const ms = (value: number): string => value.toFixed(1);

async function main(): Promise<void> {
  if (!existsSync(join(DIST, 'embed.js'))) {
    console.log('dist/widget/ is missing: building it (rollup)…');
    const built = spawnSync(process.execPath, [join(ROOT, 'node_modules', '.bin', 'rollup'), '-c', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the widget build failed');
  }
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dbName = `qm_bench_widget_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const work = mkdtempSync(join(tmpdir(), 'qm-widget-bench-'));
  let dbCreated = false;
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let browser: Browser | undefined;

  const cleanUp = async (): Promise<void> => {
    await browser?.close().catch(() => undefined);
    browser = undefined;
    if (server && server.process.exitCode === null) {
      server.process.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((done) => setTimeout(done, 15_000).unref())]);
      if (server.process.exitCode === null) server.process.kill('SIGKILL');
    }
    if (dbCreated) {
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`)).catch((error: unknown) =>
        console.error(`could not drop database ${dbName}: ${(error as Error).message}`),
      );
      dbCreated = false;
    }
    rmSync(work, { recursive: true, force: true });
  };
  const abort = (why: string): void => {
    console.error(why);
    void cleanUp().finally(() => process.exit(1));
  };
  const watchdog = setTimeout(() => abort(`widget bench: still running after ${WATCHDOG_MS / 1000} s; stopping`), WATCHDOG_MS);
  watchdog.unref();
  process.once('SIGINT', () => abort('widget bench: interrupted'));
  process.once('SIGTERM', () => abort('widget bench: terminated'));

  try {
    await admin((client) => client.query(`CREATE DATABASE ${dbName}`));
    dbCreated = true;
    const dbUrl = new URL(ADMIN_URL);
    dbUrl.pathname = `/${dbName}`;
    tenantsAllowing(origin, join(work, 'tenants'), withoutDevelopmentKeys);
    server = await startServer({
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: origin,
      DATABASE_URL: dbUrl.toString(),
      APP_SECRET: randomBytes(32).toString('base64url'),
      LOG_LEVEL: 'warn',
      DATA_DIR: join(work, 'data'),
      TENANTS_DIR: join(work, 'tenants'),
      THEMES_DIR: join(ROOT, 'themes'),
      OIDC_JWKS: await productionJwks(),
      OUTBOX_WORKER: 'false', // a web replica, as deployed: the outbox worker runs in its own process
    });
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    const url = `${server.url}/demo/${SLUG}`;
    console.log(`widget first paint: ${WARMUP_LOADS} warm-up + ${LOADS} cold page views of ${url} in ${await browser.version()}`);

    for (let i = 0; i < WARMUP_LOADS; i++) await view(browser, url);
    const views: View[] = [];
    for (let i = 0; i < LOADS; i++) views.push(await view(browser, url));

    console.log('\n| view | embed.js start ms | embed.js end ms | loader runs ms | price painted ms | paint − loader runs | paint − embed.js end | paint − embed.js start | config requests | requests |');
    console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
    views.forEach((v, i) =>
      console.log(
        `| ${i + 1} | ${ms(v.embedStart)} | ${ms(v.embedEnd)} | ${ms(v.loaderRan)} | ${ms(v.painted)} | ${ms(v.fromLoaderRun)} | ${ms(v.fromLoaderEnd)} | ${ms(v.fromLoaderStart)} | ${v.configRequests} (${v.configStatuses.join(', ')}) | ${v.requests} |`,
      ),
    );
    const fromRun = views.map((v) => v.fromLoaderRun).sort((a, b) => a - b);
    const fromEnd = views.map((v) => v.fromLoaderEnd).sort((a, b) => a - b);
    const fromStart = views.map((v) => v.fromLoaderStart).sort((a, b) => a - b);
    const fromNavigation = views.map((v) => v.painted).sort((a, b) => a - b);
    console.log('\n| from | p50 ms | p95 ms | min ms | max ms |');
    console.log('| --- | ---: | ---: | ---: | ---: |');
    for (const [name, sorted] of [['the loader runs (headline)', fromRun], ['embed.js responseEnd (the loader has arrived)', fromEnd], ['embed.js startTime (the loader was requested)', fromStart], ['navigation start', fromNavigation]] as const) {
      console.log(`| ${name} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.95))} | ${ms(sorted[0] as number)} | ${ms(sorted.at(-1) as number)} |`);
    }
    console.log('\n| step, ms after the loader runs | p50 | p95 |');
    console.log('| --- | ---: | ---: |');
    for (const step of Object.keys(views[0]?.steps ?? {})) {
      const sorted = views.map((v) => v.steps[step] as number).sort((a, b) => a - b);
      console.log(`| ${step} | ${ms(quantile(sorted, 0.5))} | ${ms(quantile(sorted, 0.95))} |`);
    }
    const configCounts = new Set(views.map((v) => v.configRequests));
    const configPerView = views.reduce((sum, v) => sum + v.configRequests, 0) / views.length;
    const size = widgetSizes(DIST);
    console.log('\n| file | gzip bytes |');
    console.log('| --- | ---: |');
    for (const { file, bytes } of size.files) console.log(`| ${file} | ${bytes} |`);
    // What the views fetched must be a view `npm run size` counts.
    const fetched = new Set(views.map((v) => v.widgetFiles.join(' + ')));
    const counted = size.views.find((v) => [...v.files].sort().join(' + ') === [...fetched][0]);
    console.log(`\nwidget files fetched per view: ${[...fetched].join(' | ')}`);
    if (fetched.size !== 1 || !counted) {
      console.log('MISMATCH: not a page view that `npm run size` counts');
      process.exitCode = 1;
    } else {
      console.log(`= \`npm run size\`'s "${counted.name}": ${counted.bytes} gzip bytes`);
    }
    const p50 = Number(quantile(fromRun, 0.5).toFixed(1));
    const p95 = Number(quantile(fromRun, 0.95).toFixed(1));
    const shown = views.map((v) => v.steps['widget first painted (skeleton or form)'] as number).sort((a, b) => a - b);
    const shownP50 = Number(quantile(shown, 0.5).toFixed(1));
    const shownP95 = Number(quantile(shown, 0.95).toFixed(1));
    const verdict = (ms: number): string => (ms <= TARGET_MS ? 'met' : 'MISSED');
    console.log(`\nafter the loader starts (target ≤ ${TARGET_MS} ms, judged on p95):`);
    console.log(`  the widget's first paint (skeleton or form): p50 ${shownP50} ms, p95 ${shownP95} ms: ${verdict(shownP95)}`);
    console.log(`  the price's first paint (the headline):       p50 ${p50} ms, p95 ${p95} ms: ${verdict(p95)}`);
    console.log(`config requests per view: ${[...configCounts].join(', ')} (must be 1): ${configCounts.size === 1 && configCounts.has(1) ? 'met' : 'MISSED'}`);
    console.log(
      JSON.stringify({
        first_paint_ms_p50: p50,
        first_paint_ms_p95: p95,
        widget_first_paint_ms_p50: shownP50,
        widget_first_paint_ms_p95: shownP95,
        config_requests_per_view: configPerView,
        loader_gzip_bytes: size.loader,
        view_gzip_bytes: counted?.bytes ?? null,
        total_gzip_bytes: size.total,
      }),
    );
    if (!(configCounts.size === 1 && configCounts.has(1))) process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
});
