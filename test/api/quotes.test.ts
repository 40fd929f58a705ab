// Submitting quotes: the contract's answer, idempotency (sequential and
// concurrent), gap-free numbering under concurrency, and visitor errors.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, PAINTER_ORIGIN, postJson, ROOT, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
let counter = 0;
const freshKey = (): string => `test-${Date.now()}-${++counter}`;

const submission = (overrides: Record<string, unknown> = {}) => ({
  fields: { rooms: 2, size: 'small' },
  contact: { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+1 555 0100' },
  description: 'Two small bedrooms',
  consent: true,
  ...overrides,
});

const submit = (body: unknown, key: string | null = freshKey(), extra: Record<string, string> = {}) =>
  app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`, postJson(body, { ...(key === null ? {} : { 'Idempotency-Key': key }), ...extra }));

const quoteCount = async (): Promise<number> => {
  const [row] = await query<{ n: string }>(app.database.url, 'SELECT count(*) AS n FROM quotes');
  return Number(row?.n);
};

const quotes = suite('POST /v1/widget/{pk}/services/{service}/quotes');
quotes.before(async () => {
  app = await startTestServer();
});
quotes.after(async () => {
  await app.close();
});

quotes('creates a quote: 201 with id, number, status, total, currency and a hosted-page url', async () => {
  const response = await submit(submission(), freshKey(), { Origin: PAINTER_ORIGIN });
  assert.is(response.status, 201);
  assert.is(response.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
  const body = await json(response);
  assert.equal(Object.keys(body).sort(), ['currency', 'id', 'number', 'status', 'total', 'url']);
  assert.match(body.number, /^Q-\d{4}-\d{6}$/);
  assert.is(body.status, 'sent');
  assert.is(body.total, 31300);
  assert.is(body.currency, 'USD');
  assert.match(body.url, /^http:\/\/localhost:\d+\/q\/[A-Za-z0-9_-]{32}$/);
  const [stored] = await query<{ total: string; pricing_version: number; pricing: { total: number }; contact_email: string; status: string; expires_at: Date; created_at: Date }>(
    app.database.url,
    'SELECT total, pricing_version, pricing, contact_email, status, expires_at, created_at FROM quotes WHERE id = $1',
    [body.id],
  );
  assert.is(Number(stored?.total), 31300);
  assert.is(stored?.pricing.total, 31300);
  assert.is(stored?.pricing_version, 1);
  assert.is(stored?.contact_email, 'ada@example.com');
  const days = ((stored?.expires_at.getTime() ?? 0) - (stored?.created_at.getTime() ?? 0)) / 86_400_000;
  assert.is(days, 30);
});

quotes('answers a retry with the same key and body exactly the same, and stores one quote', async () => {
  const key = freshKey();
  const before = await quoteCount();
  const first = await (await submit(submission(), key)).text();
  const again = await submit(submission(), key);
  assert.is(again.status, 201);
  assert.is(again.headers.get('idempotent-replayed'), 'true');
  assert.is(await again.text(), first, 'byte for byte');
  assert.match(first, /"number":"Q-\d{4}-\d{6}"/);
  assert.is(await quoteCount(), before + 1);
});

quotes('refuses the same key with another body: 422 idempotency_key_reused', async () => {
  const key = freshKey();
  await submit(submission(), key);
  const response = await submit(submission({ fields: { rooms: 3 } }), key);
  assert.is(response.status, 422);
  assert.is((await json(response)).error.code, 'idempotency_key_reused');
});

quotes('creates one quote when 10 requests with the same key arrive at once', async () => {
  const key = freshKey();
  const before = await quoteCount();
  const responses = await Promise.all(Array.from({ length: 10 }, () => submit(submission({ description: 'concurrent' }), key)));
  const bodies = await Promise.all(responses.map(json));
  assert.equal(responses.map((r) => r.status), Array(10).fill(201));
  assert.is(new Set(bodies.map((b) => b.id)).size, 1);
  assert.is(new Set(bodies.map((b) => JSON.stringify(b))).size, 1);
  assert.is(await quoteCount(), before + 1);
});

quotes('numbers 50 concurrent submissions without gaps or duplicates', async () => {
  const before = await query<{ number: string }>(app.database.url, 'SELECT number FROM quotes');
  const responses = await Promise.all(Array.from({ length: 50 }, () => submit(submission())));
  assert.equal(responses.map((r) => r.status), Array(50).fill(201));
  const all = await query<{ number: string }>(app.database.url, 'SELECT number FROM quotes ORDER BY number');
  const sequence = all.map((row) => Number(row.number.slice(-6)));
  assert.is(all.length, before.length + 50);
  assert.equal(sequence, Array.from({ length: all.length }, (_, i) => i + 1));
});

quotes('requires an Idempotency-Key header: 400 invalid_request', async () => {
  const response = await submit(submission(), null);
  assert.is(response.status, 400);
  const { error } = await json(response);
  assert.is(error.code, 'invalid_request');
  assert.match(error.message, 'Idempotency-Key');
});

quotes('reports contact, consent and field mistakes together as 422 invalid_field', async () => {
  const response = await submit(submission({ fields: { rooms: 0 }, contact: { name: ' ', email: 'not-an-email' }, consent: false }));
  assert.is(response.status, 422);
  const { error } = await json(response);
  assert.is(error.code, 'invalid_field');
  assert.equal(error.details.map((d: { path: string }) => d.path).sort(), ['consent', 'contact.email', 'contact.name', 'fields.rooms']);
});

quotes('refuses a body of the wrong shape with 400 invalid_request', async () => {
  const response = await submit({ ...submission(), total: 1 });
  assert.is(response.status, 400);
  assert.equal((await json(response)).error.details, [{ path: 'total', message: 'is not a known key' }]);
});

quotes('prices with the engine, never with anything the client sends', async () => {
  const body = await json(await submit(submission({ fields: { rooms: 5, size: 'large', ceilings: true } })));
  const estimate = await json(await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 5, size: 'large', ceilings: true } })));
  assert.is(body.total, estimate.total);
});

quotes('applies a discount code and records it on the quote', async () => {
  const body = await json(await submit(submission({ discountCode: 'spring10', fields: { rooms: 2, size: 'small', timing: 'rush' } })));
  assert.is(body.total, 35200);
  const [stored] = await query<{ discount_code: string }>(app.database.url, 'SELECT discount_code FROM quotes WHERE id = $1', [body.id]);
  assert.is(stored?.discount_code, 'SPRING10');
});

quotes.run();

const limited = suite('discount codes with maxUses');

limited('give the discount to at most maxUses submitted quotes, also when they arrive at once', async () => {
  const tenantsDir = mkdtempSync(join(tmpdir(), 'qm-tenants-'));
  cpSync(join(ROOT, 'tenants'), tenantsDir, { recursive: true });
  const file = join(tenantsDir, 'brightside-painting.json');
  const tenant = JSON.parse(readFileSync(file, 'utf8'));
  tenant.services[0].pricing.discountCodes.push({ code: 'FIRST3', amount: 1000, maxUses: 3 });
  writeFileSync(file, JSON.stringify(tenant));
  app = await startTestServer({ env: { TENANTS_DIR: tenantsDir } });
  try {
    const estimate = await json(await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 }, discountCode: 'first3' })));
    assert.is(estimate.discountRejected, null, 'estimates do not use the code up');
    const bodies = await Promise.all(Array.from({ length: 8 }, () => submit(submission({ discountCode: 'first3', fields: { rooms: 2 } })).then(json)));
    const discounted = bodies.filter((b) => b.total < 39900);
    assert.is(bodies.length, 8);
    assert.is(discounted.length, 3);
    const [uses] = await query<{ uses: number }>(app.database.url, "SELECT uses FROM discount_code_uses WHERE code = 'FIRST3'");
    assert.is(uses?.uses, 3);
    const after = await json(await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2 }, discountCode: 'first3' })));
    assert.is(after.discountRejected, 'used_up');
    // A retry of a quote with a counted code: the same answer, byte for byte, and no use counted again.
    const key = freshKey();
    const body = submission({ discountCode: 'first3', fields: { rooms: 3 } });
    const first = await (await submit(body, key)).text();
    const again = await submit(body, key);
    assert.is(again.headers.get('idempotent-replayed'), 'true');
    assert.is(await again.text(), first);
    const [stillUses] = await query<{ uses: number }>(app.database.url, "SELECT uses FROM discount_code_uses WHERE code = 'FIRST3'");
    assert.is(stillUses?.uses, 3);
  } finally {
    await app.close();
  }
});

limited.run();
