// The widget endpoints of api.md over real HTTP, real PostgreSQL.
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, PAINTER_ORIGIN, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

const CLEANER_KEY = 'pk_test_glanzwerk';
let app: TestServer;

const estimate = (body: unknown, headers: Record<string, string> = {}, key = PAINTER_KEY, service = 'interior-painting') =>
  app.call(`/v1/widget/${key}/services/${service}/estimate`, postJson(body, headers));

// ---------------------------------------------------------------------------
const config = suite('GET /v1/widget/{pk}/config');
config.before(async () => {
  app = await startTestServer();
});
config.after(async () => {
  await app.close();
});

config('answers the tenant, theme, branding, services with fields and features', async () => {
  const response = await app.call(`/v1/widget/${PAINTER_KEY}/config`);
  assert.is(response.status, 200);
  const body = await json(response);
  assert.is(body.name, 'Brightside Painting');
  assert.is(body.locale, 'en-US');
  assert.is(body.currency, 'USD');
  assert.is(body.theme.tokens['color-primary'], '#0b6e4f');
  assert.equal(body.services.map((s: { key: string }) => s.key), ['interior-painting']);
  assert.equal(body.services[0].fields.map((f: { key: string }) => f.key), ['rooms', 'size', 'ceilings', 'timing']);
  assert.equal(body.features, { interpret: true, poweredBy: true });
});

config('never reveals pricing, tests or aliases', async () => {
  const text = await (await app.call(`/v1/widget/${PAINTER_KEY}/config`)).text();
  for (const secret of ['pricing', 'unitAmount', 'SPRING10', 'discountCodes', 'tests', 'aliases', 'expectTotal']) {
    assert.not.ok(text.includes(secret), `config leaks ${secret}`);
  }
});

config('refuses an unknown key with 404 unknown_key', async () => {
  const response = await app.call('/v1/widget/pk_test_nobody/config');
  assert.is(response.status, 404);
  const body = await json(response);
  assert.is(body.error.code, 'unknown_key');
  assert.type(body.error.requestId, 'string');
  assert.is(body.error.requestId, response.headers.get('x-request-id'));
  // readable by the page that embedded a wrong key, so its developer sees why
  const fromSite = await app.call('/v1/widget/pk_test_nobody/config', { headers: { Origin: 'https://some-site.example' } });
  assert.is(fromSite.headers.get('access-control-allow-origin'), '*');
});

config('echoes an allowed Origin with Vary: Origin, and refuses another with 403 origin_not_allowed', async () => {
  const allowed = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { Origin: PAINTER_ORIGIN } });
  assert.is(allowed.status, 200);
  assert.is(allowed.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
  assert.match(allowed.headers.get('vary') ?? '', 'Origin');
  const refused = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { Origin: 'https://evil.example' } });
  assert.is(refused.status, 403);
  assert.is(refused.headers.get('access-control-allow-origin'), null);
  assert.is((await json(refused)).error.code, 'origin_not_allowed');
});

config('answers a preflight for an allowed origin and refuses one for another', async () => {
  const preflight = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`, {
    method: 'OPTIONS',
    headers: { Origin: PAINTER_ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type, idempotency-key' },
  });
  assert.is(preflight.status, 204);
  assert.is(preflight.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
  assert.match(preflight.headers.get('access-control-allow-headers') ?? '', 'Idempotency-Key');
  assert.match(preflight.headers.get('access-control-allow-methods') ?? '', 'POST');
  const refused = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.is(refused.status, 403);
});

config('serves one tenant\'s config only to its own key', async () => {
  const cleaner = await json(await app.call(`/v1/widget/${CLEANER_KEY}/config`));
  assert.not.equal(cleaner.name, 'Brightside Painting');
  assert.not.ok(cleaner.services.some((s: { key: string }) => s.key === 'interior-painting'));
});

config.run();

// ---------------------------------------------------------------------------
const pricing = suite('POST /v1/widget/{pk}/services/{service}/estimate');
pricing.before(async () => {
  app = await startTestServer();
});
pricing.after(async () => {
  await app.close();
});

pricing('answers the pricing result of the spec\'s worked example', async () => {
  const response = await estimate({ fields: { rooms: 2, size: 'small', timing: 'rush' }, discountCode: 'spring10' }, { Origin: PAINTER_ORIGIN });
  assert.is(response.status, 200);
  assert.is(response.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
  const body = await json(response);
  assert.is(body.subtotal, 28900);
  assert.equal(body.adjustments.map((a: { amount: number }) => a.amount), [7225, -3613, 6]);
  assert.is(body.tax.amount, 2682);
  assert.is(body.total, 35200);
  assert.equal(body.range, { low: 31600, high: 40500 });
  assert.is(body.pricingVersion, 1);
});

pricing('says discountRejected for an unknown code instead of failing', async () => {
  const body = await json(await estimate({ fields: { rooms: 2 }, discountCode: 'NOPE' }));
  assert.is(body.discountRejected, 'unknown_code');
});

pricing('refuses bad fields with 422 invalid_field and a detail per field', async () => {
  const response = await estimate({ fields: { rooms: 31, size: 'huge' } });
  assert.is(response.status, 422);
  const { error } = await json(response);
  assert.is(error.code, 'invalid_field');
  assert.is(error.message, 'rooms must be at most 30; size must be one of: small, medium, large');
  assert.equal(error.details, [
    { path: 'fields.rooms', message: 'must be at most 30' },
    { path: 'fields.size', message: 'must be one of: small, medium, large' },
  ]);
});

pricing('refuses an unknown service with 404 unknown_service, also another tenant\'s service', async () => {
  const response = await estimate({ fields: {} }, {}, PAINTER_KEY, 'roofing');
  assert.is(response.status, 404);
  assert.is((await json(response)).error.code, 'unknown_service');
  const cross = await estimate({ fields: {} }, {}, CLEANER_KEY, 'interior-painting');
  assert.is(cross.status, 404);
  assert.is((await json(cross)).error.code, 'unknown_service');
});

pricing('refuses a body that is not JSON with 415 unsupported_media_type', async () => {
  const response = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'rooms=2' });
  assert.is(response.status, 415);
  assert.is((await json(response)).error.code, 'unsupported_media_type');
});

pricing('takes JSON by its media type: parameters and case do not matter, a near name is 415, an empty body 400', async () => {
  const url = `/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`;
  const send = (type: string | null, body?: string) =>
    app.call(url, { method: 'POST', headers: { Origin: PAINTER_ORIGIN, ...(type ? { 'Content-Type': type } : {}) }, ...(body === undefined ? {} : { body }) });
  for (const type of ['application/json; charset=utf-8', 'Application/JSON', ' application/json ;charset=UTF-8']) {
    assert.is((await send(type, '{"fields":{}}')).status, 200, type);
  }
  for (const type of ['application/json-patch+json', 'application/jsonx', 'text/json', null]) {
    const response = await send(type, '{"fields":{}}');
    assert.is(response.status, 415, String(type));
    assert.is((await json(response)).error.code, 'unsupported_media_type');
  }
  const empty = await send('application/json');
  assert.is(empty.status, 400, 'an empty body');
  assert.is((await json(empty)).error.code, 'invalid_request');
});

pricing('refuses a body over 16 KB with 413 payload_too_large', async () => {
  const response = await estimate({ fields: { rooms: 2 }, padding: 'x'.repeat(17 * 1024) });
  assert.is(response.status, 413);
  assert.is((await json(response)).error.code, 'payload_too_large');
});

pricing('refuses a streamed body (no Content-Length) once it passes 16 KB, and closes the connection', async () => {
  // fetch with a ReadableStream body sends it chunked, so the limit is only seen while reading.
  const chunk = new TextEncoder().encode(`{"fields":{},"padding":"${'x'.repeat(4096)}`);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += 1;
      if (sent > 8) controller.close();
      else controller.enqueue(chunk);
    },
  });
  const response = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: stream,
    duplex: 'half',
  } as RequestInit);
  assert.is(response.status, 413);
  assert.is(response.headers.get('connection'), 'close');
  assert.is((await json(response)).error.code, 'payload_too_large');
});

pricing('survives a client that goes away in the middle of its body, and goes on answering', async () => {
  const { port } = new URL(app.url);
  await new Promise<void>((done, fail) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `POST /v1/widget/${PAINTER_KEY}/services/interior-painting/estimate HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"fields":`,
      );
      setTimeout(() => socket.destroy(), 50);
    });
    socket.on('close', () => done());
    socket.on('error', fail);
  });
  const after = await estimate({ fields: { rooms: 2 } });
  assert.is(after.status, 200);
});

pricing('refuses broken JSON and unknown keys with 400 invalid_request', async () => {
  const broken = await estimate('{"fields": {');
  assert.is(broken.status, 400);
  assert.is((await json(broken)).error.code, 'invalid_request');
  const unknown = await estimate({ fields: {}, colour: 'red' });
  assert.is(unknown.status, 400);
  const { error } = await json(unknown);
  assert.is(error.code, 'invalid_request');
  assert.equal(error.details, [{ path: 'colour', message: 'is not a known key' }]);
});

pricing('refuses an estimate from a disallowed origin before reading it', async () => {
  const response = await estimate({ fields: {} }, { Origin: 'https://evil.example' });
  assert.is(response.status, 403);
});

pricing('answers 404 not_found for unknown routes and 405 for a wrong method', async () => {
  const missing = await app.call('/v1/nothing');
  assert.is(missing.status, 404);
  assert.is((await json(missing)).error.code, 'not_found');
  const wrong = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`);
  assert.is(wrong.status, 405);
  assert.is((await json(wrong)).error.code, 'method_not_allowed');
});

pricing.run();

// ---------------------------------------------------------------------------
// The widget API answers before Koa (server/http/widget-api.ts): what Koa's
// pipeline gives every other route must hold for it too.
const framing = suite('the widget API\'s HTTP framing');
framing.before(async () => {
  app = await startTestServer();
});
framing.after(async () => {
  await app.close();
});

const SECURITY_HEADERS = ['content-security-policy', 'cross-origin-resource-policy', 'referrer-policy', 'x-content-type-options', 'strict-transport-security', 'x-frame-options'];
const securityOf = (response: Response) => Object.fromEntries(SECURITY_HEADERS.map((name) => [name, response.headers.get(name)]));

framing('sends the security headers of the rest of the app, keeps a caller\'s request id, and always says Vary: Origin', async () => {
  const koa = await app.call('/healthz');
  const answers = [
    await app.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { 'X-Request-Id': 'trace-widget-0001' } }),
    await estimate({ fields: { rooms: 2 } }, { 'X-Request-Id': 'trace-widget-0001' }),
    await estimate({ fields: { rooms: 99 } }, { 'X-Request-Id': 'trace-widget-0001' }),
  ];
  assert.ok(koa.headers.get('content-security-policy'), 'the Koa answer has a CSP to compare with');
  for (const response of answers) {
    assert.equal(securityOf(response), securityOf(koa), `${response.status}`);
    assert.is(response.headers.get('x-request-id'), 'trace-widget-0001');
    assert.is(response.headers.get('vary'), 'Origin');
    assert.is(response.headers.get('content-type'), 'application/json; charset=utf-8');
  }
  const generated = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { 'X-Request-Id': 'no' } });
  assert.match(generated.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
});

framing('answers 404 for an unknown path under /v1/widget/ (readable by any page) and 405 with Allow for a wrong method', async () => {
  const missing = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/price`, { method: 'POST', headers: { Origin: 'https://some-site.example' } });
  assert.is(missing.status, 404);
  assert.is((await json(missing)).error.message, `There is nothing at POST /v1/widget/${PAINTER_KEY}/services/interior-painting/price.`);
  assert.is(missing.headers.get('access-control-allow-origin'), '*');
  const getEstimate = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`);
  assert.is(getEstimate.status, 405);
  assert.is(getEstimate.headers.get('allow'), 'POST, OPTIONS');
  const postConfig = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { method: 'POST' });
  assert.is(postConfig.status, 405);
  assert.is(postConfig.headers.get('allow'), 'GET, HEAD, OPTIONS');
  assert.is((await json(postConfig)).error.message, 'POST is not allowed here; use GET, HEAD, OPTIONS.');
});

// ETag and 304: test/api/demo.test.ts, "GET /v1/widget/{pk}/config: ETag and 304".
framing('answers HEAD on the config with its headers only', async () => {
  const full = await app.call(`/v1/widget/${PAINTER_KEY}/config`);
  const body = await full.text();
  const head = await app.call(`/v1/widget/${PAINTER_KEY}/config`, { method: 'HEAD' });
  assert.is(head.status, 200);
  assert.is(head.headers.get('content-length'), String(Buffer.byteLength(body)));
  assert.is(await head.text(), '');
  assert.is(head.headers.get('etag'), full.headers.get('etag'));
});

framing('reads percent-encoded path segments, takes a malformed one as written, and allows a trailing slash and any case', async () => {
  const encoded = await app.call(`/v1/widget/${PAINTER_KEY}/services/interior%2Dpainting/estimate`, postJson({ fields: { rooms: 2 } }));
  assert.is(encoded.status, 200);
  assert.is((await json(encoded)).total, 39900);
  const malformed = await app.call('/v1/widget/pk_test_%E0%A4%A/config');
  assert.is(malformed.status, 404);
  assert.is((await json(malformed)).error.code, 'unknown_key');
  const slashed = await app.call(`/V1/Widget/${PAINTER_KEY}/CONFIG/?v=2`);
  assert.is(slashed.status, 200);
});

framing('writes one access-log line per request, with its request id and tenant', async () => {
  const chunks: string[] = [];
  const logStream = new Writable({ write: (chunk: Buffer, _encoding, done) => (chunks.push(chunk.toString()), done()) });
  const logged = await startTestServer({ logStream });
  try {
    await logged.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { 'X-Request-Id': 'trace-log-00001' } });
    await logged.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: { rooms: 99 } }, { 'X-Request-Id': 'trace-log-00002' }));
    const lines = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = lines.filter((line) => line.msg === 'request' && String(line.requestId).startsWith('trace-log-'));
    const [tenant] = await query<{ id: string }>(logged.database.url, "SELECT id FROM tenants WHERE slug = 'brightside-painting'");
    assert.equal(
      requests.map(({ requestId, tenantId, method, path, status }) => ({ requestId, tenantId, method, path, status })),
      [
        { requestId: 'trace-log-00001', tenantId: tenant?.id, method: 'GET', path: `/v1/widget/${PAINTER_KEY}/config`, status: 200 },
        { requestId: 'trace-log-00002', tenantId: tenant?.id, method: 'POST', path: `/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, status: 422 },
      ],
    );
    assert.ok(requests.every((line) => typeof line.durationMs === 'number'));
  } finally {
    await logged.close();
  }
});

framing('takes the visitor\'s address from X-Forwarded-For only behind a trusted proxy', async () => {
  for (const trusted of [true, false]) {
    const proxied = await startTestServer({ env: { TRUST_PROXY: String(trusted), WIDGET_RATE_LIMIT: '1' } });
    try {
      const from = (ip: string) => proxied.call(`/v1/widget/${PAINTER_KEY}/config`, { headers: { 'X-Forwarded-For': `${ip}, 10.0.0.1` } });
      const statuses = [(await from('203.0.113.1')).status, (await from('203.0.113.2')).status, (await from('203.0.113.1')).status];
      // Trusted: two visitors, each limited on their second request. Not trusted: one address, the socket's.
      assert.equal(statuses, trusted ? [200, 200, 429] : [200, 429, 429], `TRUST_PROXY=${trusted}`);
    } finally {
      await proxied.close();
    }
  }
});

framing.run();
