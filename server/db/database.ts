// The one way the application reaches PostgreSQL. Every query on tenant data
// runs in withTenant(), a transaction that first sets app.tenant_id
// (transaction-local), so row-level security sees exactly one tenant.
import pg from 'pg';
import { QueryTypes, Sequelize, type Transaction } from 'sequelize';
import type { Logger } from 'pino';

/** A transaction's query surface. SQL uses $1… placeholders. */
export interface Tx {
  rows<T = Record<string, unknown>>(sql: string, bind?: unknown[]): Promise<T[]>;
  row<T = Record<string, unknown>>(sql: string, bind?: unknown[]): Promise<T | undefined>;
  /** Runs a statement; answers the number of rows it touched. */
  exec(sql: string, bind?: unknown[]): Promise<number>;
}

export interface Database {
  /** Runs `work` in a transaction scoped to one tenant (READ COMMITTED); commits when it resolves. */
  withTenant<T>(tenantId: string, work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs `work` with no tenant in scope: row-level security hides every tenant's rows. */
  withoutTenant<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
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

function txOf(sequelize: Sequelize, transaction: Transaction): Tx {
  return {
    async rows<T>(sql: string, bind: unknown[] = []) {
      return (await sequelize.query(sql, { bind, transaction, type: QueryTypes.SELECT })) as T[];
    },
    async row<T>(sql: string, bind: unknown[] = []) {
      const rows = (await sequelize.query(sql, { bind, transaction, type: QueryTypes.SELECT })) as T[];
      return rows[0];
    },
    async exec(sql: string, bind: unknown[] = []) {
      const [, result] = (await sequelize.query(sql, { bind, transaction, type: QueryTypes.RAW })) as [unknown, { rowCount?: number } | number];
      return typeof result === 'number' ? result : (result?.rowCount ?? 0);
    },
  };
}

/** The tenant-scoped data layer over the application's own connection. */
export function createDatabase(app: Sequelize): Database {
  return {
    async withTenant(tenantId, work) {
      if (!UUID.test(tenantId)) throw new Error(`not a tenant id: ${tenantId}`);
      return app.transaction(async (transaction) => {
        await app.query("SELECT set_config('app.tenant_id', $1, true)", { bind: [tenantId], transaction, type: QueryTypes.SELECT });
        return work(txOf(app, transaction));
      });
    },
    async withoutTenant(work) {
      return app.transaction(async (transaction) => work(txOf(app, transaction)));
    },
    async ping() {
      await app.query('SELECT 1', { type: QueryTypes.SELECT });
    },
    async close() {
      await app.close();
    },
  };
}
