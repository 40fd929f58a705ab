// The interpreter pipeline with real parts: the official SDKs against fakes
// of OpenAI and Anthropic, a real breaker store, quotas and usage rows in a
// real PostgreSQL. The clock is injected so that cooldowns pass at once.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createDatabase, connect, type Database } from '../../server/db/database.ts';
import type { BreakerSettings, BreakerStore } from '../../server/ai/breaker.ts';
import { createInterpreter, type InterpreterDeps } from '../../server/ai/create-interpreter.ts';
import { QuotaExceededError } from '../../server/ai/errors.ts';
import { createMemoryBreakerStore } from '../../server/ai/memory-breaker-store.ts';
import { createPriceTable } from '../../server/ai/price-table.ts';
import { createAnthropicProvider } from '../../server/ai/providers/anthropic-provider.ts';
import { createOpenAiProvider } from '../../server/ai/providers/openai-provider.ts';
import { createPostgresQuotaStore } from '../../server/ai/quota.ts';
import type { Candidate } from '../../server/ai/router.ts';
import { startFakeLlm, type FakeLlm } from '../../server/ai/testing/fake-llm-server.ts';
import { createUsageLog } from '../../server/ai/usage.ts';
import type { TenantService, TenantSnapshot } from '../../server/tenants/tenant-snapshot.ts';
import { localDate } from '../../server/time.ts';
import { query } from '../helpers/test-database.ts';
import { PAINTER_KEY, startTestServer, type TestServer } from '../helpers/test-server.ts';

const settings: BreakerSettings = { windowMs: 60_000, minRequests: 3, failureRate: 0.5, baseCooldownMs: 1000, maxCooldownMs: 8000, halfOpenProbes: 1, probeLeaseMs: 5000 };
const prices = createPriceTable();
const ANSWER = { answer: { fields: { rooms: 2, size: 'small' }, confidence: 0.9 }, usage: { input: 400, output: 40 } };

let app: TestServer;
let db: Database;
let openai: FakeLlm;
let anthropic: FakeLlm;
let tenant: TenantSnapshot;
let service: TenantService;
let now = 0;
const clock = { now: () => now, sleep: async (ms: number) => void (now += ms), random: () => 0.5 };

function candidate(fake: FakeLlm, model: string): Candidate {
  const settings = { apiKey: 'test-key', baseURL: fake.baseURL, model };
  const provider = fake.wire === 'openai' ? createOpenAiProvider(settings) : createAnthropicProvider(settings);
  return { provider, price: prices.priceOf(fake.wire, model), key: `${fake.wire}:${model}` };
}

function build(overrides: Partial<InterpreterDeps> = {}): { interpret: ReturnType<typeof createInterpreter>; breakers: BreakerStore } {
  const breakers = overrides.breakers ?? createMemoryBreakerStore(settings);
  const interpret = createInterpreter({
    candidates: [candidate(openai, 'gpt-5-mini'), candidate(anthropic, 'claude-haiku-4-5')],
    breakers,
    quotas: createPostgresQuotaStore(db),
    usage: createUsageLog(db),
    prices,
    limits: { interpretations: 1_000_000, tokens: 1_000_000_000 },
    retry: { maxAttempts: 1, attemptTimeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 100, retryAfterCapMs: 2000 },
    clock,
    ...overrides,
  });
  return { interpret, breakers };
}

const reset = (): void => {
  openai.requests.length = 0;
  anthropic.requests.length = 0;
  openai.setDefault(() => ANSWER);
  anthropic.setDefault(() => ANSWER);
};

const setup = async (): Promise<void> => {
  app = await startTestServer();
  db = createDatabase(connect(app.databaseAppUrl, { poolMax: 4 }));
  openai = await startFakeLlm('openai');
  anthropic = await startFakeLlm('anthropic');
  tenant = await app.tenants.byPublishableKey(PAINTER_KEY);
  service = tenant.services[0]!;
};
const teardown = async (): Promise<void> => {
  await Promise.all([openai.close(), anthropic.close(), db.close()]);
  await app.close();
};

const breaker = suite('interpreter: breakers and fallback');
breaker.before(setup);
breaker.after(teardown);
breaker.before.each(reset);

breaker('provider A failing → open after the threshold, traffic to B, a half-open probe after the cooldown, closed on its success', async () => {
  const { interpret, breakers } = build();
  openai.setDefault(() => ({ status: 500 }));
  for (let i = 0; i < 3; i++) assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'anthropic');
  assert.is(openai.requests.length, 3);
  assert.is((await breakers.snapshot('openai:gpt-5-mini', now)).state, 'open');

  // open: A is not called at all, B answers
  const answer = await interpret(tenant, service, 'two small rooms');
  assert.is(answer.provider, 'anthropic');
  assert.equal(answer.fields, { rooms: 2, size: 'small' });
  assert.is(openai.requests.length, 3, 'an open breaker does not call the provider');

  // after the cooldown one probe goes to A; A has recovered; the breaker closes
  now += 1000;
  openai.setDefault(() => ANSWER);
  assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'openai');
  assert.is(openai.requests.length, 4);
  assert.is((await breakers.snapshot('openai:gpt-5-mini', now)).state, 'closed');
  assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'openai');
});

breaker('a failed probe reopens the breaker with a longer cooldown', async () => {
  const { interpret, breakers } = build();
  openai.setDefault(() => ({ status: 500 }));
  for (let i = 0; i < 3; i++) await interpret(tenant, service, 'two small rooms');
  now += 1000;
  await interpret(tenant, service, 'two small rooms'); // the probe fails
  const reopened = await breakers.snapshot('openai:gpt-5-mini', now);
  assert.is(reopened.state, 'open');
  assert.is(reopened.until - now, 2000);
  now += 1999;
  const calls = openai.requests.length;
  await interpret(tenant, service, 'two small rooms');
  assert.is(openai.requests.length, calls);
});

breaker('429 and usage limits open the breaker at once, for the Retry-After', async () => {
  const { interpret, breakers } = build();
  openai.next({ status: 429, retryAfter: '3' });
  assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'anthropic');
  const snapshot = await breakers.snapshot('openai:gpt-5-mini', now);
  assert.is(snapshot.state, 'open');
  assert.is(snapshot.until - now, 3000);
  anthropic.next({ usageLimit: 400 });
  now += 3000;
  openai.next({ status: 500 }); // the probe fails too: nothing remote answers
  assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'local');
  assert.is((await breakers.snapshot('anthropic:claude-haiku-4-5', now)).state, 'open');
});

breaker('all remote providers down (500, timeout, malformed) → the local provider answers', async () => {
  const { interpret } = build({ retry: { maxAttempts: 1, attemptTimeoutMs: 200, baseDelayMs: 10, maxDelayMs: 100, retryAfterCapMs: 2000 } });
  openai.next({ hang: true });
  anthropic.next({ malformed: true });
  const answer = await interpret(tenant, service, 'three big bedrooms, ceilings too, ASAP');
  assert.equal(answer, { fields: { rooms: 3, size: 'large', ceilings: true, timing: 'rush' }, confidence: 1, missing: [], provider: 'local' });
});

breaker('every open breaker: the local provider answers without calling anyone', async () => {
  const { interpret, breakers } = build();
  for (const key of ['openai:gpt-5-mini', 'anthropic:claude-haiku-4-5']) await breakers.record(key, { kind: 'allow' }, { kind: 'trip' }, now);
  const answer = await interpret(tenant, service, 'two small rooms');
  assert.is(answer.provider, 'local');
  assert.is(openai.requests.length + anthropic.requests.length, 0);
});

breaker('retries a 500 at the same provider before moving on, within our own loop', async () => {
  const { interpret } = build({ retry: { maxAttempts: 2, attemptTimeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 100, retryAfterCapMs: 2000 } });
  openai.next({ status: 503, retryAfter: '1' });
  assert.is((await interpret(tenant, service, 'two small rooms')).provider, 'openai');
  assert.is(openai.requests.length, 2);
  assert.is(anthropic.requests.length, 0);
});

breaker.run();

const routing = suite('interpreter: routing and escalation');
routing.before(setup);
routing.after(teardown);
routing.before.each(reset);

const models = (fake: FakeLlm): string[] => fake.requests.map((r) => String(r.body.model));

routing('short and simple → the cheapest capable model; long or many fields → a strong one first', async () => {
  const { interpret } = build({ candidates: [candidate(anthropic, 'claude-sonnet-4-6'), candidate(openai, 'gpt-5'), candidate(anthropic, 'claude-haiku-4-5'), candidate(openai, 'gpt-5-mini')] });
  await interpret(tenant, service, 'two rooms');
  assert.equal(models(openai), ['gpt-5-mini']);
  reset();
  await interpret(tenant, service, 'Three large bedrooms, with the ceilings, and it is urgent, this week please');
  assert.equal(models(openai), ['gpt-5'], 'four fields stated: strong, cheapest strong first');
  reset();
  await interpret(tenant, service, `rooms: 2. ${'We have just moved in and the walls are in a sorry state. '.repeat(6)}`);
  assert.equal(models(openai), ['gpt-5'], 'long text: strong');
});

routing('an invalid answer escalates to a stronger model, skipping the other fast ones', async () => {
  const { interpret } = build({ candidates: [candidate(openai, 'gpt-5-mini'), candidate(anthropic, 'claude-haiku-4-5'), candidate(openai, 'gpt-5')] });
  openai.next({ answer: { fields: { rooms: 'two' }, confidence: 1 } });
  const answer = await interpret(tenant, service, 'two rooms');
  assert.is(answer.provider, 'openai');
  assert.equal(models(openai), ['gpt-5-mini', 'gpt-5']);
  assert.is(anthropic.requests.length, 0);
});

routing('an invalid answer from the strongest model → the local answer', async () => {
  const { interpret } = build({ candidates: [candidate(openai, 'gpt-5')] });
  openai.next({ text: 'I cannot help with that.' });
  assert.is((await interpret(tenant, service, 'two rooms')).provider, 'local');
});

routing.run();

const accounting = suite('interpreter: quotas and usage rows');
accounting.before(setup);
accounting.after(teardown);
accounting.before.each(reset);

accounting('a usage row per call: provider, model, tokens, cost from the price table, latency, outcome', async () => {
  const { interpret } = build({ candidates: [candidate(openai, 'gpt-5-mini'), candidate(anthropic, 'claude-haiku-4-5')], usage: createUsageLog(db) });
  const before = await query<{ n: string }>(app.database.url, 'SELECT count(*) AS n FROM ai_usage');
  openai.next({ status: 500 });
  await interpret(tenant, service, 'two small rooms');
  const rows = await query<Record<string, unknown>>(
    app.database.url,
    'SELECT tenant_id, service_key, provider, model, tokens_in, tokens_out, cost_micro_usd, latency_ms, outcome FROM ai_usage ORDER BY id OFFSET $1',
    [Number(before[0]!.n)],
  );
  assert.equal(rows, [
    { tenant_id: tenant.id, service_key: 'interior-painting', provider: 'openai', model: 'gpt-5-mini', tokens_in: 0, tokens_out: 0, cost_micro_usd: '0', latency_ms: 0, outcome: 'server' },
    // claude-haiku-4-5: $1 / $5 per million tokens → 400 × 1 + 40 × 5 = 600 µUSD
    { tenant_id: tenant.id, service_key: 'interior-painting', provider: 'anthropic', model: 'claude-haiku-4-5', tokens_in: 400, tokens_out: 40, cost_micro_usd: '600', latency_ms: 0, outcome: 'success' },
  ]);
});

accounting('reserves before the call and settles with the tokens used; over the limit → QuotaExceededError, nothing called', async () => {
  const period = localDate(tenant.timezone, new Date(now)).slice(0, 7);
  const quotas = createPostgresQuotaStore(db);
  const before = await quotas.used(tenant.id, period);
  const limits = { interpretations: before.interpretations + 2, tokens: 1_000_000 };
  const { interpret: limited } = build({ limits });
  await limited(tenant, service, 'two small rooms');
  assert.equal(await quotas.used(tenant.id, period), { interpretations: before.interpretations + 1, tokens: before.tokens + 440 });
  await limited(tenant, service, 'two small rooms');
  const calls = openai.requests.length;
  try {
    await limited(tenant, service, 'two small rooms');
    assert.unreachable('over quota');
  } catch (error) {
    assert.instance(error, QuotaExceededError);
    assert.is((error as QuotaExceededError).status, 429);
    assert.is((error as QuotaExceededError).code, 'quota_exceeded');
  }
  assert.is(openai.requests.length, calls);
});

accounting('the token allowance counts: a reservation that would pass it is refused', async () => {
  const { interpret } = build({ limits: { interpretations: 1_000_000, tokens: 100 } });
  try {
    await interpret(tenant, service, 'two small rooms');
    assert.unreachable('over the token allowance');
  } catch (error) {
    assert.is((error as QuotaExceededError).limit, 'tokens');
  }
  // the local provider alone reserves no tokens, so a spent token allowance does not stop it
  const { interpret: localOnly } = build({ candidates: [], limits: { interpretations: 1_000_000, tokens: 0 } });
  assert.is((await localOnly(tenant, service, 'two small rooms')).provider, 'local');
});

accounting.run();
