import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createReadiness } from './health.ts';

const readiness = suite('createReadiness');

readiness('is ready when every check answers and no shutdown has begun', async () => {
  const check = createReadiness({ database: async () => 1, redis: async () => 'PONG' }, () => false);
  assert.equal(await check(), { ready: true, checks: { database: 'ok', redis: 'ok' } });
});

readiness('is not ready when a check fails or takes too long, naming it', async () => {
  const check = createReadiness(
    { database: async () => Promise.reject(new Error('connection refused')), redis: () => new Promise(() => undefined) },
    () => false,
    50,
  );
  assert.equal(await check(), { ready: false, checks: { database: 'connection refused', redis: 'no answer within 50 ms' } });
});

readiness('turns not ready as soon as the shutdown begins', async () => {
  let stopping = false;
  const check = createReadiness({ database: async () => 1 }, () => stopping);
  assert.is((await check()).ready, true);
  stopping = true;
  assert.equal(await check(), { ready: false, checks: { database: 'ok', shutdown: 'the process is shutting down' } });
});

readiness.run();
