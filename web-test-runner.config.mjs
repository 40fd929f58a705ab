// Browser suites (@web/test-runner in Debian's Chromium) against the REAL
// server and database: a plugin starts it via startTestServer before the first
// test and stops it after the last. The test page is served from
// http://localhost:3000, an allowed origin of the demo painter tenant, so the
// widget's calls go through the same CORS check a tenant's site sees.
import { transformSync } from 'amaro';
import { chromeLauncher } from '@web/test-runner-chrome';
import { query } from './test/helpers/test-database.ts';
import { startTestServer } from './test/helpers/test-server.ts';

/** @type {import('./test/helpers/test-server.ts').TestServer | undefined} */
let api;
/**
 * A second real server with the real rate limiter on (QUOTE_RATE_LIMIT=1: one
 * submission per visitor and tenant an hour), its own database; started by the
 * first `limited-server` command, stopped with the first. The main server runs
 * without limits (test/helpers/test-server.ts), so suites can send many requests.
 * @type {Promise<import('./test/helpers/test-server.ts').TestServer> | undefined}
 */
let limited;

/** Serves widget/*.ts to the browser with its types stripped (as rollup.config.mjs does). */
const stripTypes = {
  name: 'strip-types',
  resolveMimeType: (context) => (context.path.endsWith('.ts') ? 'js' : undefined),
  transform(context) {
    if (!context.path.endsWith('.ts')) return undefined;
    return { body: transformSync(String(context.body), { mode: 'strip-only', filename: context.path }).code };
  },
};

const realServer = {
  name: 'real-server',
  async serverStart() {
    api = await startTestServer();
  },
  async serverStop() {
    await Promise.all([api?.close(), limited?.then((server) => server.close())]);
  },
};

/**
 * Server-side reads of the test server's database for the end-to-end suite
 * (widget/e2e.test.ts): `executeServerCommand('quote-by-number', { number, tenant })`
 * answers `{ quotes: [...] }`, the rows of that tenant (slug) with that number;
 * `executeServerCommand('limited-server')` answers `{ url }` of the second server, with one quote
 * submission per visitor and hour and one interpretation per tenant and month.
 * Always an object: a command answered with null counts as unknown to wtr.
 */
const serverCommands = {
  name: 'server-commands',
  async executeCommand({ command, payload }) {
    if (command === 'limited-server') {
      limited ??= startTestServer({ env: { QUOTE_RATE_LIMIT: '1', AI_MONTHLY_INTERPRETATIONS: '1' } });
      return { url: `${(await limited).url}/` };
    }
    if (command !== 'quote-by-number') return undefined;
    if (!api) throw new Error('quote-by-number: the test server is not running');
    const { number, tenant } = /** @type {{ number: string; tenant: string }} */ (payload);
    const quotes = await query(
      api.database.url,
      `SELECT q.number, t.slug AS tenant, q.service_key, q.fields, q.total::int AS total, q.currency, q.status, q.contact_name, q.contact_email
         FROM quotes q JOIN tenants t ON t.id = q.tenant_id
        WHERE q.number = $1 AND t.slug = $2`,
      [number, tenant],
    );
    return { quotes };
  },
};

export default {
  files: ['widget/**/*.test.ts'],
  nodeResolve: true,
  hostname: 'localhost',
  port: 3000,
  concurrency: 1,
  testsFinishTimeout: 60_000,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
      },
    }),
  ],
  plugins: [stripTypes, realServer, serverCommands],
  testFramework: { config: { timeout: 10_000 } },
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html lang="en"><head><title>widget tests</title><script>window.QM_API = ${JSON.stringify(api ? `${api.url}/` : '')};</script></head>` +
    `<body><script type="module" src="${testFramework}"></script></body></html>`,
};
