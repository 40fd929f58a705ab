// The OpenAPI document (docs/openapi.json) against the code, so neither can
// drift silently: it is valid OpenAPI 3.1; the server serves it at
// /openapi.json; every route of the app is documented and every documented
// operation exists; real answers of a real server have a documented status,
// headers and media type, and their JSON bodies validate (ajv, JSON Schema
// 2020-12) against the documented schema; every example validates too; and
// every error code the code base can answer is in the Error.code enum.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileErrors, validate } from '@readme/openapi-parser';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { WIDGET_ROUTES } from '../../server/http/widget-api.ts';
import { withAdminPart } from '../openapi/admin-document.ts';
import { CLEANER_SECRET, PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { authorizePath, browser, csrfOf, pkce, publicUrlOf, refresh, signIn } from '../helpers/sign-in.ts';
import { ADMIN_URL, createTestDatabase, query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, PAINTER_ORIGIN, postJson, ROOT, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const DOC_FILE = join(ROOT, 'docs', 'openapi.json');
const doc: J = JSON.parse(readFileSync(DOC_FILE, 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Codes api.md lists as "in use at least" that no code answers yet; documented as reserved. */
const RESERVED_CODES = new Map<string, number>();
/** Every code api.md names. */
const API_MD_CODES = [
  'invalid_request', 'invalid_field', 'unknown_service', 'unknown_key', 'origin_not_allowed', 'rate_limited', 'quota_exceeded',
  'unauthenticated', 'forbidden', 'not_found', 'idempotency_key_reused', 'payload_too_large', 'unsupported_media_type', 'server_error',
];

// ---------------------------------------------------------------------------
// The document as JSON Schema for ajv

/** Follows a local `$ref` (responses, headers, parameters, examples) to its object. */
function deref(node: J): J {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 10 || !current.$ref.startsWith('#/')) throw new Error(`cannot follow ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split('/')
      .map((part: string) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((at: J, part: string) => at?.[part], doc);
    if (current === undefined) throw new Error(`${node.$ref} points at nothing`);
  }
  return current;
}

const BASE = 'urn:quote-master-pro:openapi';

/**
 * A schema of the document as a standalone JSON Schema: refs point into the
 * registered components, and every object schema that does not say otherwise
 * is closed, so a property the server answers but the document does not name
 * fails here. (The published schemas stay open: clients must ignore new keys.)
 */
function toJsonSchema(node: J): J {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const out: J = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) out.$ref = `${BASE}#/$defs/${value.slice('#/components/schemas/'.length)}`;
    else if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') out[key] = value;
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as J).map(([name, schema]) => [name, toJsonSchema(schema)]));
    else out[key] = toJsonSchema(value);
  }
  if (out.properties && !('additionalProperties' in out) && !('unevaluatedProperties' in out)) out.additionalProperties = false;
  return out;
}

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats.default(ajv);
ajv.addKeyword('discriminator'); // an OpenAPI annotation; `oneOf` does the validating
ajv.addSchema({ $id: BASE, $defs: Object.fromEntries(Object.entries(doc.components.schemas as J).map(([name, schema]) => [name, toJsonSchema(schema)])) });

const validators = new Map<string, ValidateFunction>();
function validatorFor(schema: J): ValidateFunction {
  const key = JSON.stringify(schema);
  let compiled = validators.get(key);
  if (!compiled) {
    compiled = ajv.compile(toJsonSchema(schema));
    validators.set(key, compiled);
  }
  return compiled;
}

function assertValid(schema: J, value: unknown, what: string): void {
  const check = validatorFor(schema);
  if (!check(value)) assert.unreachable(`${what} does not match the document:\n${ajv.errorsText(check.errors, { separator: '\n' })}\n${JSON.stringify(value).slice(0, 1500)}`);
}

function operations(): Array<{ path: string; method: string; operation: J }> {
  return Object.entries(doc.paths as J).flatMap(([path, item]: [string, J]) =>
    METHODS.filter((method) => item[method]).map((method) => ({ path, method, operation: item[method] })),
  );
}

// ---------------------------------------------------------------------------
// Error codes in the code base

/** Every `super(<status>, '<code>'` and `new AppError(<status>, '<code>'` under server/, with its status. */
function emittedCodes(): Map<string, number> {
  const codes = new Map<string, number>();
  const dir = join(ROOT, 'server');
  for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const text = readFileSync(join(dir, file), 'utf8');
    const literal = [...text.matchAll(/(?:\bsuper|\bnew AppError)\(\s*(\d{3})\s*,\s*'([a-z_]+)'/g)];
    const constructions = (text.match(/\bextends AppError\b/g)?.length ?? 0) + (text.match(/\bnew AppError\(/g)?.length ?? 0);
    assert.is(literal.length, constructions, `server/${file}: every AppError subclass and \`new AppError\` must pass its status and code as literals, so this test sees the code`);
    for (const [, status, code] of literal) {
      const known = codes.get(code as string);
      assert.ok(known === undefined || known === Number(status), `${code} is used with two statuses (${known}, ${status})`);
      codes.set(code as string, Number(status));
    }
  }
  return codes;
}

// ---------------------------------------------------------------------------
const document = suite('docs/openapi.json');

document('is a valid OpenAPI 3.1 document (@readme/openapi-parser)', async () => {
  assert.match(doc.openapi, /^3\.1\.\d+$/);
  const result = await validate(structuredClone(doc));
  assert.ok(result.valid, result.valid ? '' : compileErrors(result));
  assert.equal(result.warnings, []);
});

document('the validator does catch a broken document', async () => {
  const schemaBreak = structuredClone(doc);
  delete schemaBreak.info.title;
  assert.not.ok((await validate(schemaBreak)).valid, 'info without title');
  const specBreak = structuredClone(doc);
  specBreak.paths['/readyz'].get.operationId = specBreak.paths['/healthz'].get.operationId;
  assert.not.ok((await validate(specBreak)).valid, 'a duplicate operationId');
});

document('every schema compiles as strict JSON Schema 2020-12, and every example validates', () => {
  for (const name of Object.keys(doc.components.schemas)) {
    assert.ok(ajv.getSchema(`${BASE}#/$defs/${name}`), `components.schemas.${name} does not compile`);
  }
  let checked = 0;
  const visitSchema = (schema: J, where: string): void => {
    if (!schema || typeof schema !== 'object') return;
    if (Array.isArray(schema.examples)) {
      schema.examples.forEach((example: unknown, i: number) => assertValid(schema, example, `${where}.examples[${i}]`));
      checked += schema.examples.length;
    }
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'examples' || key === 'default' || key === 'const' || key === 'enum') continue;
      if (key === 'properties') for (const [name, property] of Object.entries(value as J)) visitSchema(property, `${where}.properties.${name}`);
      else if (value && typeof value === 'object') visitSchema(value, `${where}.${key}`);
    }
  };
  for (const [name, schema] of Object.entries(doc.components.schemas as J)) visitSchema(schema, `components.schemas.${name}`);

  /** Media types, parameters and headers: `example` and `examples` against their `schema`. */
  const visitHolder = (holder: J, where: string): void => {
    const resolved = deref(holder);
    if (!resolved.schema) return;
    visitSchema(resolved.schema, `${where}.schema`);
    if ('example' in resolved) {
      assertValid(resolved.schema, resolved.example, `${where}.example`);
      checked += 1;
    }
    for (const [name, example] of Object.entries(resolved.examples ?? {})) {
      assertValid(resolved.schema, deref(example).value, `${where}.examples.${name}`);
      checked += 1;
    }
  };
  for (const { path, method, operation } of operations()) {
    const where = `${method.toUpperCase()} ${path}`;
    for (const parameter of [...(doc.paths[path].parameters ?? []), ...(operation.parameters ?? [])]) visitHolder(parameter, `${where} parameter ${deref(parameter).name}`);
    for (const [type, media] of Object.entries(deref(operation.requestBody ?? {}).content ?? {})) visitHolder(media, `${where} request ${type}`);
    for (const [status, response] of Object.entries(operation.responses as J)) {
      const resolved = deref(response);
      for (const [name, header] of Object.entries(resolved.headers ?? {})) visitHolder(header, `${where} ${status} header ${name}`);
      for (const [type, media] of Object.entries(resolved.content ?? {})) visitHolder(media, `${where} ${status} ${type}`);
    }
  }
  assert.ok(checked > 40, `only ${checked} examples were checked`);
});

document('every error code the code base can answer is in Error.code, and nothing else', () => {
  const emitted = emittedCodes();
  const documented: string[] = doc.components.schemas.ErrorCode.enum;
  assert.ok(emitted.size >= 15, `found only ${emitted.size} codes: is the search still right?`);
  for (const [code, status] of emitted) {
    // 5xx errors are never exposed: the wire says server_error (error-handler.ts).
    const wire = status >= 500 ? 'server_error' : code;
    assert.ok(documented.includes(wire), `${code} (${status}) is answered by the server but missing from components.schemas.ErrorCode.enum`);
  }
  for (const code of documented) {
    const known = code === 'server_error' || RESERVED_CODES.has(code) || (emitted.get(code) ?? 500) < 500;
    assert.ok(known, `${code} is documented but nothing answers it: remove it or list it as reserved`);
    assert.ok(doc.components.schemas.ErrorCode.description.includes(`| \`${code}\` |`), `${code} has no row in ErrorCode's description`);
  }
  for (const code of API_MD_CODES) assert.ok(documented.includes(code), `api.md names ${code}`);
  assert.is(new Set(documented).size, documented.length, 'ErrorCode.enum has duplicates');
});

document('every documented error example sits under the status of its code', () => {
  const statusOf = new Map([...emittedCodes(), ...RESERVED_CODES]);
  for (const { path, method, operation } of operations()) {
    for (const [status, response] of Object.entries(operation.responses as J)) {
      const media = deref(response).content?.['application/json'];
      if (deref(media?.schema ?? {}) !== doc.components.schemas.Error) continue;
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        const { code } = deref(example).value.error;
        const expected = code === 'server_error' ? 500 : statusOf.get(code);
        assert.is(String(expected), status, `${method.toUpperCase()} ${path} ${status}: example ${name} has code ${code}, answered with ${expected}`);
      }
    }
  }
});

document('holds the admin part exactly as test/openapi/admin-document.ts writes it (npm run openapi:admin)', () => {
  assert.equal(withAdminPart(doc), doc);
});

document('documents exactly the routes the app serves', async () => {
  const running = await startTestServer();
  try {
    const served = new Set<string>();
    for (const middleware of running.app.middleware as Array<{ router?: { stack: Array<{ path: string; methods: string[] }> } }>) {
      for (const layer of middleware.router?.stack ?? []) {
        const path = layer.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/(.)\/$/, '$1');
        // /dev/… (the development mailbox) is not served in production and is no part of the contract.
        if (path.startsWith('/dev/')) continue;
        for (const method of layer.methods) if (method !== 'HEAD') served.add(`${method.toLowerCase()} ${path}`);
      }
    }
    // The widget API answers before Koa, from its own table (server/http/widget-api.ts).
    for (const { method, path } of WIDGET_ROUTES) for (const answered of [method, 'OPTIONS']) served.add(`${answered.toLowerCase()} ${path}`);
    const documented = new Set(operations().map(({ path, method }) => `${method} ${path}`));
    assert.equal([...served].sort(), [...documented].sort());
  } finally {
    await running.close();
  }
});

document.run();

// ---------------------------------------------------------------------------
// Real answers against the document

let app: TestServer;

/**
 * Checks an answer against the documented response of `method path` for its
 * status: documented status, required headers present and typed, media type
 * documented, JSON body valid. Answers the parsed JSON body (or null).
 */
async function conforms(response: Response, method: string, path: string): Promise<J> {
  const what = `${method} ${path} → ${response.status}`;
  const operation = doc.paths[path]?.[method.toLowerCase()];
  assert.ok(operation, `${method} ${path} is not documented`);
  const documented = operation.responses[String(response.status)];
  assert.ok(documented, `${what} is not a documented status`);
  const spec = deref(documented);
  for (const [name, header] of Object.entries(spec.headers ?? {})) {
    const { required, schema } = deref(header);
    const value = response.headers.get(name);
    if (value === null) {
      assert.not.ok(required, `${what}: the required header ${name} is missing`);
      continue;
    }
    assertValid(schema, schema.type === 'integer' ? Number(value) : value, `${what}: header ${name}`);
  }
  const text = await response.text();
  if (!spec.content) {
    if (response.status === 204 || response.status === 304) assert.is(text, '', `${what} has a body`);
    return null;
  }
  const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
  const media = spec.content[type];
  assert.ok(media, `${what}: ${type} is not a documented media type (${Object.keys(spec.content).join(', ')})`);
  if (type !== 'application/json') return null;
  const body = JSON.parse(text);
  assertValid(media.schema, body, what);
  if (typeof body.error === 'object' && body.error !== null) assert.is(body.error.requestId, response.headers.get('x-request-id'), `${what}: requestId`);
  return body;
}

const exampleOf = (path: string, method: string, status: string, name: string): J => deref(doc.paths[path][method].responses[status].content['application/json'].examples[name]).value;
const requestExampleOf = (path: string, name: string): J => doc.paths[path].post.requestBody.content['application/json'].examples[name].value;
const requestExampleOfAdmin = (path: string, name: string): J => requestExampleOf(`/v1/admin${path}`, name);

const CONFIG = '/v1/widget/{pk}/config';
const ESTIMATE = '/v1/widget/{pk}/services/{service}/estimate';
const INTERPRET = '/v1/widget/{pk}/services/{service}/interpret';
const QUOTES = '/v1/widget/{pk}/services/{service}/quotes';
const widget = (path: string, key = PAINTER_KEY, service = 'interior-painting'): string => path.replace('{pk}', key).replace('{service}', service);

const served = suite('real answers match the document');
served.before(async () => {
  app = await startTestServer();
});
served.after(async () => {
  await app.close();
});

served('GET /openapi.json serves the file, to any origin, with a short public cache and an ETag', async () => {
  const response = await app.call('/openapi.json');
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /^application\/json/);
  assert.is(response.headers.get('access-control-allow-origin'), '*');
  assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
  const etag = response.headers.get('etag') ?? '';
  assert.equal(await conforms(response.clone(), 'GET', '/openapi.json'), doc);
  assert.is(await response.text(), readFileSync(DOC_FILE, 'utf8'));
  // (fetch adds Cache-Control: no-cache to a conditional request unless it has one: a revalidation has max-age=0)
  const again = await app.call('/openapi.json', { headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0' } });
  assert.is(again.status, 304);
  await conforms(again, 'GET', '/openapi.json');
});

served('health probes', async () => {
  assert.equal(await conforms(await app.call('/healthz'), 'GET', '/healthz'), { status: 'ok' });
  assert.equal(await conforms(await app.call('/readyz'), 'GET', '/readyz'), { status: 'ready', checks: { database: 'ok' } });
});

served('config and preflights', async () => {
  const config = await app.call(widget(CONFIG), { headers: { Origin: PAINTER_ORIGIN } });
  assert.is(config.status, 200);
  const body = await conforms(config, 'GET', CONFIG);
  assert.equal(body.services[0].fields, exampleOf(CONFIG, 'get', '200', 'brightside').services[0].fields);
  for (const path of [CONFIG, ESTIMATE, INTERPRET, QUOTES]) {
    const preflight = await app.call(widget(path), { method: 'OPTIONS', headers: { Origin: PAINTER_ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    assert.is(preflight.status, 204, path);
    await conforms(preflight, 'OPTIONS', path);
  }
  const refused = await app.call(widget(CONFIG), { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' } });
  assert.is(refused.status, 403);
  assert.is((await conforms(refused, 'OPTIONS', CONFIG)).error.code, 'origin_not_allowed');
});

served('estimate: the worked example of pricing.md is the documented example, exactly', async () => {
  for (const name of ['workedExample', 'unknownCode']) {
    const response = await app.call(widget(ESTIMATE), postJson(requestExampleOf(ESTIMATE, name), { Origin: PAINTER_ORIGIN }));
    assert.is(response.status, 200);
    assert.equal(await conforms(response, 'POST', ESTIMATE), exampleOf(ESTIMATE, 'post', '200', name), name);
  }
});

served('widget errors: invalid_field, unknown_key, unknown_service, origin_not_allowed, payload_too_large, unsupported_media_type, invalid_request', async () => {
  const cases: Array<[string, string, Promise<Response>, number, string]> = [
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), postJson({ fields: { rooms: 31, size: 'huge' } })), 422, 'invalid_field'],
    ['GET', CONFIG, app.call(widget(CONFIG, 'pk_test_nobody'), { headers: { Origin: PAINTER_ORIGIN } }), 404, 'unknown_key'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE, 'pk_test_nobody'), postJson({})), 404, 'unknown_key'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE, PAINTER_KEY, 'roofing'), postJson({})), 404, 'unknown_service'],
    ['GET', CONFIG, app.call(widget(CONFIG), { headers: { Origin: 'https://evil.example' } }), 403, 'origin_not_allowed'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), postJson({}, { Origin: 'https://evil.example' })), 403, 'origin_not_allowed'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), postJson({ fields: {}, padding: 'x'.repeat(17 * 1024) })), 413, 'payload_too_large'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: 'rooms=2' }), 415, 'unsupported_media_type'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), postJson('{"fields": {')), 400, 'invalid_request'],
    ['POST', ESTIMATE, app.call(widget(ESTIMATE), postJson({ fields: {}, colour: 'red' }, { Origin: PAINTER_ORIGIN })), 400, 'invalid_request'],
    ['POST', INTERPRET, app.call(widget(INTERPRET), postJson({ text: '  ' })), 400, 'invalid_request'],
    ['POST', INTERPRET, app.call(widget(INTERPRET, PAINTER_KEY, 'roofing'), postJson({ text: 'two rooms' })), 404, 'unknown_service'],
  ];
  for (const [method, path, answer, status, code] of cases) {
    const response = await answer;
    assert.is(response.status, status, `${method} ${path} ${code}`);
    assert.is((await conforms(response, method, path)).error.code, code);
  }
});

served('interpret: the documented example is what the local provider reads', async () => {
  const response = await app.call(widget(INTERPRET), postJson(requestExampleOf(INTERPRET, 'rooms'), { Origin: PAINTER_ORIGIN }));
  assert.is(response.status, 200);
  const body = await conforms(response, 'POST', INTERPRET);
  assert.equal(body.fields, exampleOf(INTERPRET, 'post', '200', 'rooms').fields);
});

served('quotes: 201, a replay with Idempotent-Replayed, idempotency_key_reused, missing key, invalid_field', async () => {
  const body = requestExampleOf(QUOTES, 'twoSmallRooms');
  const submit = (payload: unknown, headers: Record<string, string>) => app.call(widget(QUOTES), postJson(payload, { Origin: PAINTER_ORIGIN, ...headers }));
  const created = await submit(body, { 'Idempotency-Key': 'openapi-1' });
  assert.is(created.status, 201);
  assert.is(created.headers.get('idempotent-replayed'), null);
  const quote = await conforms(created, 'POST', QUOTES);
  assert.is(quote.total, exampleOf(QUOTES, 'post', '201', 'created').total);
  const replay = await submit(body, { 'Idempotency-Key': 'openapi-1' });
  assert.is(replay.status, 201);
  assert.is(replay.headers.get('idempotent-replayed'), 'true');
  assert.equal(await conforms(replay, 'POST', QUOTES), quote);

  const errors: Array<[Promise<Response>, number, string]> = [
    [submit({ ...body, fields: { rooms: 3 } }, { 'Idempotency-Key': 'openapi-1' }), 422, 'idempotency_key_reused'],
    [submit(body, {}), 400, 'invalid_request'],
    [submit({ ...body, total: 1 }, { 'Idempotency-Key': 'openapi-2' }), 400, 'invalid_request'],
    [submit({ fields: { rooms: 0 }, contact: { name: ' ', email: 'not-an-email' }, consent: false }, { 'Idempotency-Key': 'openapi-3' }), 422, 'invalid_field'],
  ];
  for (const [answer, status, code] of errors) {
    const response = await answer;
    assert.is(response.status, status, code);
    assert.is((await conforms(response, 'POST', QUOTES)).error.code, code);
  }
});

served('the hosted quote page and its form posts', async () => {
  const newQuote = async (key: string): Promise<{ path: string; csrf: string }> => {
    const created = await json(await app.call(widget(QUOTES), postJson(requestExampleOf(QUOTES, 'twoSmallRooms'), { 'Idempotency-Key': key })));
    const path = new URL(created.url).pathname;
    const page = await app.call(path);
    assert.is(page.status, 200);
    const html = await page.clone().text();
    await conforms(page, 'GET', '/q/{token}');
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(csrf, 'the page has a csrf field');
    return { path, csrf };
  };
  const form = (fields: Record<string, string>): RequestInit => ({
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });

  const missing = await app.call('/q/no-such-token');
  assert.is(missing.status, 404);
  await conforms(missing, 'GET', '/q/{token}');

  const first = await newQuote('openapi-page-1');
  const cases: Array<[string, RequestInit, number, string]> = [
    ['accept', form({ name: 'Mallory', csrf: 'forged' }), 403, ''],
    ['accept', form({ name: ' ', csrf: first.csrf }), 422, ''],
    ['accept', form({ name: 'x'.repeat(5000), csrf: first.csrf }), 413, 'payload_too_large'],
    ['accept', form({ name: 'Grace Hopper', csrf: first.csrf }), 303, ''],
    ['decline', form({ csrf: first.csrf }), 409, ''],
  ];
  for (const [decision, init, status, code] of cases) {
    const response = await app.call(`${first.path}/${decision}`, init);
    assert.is(response.status, status, `${decision} → ${status}`);
    if (status === 303) assert.is(response.headers.get('location'), `${first.path}?done=accepted`);
    const body = await conforms(response, 'POST', `/q/{token}/${decision}`);
    if (code) assert.is(body.error.code, code);
  }
  const second = await newQuote('openapi-page-2');
  const declined = await app.call(`${second.path}/decline`, form({ csrf: second.csrf }));
  assert.is(declined.status, 303);
  await conforms(declined, 'POST', '/q/{token}/decline');
  const unknown = await app.call('/q/no-such-token/decline', form({ csrf: second.csrf }));
  assert.is(unknown.status, 404);
  await conforms(unknown, 'POST', '/q/{token}/decline');
});

served('answers outside the documented operations still have the Error shape', async () => {
  for (const [response, code] of [
    [await app.call('/v1/nothing'), 'not_found'],
    [await app.call(widget(ESTIMATE)), 'method_not_allowed'],
  ] as const) {
    const body = await json(response);
    assertValid(doc.components.schemas.Error, body, `${code} answer`);
    assert.is(body.error.code, code);
  }
});

served.run();

// ---------------------------------------------------------------------------
const limited = suite('429 rate_limited matches the document');

limited('with Retry-After, on a real server with a widget limit of 1 a minute', async () => {
  const server = await startTestServer({ env: { WIDGET_RATE_LIMIT: '1' } });
  try {
    assert.is((await server.call(widget(CONFIG))).status, 200);
    const estimate = await server.call(widget(ESTIMATE), postJson({ fields: {} }, { Origin: PAINTER_ORIGIN }));
    assert.is(estimate.status, 429);
    assert.is(estimate.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
    assert.is((await conforms(estimate, 'POST', ESTIMATE)).error.code, 'rate_limited');
    const config = await server.call(widget(CONFIG));
    assert.is(config.status, 429);
    await conforms(config, 'GET', CONFIG);
  } finally {
    await server.close();
  }
});

limited('429 quota_exceeded on interpret, when the tenant\'s monthly AI allowance is used up', async () => {
  const server = await startTestServer({ env: { AI_MONTHLY_INTERPRETATIONS: '1' } });
  try {
    const ask = () => server.call(widget(INTERPRET), postJson({ text: 'two rooms' }, { Origin: PAINTER_ORIGIN }));
    assert.is((await ask()).status, 200);
    const refused = await ask();
    assert.is(refused.status, 429);
    const body = await conforms(refused, 'POST', INTERPRET);
    assert.is(body.error.code, 'quota_exceeded');
    assert.match(body.error.message, /Fill in the form/);
  } finally {
    await server.close();
  }
});

limited.run();

// ---------------------------------------------------------------------------
const failing = suite('503 and 500 match the document');

failing('a not-ready /readyz and an unexpected failure, when the real database stops answering', async () => {
  const database = await createTestDatabase();
  const running = await startTestServer({ database });
  try {
    // Refuse new connections to the server's database and end the open ones.
    await query(ADMIN_URL, `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    await query(ADMIN_URL, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database.name]);
    const readyz = await running.call('/readyz');
    assert.is(readyz.status, 503);
    assert.is((await conforms(readyz, 'GET', '/readyz')).status, 'not_ready');
    // A key the server has not seen must be looked up in the database: that fails.
    const failed = await running.call('/v1/widget/pk_test_neverseen/config');
    assert.is(failed.status, 500);
    assert.is((await conforms(failed, 'GET', CONFIG)).error.code, 'server_error');
  } finally {
    await query(ADMIN_URL, `ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    await running.close();
    await database.drop();
  }
});

failing.run();

// ---------------------------------------------------------------------------
const admin = suite('admin answers match the document');
admin.before(async () => {
  app = await startTestServer();
});
admin.after(async () => {
  await app.close();
});

const A = (path: string): string => `/v1/admin${path}`;
const as = (bearer: string, init: Parameters<typeof withBearer>[1] = {}) => withBearer(bearer, init);

admin('tenant: read, change, and the errors of a change', async () => {
  assert.is((await conforms(await app.call(A('/tenant'), as(PAINTER_SECRET)), 'GET', A('/tenant'))).slug, 'brightside-painting');
  const changed = await app.call(A('/tenant'), as(PAINTER_SECRET, { method: 'PATCH', body: { name: 'Brightside Painting' } }));
  assert.is(changed.status, 200);
  await conforms(changed, 'PATCH', A('/tenant'));
  for (const [init, status] of [
    [as(PAINTER_SECRET, { method: 'PATCH', body: { colour: 'red' } }), 400],
    [as(PAINTER_SECRET, { method: 'PATCH', body: { theme: { preset: 'neon' } } }), 422],
    [{ method: 'PATCH', headers: { Authorization: `Bearer ${PAINTER_SECRET}`, 'Content-Type': 'text/plain' }, body: 'x' }, 415],
    [as(PAINTER_SECRET, { method: 'PATCH', body: { name: 'x'.repeat(300 * 1024) } }), 413],
    [as(PAINTER_KEY, { method: 'PATCH', body: {} }), 401],
  ] as const) {
    const response = await app.call(A('/tenant'), init as RequestInit);
    assert.is(response.status, status);
    await conforms(response, 'PATCH', A('/tenant'));
  }
});

admin('services: list, read, create, update, try, and their errors', async () => {
  await conforms(await app.call(A('/services'), as(PAINTER_SECRET)), 'GET', A('/services'));
  const one = await app.call(A('/services/interior-painting'), as(PAINTER_SECRET));
  const { config } = await conforms(one, 'GET', A('/services/{key}'));
  const created = await app.call(A('/services'), as(PAINTER_SECRET, { method: 'POST', body: { ...config, key: 'walls' } }));
  assert.is(created.status, 201);
  await conforms(created, 'POST', A('/services'));
  const duplicate = await app.call(A('/services'), as(PAINTER_SECRET, { method: 'POST', body: { ...config, key: 'walls' } }));
  assert.is((await conforms(duplicate, 'POST', A('/services'))).error.code, 'service_exists');
  const updated = await app.call(A('/services/walls'), as(PAINTER_SECRET, { method: 'PUT', body: config }));
  assert.is(updated.status, 422, 'the key in the body must be the key in the path');
  await conforms(updated, 'PUT', A('/services/{key}'));
  const saved = await app.call(A('/services/walls'), as(PAINTER_SECRET, { method: 'PUT', body: { ...config, key: 'walls' } }));
  assert.is((await conforms(saved, 'PUT', A('/services/{key}'))).pricingVersion, 2);
  const failing = structuredClone(config);
  failing.tests[0].expectTotal += 1;
  assert.is((await conforms(await app.call(A('/services/interior-painting'), as(PAINTER_SECRET, { method: 'PUT', body: failing })), 'PUT', A('/services/{key}'))).error.code, 'pricing_tests_failed');
  assert.is((await conforms(await app.call(A('/services/roofing'), as(PAINTER_SECRET)), 'GET', A('/services/{key}'))).error.code, 'unknown_service');
  const tried = await app.call(A('/services/interior-painting/try'), as(PAINTER_SECRET, { method: 'POST', body: requestExampleOfAdmin('/services/{key}/try', 'rooms') }));
  const example = requestExampleOfAdmin('/services/{key}/try', 'rooms');
  const estimate = await json(await app.call(widget(ESTIMATE), postJson({ fields: example.fields, discountCode: example.discountCode })));
  assert.is((await conforms(tried, 'POST', A('/services/{key}/try'))).result.total, estimate.total);
});

admin('quotes: a page, one quote, and the errors', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 2 });
  const list = await conforms(await app.call(A('/quotes?status=sent,viewed&limit=1'), as(PAINTER_SECRET)), 'GET', A('/quotes'));
  assert.is(list.data[0].id, quote.id);
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}`), as(PAINTER_SECRET)), 'GET', A('/quotes/{id}'))).number, quote.number);
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}`), as(CLEANER_SECRET)), 'GET', A('/quotes/{id}'))).error.code, 'not_found');
  assert.is((await conforms(await app.call(A('/quotes?status=lost'), as(PAINTER_SECRET)), 'GET', A('/quotes'))).error.code, 'invalid_request');
  assert.is((await conforms(await app.call(A('/quotes')), 'GET', A('/quotes'))).error.code, 'unauthenticated');
});

admin('notifications and webhooks: every route, and their errors', async () => {
  assert.equal(await conforms(await app.call(A('/notifications'), as(PAINTER_SECRET)), 'GET', A('/notifications')), { emails: ['owner@brightside-painting.example'], replyTo: null });
  const patched = await app.call(A('/notifications'), as(PAINTER_SECRET, { method: 'PATCH', body: doc.paths[A('/notifications')].patch.requestBody.content['application/json'].examples.office.value }));
  assert.equal((await conforms(patched, 'PATCH', A('/notifications'))).emails, ['office@brightside.example']);
  assert.is((await conforms(await app.call(A('/notifications'), as(PAINTER_SECRET, { method: 'PATCH', body: { emails: ['x'] } })), 'PATCH', A('/notifications'))).error.code, 'invalid_request');

  await conforms(await app.call(A('/webhooks'), as(PAINTER_SECRET)), 'GET', A('/webhooks'));
  const created = await app.call(A('/webhooks'), as(PAINTER_SECRET, { method: 'POST', body: requestExampleOfAdmin('/webhooks', 'created') }));
  assert.is(created.status, 201);
  const hook = await conforms(created, 'POST', A('/webhooks'));
  assert.is(created.headers.get('location'), A(`/webhooks/${hook.id}`));
  assert.is((await conforms(await app.call(A('/webhooks'), as(PAINTER_SECRET, { method: 'POST', body: { url: 'nope', events: ['quote.created'] } })), 'POST', A('/webhooks'))).error.code, 'invalid_request');
  const item = `/webhooks/${hook.id}`;
  const events = doc.paths[A('/webhooks/{id}')].patch.requestBody.content['application/json'].examples.events.value;
  assert.equal((await conforms(await app.call(A(item), as(PAINTER_SECRET, { method: 'PATCH', body: events })), 'PATCH', A('/webhooks/{id}'))).events, events.events);
  assert.is((await conforms(await app.call(A('/webhooks/nope'), as(PAINTER_SECRET, { method: 'PATCH', body: events })), 'PATCH', A('/webhooks/{id}'))).error.code, 'not_found');
  assert.is((await conforms(await app.call(A(`${item}/enable`), as(PAINTER_SECRET, { method: 'POST' })), 'POST', A('/webhooks/{id}/enable'))).state, 'active');
  assert.equal((await conforms(await app.call(A(`${item}/deliveries?limit=5`), as(PAINTER_SECRET)), 'GET', A('/webhooks/{id}/deliveries'))).data, []);
  assert.is((await conforms(await app.call(A(`${item}/deliveries?limit=0`), as(PAINTER_SECRET)), 'GET', A('/webhooks/{id}/deliveries'))).error.code, 'invalid_request');
  // A message of this endpoint, as the fan-out writes it (no worker runs here): queued, then delivered.
  const [tenant] = await query<{ id: string }>(app.database.url, "SELECT id FROM tenants WHERE slug = 'brightside-painting'");
  const [message] = await query<{ id: string }>(
    app.database.url,
    "INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, run_at, created_at) VALUES ($1, 'webhook', 'quote.created', 'contract-hook', jsonb_build_object('url', $2::text, 'body', '{}'), now() + interval '1 day', now()) RETURNING id",
    [tenant?.id, hook.url],
  );
  const replay = A(`${item}/deliveries/${message?.id}/replay`);
  assert.is((await conforms(await app.call(replay, as(PAINTER_SECRET, { method: 'POST' })), 'POST', A('/webhooks/{id}/deliveries/{messageId}/replay'))).error.code, 'message_pending');
  await query(app.database.url, "UPDATE outbox SET status = 'delivered' WHERE id = $1", [message?.id]);
  assert.is((await conforms(await app.call(replay, as(PAINTER_SECRET, { method: 'POST' })), 'POST', A('/webhooks/{id}/deliveries/{messageId}/replay'))).status, 'pending');
  await query(app.database.url, "UPDATE outbox SET status = 'cancelled' WHERE id = $1", [message?.id]);
  const deleted = await app.call(A(item), as(PAINTER_SECRET, { method: 'DELETE' }));
  assert.is(deleted.status, 204);
  await conforms(deleted, 'DELETE', A('/webhooks/{id}'));
  assert.is((await conforms(await app.call(A(item), as(PAINTER_SECRET, { method: 'DELETE' })), 'DELETE', A('/webhooks/{id}'))).error.code, 'not_found');
});

admin('quotes: resend and revise, and their errors', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 2 });
  const resend = A('/quotes/{id}/resend');
  const revise = A('/quotes/{id}/revise');
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}/resend`), as(PAINTER_SECRET, { method: 'POST' })), 'POST', resend)).status, 'queued');
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}/resend`), as(CLEANER_SECRET, { method: 'POST' })), 'POST', resend)).error.code, 'not_found');
  const example = doc.paths[revise].post.requestBody.content['application/json'].examples.rooms.value;
  const revised = await app.call(A(`/quotes/${quote.id}/revise`), as(PAINTER_SECRET, { method: 'POST', body: example }));
  assert.is(revised.status, 201);
  const r2 = await conforms(revised, 'POST', revise);
  assert.equal([r2.revision, r2.revisionOf, r2.fields.rooms], [2, quote.id, 4]);
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}`), as(PAINTER_SECRET)), 'GET', A('/quotes/{id}'))).supersededBy, r2.id);
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}/revise`), as(PAINTER_SECRET, { method: 'POST' })), 'POST', revise)).error.code, 'quote_status_conflict');
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}/resend`), as(PAINTER_SECRET, { method: 'POST' })), 'POST', resend)).error.code, 'quote_status_conflict');
  assert.is((await conforms(await app.call(A(`/quotes/${r2.id}/revise`), as(PAINTER_SECRET, { method: 'POST', body: { fields: { rooms: 'x' } } })), 'POST', revise)).error.code, 'invalid_field');
  assert.is((await conforms(await app.call(A(`/quotes/${r2.id}/revise`), as(PAINTER_SECRET, { method: 'POST', body: { note: 1 } })), 'POST', revise)).error.code, 'invalid_request');
});

admin('AI settings: read, change, and the errors of a change', async () => {
  const AI = A('/ai');
  assert.is((await conforms(await app.call(AI, as(PAINTER_SECRET)), 'GET', AI)).interpret, true);
  const cap = doc.paths[AI].patch.requestBody.content['application/json'].examples.cap.value;
  assert.is((await conforms(await app.call(AI, as(PAINTER_SECRET, { method: 'PATCH', body: cap })), 'PATCH', AI)).limits.interpretations, cap.monthlyInterpretations);
  assert.is((await conforms(await app.call(AI, as(PAINTER_SECRET, { method: 'PATCH', body: { monthlyTokens: 1e13 } })), 'PATCH', AI)).error.code, 'invalid_request');
  const off = doc.paths[AI].patch.requestBody.content['application/json'].examples.off.value;
  assert.is((await conforms(await app.call(AI, as(PAINTER_SECRET, { method: 'PATCH', body: off })), 'PATCH', AI)).interpret, false);
  const refused = await app.call(widget(INTERPRET), postJson({ text: 'two rooms' }));
  assert.is(refused.status, 403);
  assert.is((await conforms(refused, 'POST', INTERPRET)).error.code, 'forbidden');
  await app.call(AI, as(PAINTER_SECRET, { method: 'PATCH', body: { interpret: true, monthlyInterpretations: null } }));
});

admin('email templates: list, read, write, preview, delete, and their errors', async () => {
  const T = (path = '') => A(`/email-templates${path}`);
  assert.is((await conforms(await app.call(T(), as(PAINTER_SECRET)), 'GET', T())).data.length, 4);
  assert.is((await conforms(await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET)), 'GET', T('/{template}'))).override, null);
  assert.is((await conforms(await app.call(T('/team-invite'), as(PAINTER_SECRET)), 'GET', T('/{template}'))).error.code, 'not_found');
  const put = doc.paths[T('/{template}')].put.requestBody.content['application/json'].examples.subject.value;
  assert.equal((await conforms(await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET, { method: 'PUT', body: put })), 'PUT', T('/{template}'))).override, put);
  assert.is((await conforms(await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET, { method: 'PUT', body: { subject: '{{quote.numbr}}' } })), 'PUT', T('/{template}'))).error.code, 'invalid_template');
  assert.is((await conforms(await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET, { method: 'PUT', body: { footer: '' } })), 'PUT', T('/{template}'))).error.code, 'invalid_request');
  assert.is((await conforms(await app.call(T('/quote-to-visitor/preview'), as(PAINTER_SECRET, { method: 'POST' })), 'POST', T('/{template}/preview'))).source, 'override');
  const draft = doc.paths[T('/{template}/preview')].post.requestBody.content['application/json'].examples.draft.value;
  assert.is((await conforms(await app.call(T('/new-quote-alert/preview'), as(PAINTER_SECRET, { method: 'POST', body: draft })), 'POST', T('/{template}/preview'))).subject, 'Draft: Q-2026-000123');
  assert.is((await conforms(await app.call(T('/new-quote-alert/preview'), as(PAINTER_SECRET, { method: 'POST', body: { draft: { html: '{{{x}}}' } } })), 'POST', T('/{template}/preview'))).error.code, 'invalid_template');
  const removed = await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET, { method: 'DELETE' }));
  assert.is(removed.status, 204);
  await conforms(removed, 'DELETE', T('/{template}'));
  assert.is((await conforms(await app.call(T('/quote-to-visitor'), as(PAINTER_SECRET, { method: 'DELETE' })), 'DELETE', T('/{template}'))).error.code, 'not_found');
});

admin.run();

// ---------------------------------------------------------------------------
const signin = suite('sign-in answers match the document');
signin.before(async () => {
  app = await startTestServer();
});
signin.after(async () => {
  await app.close();
});

signin('discovery, keys, the pages of a sign-in, the token endpoint and its errors', async () => {
  assert.match((await conforms(await app.call('/oidc/.well-known/openid-configuration'), 'GET', '/oidc/.well-known/openid-configuration')).issuer, /\/oidc$/);
  await conforms(await app.call('/oidc/.well-known/oauth-authorization-server'), 'GET', '/oidc/.well-known/oauth-authorization-server');
  await conforms(await app.call('/oidc/jwks'), 'GET', '/oidc/jwks');
  const publicUrl = await publicUrlOf(app);
  const b = browser(app);
  const started = await b.request(authorizePath(publicUrl, pkce().challenge));
  assert.is(started.status, 303);
  await conforms(started.clone(), 'GET', '/oidc/auth');
  const { response: loginPage } = await b.follow(started);
  const html = await loginPage.clone().text();
  await conforms(loginPage, 'GET', '/oidc/interaction/{uid}');
  const uid = /action="\/oidc\/interaction\/([^/"]+)\/login"/.exec(html)?.[1] as string;
  const csrf = csrfOf(html);
  await conforms(await b.post(`/oidc/interaction/${uid}/login`, { csrf, email: 'owner@brightside.example', password: 'wrong-password-here' }), 'POST', '/oidc/interaction/{uid}/login');
  await conforms(await b.post(`/oidc/interaction/${uid}/login`, { csrf: 'x', email: 'a', password: 'b' }), 'POST', '/oidc/interaction/{uid}/login');
  const signedIn = await b.post(`/oidc/interaction/${uid}/login`, { csrf, email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' });
  assert.is(signedIn.status, 303);
  await conforms(signedIn, 'POST', '/oidc/interaction/{uid}/login');
  await conforms(await app.call('/oidc/interaction/nothing'), 'GET', '/oidc/interaction/{uid}');
  const badRedirect = await b.request(authorizePath(publicUrl, pkce().challenge, { redirect_uri: 'https://evil.example/cb' }));
  assert.is(badRedirect.status, 400);
  await conforms(badRedirect, 'GET', '/oidc/auth');
  const tokens = await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' });
  const refreshed = await refresh(app, tokens.refreshToken);
  assert.is(refreshed.status, 200);
  await conforms(refreshed, 'POST', '/oidc/token');
  const reused = await refresh(app, tokens.refreshToken);
  assert.is((await conforms(reused, 'POST', '/oidc/token')).error, 'invalid_grant');
  await conforms(await app.call('/oidc/session/end'), 'GET', '/oidc/session/end');
});
signin.run();

// ---------------------------------------------------------------------------
const team = suite('team, keys, audit, operator and history answers match the document');
team.before(async () => {
  app = await startTestServer({ env: { OPERATOR_EMAILS: 'consultant@quotemaster.example' } });
});
team.after(async () => {
  await app.close();
});

team('keys, members, invites, audit', async () => {
  const owner = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
  await conforms(await app.call(A('/keys'), as(owner)), 'GET', A('/keys'));
  const created = await app.call(A('/keys'), as(owner, { method: 'POST', body: { kind: 'secret', name: 'doc' } }));
  const key = await conforms(created, 'POST', A('/keys'));
  const rotated = await app.call(A(`/keys/${key.id}/rotate`), as(owner, { method: 'POST' }));
  await conforms(rotated, 'POST', A('/keys/{id}/rotate'));
  assert.is((await conforms(await app.call(A(`/keys/${key.id}`), as(owner, { method: 'DELETE' })), 'DELETE', A('/keys/{id}'))), null);
  assert.is((await conforms(await app.call(A(`/keys/${key.id}/rotate`), as(owner, { method: 'POST' })), 'POST', A('/keys/{id}/rotate'))).error.code, 'key_not_active');
  const members = await conforms(await app.call(A('/members'), as(owner)), 'GET', A('/members'));
  const me = members.data.find((m: { role: string }) => m.role === 'owner');
  assert.is((await conforms(await app.call(A(`/members/${me.accountId}`), as(owner, { method: 'PATCH', body: { role: 'viewer' } })), 'PATCH', A('/members/{accountId}'))).error.code, 'last_owner');
  const viewer = members.data.find((m: { email: string }) => m.email === 'viewer@brightside.example');
  await conforms(await app.call(A(`/members/${viewer.accountId}`), as(owner, { method: 'PATCH', body: { role: 'editor' } })), 'PATCH', A('/members/{accountId}'));
  await conforms(await app.call(A(`/members/${viewer.accountId}`), as(owner, { method: 'DELETE' })), 'DELETE', A('/members/{accountId}'));
  const invite = await conforms(await app.call(A('/invites'), as(owner, { method: 'POST', body: { email: 'doc@example.com', role: 'viewer' } })), 'POST', A('/invites'));
  await conforms(await app.call(A('/invites'), as(owner)), 'GET', A('/invites'));
  const token = new URL(invite.acceptUrl).pathname.split('/').pop() as string;
  await conforms(await app.call(`/invite/${token}`), 'GET', '/invite/{token}');
  await conforms(await app.call(`/v1/invites/${token}/accept`, postJson({ password: 'velvet-harbour-lantern' })), 'POST', '/v1/invites/{token}/accept');
  assert.is((await conforms(await app.call(`/v1/invites/${token}/accept`, postJson({ password: 'velvet-harbour-lantern' })), 'POST', '/v1/invites/{token}/accept')).error.code, 'invite_not_usable');
  await conforms(await app.call(`/invite/${token}`), 'GET', '/invite/{token}');
  const other = await conforms(await app.call(A('/invites'), as(owner, { method: 'POST', body: { email: 'doc2@example.com', role: 'viewer' } })), 'POST', A('/invites'));
  await conforms(await app.call(A(`/invites/${other.id}`), as(owner, { method: 'DELETE' })), 'DELETE', A('/invites/{id}'));
  const audit = await conforms(await app.call(A('/audit?limit=5'), as(owner)), 'GET', A('/audit'));
  assert.ok(audit.data.length === 5 && audit.nextCursor);
  assert.is((await conforms(await app.call(A('/keys'), as(PAINTER_SECRET, { method: 'POST', body: { kind: 'secret' } })), 'POST', A('/keys'))).error.code, 'forbidden');
});

team('service history, quote changes, CSV', async () => {
  const { config } = await json(await app.call(A('/services/interior-painting'), as(PAINTER_SECRET)));
  await app.call(A('/services/interior-painting'), as(PAINTER_SECRET, { method: 'PUT', body: { ...config, name: 'Painting' } }));
  await conforms(await app.call(A('/services/interior-painting/versions'), as(PAINTER_SECRET)), 'GET', A('/services/{key}/versions'));
  assert.is((await conforms(await app.call(A('/services/interior-painting/versions/2'), as(PAINTER_SECRET)), 'GET', A('/services/{key}/versions/{version}'))).diff.length, 1);
  assert.is((await conforms(await app.call(A('/services/interior-painting/versions/5'), as(PAINTER_SECRET)), 'GET', A('/services/{key}/versions/{version}'))).error.code, 'unknown_version');
  await conforms(await app.call(A('/services/interior-painting/rollback'), as(PAINTER_SECRET, { method: 'POST', body: { version: 1 } })), 'POST', A('/services/{key}/rollback'));
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 2 });
  await conforms(await app.call(A(`/quotes/${quote.id}`), as(PAINTER_SECRET, { method: 'PATCH', body: { status: 'declined', notes: 'too dear' } })), 'PATCH', A('/quotes/{id}'));
  assert.is((await conforms(await app.call(A(`/quotes/${quote.id}`), as(PAINTER_SECRET, { method: 'PATCH', body: { status: 'accepted' } })), 'PATCH', A('/quotes/{id}'))).error.code, 'quote_status_conflict');
  await conforms(await app.call(A('/quotes/export'), as(PAINTER_SECRET)), 'GET', A('/quotes/export'));
  await conforms(await app.call(A('/services/interior-painting'), as(PAINTER_SECRET, { method: 'DELETE' })), 'DELETE', A('/services/{key}'));
});

team('operator routes, and the widget of a suspended tenant', async () => {
  const operator = (await signIn(app, { email: 'consultant@quotemaster.example', password: 'quotes-for-two-tenants' })).accessToken;
  const list = await conforms(await app.call('/v1/operator/tenants', as(operator)), 'GET', '/v1/operator/tenants');
  const id = list.data[0].id;
  await conforms(await app.call(`/v1/operator/tenants/${id}`, as(operator)), 'GET', '/v1/operator/tenants/{id}');
  await conforms(await app.call(`/v1/operator/tenants/${id}/suspend`, as(operator, { method: 'POST', body: { reason: 'docs' } })), 'POST', '/v1/operator/tenants/{id}/suspend');
  const refused = await app.call(widget(CONFIG), { headers: { Origin: PAINTER_ORIGIN } });
  assert.is(refused.status, 403);
  assert.is((await conforms(refused, 'GET', CONFIG)).error.code, 'tenant_suspended');
  await conforms(await app.call(`/v1/operator/tenants/${id}/resume`, as(operator, { method: 'POST' })), 'POST', '/v1/operator/tenants/{id}/resume');
  await conforms(await app.call(`/v1/operator/tenants/${id}/plan`, as(operator, { method: 'PUT', body: { plan: 'pro' } })), 'PUT', '/v1/operator/tenants/{id}/plan');
  await conforms(await app.call('/v1/operator/tenants/00000000-0000-4000-8000-000000000000', as(operator)), 'GET', '/v1/operator/tenants/{id}');
  assert.is((await conforms(await app.call('/v1/operator/tenants', as(PAINTER_SECRET)), 'GET', '/v1/operator/tenants')).error.code, 'unauthenticated');
});

team.run();

// ---------------------------------------------------------------------------
const account = suite('account, second factor and password-reset answers match the document');
account.before(async () => {
  app = await startTestServer();
});
account.after(async () => {
  await app.close();
});

account('the account routes and the reset pages', async () => {
  const { Secret, TOTP } = await import('otpauth');
  const token = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
  assert.is((await conforms(await app.call('/v1/account', as(token)), 'GET', '/v1/account')).tenants[0].slug, 'brightside-painting');
  const { secret } = await conforms(await app.call('/v1/account/mfa/totp', as(token, { method: 'POST' })), 'POST', '/v1/account/mfa/totp');
  assert.is((await conforms(await app.call('/v1/account/mfa/totp/confirm', as(token, { method: 'POST', body: { code: '000000' } })), 'POST', '/v1/account/mfa/totp/confirm')).error.code, 'invalid_code');
  const code = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  const { recoveryCodes } = await conforms(await app.call('/v1/account/mfa/totp/confirm', as(token, { method: 'POST', body: { code } })), 'POST', '/v1/account/mfa/totp/confirm');
  assert.is((await conforms(await app.call('/v1/account/mfa/totp', as(token, { method: 'POST' })), 'POST', '/v1/account/mfa/totp')).error.code, 'mfa_enabled');
  await conforms(await app.call('/v1/account/mfa', as(token, { method: 'DELETE', body: { code: recoveryCodes[0] } })), 'DELETE', '/v1/account/mfa');
  assert.is((await conforms(await app.call('/v1/account'), 'GET', '/v1/account')).error.code, 'unauthenticated');
  const ask = await app.call('/password-reset');
  const csrf = csrfOf(await ask.clone().text());
  await conforms(ask, 'GET', '/password-reset');
  await conforms(await app.call('/password-reset', { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `csrf=${csrf}&email=owner%40brightside.example` }), 'POST', '/password-reset');
  await conforms(await app.call('/password-reset/nothing-here-at-all-123'), 'GET', '/password-reset/{token}');
});

account.run();
