// The admin API with a tenant's secret key (issue #7): who may call it, the
// quote inbox (filters, search, cursor pagination), the tenant's settings and
// services (validated by the pricing engine, versioned, audited, seen by the
// widget at once).
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { CLEANER_SECRET, PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
const painter = (path: string, init: Parameters<typeof withBearer>[1] = {}) => app.call(path, withBearer(PAINTER_SECRET, init));

// ---------------------------------------------------------------------------
const auth = suite('admin API: authentication');
auth.before(async () => {
  app = await startTestServer();
});
auth.after(async () => {
  await app.close();
});

auth('no credential, a malformed header, a publishable key and an unknown secret key are all 401 unauthenticated with a Bearer challenge', async () => {
  for (const authorization of [undefined, 'Basic abc', 'Bearer', `Bearer ${PAINTER_KEY}`, 'Bearer sk_test_nobody_0000000000000000', 'Bearer not.a.jwt']) {
    const response = await app.call('/v1/admin/quotes', authorization ? { headers: { Authorization: authorization } } : {});
    assert.is(response.status, 401, String(authorization));
    assert.is(response.headers.get('www-authenticate'), 'Bearer realm="admin"');
    assert.is((await json(response)).error.code, 'unauthenticated');
  }
});

auth('a publishable key is refused before anything else, with a message that says why', async () => {
  const response = await app.call('/v1/admin/tenant', { headers: { Authorization: `Bearer ${PAINTER_KEY}` } });
  assert.match((await json(response)).error.message, 'publishable key');
});

auth('a revoked key and a key past its rotation deadline are refused; last use is recorded', async () => {
  const ok = await painter('/v1/admin/tenant');
  assert.is(ok.status, 200);
  const [used] = await query<{ last_used_at: Date | null }>(app.database.url, "SELECT last_used_at FROM api_keys WHERE kind = 'secret' AND prefix LIKE 'sk_test_brig%'");
  assert.ok(used?.last_used_at instanceof Date);
  await query(app.database.url, "UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE prefix LIKE 'sk_test_brig%'");
  assert.is((await painter('/v1/admin/tenant')).status, 401);
  await query(app.database.url, "UPDATE api_keys SET expires_at = NULL, revoked_at = now() WHERE prefix LIKE 'sk_test_brig%'");
  const revoked = await painter('/v1/admin/tenant');
  assert.is(revoked.status, 401);
  assert.match((await json(revoked)).error.message, 'revoked');
  await query(app.database.url, "UPDATE api_keys SET revoked_at = NULL WHERE prefix LIKE 'sk_test_brig%'");
});

auth('admin answers are never cached', async () => {
  assert.is((await painter('/v1/admin/tenant')).headers.get('cache-control'), 'no-store');
});

auth.run();

// ---------------------------------------------------------------------------
const quotes = suite('admin API: quotes');
const made: Array<{ id: string; number: string }> = [];
quotes.before(async () => {
  app = await startTestServer();
  const people = [['Ada Lovelace', 'ada@example.com'], ['Grace Hopper', 'grace@navy.example'], ['Alan Turing', 'alan@example.org'], ['Ada Byron', 'byron@example.com'], ['Edsger Dijkstra', 'ewd@example.nl']] as const;
  for (const [name, email] of people) made.push(await submitQuote(app, PAINTER_KEY, 'interior-painting', { name, email }, { rooms: 2 }));
  await submitQuote(app, 'pk_test_glanzwerk', 'wohnungsreinigung', { name: 'Ada Cleaner', email: 'ada@cleaner.example' });
  await query(app.database.url, "UPDATE quotes SET status = 'accepted' WHERE id = $1", [made[1]?.id]);
  await query(app.database.url, "UPDATE quotes SET created_at = created_at - interval '10 days' WHERE id = $1", [made[0]?.id as string]);
});
quotes.after(async () => {
  await app.close();
});

quotes('lists this tenant\'s quotes only, newest first', async () => {
  const body = await json(await painter('/v1/admin/quotes'));
  assert.equal(body.data.map((q: { number: string }) => q.number), made.slice(1).reverse().map((q) => q.number).concat([made[0]?.number as string]));
  assert.ok(body.data.every((q: { currency: string }) => q.currency === 'USD'));
  assert.is(body.nextCursor, null);
  const cleaner = await json(await app.call('/v1/admin/quotes', withBearer(CLEANER_SECRET)));
  assert.equal(cleaner.data.map((q: { contact: { name: string } }) => q.contact.name), ['Ada Cleaner']);
});

quotes('filters by status, service and date range', async () => {
  const accepted = await json(await painter('/v1/admin/quotes?status=accepted'));
  assert.equal(accepted.data.map((q: { id: string }) => q.id), [made[1]?.id]);
  const open = await json(await painter('/v1/admin/quotes?status=sent&status=viewed'));
  assert.is(open.data.length, 4);
  assert.is((await json(await painter('/v1/admin/quotes?service=roofing'))).data.length, 0);
  assert.is((await json(await painter('/v1/admin/quotes?service=interior-painting'))).data.length, 5);
  const today = new Date().toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
  const old = new Date(Date.now() - 10 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/Chicago' });
  assert.is((await json(await painter(`/v1/admin/quotes?from=${today}`))).data.length, 4);
  assert.equal((await json(await painter(`/v1/admin/quotes?to=${old}`))).data.map((q: { id: string }) => q.id), [made[0]?.id]);
  assert.is((await json(await painter(`/v1/admin/quotes?from=${old}&to=${old}`))).data.length, 1);
});

quotes('searches the number, the name and the email, case-insensitively, with % and _ taken literally', async () => {
  const names = async (q: string) => (await json(await painter(`/v1/admin/quotes?q=${encodeURIComponent(q)}`))).data.map((x: { contact: { name: string } }) => x.contact.name).sort();
  assert.equal(await names('ada'), ['Ada Byron', 'Ada Lovelace']);
  assert.equal(await names('NAVY.example'), ['Grace Hopper']);
  assert.equal(await names(made[2]?.number ?? ''), ['Alan Turing']);
  assert.equal(await names('%'), []);
  assert.equal(await names('_'), []);
});

quotes('pages with an opaque cursor until nextCursor is null, without repeats or gaps', async () => {
  const seen: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const body: { data: Array<{ id: string }>; nextCursor: string | null } = await json(await painter(`/v1/admin/quotes?limit=2${cursor ? `&cursor=${cursor}` : ''}`));
    seen.push(...body.data.map((q) => q.id));
    cursor = body.nextCursor;
    pages++;
  } while (cursor !== null && pages < 10);
  assert.is(pages, 3);
  assert.equal([...seen].sort(), made.map((q) => q.id).sort());
});

quotes('refuses bad filters with the path of each', async () => {
  const cases: Array<[string, string]> = [
    ['status=lost', 'status[0]'], ['from=2026-13-45', 'from'], ['limit=0', 'limit'], ['limit=101', 'limit'], ['cursor=abc', 'cursor'], ['colour=red', 'colour'],
  ];
  for (const [search, path] of cases) {
    const response = await painter(`/v1/admin/quotes?${search}`);
    assert.is(response.status, 400, search);
    const body = await json(response);
    assert.is(body.error.code, 'invalid_request');
    assert.is(body.error.details[0].path, path, search);
  }
});

quotes('reads one quote in full, with its link; another tenant\'s or a malformed id is 404', async () => {
  const first = made[2] as { id: string; number: string };
  const response = await painter(`/v1/admin/quotes/${first.id}`);
  assert.is(response.status, 200);
  const quote = await json(response);
  assert.is(quote.number, first.number);
  assert.equal(quote.contact, { name: 'Alan Turing', email: 'alan@example.org', phone: null });
  assert.is(quote.fields.rooms, 2);
  assert.is(quote.pricing.total, quote.total);
  assert.is(quote.pricingVersion, 1);
  assert.match(quote.url, /\/q\/[A-Za-z0-9_-]{20,}$/);
  const page = await app.call(new URL(quote.url).pathname);
  assert.is(page.status, 200);
  for (const id of ['not-a-uuid', '00000000-0000-0000-0000-000000000000']) assert.is((await painter(`/v1/admin/quotes/${id}`)).status, 404, id);
  assert.is((await app.call(`/v1/admin/quotes/${first.id}`, withBearer(CLEANER_SECRET))).status, 404);
});

quotes.run();

// ---------------------------------------------------------------------------
const tenant = suite('admin API: tenant settings');
tenant.before(async () => {
  app = await startTestServer();
});
tenant.after(async () => {
  await app.close();
});

tenant('reads the profile with its theme as chosen and as resolved', async () => {
  const profile = await json(await painter('/v1/admin/tenant'));
  assert.is(profile.slug, 'brightside-painting');
  assert.equal(profile.theme, { preset: 'daylight', tokens: { 'color-primary': '#0b6e4f' } });
  assert.is(profile.themeTokens['color-primary'], '#0b6e4f');
  assert.equal(profile.allowedOrigins, ['http://localhost:3000']);
  assert.is(profile.suspended, false);
});

tenant('a change is validated, audited with before and after, and the widget sees it at once', async () => {
  assert.is((await json(await app.call(`/v1/widget/${PAINTER_KEY}/config`))).name, 'Brightside Painting');
  const response = await painter('/v1/admin/tenant', { method: 'PATCH', body: { name: 'Brightside Painting & Sons', theme: { preset: 'midnight' }, allowedOrigins: ['https://Brightside.example:443'] } });
  assert.is(response.status, 200);
  const profile = await json(response);
  assert.is(profile.name, 'Brightside Painting & Sons');
  assert.equal(profile.allowedOrigins, ['https://brightside.example']);
  assert.is(profile.quoteExpiryDays, 30, 'untouched settings keep their values');
  const config = await json(await app.call(`/v1/widget/${PAINTER_KEY}/config`));
  assert.is(config.name, 'Brightside Painting & Sons');
  assert.is((await app.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { Origin: 'http://localhost:3000' } })).status, 403);
  const [row] = await query<{ actor_type: string; actor_label: string; action: string; before: { name: string }; after: { name: string }; ip: string | null }>(
    app.database.url,
    "SELECT actor_type, actor_label, action, before, after, host(ip) AS ip FROM audit_log WHERE action = 'tenant.updated'",
  );
  assert.is(row?.actor_type, 'api_key');
  assert.is(row?.actor_label, 'sk_test_brig…0000');
  assert.equal(row?.before.name, 'Brightside Painting');
  assert.equal(row?.after.name, 'Brightside Painting & Sons');
  assert.ok(row?.ip === '127.0.0.1' || row?.ip === '::1' || row?.ip?.endsWith('127.0.0.1'));
  await painter('/v1/admin/tenant', { method: 'PATCH', body: { allowedOrigins: ['http://localhost:3000'] } });
});

tenant('a change survives a restart while the tenant file stays the same', async () => {
  const database = app.database;
  await app.stop();
  app = await startTestServer({ database, dropOnClose: true }); // the suite's after() closes this one
  assert.is((await json(await painter('/v1/admin/tenant'))).name, 'Brightside Painting & Sons');
});

tenant('refuses bad settings with paths, an empty change, unknown keys, and a currency its services do not price in', async () => {
  const cases: Array<[unknown, string[]]> = [
    [{ locale: 'not a locale!', quoteExpiryDays: 0 }, ['locale', 'quoteExpiryDays']],
    [{ allowedOrigins: ['https://x.example/path'] }, ['allowedOrigins[0]']],
    [{ slug: 'other' }, ['slug']],
    [{}, []],
    [{ currency: 'EUR' }, ['currency']],
    [{ theme: { preset: 'neon' } }, ['theme.preset']],
  ];
  for (const [body, paths] of cases) {
    const response = await painter('/v1/admin/tenant', { method: 'PATCH', body });
    assert.ok(response.status === 400 || response.status === 422, JSON.stringify(body));
    const error = (await json(response)).error;
    assert.equal((error.details ?? []).map((d: { path: string }) => d.path), paths, JSON.stringify(body));
  }
  assert.is((await painter('/v1/admin/tenant', { method: 'PATCH', body: '{"name":' })).status, 400);
  assert.is((await app.call('/v1/admin/tenant', { method: 'PATCH', headers: { Authorization: `Bearer ${PAINTER_SECRET}`, 'Content-Type': 'text/plain' }, body: 'x' })).status, 415);
});

tenant.run();

// ---------------------------------------------------------------------------
const services = suite('admin API: services');
services.before(async () => {
  app = await startTestServer();
});
services.after(async () => {
  await app.close();
});

const current = async () => (await json(await painter('/v1/admin/services/interior-painting'))).config;

services('lists and reads services with their pricing version', async () => {
  const list = await json(await painter('/v1/admin/services'));
  assert.equal(list.data.map((s: { key: string; pricingVersion: number }) => [s.key, s.pricingVersion]), [['interior-painting', 1]]);
  const one = await json(await painter('/v1/admin/services/interior-painting'));
  assert.is(one.config.pricing.lines[0].id, 'callout');
  const missing = await painter('/v1/admin/services/roofing');
  assert.is(missing.status, 404);
  assert.is((await json(missing)).error.code, 'unknown_service');
});

services('an update makes a new version that the widget prices with at once, audited with before and after', async () => {
  const config = await current();
  config.pricing.lines[0].amount = 5900;
  config.tests = config.tests.map((t: { expectTotal: number }) => ({ ...t, expectTotal: t.expectTotal }));
  // The tests must still hold: recompute their totals by trying the draft first.
  const tried = await json(await painter('/v1/admin/services/interior-painting/try', { method: 'POST', body: { fields: { rooms: 2, size: 'small' }, draft: config } }));
  assert.ok(tried.tests.some((t: { passed: boolean }) => !t.passed), 'a dearer call-out breaks the old expectations');
  for (const [i, outcome] of (tried.tests as Array<{ actual: number }>).entries()) config.tests[i].expectTotal = outcome.actual;
  const response = await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: config });
  assert.is(response.status, 200);
  const saved = await json(response);
  assert.is(saved.pricingVersion, 2);
  const estimate = await json(await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 2, size: 'small' } })));
  assert.is(estimate.pricingVersion, 2);
  assert.is(estimate.lines[0].amount, 5900);
  const again = await json(await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: config }));
  assert.is(again.pricingVersion, 3, 'every save is a version');
  const [audit] = await query<{ before: { pricingVersion: number }; after: { pricingVersion: number } }>(app.database.url, "SELECT before, after FROM audit_log WHERE action = 'service.updated' ORDER BY id LIMIT 1");
  assert.equal([audit?.before.pricingVersion, audit?.after.pricingVersion], [1, 2]);
});

services('refuses a configuration the engine rejects, tests that fail, another currency and a changed key; nothing is saved', async () => {
  const before = await json(await painter('/v1/admin/services/interior-painting'));
  const broken = await current();
  broken.pricing.lines[1].quantity = { var: 'bedrooms' };
  const invalid = await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: broken });
  assert.is(invalid.status, 422);
  const invalidBody = await json(invalid);
  assert.is(invalidBody.error.code, 'invalid_service');
  assert.match(invalidBody.error.details[0].path, 'pricing.lines[1].quantity');
  const failing = await current();
  failing.tests[0].expectTotal += 1;
  const failed = await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: failing });
  assert.is(failed.status, 422);
  assert.is((await json(failed)).error.code, 'pricing_tests_failed');
  const euros = { ...(await current()), currency: 'EUR' };
  assert.is((await json(await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: euros }))).error.details[0].path, 'currency');
  const renamed = { ...(await current()), key: 'exterior-painting' };
  assert.is((await json(await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: renamed }))).error.details[0].path, 'key');
  assert.is((await painter('/v1/admin/services/roofing', { method: 'PUT', body: { ...(await current()), key: 'roofing' } })).status, 404);
  assert.is((await painter('/v1/admin/services/interior-painting', { method: 'PUT', body: [] })).status, 400);
  assert.is((await json(await painter('/v1/admin/services/interior-painting'))).pricingVersion, before.pricingVersion);
});

services('creates a service at version 1 with a Location, refuses a duplicate key with 409', async () => {
  const config = { ...(await current()), key: 'exterior-painting', name: 'Exterior painting' };
  const response = await painter('/v1/admin/services', { method: 'POST', body: config });
  assert.is(response.status, 201);
  assert.is(response.headers.get('location'), '/v1/admin/services/exterior-painting');
  assert.is((await json(response)).pricingVersion, 1);
  const list = await json(await painter('/v1/admin/services'));
  assert.equal(list.data.map((s: { key: string }) => s.key), ['interior-painting', 'exterior-painting']);
  const widget = await json(await app.call(`/v1/widget/${PAINTER_KEY}/config`));
  assert.ok(widget.services.some((s: { key: string }) => s.key === 'exterior-painting'));
  const duplicate = await painter('/v1/admin/services', { method: 'POST', body: config });
  assert.is(duplicate.status, 409);
  assert.is((await json(duplicate)).error.code, 'service_exists');
  const [audit] = await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM audit_log WHERE action = 'service.created'");
  assert.is(Number(audit?.n), 1);
});

services('try prices fields against the saved service or a draft, saving nothing, and checks its input', async () => {
  const versions = await query(app.database.url, 'SELECT count(*) FROM service_versions');
  const saved = await json(await painter('/v1/admin/services/interior-painting/try', { method: 'POST', body: { fields: { rooms: 3 } } }));
  assert.is(typeof saved.result.total, 'number');
  assert.ok(saved.tests.every((t: { passed: boolean }) => t.passed));
  const draft = await current();
  draft.pricing.lines[0].amount = 0;
  const drafted = await json(await painter('/v1/admin/services/interior-painting/try', { method: 'POST', body: { fields: { rooms: 3 }, draft } }));
  assert.ok(drafted.result.total < saved.result.total || drafted.result.lines[0].amount === 0);
  const coded = await json(await painter('/v1/admin/services/interior-painting/try', { method: 'POST', body: { fields: { rooms: 2 }, discountCode: 'spring10', date: '2027-07-01' } }));
  assert.is(coded.result.discountRejected, 'expired');
  assert.equal(await query(app.database.url, 'SELECT count(*) FROM service_versions'), versions);
  const bad: Array<[unknown, number, string]> = [
    [{ fields: { rooms: 99 } }, 422, 'invalid_field'],
    [{ fields: {}, draft: { key: 'interior-painting' } }, 422, 'invalid_service'],
    [{ fields: {}, draft: { ...draft, key: 'other' } }, 422, 'invalid_service'],
    [{ fields: {}, date: 'tomorrow' }, 400, 'invalid_request'],
  ];
  for (const [body, status, code] of bad) {
    const response = await painter('/v1/admin/services/interior-painting/try', { method: 'POST', body });
    assert.is(response.status, status, JSON.stringify(body).slice(0, 80));
    assert.is((await json(response)).error.code, code);
  }
  assert.is((await painter('/v1/admin/services/roofing/try', { method: 'POST', body: { fields: {} } })).status, 404);
});

services.run();
