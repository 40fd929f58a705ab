// Every migration is reversible: down then up again on a real database.
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { connect } from '../../server/db/database.ts';
import { createMigrator } from '../../server/db/migrate.ts';
import { createTestDatabase, query } from '../helpers/test-database.ts';

const migrations = suite('migrations');

migrations('apply, revert completely, and apply again', async () => {
  const database = await createTestDatabase();
  const owner = connect(database.url, { poolMax: 1 });
  const migrator = createMigrator(owner, pino({ level: 'silent' }));
  const tables = async () => (await query<{ tablename: string }>(database.url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1")).map((t) => t.tablename);
  try {
    const applied = await migrator.up();
    assert.ok(applied.length >= 1);
    const all = await tables();
    assert.ok(all.includes('quotes') && all.includes('tenants') && all.includes('idempotency_keys'));
    await migrator.down({ to: 0 });
    assert.equal(await tables(), []);
    assert.equal(await migrator.executed(), []);
    await migrator.up();
    assert.equal(await tables(), all);
  } finally {
    await owner.close();
    await database.drop();
  }
});

migrations.run();
