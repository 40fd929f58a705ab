// Ordered, reversible migrations in migrations/, applied with umzug; the
// applied ones are recorded in the table "migrations".
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Logger } from 'pino';
import { QueryTypes, type Sequelize } from 'sequelize';
import { SequelizeStorage, Umzug } from 'umzug';

/** What a migration gets: SQL run on the owner connection, inside the migration's transaction. */
export interface MigrationContext {
  sql(text: string): Promise<void>;
}

interface MigrationModule {
  up(params: { context: MigrationContext }): Promise<void>;
  down(params: { context: MigrationContext }): Promise<void>;
}

export const MIGRATIONS_DIR = resolve(import.meta.dirname, '..', '..', 'migrations');

/** An umzug instance over migrations/*.ts; each migration runs in its own transaction. */
export function createMigrator(owner: Sequelize, logger: Logger, dir = MIGRATIONS_DIR): Umzug<MigrationContext> {
  const files = readdirSync(dir)
    .filter((file) => /^\d{4}-[\w-]+\.ts$/.test(file))
    .sort();
  const inTransaction = (step: 'up' | 'down', file: string) => async (): Promise<void> => {
    const module = (await import(pathToFileURL(join(dir, file)).href)) as MigrationModule;
    await owner.transaction(async (transaction) => {
      const context: MigrationContext = { sql: async (text) => void (await owner.query(text, { transaction, type: QueryTypes.RAW })) };
      await module[step]({ context });
    });
  };
  return new Umzug<MigrationContext>({
    migrations: files.map((file) => ({ name: file.replace(/\.ts$/, ''), up: inTransaction('up', file), down: inTransaction('down', file) })),
    context: { sql: async () => undefined },
    storage: new SequelizeStorage({ sequelize: owner, tableName: 'migrations' }),
    logger: { info: (m) => logger.info(m, 'migration'), warn: (m) => logger.warn(m, 'migration'), error: (m) => logger.error(m, 'migration'), debug: (m) => logger.debug(m, 'migration') },
  });
}
