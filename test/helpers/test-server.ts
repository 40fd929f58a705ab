// Starts the real application (startServer, as `npm start` does) on a free
// port against a fresh database, for integration suites to drive over HTTP.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Writable } from 'node:stream';
import { loadConfig } from '../../server/config.ts';
import { createLogger } from '../../server/logger.ts';
import { startServer, type RunningServer } from '../../server/start.ts';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

export const ROOT = resolve(import.meta.dirname, '..', '..');

export interface TestServer extends RunningServer {
  database: TestDatabase;
  /** The server's DATA_DIR (dev keys, the local mailbox under mail/). */
  dataDir: string;
  /** fetch() against the server: `call('/healthz')`. */
  call(path: string, init?: RequestInit): Promise<Response>;
  /** Stops the server and drops its database. */
  close(): Promise<void>;
}

export interface TestServerOptions {
  env?: Record<string, string>;
  /** Reuse a database (e.g. to test a restart); the caller drops it, unless `dropOnClose`. */
  database?: TestDatabase;
  /** With `database`: close() drops it too (a restarted server that replaces the first one). */
  dropOnClose?: boolean;
  /** Where the server's log lines go (at level info) instead of stdout. */
  logStream?: Writable;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-data-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    TENANTS_DIR: join(ROOT, 'tenants'),
    THEMES_DIR: join(ROOT, 'themes'),
    APP_SECRET: 'test-secret-test-secret-test-secret-0123',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SHUTDOWN_TIMEOUT_MS: '2000',
    // Suites send many requests from one IP; the limits have their own suite.
    WIDGET_RATE_LIMIT: '0',
    QUOTE_RATE_LIMIT: '0',
    // The outbox worker has its own suites (test/notify/); elsewhere it would only send the demo tenants' webhooks nowhere.
    OUTBOX_WORKER: 'false',
    ...options.env,
  });
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(config, options.logStream ? createLogger('info', options.logStream) : createLogger(config.logLevel));
  } catch (error) {
    // A start that fails (the suites that expect it do) leaves no database behind.
    if (!options.database) await database.drop();
    throw error;
  }
  return {
    ...running,
    database,
    dataDir: config.dataDir,
    call: (path, init) => fetch(`${running.url}${path}`, init),
    async close() {
      await running.stop();
      if (!options.database || options.dropOnClose) await database.drop();
    },
  };
}

export const PAINTER_KEY = 'pk_test_brightside';
export const PAINTER_ORIGIN = 'http://localhost:3000';

/** JSON POST helper. */
export function postJson(body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

/** A response's JSON body, loosely typed for assertions. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function json(response: Response): Promise<any> {
  return response.json();
}
