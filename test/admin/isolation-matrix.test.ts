// The cross-tenant matrix (issue #7), generated from the admin router: every
// tenant-scoped route, called with tenant A's credentials and tenant B's ids,
// answers 404 (or A's own data), lists never contain B's rows, and nothing of
// B changes. A route of the app without a case here fails the first test.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_PREFIX, ADMIN_ROUTES, routeName } from '../../server/admin/admin-routes.ts';
import { can, type Principal } from '../../server/admin/permissions.ts';
import { CLEANER_SECRET, PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

interface Ids {
  /** Tenant B's (glanzwerk-reinigung) quote, service, … */
  quote: string;
  service: string;
  member: string;
  invite: string;
  key: string;
  /** B's audit rows. */
  audit: string[];
  /** B's quote number (the CSV export must not contain it). */
  number: string;
  /** B's webhook endpoint and one of B's outbox messages. */
  webhook: string;
  message: string;
}

const B_ALERTS = 'buero@glanzwerk-reinigung.example';
const B_TEMPLATE_MARK = 'Glanzwerk-only';
const B_HOOK_URL = 'https://hooks.glanzwerk.example/quotes';
let created = 0;

interface Case {
  /** The request, with B's ids in it. */
  request(ids: Ids): { path: string; method?: string; body?: unknown };
  /** What A must get: 404, or A's own view without any of B's rows (checked by `own`). */
  expect: 404 | ((body: J, ids: Ids) => void);
}

const noneOf = (field: string, values: (ids: Ids) => string[]) => (body: J, ids: Ids) => {
  const forbidden = new Set(values(ids));
  for (const row of body.data) assert.not.ok(forbidden.has(row[field]), `a row of tenant B (${row[field]}) is listed`);
};
const isPainter = (body: J) => assert.is(body.slug, 'brightside-painting');

/** One entry per admin route (`METHOD /v1/admin/path` as the router has it). */
const CASES: Record<string, Case> = {
  'GET /v1/admin/tenant': { request: () => ({ path: '/tenant' }), expect: isPainter },
  'PATCH /v1/admin/tenant': { request: () => ({ path: '/tenant', method: 'PATCH', body: { name: 'Brightside Painting' } }), expect: isPainter },
  'GET /v1/admin/services': { request: () => ({ path: '/services' }), expect: noneOf('key', (ids) => [ids.service]) },
  'POST /v1/admin/services': {
    // A's own service with B's key: made in A, never in B.
    request: (ids) => ({ path: '/services', method: 'POST', body: '__painter-service-with-b-key__' + ids.service }),
    expect: (body, ids) => assert.is(body.key, ids.service),
  },
  'GET /v1/admin/services/:key': { request: (ids) => ({ path: `/services/${ids.service}` }), expect: 404 },
  'PUT /v1/admin/services/:key': { request: (ids) => ({ path: `/services/${ids.service}`, method: 'PUT', body: '__cleaner-service__' }), expect: 404 },
  'POST /v1/admin/services/:key/try': { request: (ids) => ({ path: `/services/${ids.service}/try`, method: 'POST', body: { fields: {} } }), expect: 404 },
  'GET /v1/admin/quotes': { request: () => ({ path: '/quotes?limit=100' }), expect: noneOf('id', (ids) => [ids.quote]) },
  'GET /v1/admin/quotes/:id': { request: (ids) => ({ path: `/quotes/${ids.quote}` }), expect: 404 },
  'PATCH /v1/admin/quotes/:id': { request: (ids) => ({ path: `/quotes/${ids.quote}`, method: 'PATCH', body: { notes: 'mine now', status: 'declined' } }), expect: 404 },
  'POST /v1/admin/quotes/:id/resend': { request: (ids) => ({ path: `/quotes/${ids.quote}/resend`, method: 'POST' }), expect: 404 },
  'POST /v1/admin/quotes/:id/revise': { request: (ids) => ({ path: `/quotes/${ids.quote}/revise`, method: 'POST', body: { fields: {} } }), expect: 404 },
  'GET /v1/admin/quotes/export': { request: () => ({ path: '/quotes/export' }), expect: (csv: string, ids) => assert.not.ok(csv.includes(ids.number) && csv.includes('Cleaner Client'), 'B\'s quote is exported') },
  'DELETE /v1/admin/services/:key': { request: (ids) => ({ path: `/services/${ids.service}`, method: 'DELETE' }), expect: 404 },
  'GET /v1/admin/services/:key/versions': { request: (ids) => ({ path: `/services/${ids.service}/versions` }), expect: 404 },
  'GET /v1/admin/services/:key/versions/:version': { request: (ids) => ({ path: `/services/${ids.service}/versions/1` }), expect: 404 },
  'POST /v1/admin/services/:key/rollback': { request: (ids) => ({ path: `/services/${ids.service}/rollback`, method: 'POST', body: { version: 1 } }), expect: 404 },
  'GET /v1/admin/members': { request: () => ({ path: '/members' }), expect: noneOf('accountId', (ids) => [ids.member]) },
  'PATCH /v1/admin/members/:accountId': { request: (ids) => ({ path: `/members/${ids.member}`, method: 'PATCH', body: { role: 'viewer' } }), expect: 404 },
  'DELETE /v1/admin/members/:accountId': { request: (ids) => ({ path: `/members/${ids.member}`, method: 'DELETE' }), expect: 404 },
  'GET /v1/admin/invites': { request: () => ({ path: '/invites' }), expect: noneOf('id', (ids) => [ids.invite]) },
  'POST /v1/admin/invites': { request: () => ({ path: '/invites', method: 'POST', body: { email: 'someone@example.com', role: 'viewer' } }), expect: (body) => assert.is(body.email, 'someone@example.com') },
  'DELETE /v1/admin/invites/:id': { request: (ids) => ({ path: `/invites/${ids.invite}`, method: 'DELETE' }), expect: 404 },
  'GET /v1/admin/keys': { request: () => ({ path: '/keys' }), expect: noneOf('id', (ids) => [ids.key]) },
  'POST /v1/admin/keys': { request: () => ({ path: '/keys', method: 'POST', body: { kind: 'secret', mode: 'test' } }), expect: (body) => assert.match(body.key, /^sk_test_/) },
  'POST /v1/admin/keys/:id/rotate': { request: (ids) => ({ path: `/keys/${ids.key}/rotate`, method: 'POST', body: {} }), expect: 404 },
  'DELETE /v1/admin/keys/:id': { request: (ids) => ({ path: `/keys/${ids.key}`, method: 'DELETE' }), expect: 404 },
  'GET /v1/admin/audit': { request: () => ({ path: '/audit?limit=100' }), expect: noneOf('id', (ids) => ids.audit) },
  'GET /v1/admin/notifications': { request: () => ({ path: '/notifications' }), expect: (body) => assert.not.ok(body.emails.includes(B_ALERTS)) },
  'PATCH /v1/admin/notifications': {
    request: () => ({ path: '/notifications', method: 'PATCH', body: { emails: ['owner@brightside-painting.example'] } }),
    expect: (body) => assert.equal(body.emails, ['owner@brightside-painting.example']),
  },
  'GET /v1/admin/webhooks': { request: () => ({ path: '/webhooks' }), expect: noneOf('id', (ids) => [ids.webhook]) },
  'POST /v1/admin/webhooks': {
    request: () => ({ path: '/webhooks', method: 'POST', body: { url: `https://hooks.brightside.example/${++created}`, events: ['quote.created'] } }),
    expect: (body, ids) => assert.is.not(body.id, ids.webhook),
  },
  'PATCH /v1/admin/webhooks/:id': { request: (ids) => ({ path: `/webhooks/${ids.webhook}`, method: 'PATCH', body: { events: ['quote.accepted'] } }), expect: 404 },
  'DELETE /v1/admin/webhooks/:id': { request: (ids) => ({ path: `/webhooks/${ids.webhook}`, method: 'DELETE' }), expect: 404 },
  'POST /v1/admin/webhooks/:id/enable': { request: (ids) => ({ path: `/webhooks/${ids.webhook}/enable`, method: 'POST' }), expect: 404 },
  'GET /v1/admin/webhooks/:id/deliveries': { request: (ids) => ({ path: `/webhooks/${ids.webhook}/deliveries` }), expect: 404 },
  'GET /v1/admin/ai': { request: () => ({ path: '/ai' }), expect: (body) => assert.is(body.usage.interpretations, 0, 'B\'s usage counted for A') },
  'PATCH /v1/admin/ai': { request: () => ({ path: '/ai', method: 'PATCH', body: { monthlyInterpretations: 7 } }), expect: (body) => assert.is(body.limits.interpretations, 7) },
  'GET /v1/admin/email-templates': { request: () => ({ path: '/email-templates' }), expect: (body) => assert.equal(body.data.find((t: J) => t.id === 'quote-to-visitor').overridden, [], 'B\'s override shows in A\'s list') },
  'GET /v1/admin/email-templates/:template': { request: () => ({ path: '/email-templates/quote-to-visitor' }), expect: (body) => assert.is(body.override, null, 'B\'s override is read through A') },
  'PUT /v1/admin/email-templates/:template': {
    request: () => ({ path: '/email-templates/new-quote-alert', method: 'PUT', body: { subject: 'A: {{quote.number}}' } }),
    expect: (body) => assert.is(body.override.subject, 'A: {{quote.number}}'),
  },
  // A has no override of this one (B has): deleting it in A is 404 and leaves B's.
  'DELETE /v1/admin/email-templates/:template': { request: () => ({ path: '/email-templates/quote-to-visitor', method: 'DELETE' }), expect: 404 },
  'POST /v1/admin/email-templates/:template/preview': {
    request: () => ({ path: '/email-templates/quote-to-visitor/preview', method: 'POST' }),
    expect: (body) => assert.ok(body.source === 'default' && !body.subject.includes(B_TEMPLATE_MARK), 'B\'s template rendered for A'),
  },
  'POST /v1/admin/webhooks/:id/deliveries/:messageId/replay': { request: (ids) => ({ path: `/webhooks/${ids.webhook}/deliveries/${ids.message}/replay`, method: 'POST' }), expect: 404 },
};

let app: TestServer;
let ids: Ids;
let cleanerService: J;
let painterService: J;
const credentials: Array<{ name: string; principal: Principal; bearer: () => string; headers?: Record<string, string> }> = [{ name: 'A\'s secret key', principal: 'secret_key', bearer: () => PAINTER_SECRET }];
let ownerToken = '';

/** Every row of tenant B in every tenant table, as the owner sees them. */
async function snapshotOfB(tenantId: string): Promise<string> {
  const tables = [
    'tenants', 'services', 'service_versions', 'quotes', 'quote_counters', 'idempotency_keys', 'discount_code_uses', 'events',
    'memberships', 'invites', 'api_keys', 'audit_log',
    'outbox', 'delivery_attempts', 'webhook_endpoints', 'tenant_notices', 'email_suppressions', 'ai_usage', 'ai_quota_usage',
    'tenant_refs',
  ];
  const parts: string[] = [];
  for (const table of tables) {
    const column = table === 'tenants' ? 'id' : 'tenant_id';
    const rows = await query(app.database.url, `SELECT * FROM ${table} t WHERE ${column} = $1 ORDER BY to_jsonb(t)::text`, [tenantId]);
    parts.push(`${table}: ${JSON.stringify(rows)}`);
  }
  return parts.join('\n');
}

const matrix = suite('cross-tenant isolation matrix');

matrix.before(async () => {
  app = await startTestServer();
  await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Painter Client', email: 'p@example.com' });
  const quote = await submitQuote(app, 'pk_test_glanzwerk', 'wohnungsreinigung', { name: 'Cleaner Client', email: 'c@example.com' });
  const [member] = await query<{ account_id: string }>(app.database.url, "SELECT m.account_id FROM memberships m JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = m.tenant_id WHERE r.value = 'glanzwerk-reinigung' LIMIT 1");
  const [key] = await query<{ id: string }>(app.database.url, "SELECT k.id FROM api_keys k JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = k.tenant_id WHERE r.value = 'glanzwerk-reinigung' AND k.kind = 'secret' LIMIT 1");
  // B's own invite and audit rows, made through the API by B's owner.
  const cleanerOwner = await signIn(app, { email: 'inhaber@glanzwerk.example', password: 'glanzwerk-demo-2026-sauber' });
  const invite = await json(await app.call('/v1/admin/invites', withBearer(cleanerOwner.accessToken, { method: 'POST', body: { email: 'neu@glanzwerk.example', role: 'editor' } })));
  // B's AI usage (the local interpreter answers: no provider is configured here).
  const interpreted = await app.call('/v1/widget/pk_test_glanzwerk/services/wohnungsreinigung/interpret', postJson({ text: 'Drei Zimmer, 80 Quadratmeter' }));
  assert.is(interpreted.status, 200);
  const template = await app.call('/v1/admin/email-templates/quote-to-visitor', withBearer(CLEANER_SECRET, { method: 'PUT', body: { subject: `${B_TEMPLATE_MARK} {{quote.number}}` } }));
  assert.is(template.status, 200);
  // B's own webhook endpoint, made through the API; B's webhook message, as the fan-out writes one (the worker is off here).
  const hook = await json(await app.call('/v1/admin/webhooks', withBearer(CLEANER_SECRET, { method: 'POST', body: { url: B_HOOK_URL, events: ['quote.created'] } })));
  const [message] = await query<{ id: string }>(
    app.database.url,
    `INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, status, run_at, created_at)
     SELECT r.tenant_id, 'webhook', 'quote.created', 'matrix-hook', jsonb_build_object('url', $1::text, 'body', '{}'), 'delivered', now(), now()
       FROM tenant_refs r WHERE r.kind = 'slug' AND r.value = 'glanzwerk-reinigung' RETURNING id`,
    [B_HOOK_URL],
  );
  const audit = await query<{ id: string }>(app.database.url, "SELECT l.id::text AS id FROM audit_log l JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = l.tenant_id WHERE r.value = 'glanzwerk-reinigung'");
  ids = {
    quote: quote.id, service: 'wohnungsreinigung', member: member?.account_id ?? '', invite: invite.id, key: key?.id ?? '', audit: audit.map((a) => a.id), number: quote.number,
    webhook: hook.id, message: message?.id ?? '',
  };
  assert.ok(ids.audit.length > 0 && ids.invite && ids.key && ids.member && ids.webhook && ids.message, 'tenant B has rows of every kind');
  cleanerService = (await json(await app.call('/v1/admin/services/wohnungsreinigung', withBearer(CLEANER_SECRET)))).config;
  painterService = (await json(await app.call('/v1/admin/services/interior-painting', withBearer(PAINTER_SECRET)))).config;
  ownerToken = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
  credentials.push({ name: 'A\'s owner token', principal: 'owner', bearer: () => ownerToken, headers: { 'X-Tenant': 'brightside-painting' } });
});
matrix.after(async () => {
  await app.close();
});

/** The admin routes the running app serves, as `METHOD /v1/admin/path`. */
function servedAdminRoutes(): string[] {
  const served = new Set<string>();
  for (const middleware of app.app.middleware as Array<{ router?: { stack: Array<{ path: string; methods: string[] }> } }>) {
    for (const layer of middleware.router?.stack ?? []) {
      if (!layer.path.startsWith(`${ADMIN_PREFIX}/`)) continue;
      for (const method of layer.methods) if (method !== 'HEAD') served.add(`${method} ${layer.path}`);
    }
  }
  return [...served].sort();
}

matrix('every admin route of the app has a case, and every case a route', () => {
  const served = servedAdminRoutes();
  assert.ok(served.length >= 25, `only ${served.length} admin routes found`);
  const missing = served.filter((route) => !(route in CASES));
  assert.equal(missing, [], `routes without an isolation case: ${missing.join(', ')}`);
  assert.equal(Object.keys(CASES).filter((route) => !served.includes(route)), [], 'cases for routes that do not exist');
});

matrix('A\'s secret key and A\'s token reach none of B\'s rows on any route, and B is unchanged', async () => {
  const [b] = await query<{ tenant_id: string }>(app.database.url, "SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = 'glanzwerk-reinigung'");
  const before = await snapshotOfB(b?.tenant_id as string);
  for (const credential of credentials) {
    for (const [route, test] of Object.entries(CASES)) {
      const { path, method = 'GET', body } = test.request(ids);
      let payload = body;
      if (typeof body === 'string' && body.startsWith('__painter-service-with-b-key__')) payload = { ...painterService, key: body.slice('__painter-service-with-b-key__'.length) };
      if (body === '__cleaner-service__') payload = { ...cleanerService, currency: 'USD', tests: [] };
      const response = await app.call(`${ADMIN_PREFIX}${path}`, withBearer(credential.bearer(), { method, body: payload, headers: credential.headers }));
      const what = `${credential.name}: ${route} (${method} ${path})`;
      const permission = ADMIN_ROUTES.find((r) => routeName(r) === route)?.permission;
      if (permission && !can(credential.principal, permission)) {
        assert.is(response.status, 403, `${what}: not allowed at all`);
        continue;
      }
      if (test.expect === 404) {
        assert.is(response.status, 404, what);
        assert.ok(['not_found', 'unknown_service'].includes((await json(response)).error.code), what);
      } else {
        assert.ok(response.status === 200 || response.status === 201, `${what} answered ${response.status}`);
        const type = response.headers.get('content-type') ?? '';
        test.expect(type.startsWith('application/json') ? await json(response) : await response.text(), ids);
      }
      if (route === 'POST /v1/admin/services') await query(app.database.url, "DELETE FROM services WHERE key = $1 AND tenant_id <> $2", [ids.service, b?.tenant_id]);
    }
  }
  assert.is(await snapshotOfB(b?.tenant_id as string), before);
});

matrix('A\'s token naming tenant B is refused with 403, whatever the route', async () => {
  for (const route of Object.keys(CASES)) {
    const { path, method = 'GET' } = CASES[route]?.request(ids) ?? { path: '' };
    const response = await app.call(`${ADMIN_PREFIX}${path}`, withBearer(ownerToken, { method, body: method === 'GET' ? undefined : {}, headers: { 'X-Tenant': 'glanzwerk-reinigung' } }));
    assert.is(response.status, 403, route);
    assert.is((await json(response)).error.code, 'forbidden');
  }
});

matrix.run();
