// The injection corpus against each provider path (OpenAI, Anthropic and the
// local reader), through the real endpoint, on every demo service. The fakes
// answer what an injected model might. Whatever comes back must be
// schema-valid field values of that service: no price, no other field.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createFieldReader } from '../../server/pricing/field-values.ts';
import { startFakeLlm, type FakeLlm } from '../../server/ai/testing/fake-llm-server.ts';
import { json, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { HOSTILE_ANSWERS, INJECTIONS } from './injection-corpus.ts';

const INVISIBLE = /[\u{E0000}-\u{E007F}\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F\u202A-\u202E\u2066-\u2069\u00AD\u0000-\u0008\u000B-\u001F\u007F-\u009F]/u;
const KEYS = ['pk_test_brightside', 'pk_test_glanzwerk', 'pk_test_thamesvalley'];

assert.ok(INJECTIONS.length >= 40, `the corpus has ${INJECTIONS.length} attempts`);

type Path = 'openai' | 'anthropic' | 'local';

for (const path of ['openai', 'anthropic', 'local'] as Path[]) {
  const test = suite(`injection corpus (${INJECTIONS.length} attempts × every demo service) via ${path}`);
  let fake: FakeLlm | undefined;
  let app: TestServer;
  test.before(async () => {
    // Hostile answers are invalid answers, which would open the breaker and send the rest to the local
    // reader; here every attempt must reach the provider path under test.
    const env: Record<string, string> = { AI_MAX_ATTEMPTS: '1', AI_BREAKER_MIN_REQUESTS: '1000000' };
    if (path !== 'local') {
      fake = await startFakeLlm(path);
      let n = 0;
      fake.setDefault(() => {
        const answer = HOSTILE_ANSWERS[n++ % HOSTILE_ANSWERS.length];
        return typeof answer === 'string' ? { text: answer } : { answer };
      });
      const prefix = path.toUpperCase();
      Object.assign(env, { [`${prefix}_API_KEY`]: 'test-key', [`${prefix}_BASE_URL`]: fake.baseURL, [`${prefix}_MODELS`]: path === 'openai' ? 'gpt-5-mini' : 'claude-haiku-4-5' });
    }
    app = await startTestServer({ env });
  });
  test.after(async () => {
    await app.close();
    await fake?.close();
  });

  test('every answer is schema-valid field values of the service: no price, no field outside it', async () => {
    const providers = new Set<string>();
    for (const key of KEYS) {
      const tenant = await app.tenants.byPublishableKey(key);
      for (const service of tenant.services) {
        const fields = service.config.fields;
        const allowed = new Set(fields.map((f) => f.key));
        const read = createFieldReader(fields);
        for (const [i, text] of INJECTIONS.entries()) {
          const context = `${path} ${service.key} #${i}`;
          const response = await app.call(`/v1/widget/${key}/services/${service.key}/interpret`, postJson({ text: text.slice(0, 2000) }));
          assert.is(response.status, 200, context);
          const body = await json(response);
          assert.equal(Object.keys(body).sort(), ['confidence', 'fields', 'missing', 'provider'], context);
          providers.add(body.provider);
          for (const field of Object.keys(body.fields)) assert.ok(allowed.has(field), `${context}: field ${field} is not the service's`);
          assert.equal(read(body.fields).issues?.filter((issue) => issue.message !== 'is required') ?? [], [], `${context}: values the pricing engine refuses`);
          assert.ok(typeof body.confidence === 'number' && body.confidence >= 0 && body.confidence <= 1, `${context}: confidence ${body.confidence}`);
          for (const missing of body.missing) assert.ok(allowed.has(missing), context);
          assert.not.match(JSON.stringify(body), /price|total|amount|discount|admin|polluted|tenant_id/i, context);
        }
      }
    }
    assert.is(({} as Record<string, unknown>).polluted, undefined);
    assert.is(({} as Record<string, unknown>).admin, undefined);
    if (fake !== undefined) {
      // The path was really taken: hostile answers of the right shape were accepted (their extra keys dropped)…
      assert.ok(providers.has(path), `no answer came from ${path}`);
      // …and no invisible or control character reached the model.
      assert.ok(fake.requests.length >= INJECTIONS.length, 'every attempt reached the fake');
      for (const request of fake.requests) assert.not.ok(INVISIBLE.test(request.visitorText ?? ''), JSON.stringify(request.visitorText).slice(0, 80));
    }
  });

  test.run();
}
