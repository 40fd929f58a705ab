// Per-visitor limits on the widget endpoints: 429 rate_limited with Retry-After,
// shared between replicas when Redis is configured.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createTestDatabase, REDIS_URL } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer } from '../helpers/test-server.ts';

const limits = suite('rate limits');

limits('refuses the request past the per-minute widget limit with 429 and Retry-After', async () => {
  const app = await startTestServer({ env: { WIDGET_RATE_LIMIT: '3' } });
  try {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 4; i++) {
      last = await app.call(`/v1/widget/${PAINTER_KEY}/config`);
      statuses.push(last.status);
    }
    assert.equal(statuses, [200, 200, 200, 429]);
    const retryAfter = Number(last?.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After ${retryAfter}`);
    const { error } = await json(last as Response);
    assert.is(error.code, 'rate_limited');
    // preflights are not counted
    const preflight = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { method: 'OPTIONS', headers: { Origin: 'http://localhost:3000', 'Access-Control-Request-Method': 'GET' } });
    assert.is(preflight.status, 204);
  } finally {
    await app.close();
  }
});

limits('limits quote submissions per hour separately, and shares limits between replicas through Redis', async () => {
  const database = await createTestDatabase();
  const env = { QUOTE_RATE_LIMIT: '2', REDIS_URL };
  const a = await startTestServer({ database, env });
  const b = await startTestServer({ database, env });
  try {
    const submit = (app: typeof a, key: string) =>
      app.call(
        `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
        postJson({ fields: { rooms: 2 }, contact: { name: 'A', email: 'a@example.com' }, consent: true }, { 'Idempotency-Key': key }),
      );
    // Redis keys are per tenant id, which is new in this database, so earlier runs do not count.
    assert.is((await submit(a, 'one')).status, 201);
    assert.is((await submit(b, 'two')).status, 201);
    const third = await submit(a, 'three');
    assert.is(third.status, 429);
    assert.is((await json(third)).error.code, 'rate_limited');
    assert.ok(Number(third.headers.get('retry-after')) > 60);
    assert.is((await b.call(`/v1/widget/${PAINTER_KEY}/config`)).status, 200, 'other widget requests still pass');
  } finally {
    await a.close();
    await b.close();
    await database.drop();
  }
});

limits.run();
