// The outbox under concurrency and isolation: several workers share the work
// without delivering anything twice; a lease that runs out is taken over; the
// application role reaches outbox rows only in a tenant's scope, and finds due
// ones across tenants only through outbox_claim — which works even where the
// migration role is an ordinary role under row-level security (managed
// PostgreSQL), thanks to its own policy.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { grantAppRole } from '../../server/db/app-role.ts';
import { connect } from '../../server/db/database.ts';
import { createMigrator } from '../../server/db/migrate.ts';
import { withCredentials } from '../../server/db/open-database.ts';
import { ADMIN_URL, createTestDatabase, query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startSmtpPeer, startTestWorker, startWebhookPeer, TEST_SECRET, tenantsDirWith, waitUntil, type SmtpPeer, type TestWorker, type WebhookPeer } from '../helpers/notify.ts';

let app: TestServer;
let smtp: SmtpPeer;
let peer: WebhookPeer;
let n = 0;

async function submit(): Promise<{ id: string }> {
  const response = await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms: 1 + (n % 5) }, contact: { name: 'Ada', email: `visitor${n}@example.com` }, consent: true }, { 'Idempotency-Key': `outbox-${Date.now()}-${++n}` }),
  );
  assert.is(response.status, 201);
  return json(response);
}

const pending = async (): Promise<number> => Number((await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM outbox WHERE status = 'pending'"))[0]?.n);

const outbox = suite('outbox');
outbox.before(async () => {
  smtp = await startSmtpPeer();
  peer = await startWebhookPeer();
  const tenants = tenantsDirWith((slug, tenant) => {
    if (slug === 'brightside-painting') tenant.webhooks = [{ url: peer.url, secret: TEST_SECRET, events: ['quote.created'] }];
  });
  app = await startTestServer({ env: { TENANTS_DIR: tenants } });
});
outbox.after(async () => {
  await app.close();
  await smtp.close();
  await peer.close();
});

outbox('three workers at once deliver every message exactly once', async () => {
  const quotes = await Promise.all(Array.from({ length: 30 }, () => submit()));
  const workers: TestWorker[] = [0, 1, 2].map(() =>
    startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-many-')), smtpUrl: smtp.url, worker: { batchSize: 4, concurrency: 2 } }),
  );
  try {
    for (const w of workers) w.worker.start();
    await waitUntil('everything delivered', async () => (await pending()) === 0, 30_000);
  } finally {
    for (const w of workers) await w.shutdown();
  }
  const messageIds = smtp.mails.map((mail) => String(mail.parsed.messageId));
  assert.is(messageIds.length, 60, 'a visitor email and an alert per quote');
  assert.is(new Set(messageIds).size, 60, 'no email twice');
  const hookIds = peer.requests.map((r) => r.id);
  assert.is(hookIds.length, 30);
  assert.is(new Set(hookIds).size, 30, 'no webhook twice');
  assert.equal(new Set(peer.requests.map((r) => r.body.data.id)), new Set(quotes.map((q) => q.id)));
  const [counts] = await query<{ over: string }>(app.database.url, "SELECT count(*) FILTER (WHERE attempts <> 1) AS over FROM outbox WHERE status = 'delivered'");
  assert.is(Number(counts?.over), 0, 'every message in one attempt');
});

outbox('a message whose lease runs out is taken over; the late worker\'s outcome is ignored', async () => {
  const quote = await submit();
  const [claimed] = await query<{ id: string; tenant_id: string; attempts: number }>(app.databaseAppUrl, "SELECT * FROM outbox_claim('gone-worker', 10, 1000, now())");
  assert.ok(claimed, 'claimed by a worker that then disappears');
  assert.is(claimed?.attempts, 1);
  const again = await query(app.databaseAppUrl, "SELECT * FROM outbox_claim('other', 10, 1000, now())");
  assert.is(again.length, 0, 'leased: nobody else gets it meanwhile');
  const w = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-lease-')), smtpUrl: smtp.url });
  try {
    w.worker.start();
    await waitUntil('taken over and delivered', async () => (await pending()) === 0, 15_000);
  } finally {
    await w.shutdown();
  }
  const [row] = await query<{ status: string; attempts: number }>(app.database.url, 'SELECT status, attempts FROM outbox WHERE id = $1', [claimed?.id]);
  assert.equal(row, { status: 'delivered', attempts: 2 });
  // The vanished worker comes back and records a failure: its lease is gone, so nothing changes.
  await query(app.databaseAppUrl, `BEGIN; SELECT set_config('app.tenant_id', '${claimed?.tenant_id}', true); UPDATE outbox SET status = 'failed' WHERE id = '${claimed?.id}' AND locked_by = 'gone-worker'; COMMIT;`);
  const [after] = await query<{ status: string }>(app.database.url, 'SELECT status FROM outbox WHERE id = $1', [claimed?.id]);
  assert.is(after?.status, 'delivered');
  assert.ok(quote.id);
});

outbox('the application role sees outbox rows only in a tenant\'s scope; the claim answers ids only', async () => {
  await submit();
  for (const table of ['outbox', 'delivery_attempts', 'webhook_endpoints', 'tenant_notices', 'email_suppressions']) {
    const [row] = await query<{ n: string }>(app.databaseAppUrl, `SELECT count(*) AS n FROM ${table}`);
    assert.is(Number(row?.n), 0, `${table} without a tenant`);
  }
  const touched = await query(app.databaseAppUrl, "UPDATE outbox SET status = 'cancelled' RETURNING id");
  assert.is(touched.length, 0, 'no update across tenants');
  const claimed = await query<Record<string, unknown>>(app.databaseAppUrl, "SELECT * FROM outbox_claim('peek', 1, 1000, now())");
  assert.equal(Object.keys(claimed[0] ?? {}).sort(), ['attempts', 'id', 'kind', 'tenant_id']);
  await query(app.database.url, 'UPDATE outbox SET locked_until = NULL, locked_by = NULL');
  const [rls] = await query<{ relforcerowsecurity: boolean }>(app.database.url, "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'outbox'");
  assert.is(rls?.relforcerowsecurity, true);
});

outbox('a worker whose database goes away keeps trying, and still stops when asked', async () => {
  const database = await createTestDatabase();
  const owner = connect(database.url, { poolMax: 1 });
  await createMigrator(owner, pino({ level: 'silent' })).up();
  await owner.close();
  const w = startTestWorker(database.url, { dataDir: mkdtempSync(join(tmpdir(), 'qm-gone-')) });
  w.worker.start();
  assert.is(await w.worker.runOnce(), 0, 'nothing due');
  await database.drop();
  await new Promise((resolve) => setTimeout(resolve, 200));
  let failed = false;
  await w.worker.runOnce().catch(() => (failed = true));
  assert.ok(failed, 'claims fail while the database is gone');
  await w.shutdown();
});

outbox('outbox_claim finds due messages across tenants when the migration role is an ordinary role (managed PostgreSQL)', async () => {
  const suffix = randomBytes(4).toString('hex');
  const ownerRole = `qm_owner_${suffix}`;
  const appRole = `qm_app_${suffix}`;
  await query(ADMIN_URL, `CREATE ROLE ${ownerRole} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE`);
  await query(ADMIN_URL, `CREATE ROLE ${appRole} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE`);
  const database = await createTestDatabase();
  await query(ADMIN_URL, `ALTER DATABASE ${database.name} OWNER TO ${ownerRole}`);
  await query(database.url, `ALTER SCHEMA public OWNER TO ${ownerRole}`);
  const ownerUrl = withCredentials(database.url, ownerRole, '');
  const owner = connect(ownerUrl, { poolMax: 1 });
  try {
    await createMigrator(owner, pino({ level: 'silent' })).up();
    await grantAppRole(owner, appRole);
    const [who] = await query<{ rolsuper: boolean; rolbypassrls: boolean }>(ownerUrl, 'SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user');
    assert.equal(who, { rolsuper: false, rolbypassrls: false });
    const tenants = ['10000000-0000-4000-8000-000000000001', '20000000-0000-4000-8000-000000000002'];
    for (const [i, tenant] of tenants.entries()) {
      // The owner is under row-level security too (FORCE): it writes in a tenant's scope.
      await query(
        ownerUrl,
        `BEGIN; SELECT set_config('app.tenant_id', '${tenant}', true);
         INSERT INTO tenants (id, slug, name, locale, currency, timezone, settings) VALUES ('${tenant}', 't${i}', 'T', 'en', 'USD', 'UTC', '{}');
         INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, run_at, created_at) VALUES ('${tenant}', 'event', 'quote.created', 'k${i}', '{}', now(), now());
         COMMIT;`,
      );
    }
    const appUrl = withCredentials(database.url, appRole, '');
    const [seen] = await query<{ n: string }>(appUrl, 'SELECT count(*) AS n FROM outbox');
    assert.is(Number(seen?.n), 0, 'the app role alone sees nothing');
    const claimed = await query<{ tenant_id: string }>(appUrl, "SELECT * FROM outbox_claim('w', 10, 1000, now())");
    assert.equal(claimed.map((c) => c.tenant_id).sort(), tenants);
    const [owned] = await query<{ proowner: string; prosecdef: boolean }>(ownerUrl, "SELECT pg_get_userbyid(proowner) AS proowner, prosecdef FROM pg_proc WHERE proname = 'outbox_claim'");
    assert.equal(owned, { proowner: ownerRole, prosecdef: true });
    await createMigrator(owner, pino({ level: 'silent' })).down({ to: '0002-outbox' });
  } finally {
    await owner.close();
    await database.drop();
    await query(ADMIN_URL, `DROP ROLE ${appRole}`);
    await query(ADMIN_URL, `DROP ROLE ${ownerRole}`);
  }
});

outbox.run();
