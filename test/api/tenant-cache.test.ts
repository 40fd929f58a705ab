// Tenant configuration cached per replica; with Redis, a change on one replica
// reaches every other at once (pub/sub), without waiting for the cache to age.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_URL, createTestDatabase, query, REDIS_URL } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, startTestServer } from '../helpers/test-server.ts';

const cache = suite('tenant cache across replicas');

cache('with REDIS_URL, invalidating on one replica refreshes the other at once', async () => {
  const database = await createTestDatabase();
  const a = await startTestServer({ database, env: { REDIS_URL } });
  const b = await startTestServer({ database, env: { REDIS_URL } });
  try {
    assert.is((await json(await b.call(`/v1/widget/${PAINTER_KEY}/config`))).name, 'Brightside Painting');
    const [tenant] = await query<{ id: string }>(database.url, "UPDATE tenants SET name = 'Brightside & Sons' WHERE slug = 'brightside-painting' RETURNING id");
    // B still answers from its cache…
    assert.is((await json(await b.call(`/v1/widget/${PAINTER_KEY}/config`))).name, 'Brightside Painting');
    await a.tenants.invalidate(tenant?.id as string);
    // …until A announces the change (pub/sub: give the message up to 2 s to arrive).
    let name = '';
    for (let i = 0; i < 40 && name !== 'Brightside & Sons'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      name = (await json(await b.call(`/v1/widget/${PAINTER_KEY}/config`))).name;
    }
    assert.is(name, 'Brightside & Sons');
    const ready = await json(await a.call('/readyz'));
    assert.equal(ready, { status: 'ready', checks: { database: 'ok', redis: 'ok' } });
  } finally {
    await a.close();
    await b.close();
    await database.drop();
  }
});

cache('without Redis, each replica keeps its own cache and readiness checks only the database', async () => {
  const app = await startTestServer();
  try {
    const ready = await app.call('/readyz');
    assert.is(ready.status, 200);
    assert.equal(await json(ready), { status: 'ready', checks: { database: 'ok' } });
    const health = await app.call('/healthz');
    assert.equal(await json(health), { status: 'ok' });
  } finally {
    await app.close();
  }
});

cache('readiness turns 503 when the database stops answering', async () => {
  const database = await createTestDatabase();
  const app = await startTestServer({ database });
  try {
    await query(ADMIN_URL, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
    await query(ADMIN_URL, `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    await query(ADMIN_URL, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
    const response = await app.call('/readyz');
    assert.is(response.status, 503);
    const body = await json(response);
    assert.is(body.status, 'not_ready');
    assert.is.not(body.checks.database, 'ok');
    assert.is((await app.call('/healthz')).status, 200);
  } finally {
    await query(ADMIN_URL, `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    await app.close();
    await database.drop();
  }
});

cache.run();
