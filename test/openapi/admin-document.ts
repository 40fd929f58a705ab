// The admin API's part of docs/openapi.json (issue #7), written here as code
// because it is mostly repetition (security, the same error answers on every
// route): `npm run openapi:admin` merges it into the document, and
// test/api/openapi-admin.test.ts fails when the committed document differs.
// The descriptions and examples are still written by hand, below.
import { buildTenantJsonSchema } from '../../server/tenants/tenant-json-schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

const ref = (kind: string, name: string): J => ({ $ref: `#/components/${kind}/${name}` });
const schema = (name: string): J => ref('schemas', name);
const REQUEST_ID = { 'X-Request-Id': ref('headers', 'X-Request-Id') };
const NO_STORE = { 'Cache-Control': ref('headers', 'Cache-Control-No-Store') };

const errorResponse = (description: string, examples: Record<string, J> = {}, headers: Record<string, J> = {}): J => ({
  description,
  headers: { ...REQUEST_ID, ...NO_STORE, ...headers },
  content: { 'application/json': { schema: schema('Error'), ...(Object.keys(examples).length ? { examples } : {}) } },
});

const errorExample = (code: string, message: string, details?: Array<{ path: string; message: string }>): J => ({
  value: { error: { code, message, ...(details ? { details } : {}), requestId: 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d' } },
});

const ok = (description: string, body: J, examples?: Record<string, J>, headers: Record<string, J> = {}): J => ({
  description,
  headers: { ...REQUEST_ID, ...NO_STORE, ...headers },
  content: { 'application/json': { schema: body, ...(examples ? { examples } : {}) } },
});

/** Answers every admin route can give. */
const COMMON = {
  '401': ref('responses', 'Unauthenticated'),
  '403': ref('responses', 'Forbidden'),
  '500': ref('responses', 'AdminServerError'),
};
const BAD_REQUEST = ref('responses', 'AdminInvalidRequest');
const BODY_ERRORS = { '400': BAD_REQUEST, '413': ref('responses', 'AdminPayloadTooLarge'), '415': ref('responses', 'AdminUnsupportedMediaType') };

interface Operation {
  operationId: string;
  summary: string;
  description: string;
  permission: string;
  parameters?: J[];
  requestBody?: J;
  responses: Record<string, J>;
}

function operation(op: Operation): J {
  const { permission, ...rest } = op;
  return {
    tags: ['admin'],
    ...rest,
    description: `${op.description}\n\nNeeds \`${permission}\` (docs/permissions.md).`,
    security: [{ bearer: [] }],
    parameters: [ref('parameters', 'X-Tenant'), ref('parameters', 'X-Request-Id'), ...(op.parameters ?? [])],
    responses: { ...op.responses, ...COMMON },
  };
}

const jsonBody = (body: J, examples?: Record<string, J>): J => ({ required: true, content: { 'application/json': { schema: body, ...(examples ? { examples } : {}) } } });

const serviceNotFound = { '404': errorResponse('The tenant has no service with this key.', { unknownService: errorExample('unknown_service', 'There is no service "roofing"') }) };
const serviceRejected = {
  '422': errorResponse('The configuration does not validate, or its own test cases fail; nothing is saved.', {
    invalidService: errorExample('invalid_service', 'The service configuration is invalid: pricing.lines[1].quantity: names the field "bedrooms", which does not exist', [
      { path: 'pricing.lines[1].quantity', message: 'names the field "bedrooms", which does not exist' },
    ]),
    testsFailed: errorExample('pricing_tests_failed', '1 pricing test failed: "two small rooms": expected total 31301, got 31300', [{ path: 'tests[0]', message: '"two small rooms": expected total 31301, got 31300' }]),
  }),
};

export function adminPaths(): Record<string, J> {
  return {
    '/v1/admin/tenant': {
      get: operation({
        operationId: 'adminGetTenant',
        summary: 'The tenant\'s settings',
        description: 'Profile, locale, currency, time zone, theme (as chosen, and resolved to tokens), branding, allowed origins, quote expiry, and whether the platform suspended the tenant.',
        permission: 'tenant:read',
        responses: { '200': ok('The tenant.', schema('AdminTenant')) },
      }),
      patch: operation({
        operationId: 'adminUpdateTenant',
        summary: 'Change settings',
        description: 'Any of the keys of `TenantPatch`, validated as in a tenant file; keys not sent keep their values. The change is in the audit log with before and after, and the widget sees it at once (every replica\'s cache drops the tenant). The currency can only change when no service prices in the old one.',
        permission: 'tenant:write',
        requestBody: jsonBody(schema('TenantPatch'), { rename: { value: { name: 'Brightside Painting & Sons', allowedOrigins: ['https://www.brightside.example'] } } }),
        responses: {
          '200': ok('The tenant after the change.', schema('AdminTenant')),
          ...BODY_ERRORS,
          '422': errorResponse('A theme whose preset does not exist.', { invalidTheme: errorExample('invalid_theme', 'theme.preset: there is no theme preset "neon" (presets: daylight, default, meadow, midnight)', [{ path: 'theme.preset', message: 'there is no theme preset "neon" (presets: daylight, default, meadow, midnight)' }]) }),
        },
      }),
    },
    '/v1/admin/services': {
      get: operation({
        operationId: 'adminListServices',
        summary: 'List services',
        description: 'The tenant\'s services in its order, each with its current pricing version.',
        permission: 'services:read',
        responses: { '200': ok('The services.', schema('ServiceList')) },
      }),
      post: operation({
        operationId: 'adminCreateService',
        summary: 'Create a service',
        description: 'A service in the format of pricing.md. The pricing engine validates it, it must price in the tenant\'s currency, and its own test cases must pass (on the tenant\'s today). It starts at pricing version 1 and is added last.',
        permission: 'services:write',
        requestBody: jsonBody(schema('ServiceConfig')),
        responses: {
          '201': ok('The service as saved.', schema('ServiceDetail'), undefined, { Location: ref('headers', 'Location') }),
          ...BODY_ERRORS,
          '409': errorResponse('A service with this key exists.', { serviceExists: errorExample('service_exists', 'A service with the key "interior-painting" exists; change it with PUT /v1/admin/services/interior-painting.') }),
          ...serviceRejected,
        },
      }),
    },
    '/v1/admin/services/{key}': {
      parameters: [ref('parameters', 'AdminServiceKey')],
      get: operation({
        operationId: 'adminGetService',
        summary: 'Read a service',
        description: 'The service\'s configuration at its current pricing version.',
        permission: 'services:read',
        responses: { '200': ok('The service.', schema('ServiceDetail')), ...serviceNotFound },
      }),
      put: operation({
        operationId: 'adminUpdateService',
        summary: 'Save a new version of a service',
        description: 'The whole configuration (its `key` may be left out; it cannot change). Validated like a new service; every save makes a new pricing version, which the widget prices with at once. Quotes keep the version they were priced with. Audited with before and after.',
        permission: 'services:write',
        requestBody: jsonBody(schema('ServiceConfig')),
        responses: { '200': ok('The service as saved.', schema('ServiceDetail')), ...BODY_ERRORS, ...serviceNotFound, ...serviceRejected },
      }),
    },
    '/v1/admin/services/{key}/try': {
      parameters: [ref('parameters', 'AdminServiceKey')],
      post: operation({
        operationId: 'adminTryService',
        summary: 'Price fields against the saved service or a draft',
        description: 'Nothing is saved. With `draft`, prices with that configuration (which must validate and have this key) instead of the saved one; `tests` says how the configuration\'s own test cases fare, so a draft can be fixed before it is saved.',
        permission: 'services:read',
        requestBody: jsonBody(schema('TryRequest'), { rooms: { value: { fields: { rooms: 2, size: 'small' }, discountCode: 'spring10', date: '2027-01-15' } } }),
        responses: {
          '200': ok('The pricing result and the test outcomes.', schema('TryResult')),
          ...BODY_ERRORS,
          ...serviceNotFound,
          '422': errorResponse('Field values that do not fit, or a draft that does not validate.', {
            invalidField: errorExample('invalid_field', 'rooms must be at most 30', [{ path: 'fields.rooms', message: 'must be at most 30' }]),
          }),
        },
      }),
    },
    '/v1/admin/quotes': {
      get: operation({
        operationId: 'adminListQuotes',
        summary: 'The quote inbox',
        description: 'Newest first, `limit` at a time; follow `nextCursor` (pass it as `cursor` with the same filters) until it is null. Dates are days in the tenant\'s time zone.',
        permission: 'quotes:read',
        parameters: [
          { name: 'status', in: 'query', description: 'One or more statuses, repeated or comma-separated.', schema: { type: 'string' }, example: 'sent,viewed' },
          { name: 'service', in: 'query', description: 'A service key.', schema: { type: 'string', maxLength: 100 } },
          { name: 'from', in: 'query', description: 'First day of the creation range (inclusive).', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', description: 'Last day of the creation range (inclusive).', schema: { type: 'string', format: 'date' } },
          { name: 'q', in: 'query', description: 'Text searched in the quote number and the contact\'s name and email (case-insensitive).', schema: { type: 'string', maxLength: 200 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', description: 'The `nextCursor` of the previous page.', schema: { type: 'string', maxLength: 500 } },
        ],
        responses: {
          '200': ok('One page of quotes.', schema('QuoteList')),
          '400': errorResponse('A filter that does not fit.', { badStatus: errorExample('invalid_request', 'The query does not have the expected shape.', [{ path: 'status[0]', message: 'must be one of: "sent", "viewed", "accepted", "declined", "expired"' }]) }),
        },
      }),
    },
    '/v1/admin/quotes/{id}': {
      parameters: [ref('parameters', 'QuoteId')],
      get: operation({
        operationId: 'adminGetQuote',
        summary: 'Read a quote',
        description: 'Everything about one quote: contact, fields, the full pricing result it was priced with (and that version), its hosted page `url`, and its decision.',
        permission: 'quotes:read',
        responses: { '200': ok('The quote.', schema('QuoteDetail')), '404': errorResponse('This tenant has no quote with this id.', { notFound: errorExample('not_found', 'This tenant has no quote with that id.') }) },
      }),
    },
  };
}

const tenantFile = buildTenantJsonSchema() as J;
const DATE_TIME = { type: 'string', format: 'date-time' };

export function adminComponents(): Record<string, Record<string, J>> {
  const p = tenantFile.properties;
  return {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        description: 'A secret key of the tenant (`sk_test_…`/`sk_live_…`, server to server), or an access token from this platform\'s OpenID provider (`/oidc`, a JWT for the resource `{PUBLIC_URL}/v1/admin`). A publishable key (`pk_…`) is refused with 401.',
      },
    },
    parameters: {
      'X-Tenant': {
        name: 'X-Tenant',
        in: 'header',
        description: 'With an access token: the slug or id of the tenant to act on (optional when the account belongs to one tenant). Ignored with a secret key, which belongs to one tenant.',
        schema: { type: 'string', maxLength: 100 },
        example: 'brightside-painting',
      },
      AdminServiceKey: { name: 'key', in: 'path', required: true, description: 'The service\'s key.', schema: { type: 'string', maxLength: 64 }, example: 'interior-painting' },
      QuoteId: { name: 'id', in: 'path', required: true, description: 'The quote\'s id.', schema: { type: 'string' }, example: '06013cd8-0661-428d-9aac-8f2ba186459f' },
    },
    headers: {
      'WWW-Authenticate': { description: 'How to authenticate (RFC 6750).', required: true, schema: { type: 'string', const: 'Bearer realm="admin"' } },
    },
    responses: {
      Unauthenticated: errorResponse(
        'No credential, a malformed one, an unknown, revoked or expired secret key, an access token that is not valid (or whose grant was revoked) — or a publishable key.',
        { publishableKey: errorExample('unauthenticated', 'A publishable key (pk_…) is for the widget only; the admin API takes a secret key (sk_…) or an access token.') },
        { 'WWW-Authenticate': ref('headers', 'WWW-Authenticate') },
      ),
      Forbidden: errorResponse('The caller\'s role (or a secret key) does not have the permission, or the account is not a member of the tenant named in X-Tenant.', {
        viewer: errorExample('forbidden', 'The viewer role may not do this (needs services:write).'),
      }),
      AdminInvalidRequest: errorResponse('A body that is not JSON or does not have the expected shape; one detail per problem.', { unknownKey: errorExample('invalid_request', 'The settings do not validate.', [{ path: 'colour', message: 'is not a known key' }]) }),
      AdminPayloadTooLarge: errorResponse('The body is over 256 KB.'),
      AdminUnsupportedMediaType: errorResponse('The body is not `application/json`.'),
      AdminServerError: errorResponse('Anything unexpected; details are logged under the request id.'),
    },
    schemas: {
      ServiceConfig: { ...tenantFile.properties.services.items, title: 'ServiceConfig' },
      TenantPatch: {
        type: 'object',
        additionalProperties: false,
        minProperties: 1,
        description: 'The settings to change; each as in a tenant file (tenants/tenant.schema.json).',
        properties: {
          name: p.name, locale: p.locale, currency: p.currency, timezone: p.timezone, theme: { ...p.theme, default: undefined }, branding: p.branding, allowedOrigins: p.allowedOrigins,
          quoteExpiryDays: { ...p.quoteExpiryDays, default: undefined },
        },
      },
      AdminTenant: {
        type: 'object',
        required: ['id', 'slug', 'name', 'locale', 'currency', 'timezone', 'theme', 'themeTokens', 'branding', 'allowedOrigins', 'quoteExpiryDays', 'suspended', 'updatedAt'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          slug: { type: 'string' },
          name: { type: 'string' },
          locale: { type: 'string', examples: ['en-US'] },
          currency: schema('CurrencyCode'),
          timezone: { type: 'string', examples: ['America/Chicago'] },
          theme: { type: 'object', required: ['preset', 'tokens'], properties: { preset: { type: 'string' }, tokens: { type: 'object', additionalProperties: { type: 'string' } } }, description: 'As chosen: a preset and the tokens overriding it.' },
          themeTokens: { type: 'object', additionalProperties: { type: 'string' }, description: 'The theme resolved: every design token.' },
          branding: { type: 'object', properties: { logoUrl: { type: 'string', format: 'uri' }, website: { type: 'string', format: 'uri' } } },
          allowedOrigins: { type: 'array', items: { type: 'string' } },
          quoteExpiryDays: { type: 'integer', minimum: 1, maximum: 365 },
          suspended: { type: 'boolean', description: 'Suspended by the platform: the widget answers 403 `tenant_suspended`.' },
          updatedAt: DATE_TIME,
        },
      },
      ServiceSummary: {
        type: 'object',
        required: ['key', 'name', 'currency', 'pricingVersion', 'position', 'updatedAt'],
        properties: {
          key: { type: 'string' }, name: { type: 'string' }, currency: schema('CurrencyCode'),
          pricingVersion: { type: 'integer', minimum: 1, description: 'The current version; every save adds one.' },
          position: { type: 'integer', minimum: 0 }, updatedAt: DATE_TIME,
        },
      },
      ServiceList: { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('ServiceSummary') } } },
      ServiceDetail: {
        type: 'object',
        required: ['key', 'name', 'currency', 'pricingVersion', 'position', 'updatedAt', 'config', 'createdAt'],
        properties: {
          key: { type: 'string' }, name: { type: 'string' }, currency: schema('CurrencyCode'), pricingVersion: { type: 'integer', minimum: 1 },
          position: { type: 'integer', minimum: 0 }, updatedAt: DATE_TIME, config: schema('ServiceConfig'), createdAt: DATE_TIME,
        },
      },
      TryRequest: {
        type: 'object',
        additionalProperties: false,
        properties: {
          fields: schema('FieldValues'),
          discountCode: { type: ['string', 'null'], maxLength: 40 },
          date: { type: 'string', format: 'date', description: 'The day discount codes are judged by; default: today in the tenant\'s time zone.' },
          draft: { description: 'A configuration (ServiceConfig) to price with instead of the saved one.' },
        },
      },
      TestOutcome: {
        type: 'object',
        required: ['name', 'path', 'passed', 'expected', 'actual'],
        properties: {
          name: { type: 'string' }, path: { type: 'string', examples: ['tests[0]'] }, passed: { type: 'boolean' }, expected: schema('MinorUnits'),
          actual: { oneOf: [schema('MinorUnits'), { type: 'null' }], description: 'null when pricing failed (see error).' }, error: { type: 'string' },
        },
      },
      TryResult: { type: 'object', required: ['result', 'tests'], properties: { result: schema('PricingResult'), tests: { type: 'array', items: schema('TestOutcome') } } },
      QuoteStatus: { type: 'string', enum: ['sent', 'viewed', 'accepted', 'declined', 'expired'] },
      QuoteSummary: {
        type: 'object',
        required: ['id', 'number', 'status', 'service', 'total', 'currency', 'contact', 'createdAt', 'expiresAt'],
        properties: {
          id: { type: 'string', format: 'uuid' }, number: { type: 'string', examples: ['Q-2026-000123'] }, status: schema('QuoteStatus'), service: { type: 'string' },
          total: schema('MinorUnits'), currency: schema('CurrencyCode'),
          contact: { type: 'object', required: ['name', 'email'], properties: { name: { type: 'string' }, email: { type: 'string' } } },
          createdAt: DATE_TIME, expiresAt: DATE_TIME,
        },
      },
      QuoteList: {
        type: 'object',
        required: ['data', 'nextCursor'],
        properties: { data: { type: 'array', items: schema('QuoteSummary') }, nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page.' } },
      },
      QuoteDetail: {
        type: 'object',
        required: ['id', 'number', 'status', 'service', 'pricingVersion', 'total', 'currency', 'discountCode', 'contact', 'description', 'fields', 'pricing', 'url', 'createdAt', 'updatedAt', 'expiresAt', 'viewedAt', 'decidedAt', 'decision'],
        properties: {
          id: { type: 'string', format: 'uuid' }, number: { type: 'string' }, status: schema('QuoteStatus'), service: { type: 'string' },
          pricingVersion: { type: 'integer', minimum: 1 }, total: schema('MinorUnits'), currency: schema('CurrencyCode'), discountCode: { type: ['string', 'null'] },
          contact: { type: 'object', required: ['name', 'email', 'phone'], properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: ['string', 'null'] } } },
          description: { type: ['string', 'null'] }, fields: schema('FieldValues'), pricing: schema('PricingResult'),
          url: { type: 'string', format: 'uri', description: 'The hosted quote page.' },
          createdAt: DATE_TIME, updatedAt: DATE_TIME, expiresAt: DATE_TIME,
          viewedAt: { type: ['string', 'null'], format: 'date-time' }, decidedAt: { type: ['string', 'null'], format: 'date-time' },
          decision: { oneOf: [{ type: 'null' }, { type: 'object', required: ['name', 'ip'], properties: { name: { type: ['string', 'null'] }, ip: { type: ['string', 'null'] } } }] },
        },
      },
    },
  };
}

/** Error codes the admin API adds, with their status and a row for ErrorCode's description. */
export const ADMIN_ERROR_CODES: ReadonlyArray<[code: string, status: number, when: string]> = [
  ['service_exists', 409, 'Creating a service whose key the tenant already uses (admin API).'],
];

/** The document with the admin part merged in (replacing any earlier one). */
export function withAdminPart(doc: J): J {
  const out = structuredClone(doc);
  for (const path of Object.keys(out.paths)) if (path.startsWith('/v1/admin/') || path.startsWith('/v1/operator/') || path.startsWith('/oidc/')) delete out.paths[path];
  Object.assign(out.paths, adminPaths());
  for (const [kind, entries] of Object.entries(adminComponents())) {
    out.components[kind] ??= {};
    for (const [name, value] of Object.entries(entries)) out.components[kind][name] = JSON.parse(JSON.stringify(value));
  }
  if (!out.tags.some((t: J) => t.name === 'admin')) {
    out.tags.push({ name: 'admin', description: 'The admin API: a tenant\'s settings, services, quotes, members and keys. Bearer: a secret key or an access token (docs/permissions.md).' });
  }
  const codes = out.components.schemas.ErrorCode;
  for (const [code, status, when] of ADMIN_ERROR_CODES) {
    if (!codes.enum.includes(code)) codes.enum.splice(codes.enum.indexOf('server_error'), 0, code);
    const row = `| \`${code}\` | ${status} | ${when} |`;
    if (!codes.description.includes(`| \`${code}\` |`)) codes.description = codes.description.replace('\n| `server_error` |', `\n${row}\n| \`server_error\` |`);
  }
  codes.description = codes.description
    .replace('| `unauthenticated` | 401 | Reserved by the contract (`api.md`) for authenticated APIs; not answered yet. |', '| `unauthenticated` | 401 | Admin API: no credential, a bad or revoked one, or a publishable key (`WWW-Authenticate: Bearer`). |')
    .replace('| `forbidden` | 403 | Reserved by the contract for authenticated APIs; not answered yet. |', '| `forbidden` | 403 | Admin API: the role (or a secret key) lacks the permission, or the account is not a member of the tenant. |');
  return out;
}
