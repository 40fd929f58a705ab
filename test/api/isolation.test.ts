// Tenant isolation twice over: the tenant-scoped layer, and PostgreSQL
// row-level security for the application's role underneath it.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { SUBMIT_QUOTES } from '../../server/quotes/submit-quote.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

const CLEANER_KEY = 'pk_test_glanzwerk';
let app: TestServer;

const rls = suite('row-level security for the application role');
rls.before(async () => {
  app = await startTestServer();
  await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms: 2 }, contact: { name: 'A', email: 'a@example.com' }, consent: true }, { 'Idempotency-Key': 'rls-1' }),
  );
});
rls.after(async () => {
  await app.close();
});

const TENANT_TABLES = [
  'tenants', 'services', 'service_versions', 'quote_counters', 'quotes', 'discount_code_uses', 'idempotency_keys', 'events', 'event_counts',
  'outbox', 'delivery_attempts', 'webhook_endpoints', 'tenant_notices', 'email_suppressions',
  'ai_usage', 'ai_quota_usage',
  'memberships', 'invites', 'api_keys', 'audit_log',
];

rls('the app connects as a role that is neither owner, superuser nor BYPASSRLS', async () => {
  const [role] = await query<{ current_user: string; rolsuper: boolean; rolbypassrls: boolean }>(
    app.databaseAppUrl,
    'SELECT current_user, r.rolsuper, r.rolbypassrls FROM pg_roles r WHERE r.rolname = current_user',
  );
  assert.is(role?.rolsuper, false);
  assert.is(role?.rolbypassrls, false);
  const owners = await query<{ tableowner: string }>(app.databaseAppUrl, 'SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = $1', ['public']);
  assert.not.ok(owners.some((o) => o.tableowner === role?.current_user));
});

rls('every tenant-scoped table has row-level security enabled and forced', async () => {
  const rows = await query<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
    app.database.url,
    "SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'",
    [TENANT_TABLES],
  );
  assert.is(rows.length, TENANT_TABLES.length);
  for (const row of rows) assert.ok(row.relrowsecurity && row.relforcerowsecurity, row.relname);
});

rls('without tenant context the app role sees 0 rows of every tenant table and cannot insert', async () => {
  const [owner] = await query<{ n: string }>(app.database.url, 'SELECT count(*) AS n FROM quotes');
  assert.ok(Number(owner?.n) > 0, 'the owner sees quotes (superuser)');
  for (const table of TENANT_TABLES) {
    const [row] = await query<{ n: string }>(app.databaseAppUrl, `SELECT count(*) AS n FROM ${table}`);
    assert.is(Number(row?.n), 0, table);
  }
  try {
    await query(app.databaseAppUrl, "INSERT INTO tenants (id, slug, name, locale, currency, timezone, settings) VALUES (gen_random_uuid(), 'intruder', 'I', 'en', 'USD', 'UTC', '{}')");
    assert.unreachable('the insert should have been refused');
  } catch (error) {
    assert.match((error as Error).message, 'row-level security');
  }
});

rls('with one tenant in context the app role sees only that tenant\'s rows and cannot write another\'s', async () => {
  const [painter] = await query<{ tenant_id: string }>(app.database.url, "SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = 'brightside-painting'");
  const [cleaner] = await query<{ tenant_id: string }>(app.database.url, "SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = 'glanzwerk-reinigung'");
  const scoped = async (tenantId: string, sql: string) =>
    query<{ n: string }>(app.databaseAppUrl, `WITH _ AS (SELECT set_config('app.tenant_id', $1, false)) SELECT (${sql}) AS n FROM _`, [tenantId]);
  assert.is(Number((await scoped(cleaner?.tenant_id as string, 'SELECT count(*) FROM quotes'))[0]?.n), 0);
  assert.ok(Number((await scoped(painter?.tenant_id as string, 'SELECT count(*) FROM quotes'))[0]?.n) > 0);
  assert.is(Number((await scoped(cleaner?.tenant_id as string, 'SELECT count(*) FROM tenants'))[0]?.n), 1);
  try {
    await query(app.databaseAppUrl, `BEGIN; SELECT set_config('app.tenant_id', '${cleaner?.tenant_id}', true); INSERT INTO events (tenant_id, type) VALUES ('${painter?.tenant_id}', 'config_loaded'); COMMIT;`);
    assert.unreachable('writing another tenant\'s row should be refused');
  } catch (error) {
    assert.match((error as Error).message, 'row-level security');
  }
});

rls('submit_quotes sets the tenant for its own transaction only: the connection sees no tenant after it', async () => {
  const [painter] = await query<{ tenant_id: string; service_id: string }>(
    app.database.url,
    "SELECT r.tenant_id, s.id AS service_id FROM tenant_refs r JOIN services s ON s.tenant_id = r.tenant_id AND s.key = 'interior-painting' WHERE r.kind = 'slug' AND r.value = 'brightside-painting'",
  );
  const client = new pg.Client({ connectionString: app.databaseAppUrl });
  await client.connect();
  try {
    const id = randomUUID();
    const one = <T>(value: T): T[] => [value];
    const { rows } = await client.query<{ key: string; fresh: boolean; number: string }>(
      SUBMIT_QUOTES,
      [
        painter?.tenant_id, 2026, one('rls-direct'), one('hash'), one(id), one(painter?.service_id), one('interior-painting'), one(1),
        one('{}'), one('{}'), one(100), one('USD'), one(null), one('A'), one('a@example.com'), one(null), one(null), one(new Date()),
        one(`token-${id}`), one(`hash-${id}`), one(new Date()), one(JSON.stringify({ id, number: null })), one('{}'),
      ],
    );
    assert.is(rows.length, 1);
    assert.ok(rows[0]?.fresh && /^Q-2026-\d{6}$/.test(rows[0].number));
    // The same connection, right after: no tenant, so no rows.
    const [setting] = (await client.query<{ tenant: string | null }>("SELECT current_setting('app.tenant_id', true) AS tenant")).rows;
    assert.ok(!setting?.tenant, `no tenant left on the connection (got ${setting?.tenant})`);
    const [count] = (await client.query<{ n: string }>('SELECT count(*) AS n FROM quotes')).rows;
    assert.is(Number(count?.n), 0);
  } finally {
    await client.end();
  }
  const [stored] = await query<{ tenant_id: string }>(app.database.url, "SELECT q.tenant_id FROM quotes q JOIN idempotency_keys k ON k.key = 'rls-direct' AND q.id = (k.response ->> 'id')::uuid");
  assert.is(stored?.tenant_id, painter?.tenant_id);
});

rls.run();

const routes = suite('widget routes with another tenant\'s key');
routes.before(async () => {
  app = await startTestServer();
});
routes.after(async () => {
  await app.close();
});

routes('another tenant\'s key cannot estimate, interpret or submit for this tenant\'s service', async () => {
  for (const action of ['estimate', 'interpret', 'quotes']) {
    const body = action === 'interpret' ? { text: 'two rooms' } : action === 'quotes' ? { fields: {}, contact: { name: 'X', email: 'x@example.com' }, consent: true } : { fields: {} };
    const response = await app.call(`/v1/widget/${CLEANER_KEY}/services/interior-painting/${action}`, postJson(body, { 'Idempotency-Key': `cross-${action}` }));
    assert.is(response.status, 404, action);
    assert.is((await json(response)).error.code, 'unknown_service', action);
  }
  const [row] = await query<{ n: string }>(app.database.url, 'SELECT count(*) AS n FROM quotes');
  assert.is(Number(row?.n), 0);
});

routes('the same Idempotency-Key in two tenants makes two independent quotes', async () => {
  const key = 'shared-key';
  const painter = await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms: 2 }, contact: { name: 'A', email: 'a@example.com' }, consent: true }, { 'Idempotency-Key': key }),
  );
  const cleanerConfig = await json(await app.call(`/v1/widget/${CLEANER_KEY}/config`));
  const cleaner = await app.call(
    `/v1/widget/${CLEANER_KEY}/services/${cleanerConfig.services[0].key}/quotes`,
    postJson({ fields: {}, contact: { name: 'B', email: 'b@example.com' }, consent: true }, { 'Idempotency-Key': key }),
  );
  assert.is(painter.status, 201);
  assert.is(cleaner.status, 201);
  const [p, c] = [await json(painter), await json(cleaner)];
  assert.is.not(p.id, c.id);
  // each tenant numbers its own quotes from 1
  assert.match(p.number, /-000001$/);
  assert.match(c.number, /-000001$/);
});

routes.run();
