// The monthly AI allowance holds across replicas: two app instances on one
// database (and one Redis, or none), 200 concurrent interpretations, never
// more answered than the limit.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query, REDIS_URL } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

const LIMIT = 37;
const REQUESTS = 200;

async function race(env: Record<string, string>): Promise<{ statuses: number[]; codes: string[]; a: TestServer }> {
  const a = await startTestServer({ env: { ...env, AI_MONTHLY_INTERPRETATIONS: String(LIMIT) } });
  const b = await startTestServer({ env: { ...env, AI_MONTHLY_INTERPRETATIONS: String(LIMIT) }, database: a.database });
  try {
    const responses = await Promise.all(
      Array.from({ length: REQUESTS }, (_, i) =>
        (i % 2 === 0 ? a : b).call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/interpret`, postJson({ text: `${(i % 30) + 1} rooms, ceilings too` })),
      ),
    );
    const bodies = await Promise.all(responses.map((r) => json(r)));
    return { statuses: responses.map((r) => r.status), codes: bodies.map((body) => body.error?.code ?? 'ok'), a };
  } finally {
    await b.stop();
  }
}

const quotas = suite('AI quota across two instances');

quotas(`on one Redis: ${REQUESTS} concurrent requests, exactly ${LIMIT} answered, the rest 429 quota_exceeded`, async () => {
  const { statuses, codes, a } = await race({ REDIS_URL });
  try {
    assert.is(statuses.filter((s) => s === 200).length, LIMIT);
    assert.is(statuses.filter((s) => s === 429).length, REQUESTS - LIMIT);
    assert.ok(codes.every((c) => c === 'ok' || c === 'quota_exceeded'), codes.join(','));
    const [usage] = await query<{ n: string }>(a.database.url, "SELECT count(*) AS n FROM ai_usage WHERE provider = 'local'");
    assert.is(Number(usage?.n), LIMIT, 'one usage row per answered interpretation');
  } finally {
    await a.close();
  }
});

quotas(`on PostgreSQL alone: ${REQUESTS} concurrent requests, exactly ${LIMIT} answered`, async () => {
  const { statuses, a } = await race({});
  try {
    assert.is(statuses.filter((s) => s === 200).length, LIMIT);
    assert.is(statuses.filter((s) => s === 429).length, REQUESTS - LIMIT);
    const [row] = await query<{ interpretations: number }>(a.database.url, 'SELECT interpretations FROM ai_quota_usage');
    assert.is(row?.interpretations, LIMIT);
  } finally {
    await a.close();
  }
});

quotas.run();
