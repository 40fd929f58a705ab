// Start, seed, restart, refuse to start, shut down: the process around the API.
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { freePort } from '../../server/db/embedded-postgres.ts';
import { spawnMain, waitFor, waitForOutput } from '../helpers/spawn-server.ts';
import { createTestDatabase, query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, ROOT, startTestServer } from '../helpers/test-server.ts';

/**
 * Sends an estimate in two halves: the first now, then `stop()` is called,
 * then the rest — so the request is in flight while the server stops.
 */
function estimateAcrossStop(port: number | string, stop: () => void): Promise<{ status: number; text: string }> {
  const body = JSON.stringify({ fields: { rooms: 2, size: 'small' } });
  return new Promise((done, fail) => {
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: `/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', fail);
    req.write(body.slice(0, 10));
    setTimeout(() => {
      stop();
      setTimeout(() => req.end(body.slice(10)), 300);
    }, 200);
  });
}

function tenantsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-tenants-'));
  cpSync(join(ROOT, 'tenants'), dir, { recursive: true });
  return dir;
}

const seeding = suite('seeding tenant files');

seeding('running twice changes nothing, a restart keeps the data, and a changed service gets a new version', async () => {
  const database = await createTestDatabase();
  const tenantsDir = tenantsCopy();
  try {
    const first = await startTestServer({ database, env: { TENANTS_DIR: tenantsDir } });
    const quote = await json(
      await first.call(
        `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
        postJson({ fields: { rooms: 2 }, contact: { name: 'A', email: 'a@example.com' }, consent: true }, { 'Idempotency-Key': 'keep-me' }),
      ),
    );
    const snapshot = async () =>
      query<{ slug: string; updated_at: Date; versions: string }>(
        database.url,
        'SELECT t.slug, t.updated_at, (SELECT count(*) FROM service_versions v WHERE v.tenant_id = t.id) AS versions FROM tenants t ORDER BY slug',
      );
    const before = await snapshot();
    await first.close();

    const second = await startTestServer({ database, env: { TENANTS_DIR: tenantsDir } });
    assert.equal(await snapshot(), before, 'a second seed must not write');
    const [kept] = await query<{ number: string }>(database.url, 'SELECT number FROM quotes WHERE id = $1', [quote.id]);
    assert.is(kept?.number, quote.number);
    await second.close();

    const file = join(tenantsDir, 'brightside-painting.json');
    const tenant = JSON.parse(readFileSync(file, 'utf8'));
    tenant.services[0].pricing.lines[0].amount = 5900;
    tenant.services[0].tests = [];
    writeFileSync(file, JSON.stringify(tenant));
    const third = await startTestServer({ database, env: { TENANTS_DIR: tenantsDir } });
    const estimate = await json(await third.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 } })));
    assert.is(estimate.pricingVersion, 2);
    assert.is(estimate.lines[0].amount, 5900);
    const [stored] = await query<{ pricing_version: number }>(database.url, 'SELECT pricing_version FROM quotes WHERE id = $1', [quote.id]);
    assert.is(stored?.pricing_version, 1, 'a quote keeps the version it was priced with');
    await third.close();
  } finally {
    await database.drop();
  }
});

seeding('a tenant file that does not validate stops the start, naming the file and the path', async () => {
  const tenantsDir = tenantsCopy();
  const file = join(tenantsDir, 'brightside-painting.json');
  const tenant = JSON.parse(readFileSync(file, 'utf8'));
  tenant.services[0].pricing.lines[1].unitAmount = -5;
  writeFileSync(file, JSON.stringify(tenant));
  try {
    await startTestServer({ env: { TENANTS_DIR: tenantsDir } });
    assert.unreachable('the start should fail');
  } catch (error) {
    assert.match((error as Error).message, 'brightside-painting.json');
    assert.match((error as Error).message, 'services[0].pricing.lines[1].unitAmount');
  }
});

seeding.run();

const processes = suite('npm start (server/main.ts)');

processes('exits 1 with one message naming every bad variable', async () => {
  const spawned = spawnMain({ PORT: 'eighty', DATABASE_POOL_MAX: '0', REDIS_URL: 'http://nope' });
  assert.is(await spawned.exited, 1);
  for (const name of ['PORT', 'DATABASE_POOL_MAX', 'REDIS_URL']) assert.match(spawned.output(), name);
});

processes('exits 1 naming the bad tenant file and path', async () => {
  const tenantsDir = tenantsCopy();
  writeFileSync(join(tenantsDir, 'broken.json'), JSON.stringify({ slug: 'broken', name: 'Broken' }));
  const database = await createTestDatabase();
  try {
    const spawned = spawnMain({ DATABASE_URL: database.url, TENANTS_DIR: tenantsDir, PORT: String(await freePort()), DATA_DIR: mkdtempSync(join(tmpdir(), 'qm-')) });
    assert.is(await spawned.exited, 1);
    assert.match(spawned.output(), /broken\.json: locale: is required/);
  } finally {
    await database.drop();
  }
});

processes('with no DATABASE_URL runs on the embedded PostgreSQL, becomes ready, and stops cleanly on SIGTERM', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-embedded-'));
  chmodSync(dataDir, 0o755); // as root, PostgreSQL runs as the postgres user, which must reach the data directory
  const port = await freePort();
  const spawned = spawnMain({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  try {
    const took = await waitFor(`http://127.0.0.1:${port}/readyz`, 200, 60_000);
    assert.ok(took < 60_000);
    await waitForOutput(spawned, 'embedded PostgreSQL under', 10_000);
    const estimate = await fetch(`http://127.0.0.1:${port}/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2, size: 'small' } }));
    assert.is((await json(estimate)).total, 31300);
    const stopping = Date.now();
    spawned.child.kill('SIGTERM');
    assert.is(await spawned.exited, 0);
    assert.ok(Date.now() - stopping < 10_000, 'exits within 10 s');
  } finally {
    spawned.child.kill('SIGKILL');
  }
});

processes('on SIGTERM finishes the request in flight, then exits 0 (with DATABASE_URL)', async () => {
  const database = await createTestDatabase();
  const port = await freePort();
  const spawned = spawnMain({ PORT: String(port), DATABASE_URL: database.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'qm-')), LOG_LEVEL: 'warn' });
  try {
    await waitFor(`http://127.0.0.1:${port}/readyz`, 200, 30_000);
    const { status, text } = await estimateAcrossStop(port, () => spawned.child.kill('SIGTERM'));
    assert.is(status, 200);
    assert.is(JSON.parse(text).total, 31300);
    assert.is(await spawned.exited, 0);
  } finally {
    spawned.child.kill('SIGKILL');
    await database.drop();
  }
});

processes.run();

const shutdown = suite('graceful shutdown');

shutdown('lets an in-flight request finish after the stop begins', async () => {
  const app = await startTestServer();
  let stopped: Promise<void> = Promise.resolve();
  const { status, text } = await estimateAcrossStop(new URL(app.url).port, () => {
    stopped = app.close();
  });
  await stopped;
  assert.is(status, 200);
  assert.is(JSON.parse(text).total, 31300);
});

shutdown.run();
