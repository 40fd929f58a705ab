// The one way the application reaches PostgreSQL. Every query on tenant data
// runs in withTenant(), a transaction that first sets app.tenant_id
// (transaction-local), so row-level security sees exactly one tenant; or it is
// a call to a SQL function that sets it first for its own transaction
// (statement(), submit_quotes: decision 0020).
import pg from 'pg';
import { QueryTypes, Sequelize } from 'sequelize';
import type { Logger } from 'pino';

/**
 * A transaction's query surface. SQL uses $1… placeholders. A `name` makes it
 * a prepared statement on each connection (parsed and planned once, worth it
 * for large statements on hot paths); one name must always mean one SQL text.
 */
export interface Tx {
  rows<T = Record<string, unknown>>(sql: string, bind?: unknown[], name?: string): Promise<T[]>;
  row<T = Record<string, unknown>>(sql: string, bind?: unknown[], name?: string): Promise<T | undefined>;
  /** Runs a statement; answers the number of rows it touched. */
  exec(sql: string, bind?: unknown[], name?: string): Promise<number>;
}

export interface Database {
  /** Runs `work` in a transaction scoped to one tenant (READ COMMITTED); commits when it resolves. */
  withTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` with no tenant in scope: row-level security hides every tenant's rows. */
  withoutTenant<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs one statement as a transaction of its own, with no tenant in scope: for a
   * SQL function that sets the tenant for its transaction itself (submit_quotes),
   * so the whole transaction is one round trip. Row-level security still applies.
   */
  statement<T = Record<string, unknown>>(sql: string, bind?: unknown[], name?: string): Promise<T[]>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A Sequelize instance on PostgreSQL with our pool settings. */
export function connect(url: string, options: { poolMax: number; logger?: Logger | undefined }): Sequelize {
  return new Sequelize(url, {
    dialect: 'postgres',
    dialectModule: pg,
    logging: options.logger ? (sql: string) => options.logger?.trace({ sql }, 'sql') : false,
    pool: { max: options.poolMax, min: 0, idle: 10_000, acquire: 10_000 },
    define: { underscored: true },
  });
}

function query(client: pg.Client, sql: string, bind: unknown[], name: string | undefined) {
  return name === undefined ? client.query(sql, bind) : client.query({ name, text: sql, values: bind });
}

function txOf(client: pg.Client): Tx {
  return {
    async rows<T>(sql: string, bind: unknown[] = [], name?: string) {
      return (await query(client, sql, bind, name)).rows as T[];
    },
    async row<T>(sql: string, bind: unknown[] = [], name?: string) {
      return (await query(client, sql, bind, name)).rows[0] as T | undefined;
    },
    async exec(sql: string, bind: unknown[] = [], name?: string) {
      return (await query(client, sql, bind, name)).rowCount ?? 0;
    },
  };
}

/**
 * The tenant-scoped data layer over the application's own connection.
 * Sequelize keeps the pool; transactions and queries go straight to the pg
 * connection, because Sequelize's per-query and per-transaction wrappers were
 * a quarter of a quote submission's CPU and cost a round trip each
 * (docs/performance.md, "HTTP"). BEGIN and the tenant setting travel together.
 */
export function createDatabase(app: Sequelize): Database {
  /** Runs `work` on a pooled connection; on failure the connection is rolled back, or dropped when that fails too. */
  const onConnection = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = (await app.connectionManager.getConnection({ type: 'write' })) as unknown as pg.Client;
    let result: T;
    try {
      result = await work(client);
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        app.connectionManager.releaseConnection(client as never);
      } catch {
        await app.connectionManager.destroyConnection(client as never);
      }
      throw error;
    }
    app.connectionManager.releaseConnection(client as never);
    return result;
  };
  const run = <T>(opening: string, work: (tx: Tx) => Promise<T>): Promise<T> =>
    onConnection(async (client) => {
      await client.query(opening);
      const result = await work(txOf(client));
      await client.query('COMMIT');
      return result;
    });
  return {
    async withTenant(tenantId, work) {
      // Inlined, not bound, so that it shares BEGIN's round trip; it is checked to be a UUID first.
      if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
      return run(`BEGIN; SELECT set_config('app.tenant_id', '${tenantId}', true)`, work);
    },
    async withoutTenant(work) {
      return run('BEGIN', work);
    },
    async statement<T>(sql: string, bind: unknown[] = [], name?: string) {
      return onConnection(async (client) => (await query(client, sql, bind, name)).rows as T[]);
    },
    async ping() {
      await app.query('SELECT 1', { type: QueryTypes.SELECT });
    },
    async close() {
      await app.close();
    },
  };
}
