// Brings the database up for the process: the embedded PostgreSQL when no
// DATABASE_URL is set, migrations on the owner connection, the application
// role and its grants, and then the application's own connection pool.
import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { DEFAULT_APP_ROLE, ensureAppRole, grantAppRole } from './app-role.ts';
import { connect, createDatabase, type Database } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { createMigrator } from './migrate.ts';

export interface DatabaseOptions {
  databaseUrl: string | undefined;
  databaseAppUrl: string | undefined;
  poolMax: number;
  dataDir: string;
  /** Derives the app role's password when the app connection is not configured. */
  appSecret: string;
}

export interface OpenDatabase {
  database: Database;
  /** The application role's connection URL (tests use it to prove row-level security). */
  appUrl: string;
  stop(): Promise<void>;
}

/** The owner URL with another user and password. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = encodeURIComponent(password);
  return parsed.toString();
}

export async function openDatabase(options: DatabaseOptions, logger: Logger): Promise<OpenDatabase> {
  const embedded = options.databaseUrl ? null : await startEmbeddedPostgres(options.dataDir, logger);
  const ownerUrl = options.databaseUrl ?? (embedded?.url as string);
  try {
    const owner = connect(ownerUrl, { poolMax: 2 });
    let appUrl: string;
    try {
      await createMigrator(owner, logger).up();
      if (options.databaseAppUrl) {
        appUrl = options.databaseAppUrl;
      } else {
        const password = createHmac('sha256', options.appSecret).update('qm_app database role').digest('base64url');
        await ensureAppRole(owner, DEFAULT_APP_ROLE, password);
        appUrl = withCredentials(ownerUrl, DEFAULT_APP_ROLE, password);
      }
      await grantAppRole(owner, decodeURIComponent(new URL(appUrl).username));
    } finally {
      await owner.close();
    }
    const database = createDatabase(connect(appUrl, { poolMax: options.poolMax }));
    await database.ping();
    return {
      database,
      appUrl,
      async stop() {
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
