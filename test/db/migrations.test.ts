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

migrations('0007 turns the widget events into per-minute counters, and back', async () => {
  const database = await createTestDatabase();
  const owner = connect(database.url, { poolMax: 1 });
  const migrator = createMigrator(owner, pino({ level: 'silent' }));
  const tenant = '00000000-0000-4000-8000-000000000007';
  try {
    await migrator.up({ to: '0006-submit-quotes' });
    await query(
      database.url,
      `INSERT INTO tenants (id, slug, name, locale, currency, timezone, settings) VALUES ($1, 'm', 'M', 'en-US', 'USD', 'UTC', '{}');
       INSERT INTO events (tenant_id, type, service_key, data, occurred_at) VALUES
         ($1, 'config_loaded', NULL, '{}', '2026-12-02T10:00:05Z'),
         ($1, 'estimate_computed', 'rooms', '{"total": 1000}', '2026-12-02T10:00:10Z'),
         ($1, 'estimate_computed', 'rooms', '{"total": 3000}', '2026-12-02T10:00:50Z'),
         ($1, 'estimate_computed', 'rooms', '{"total": 500}', '2026-12-02T10:01:00Z'),
         ($1, 'quote_submitted', 'rooms', '{}', '2026-12-02T10:01:30Z')`.replaceAll('$1', `'${tenant}'`),
    );
    await migrator.up({ to: '0007-event-counts' });
    const counts = await query(database.url, "SELECT type, service_key, to_char(minute AT TIME ZONE 'UTC', 'HH24:MI') AS minute, count::int, total_sum::int FROM event_counts ORDER BY type, minute");
    assert.equal(counts, [
      { type: 'config_loaded', service_key: null, minute: '10:00', count: 1, total_sum: 0 },
      { type: 'estimate_computed', service_key: 'rooms', minute: '10:00', count: 2, total_sum: 4000 },
      { type: 'estimate_computed', service_key: 'rooms', minute: '10:01', count: 1, total_sum: 500 },
    ]);
    assert.equal(await query(database.url, 'SELECT type FROM events'), [{ type: 'quote_submitted' }]);
    await migrator.down({ to: '0007-event-counts' });
    const rows = await query(database.url, "SELECT type, (data->>'total')::int AS total FROM events ORDER BY type, total");
    assert.equal(rows, [
      { type: 'config_loaded', total: null },
      { type: 'estimate_computed', total: 500 },
      { type: 'estimate_computed', total: 2000 },
      { type: 'estimate_computed', total: 2000 },
      { type: 'quote_submitted', total: null },
    ]);
  } finally {
    await owner.close();
    await database.drop();
  }
});

migrations.run();
