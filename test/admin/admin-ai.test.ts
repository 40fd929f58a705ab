// AI settings on the admin API against the real widget routes: the fill-in
// turned off (config's features.interpret false, interpret answers 403) and on
// again; the tenant's own monthly cap below the plan's, honoured by the quota
// (429 quota_exceeded); caps above the plan refused; this month's usage from
// ai_usage; audited; a viewer reads but does not change.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLEANER_SECRET, PAINTER_SECRET, withBearer } from '../helpers/admin.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

let app: TestServer;
const call = async (init: Parameters<typeof withBearer>[1] = {}, bearer = PAINTER_SECRET) => {
  const response = await app.call('/v1/admin/ai', withBearer(bearer, init));
  return { status: response.status, body: await json(response) };
};
const interpret = (text = 'Three rooms, walls only') => app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/interpret`, postJson({ text }));
const features = async () => (await json(await app.call(`/v1/widget/${PAINTER_KEY}/config`))).features;

const ai = suite('admin API: AI settings');
ai.before(async () => {
  app = await startTestServer({ env: { AI_MONTHLY_INTERPRETATIONS: '50', AI_MONTHLY_TOKENS: '100000' } });
});
ai.after(async () => {
  await app.close();
});

ai('defaults: the fill-in on, the plan\'s allowances, no usage yet', async () => {
  const { status, body } = await call();
  assert.is(status, 200);
  assert.equal({ ...body, usage: undefined }, { interpret: true, monthlyInterpretations: null, monthlyTokens: null, plan: { interpretations: 50, tokens: 100000 }, limits: { interpretations: 50, tokens: 100000 }, usage: undefined });
  assert.match(body.usage.period, /^\d{4}-\d{2}$/);
  assert.equal([body.usage.interpretations, body.usage.tokens, body.usage.costMicroUsd, body.usage.byModel], [0, 0, 0, []]);
  assert.is((await features()).interpret, true);
});

ai('usage of the month from ai_usage; a cap of the tenant\'s own is what the quota enforces', async () => {
  for (let i = 0; i < 2; i++) assert.is((await interpret()).status, 200);
  const usage = (await call()).body.usage;
  assert.is(usage.interpretations, 2);
  assert.is(usage.byModel.length, 1);
  assert.equal([usage.byModel[0].provider, usage.byModel[0].calls, usage.byModel[0].failures], ['local', 2, 0]);
  assert.is((await call({}, CLEANER_SECRET)).body.usage.interpretations, 0, 'another tenant\'s usage is its own');
  // A call of last month does not count in this one.
  await query(app.database.url, "INSERT INTO ai_usage (tenant_id, service_key, provider, model, tokens_in, tokens_out, cost_micro_usd, latency_ms, outcome, occurred_at) SELECT id, 'interior-painting', 'openai', 'gpt-x', 10, 10, 5, 1, 'success', now() - interval '40 days' FROM tenants WHERE slug = 'brightside-painting'");
  assert.is((await call()).body.usage.interpretations, 2);

  const capped = await call({ method: 'PATCH', body: { monthlyInterpretations: 3 } });
  assert.is(capped.status, 200);
  assert.equal([capped.body.monthlyInterpretations, capped.body.limits], [3, { interpretations: 3, tokens: 100000 }]);
  assert.is((await interpret()).status, 200, 'the third of three');
  const refused = await interpret();
  assert.is(refused.status, 429);
  assert.is((await json(refused)).error.code, 'quota_exceeded');
  assert.is((await call({ method: 'PATCH', body: { monthlyInterpretations: null } })).body.limits.interpretations, 50, 'back to the plan\'s');
  assert.is((await interpret()).status, 200);
});

ai('caps above the plan, and bad shapes, are refused; nothing changes', async () => {
  const over = await call({ method: 'PATCH', body: { monthlyInterpretations: 51, monthlyTokens: 100001 } });
  assert.is(over.status, 400);
  assert.equal(over.body.error.details.map((d: J) => d.path), ['monthlyInterpretations', 'monthlyTokens']);
  for (const body of [{}, { interpret: 'no' }, { monthlyTokens: -1 }, { monthlyTokens: 1.5 }, { model: 'gpt' }]) {
    assert.is((await call({ method: 'PATCH', body })).status, 400, JSON.stringify(body));
  }
  assert.is((await call()).body.monthlyInterpretations, null);
});

ai('the fill-in off: the widget\'s config says so and interpret answers 403; on again; audited; viewers read only', async () => {
  const off = await call({ method: 'PATCH', body: { interpret: false, monthlyTokens: 5000 } });
  assert.equal([off.body.interpret, off.body.limits.tokens], [false, 5000]);
  assert.is((await features()).interpret, false);
  const refused = await interpret();
  assert.is(refused.status, 403);
  assert.is((await json(refused)).error.code, 'forbidden');
  assert.is((await call({ method: 'PATCH', body: { interpret: true } })).body.interpret, true);
  assert.is((await features()).interpret, true);
  assert.is((await interpret()).status, 200);

  const viewer = await signIn(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' });
  assert.is((await call({}, viewer.accessToken)).status, 200);
  assert.is((await call({ method: 'PATCH', body: { interpret: false } }, viewer.accessToken)).status, 403);

  const audit = await query<J>(app.database.url, "SELECT before, after FROM audit_log WHERE action = 'ai.updated' ORDER BY created_at, id");
  assert.is(audit.length, 4);
  assert.equal(audit[2].before, { interpret: true, monthlyInterpretations: null, monthlyTokens: null });
  assert.equal(audit[2].after, { interpret: false, monthlyInterpretations: null, monthlyTokens: 5000 });
});

ai.run();
