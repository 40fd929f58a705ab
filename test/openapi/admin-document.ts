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
      delete: operation({
        operationId: 'adminDeleteService',
        summary: 'Delete a service',
        description: 'The widget stops offering it at once. Its versions and quotes stay; creating the same key again continues its versions.',
        permission: 'services:write',
        responses: { '204': { description: 'Deleted.', headers: { ...REQUEST_ID, ...NO_STORE } }, ...serviceNotFound },
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
'/v1/admin/services/{key}/versions': {
      parameters: [ref('parameters', 'AdminServiceKey')],
      get: operation({
        operationId: 'adminListServiceVersions',
        summary: 'A service\'s versions',
        description: 'Every saved version, newest first; `current` marks the one the widget prices with.',
        permission: 'services:read',
        responses: { '200': ok('The versions.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('ServiceVersionSummary') } } }), ...serviceNotFound },
      }),
    },
    '/v1/admin/services/{key}/versions/{version}': {
      parameters: [ref('parameters', 'AdminServiceKey'), { name: 'version', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, example: 2 }],
      get: operation({
        operationId: 'adminGetServiceVersion',
        summary: 'One version, with what changed',
        description: 'The configuration of that version and `diff`, the changes from the version before (path, before, after).',
        permission: 'services:read',
        responses: {
          '200': ok('The version.', schema('ServiceVersionDetail')),
          '404': errorResponse('No such service, or no such version.', { unknownVersion: errorExample('unknown_version', 'The service "interior-painting" has no version 9.') }),
        },
      }),
    },
    '/v1/admin/services/{key}/rollback': {
      parameters: [ref('parameters', 'AdminServiceKey')],
      post: operation({
        operationId: 'adminRollbackService',
        summary: 'Roll back to an earlier version',
        description: 'Saves that version\'s configuration as a new version, checked like any save (its test cases must pass today).',
        permission: 'services:write',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['version'], properties: { version: { type: 'integer', minimum: 1 } } }, { one: { value: { version: 1 } } }),
        responses: {
          '200': ok('The service as saved.', schema('ServiceDetail')),
          ...BODY_ERRORS,
          '404': errorResponse('No such service, or no such version.', { unknownVersion: errorExample('unknown_version', 'The service "interior-painting" has no version 7.') }),
          ...serviceRejected,
        },
      }),
    },
    '/v1/admin/quotes/export': {
      get: operation({
        operationId: 'adminExportQuotes',
        summary: 'The quotes as CSV',
        description: 'The filters of the quote inbox (no cursor); up to `limit` quotes (default and most 10 000), newest first. Fields that a spreadsheet would take for a formula start with an apostrophe.',
        permission: 'quotes:read',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' } },
          { name: 'service', in: 'query', schema: { type: 'string', maxLength: 100 } },
          { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 200 } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 10000, default: 10000 } },
        ],
        responses: {
          '200': {
            description: 'CSV (RFC 4180, CRLF) with a header line.',
            headers: { ...REQUEST_ID, ...NO_STORE, 'Content-Disposition': { description: 'attachment; filename="quotes.csv"', schema: { type: 'string' } } },
            content: { 'text/csv': { schema: { type: 'string' }, example: 'number,status,service,total,currency,contactName,contactEmail,createdAt,expiresAt\r\nQ-2026-000001,sent,interior-painting,39900,USD,Ada Lovelace,ada@example.com,2026-12-01T22:25:19.955Z,2026-12-31T22:25:19.955Z\r\n' } },
          },
          '400': BAD_REQUEST,
        },
      }),
    },
    '/v1/admin/members': {
      get: operation({
        operationId: 'adminListMembers',
        summary: 'The team',
        description: 'Every account with a role in this tenant.',
        permission: 'members:read',
        responses: { '200': ok('The members.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('Member') } } }) },
      }),
    },
    '/v1/admin/members/{accountId}': {
      parameters: [{ name: 'accountId', in: 'path', required: true, schema: { type: 'string' } }],
      patch: operation({
        operationId: 'adminChangeMemberRole',
        summary: 'Change a member\'s role',
        description: 'Only an owner gives or takes the owner role; the last owner cannot be demoted.',
        permission: 'members:write',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['role'], properties: { role: schema('Role') } }, { editor: { value: { role: 'editor' } } }),
        responses: {
          '200': ok('The member after the change.', schema('Member')),
          ...BODY_ERRORS,
          '404': errorResponse('No such member.', { notFound: errorExample('not_found', 'This tenant has no member with that account id.') }),
          '409': errorResponse('The last owner.', { lastOwner: errorExample('last_owner', 'A tenant needs at least one owner: make someone else an owner first.') }),
        },
      }),
      delete: operation({
        operationId: 'adminRemoveMember',
        summary: 'Remove a member',
        description: 'The account stays (it may belong to other tenants); its access to this tenant ends with its next request.',
        permission: 'members:write',
        responses: {
          '204': { description: 'Removed.', headers: { ...REQUEST_ID, ...NO_STORE } },
          '404': errorResponse('No such member.'),
          '409': errorResponse('The last owner.', { lastOwner: errorExample('last_owner', 'A tenant needs at least one owner: make someone else an owner first.') }),
        },
      }),
    },
    '/v1/admin/invites': {
      get: operation({
        operationId: 'adminListInvites',
        summary: 'Invites, open and past',
        description: 'Newest first, with when each was accepted or withdrawn.',
        permission: 'members:read',
        responses: { '200': ok('The invites.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('Invite') } } }) },
      }),
      post: operation({
        operationId: 'adminInvite',
        summary: 'Invite someone',
        description: 'Mails a link valid for 7 days (and answers it, once, as `acceptUrl`). A new invite for the same email replaces an open one. Only an owner invites owners.',
        permission: 'members:write',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['email', 'role'], properties: { email: { type: 'string', format: 'email', maxLength: 254 }, role: schema('Role') } }, { editor: { value: { email: 'sam@brightside.example', role: 'editor' } } }),
        responses: {
          '201': ok('The invite.', schema('CreatedInvite')),
          ...BODY_ERRORS,
          '409': errorResponse('Already a member.', { alreadyMember: errorExample('already_member', 'sam@brightside.example is already a member of this tenant; change their role instead.') }),
        },
      }),
    },
    '/v1/admin/invites/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      delete: operation({
        operationId: 'adminRevokeInvite',
        summary: 'Withdraw an invite',
        description: 'Its link stops working.',
        permission: 'members:write',
        responses: { '204': { description: 'Withdrawn.', headers: { ...REQUEST_ID, ...NO_STORE } }, '404': errorResponse('No such invite.') },
      }),
    },
    '/v1/admin/keys': {
      get: operation({
        operationId: 'adminListKeys',
        summary: 'API keys',
        description: 'Publishable keys in full; secret keys by prefix only. `active` is false once revoked or past `expiresAt`.',
        permission: 'keys:read',
        responses: { '200': ok('The keys.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('ApiKey') } } }) },
      }),
      post: operation({
        operationId: 'adminCreateKey',
        summary: 'Create a key',
        description: 'A secret key (`sk_live_…`/`sk_test_…`, 256 bits, stored as its SHA-256) is in this answer only: keep it. A publishable key (`pk_…`) serves the widget at once, from the tenant\'s allowed origins.',
        permission: 'keys:write',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['kind'], properties: { kind: { type: 'string', enum: ['secret', 'publishable'] }, mode: { type: 'string', enum: ['test', 'live'], default: 'live' }, name: { type: 'string', maxLength: 100 } } }, { secret: { value: { kind: 'secret', mode: 'live', name: 'Zapier' } } }),
        responses: { '201': ok('The key, with the key itself.', schema('CreatedKey')), ...BODY_ERRORS },
      }),
    },
    '/v1/admin/keys/{id}/rotate': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      post: operation({
        operationId: 'adminRotateKey',
        summary: 'Rotate a key',
        description: 'Makes a new key of the same kind, mode and name; the old one keeps working for `overlapHours` (default 24, 0 = stop now), so servers can switch without downtime.',
        permission: 'keys:write',
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { overlapHours: { type: 'integer', minimum: 0, maximum: 168, default: 24 } } } } } },
        responses: {
          '201': ok('The new key, with the key itself.', schema('CreatedKey')),
          ...BODY_ERRORS,
          '404': errorResponse('No such key.'),
          '409': errorResponse('The key is already revoked or expired.', { notActive: errorExample('key_not_active', 'This key is revoked or expired; create a new key instead of rotating it.') }),
        },
      }),
    },
    '/v1/admin/keys/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
      delete: operation({
        operationId: 'adminRevokeKey',
        summary: 'Revoke a key',
        description: 'At once: a secret key is refused from the next request; a publishable key is unknown to the widget.',
        permission: 'keys:write',
        responses: { '204': { description: 'Revoked.', headers: { ...REQUEST_ID, ...NO_STORE } }, '404': errorResponse('No such key.') },
      }),
    },
    '/v1/admin/audit': {
      get: operation({
        operationId: 'adminAuditLog',
        summary: 'The audit log',
        description: 'Every change through the admin and operator APIs: who (account, key or operator), what, before and after, when, from which IP, under which request id. Newest first; follow `nextCursor`.',
        permission: 'audit:read',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'action', in: 'query', description: 'Only this action, e.g. `service.updated`.', schema: { type: 'string', maxLength: 60 } },
        ],
        responses: { '200': ok('One page of entries.', schema('AuditPage')), '400': BAD_REQUEST },
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
      patch: operation({
        operationId: 'adminUpdateQuote',
        summary: 'Change a quote\'s status or notes',
        description: 'Notes are the team\'s own, never shown to the visitor. A sent or viewed quote may be marked accepted or declined (a decision taken by phone or in person) or expired; a decided or expired quote stays as it is.',
        permission: 'quotes:write',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, minProperties: 1, properties: { status: { type: 'string', enum: ['accepted', 'declined', 'expired'] }, notes: { type: ['string', 'null'], maxLength: 5000 } } }, { note: { value: { notes: 'Call back on Monday' } } }),
        responses: {
          '200': ok('The quote after the change.', schema('QuoteDetail')),
          ...BODY_ERRORS,
          '404': errorResponse('This tenant has no quote with this id.'),
          '409': errorResponse('A status the quote cannot take.', { conflict: errorExample('quote_status_conflict', 'A accepted quote cannot become declined.') }),
        },
      }),
    },
    '/v1/admin/quotes/{id}/resend': {
      parameters: [ref('parameters', 'QuoteId')],
      post: operation({
        operationId: 'adminResendQuote',
        summary: 'Send the visitor\'s quote email again',
        description: 'Queues the visitor\'s quote email (with the tenant\'s template, if any) through the outbox once more — every call is one more email. Only an open quote (sent or viewed, not past its expiry, not revised) is resent. Audited. No body.',
        permission: 'quotes:write',
        responses: {
          '202': ok('Queued.', { type: 'object', additionalProperties: false, required: ['quoteId', 'to', 'status'], properties: { quoteId: { type: 'string', format: 'uuid' }, to: { type: 'string', format: 'email' }, status: { const: 'queued' } } }),
          '400': BAD_REQUEST,
          '415': ref('responses', 'AdminUnsupportedMediaType'),
          '404': errorResponse('This tenant has no quote with this id.'),
          '409': errorResponse('The quote is decided, expired or revised.', { decided: errorExample('quote_status_conflict', 'This quote is accepted: its link can no longer be used, so it is not sent again.') }),
        },
      }),
    },
    '/v1/admin/quotes/{id}/revise': {
      parameters: [ref('parameters', 'QuoteId')],
      post: operation({
        operationId: 'adminReviseQuote',
        summary: 'Revise a quote',
        description: 'A new quote for the same visitor: the fields given (all of them; default the quote\'s own) priced by the engine at the service\'s current version, with the discount code given (default the quote\'s; null for none; its use is not counted again). It gets its own link, the number of the first quote with `-R2`, `-R3`…, a fresh expiry, and is sent to the visitor like a new quote (alerts and `quote.created` webhooks too). The revised quote becomes `expired` with `supersededBy` set: its link still shows it but it can no longer be accepted. A sent, viewed or expired quote may be revised; an accepted or declined one, or one revised already, may not. Audited. The body is optional.',
        permission: 'quotes:write',
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { fields: schema('FieldValues'), discountCode: { type: ['string', 'null'], minLength: 1, maxLength: 40 } } }, examples: { rooms: { value: { fields: { rooms: 4 } } } } } } },
        responses: {
          '201': ok('The new revision.', schema('QuoteDetail'), undefined, { Location: ref('headers', 'Location') }),
          ...BODY_ERRORS,
          '404': errorResponse('This tenant has no quote with this id, or its service was deleted.'),
          '409': errorResponse('The quote is decided or was revised already.', { revised: errorExample('quote_status_conflict', 'This quote was revised already: revise its latest revision.') }),
          '422': errorResponse('A field value the service does not accept.', { invalidField: errorExample('invalid_field', 'rooms must be a number', [{ path: 'fields.rooms', message: 'must be a number' }]) }),
        },
      }),
    },
  };
}

// ---------------------------------------------------------------------------
// The OpenID provider (/oidc) and its sign-in pages

const HTML_PAGE = (description: string, extra: Record<string, J> = {}): J => ({
  description,
  headers: { ...REQUEST_ID, ...NO_STORE, 'Content-Security-Policy': ref('headers', 'Content-Security-Policy-Page'), 'X-Robots-Tag': ref('headers', 'X-Robots-Tag'), 'Referrer-Policy': ref('headers', 'Referrer-Policy'), ...extra },
  content: { 'text/html': { schema: { type: 'string', description: 'A server-rendered HTML page without scripts.' } } },
});
const REDIRECT = (description: string): J => ({ description, headers: { ...REQUEST_ID, Location: ref('headers', 'Location') } });
const OAUTH_ERROR = (description: string): J => ({ description, headers: REQUEST_ID, content: { 'application/json': { schema: schema('OAuthError') } } });
const PROVIDER_HTML = (description: string): J => ({ description, headers: REQUEST_ID, content: { 'text/html': { schema: { type: 'string' } } } });
const CORS_PREFLIGHT = (what: string): J => ({
  tags: ['sign-in'],
  operationId: `preflight${what.replace(/[^A-Za-z]/g, '')}`,
  summary: `CORS preflight of ${what}`,
  description: 'Answered by oidc-provider.',
  responses: { '204': { description: 'Allowed.', headers: REQUEST_ID }, '400': OAUTH_ERROR('Not a preflight oidc-provider accepts.') },
});
const SPEC = 'Standard OpenID Connect / OAuth 2.0 behaviour, answered by oidc-provider (https://github.com/panva/node-oidc-provider); see the discovery document for the parameters supported.';
const uidParameter = { name: 'uid', in: 'path', required: true, description: 'The interaction (or resumed authorization) id.', schema: { type: 'string', maxLength: 100 } };
const formBody = (properties: Record<string, J>, required: string[]): J => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required, properties } } },
});

const operatorOp = (op: Omit<Operation, 'permission'>): J => ({
  tags: ['operator'],
  ...op,
  description: `${op.description}\n\nAn access token of an operator account (\`OPERATOR_EMAILS\`).`,
  security: [{ bearer: [] }],
  parameters: [ref('parameters', 'X-Request-Id'), ...(op.parameters ?? [])],
  responses: { ...op.responses, ...COMMON },
});
const personOp = (op: Omit<Operation, 'permission'>): J => ({
  tags: ['account'],
  ...op,
  description: `${op.description}\n\nBearer: the person's own access token (no tenant).`,
  security: [{ bearer: [] }],
  parameters: [ref('parameters', 'X-Request-Id'), ...(op.parameters ?? [])],
  responses: { ...op.responses, '401': ref('responses', 'Unauthenticated'), '500': ref('responses', 'AdminServerError') },
});
const tenantIdParameter = { name: 'id', in: 'path', required: true, description: 'The tenant\'s id.', schema: { type: 'string' } };
const noTenant = { '404': errorResponse('No tenant has this id.', { notFound: errorExample('not_found', 'There is no tenant with that id.') }) };

export function operatorPaths(): Record<string, J> {
  return {
    '/v1/operator/tenants': {
      get: operatorOp({ operationId: 'operatorListTenants', summary: 'Every tenant', description: 'By slug, with suspension, plan override, team size and quote count.', responses: { '200': ok('The tenants.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('OperatorTenant') } } }) } }),
    },
    '/v1/operator/tenants/{id}': {
      parameters: [tenantIdParameter],
      get: operatorOp({ operationId: 'operatorGetTenant', summary: 'One tenant', description: 'As in the list.', responses: { '200': ok('The tenant.', schema('OperatorTenant')), ...noTenant } }),
    },
    '/v1/operator/tenants/{id}/suspend': {
      parameters: [tenantIdParameter],
      post: operatorOp({
        operationId: 'operatorSuspendTenant',
        summary: 'Suspend a tenant',
        description: 'Its widget answers 403 `tenant_suspended` from the next request, on every replica; its team keeps the admin API. Written to the tenant\'s audit log with the reason.',
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { reason: { type: 'string', maxLength: 500 } } } } } },
        responses: { '200': ok('The tenant.', schema('OperatorTenant')), ...BODY_ERRORS, ...noTenant },
      }),
    },
    '/v1/operator/tenants/{id}/resume': {
      parameters: [tenantIdParameter],
      post: operatorOp({ operationId: 'operatorResumeTenant', summary: 'Resume a tenant', description: 'Its widget answers again.', responses: { '200': ok('The tenant.', schema('OperatorTenant')), ...noTenant } }),
    },
    '/v1/operator/tenants/{id}/plan': {
      parameters: [tenantIdParameter],
      put: operatorOp({
        operationId: 'operatorOverridePlan',
        summary: 'Override the tenant\'s plan',
        description: 'A plan id that wins over the billing subscription (null removes the override).',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['plan'], properties: { plan: { type: ['string', 'null'], pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' } } }, { enterprise: { value: { plan: 'enterprise' } } }),
        responses: { '200': ok('The tenant.', schema('OperatorTenant')), ...BODY_ERRORS, ...noTenant },
      }),
    },
    '/v1/invites/{token}/accept': {
      parameters: [{ name: 'token', in: 'path', required: true, description: 'The token of the invite link.', schema: { type: 'string' } }],
      post: {
        tags: ['admin'],
        operationId: 'acceptInvite',
        summary: 'Accept an invite',
        description: 'No bearer: the token is the credential, good once. A new email gets an account with this password (12+ characters, not a common one); an existing account gives its own password.',
        parameters: [ref('parameters', 'X-Request-Id')],
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['password'], properties: { password: { type: 'string', maxLength: 1024 } } }),
        responses: {
          '200': ok('Joined.', { type: 'object', required: ['tenant', 'email', 'role'], properties: { tenant: { type: ['string', 'null'] }, email: { type: 'string' }, role: schema('Role') } }),
          ...BODY_ERRORS,
          '401': errorResponse('The email has an account and this is not its password.'),
          '409': errorResponse('Already a member.'),
          '410': errorResponse('The link is used, withdrawn or expired.', { gone: errorExample('invite_not_usable', 'This invite link is not valid any more (used, withdrawn or older than 7 days). Ask for a new one.') }),
          '500': ref('responses', 'AdminServerError'),
        },
      },
    },
    '/v1/account': {
      get: personOp({
        operationId: 'account',
        summary: 'Who am I',
        description: 'The signed-in person: email, whether a second factor is in force, and the tenants they belong to with their role.',
        responses: {
          '200': ok('The account.', {
            type: 'object',
            required: ['id', 'email', 'mfa', 'tenants'],
            properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, mfa: { type: 'boolean' }, tenants: { type: 'array', items: { type: 'object', required: ['slug', 'role'], properties: { slug: { type: 'string' }, role: schema('Role') } } } },
          }),
        },
      }),
    },
    '/v1/account/mfa/totp': {
      post: personOp({
        operationId: 'accountStartTotp',
        summary: 'Start a TOTP enrolment',
        description: 'A new seed (base32, and as an otpauth:// URL for a QR code), not in force until confirmed with a code. Starting again replaces a pending seed.',
        responses: {
          '201': ok('The seed.', { type: 'object', required: ['secret', 'otpauthUrl'], properties: { secret: { type: 'string' }, otpauthUrl: { type: 'string' } } }),
          '409': errorResponse('A second factor is already in force.', { enabled: errorExample('mfa_enabled', 'A second factor is already in force; turn it off first to enrol another.') }),
        },
      }),
    },
    '/v1/account/mfa/totp/confirm': {
      post: personOp({
        operationId: 'accountConfirmTotp',
        summary: 'Confirm the seed with a code',
        description: 'Puts the second factor in force and answers ten single-use recovery codes — this once; keep them.',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', maxLength: 20 } } }, { code: { value: { code: '492039' } } }),
        responses: {
          '200': ok('The recovery codes.', { type: 'object', required: ['recoveryCodes'], properties: { recoveryCodes: { type: 'array', minItems: 10, maxItems: 10, items: { type: 'string', examples: ['k7m2q-x9d4t'] } } } }),
          ...BODY_ERRORS,
          '422': errorResponse('The code does not match the pending seed.', { wrong: errorExample('invalid_code', 'That code is not right (or was used already). Use the current code from your app, or a recovery code.') }),
        },
      }),
    },
    '/v1/account/mfa': {
      delete: personOp({
        operationId: 'accountDisableMfa',
        summary: 'Turn the second factor off',
        description: 'With a current code or a recovery code. The recovery codes are deleted.',
        requestBody: jsonBody({ type: 'object', additionalProperties: false, required: ['code'], properties: { code: { type: 'string', maxLength: 20 } } }),
        responses: {
          '204': { description: 'Off.', headers: { ...REQUEST_ID, ...NO_STORE } },
          ...BODY_ERRORS,
          '422': errorResponse('A wrong or used code.', { wrong: errorExample('invalid_code', 'That code is not right (or was used already). Use the current code from your app, or a recovery code.') }),
        },
      }),
    },
    '/password-reset': {
      get: { tags: ['sign-in'], operationId: 'passwordResetPage', summary: 'Ask for a password-reset link', description: 'A form for the email (in the look of `?tenant=`).', parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }], responses: { '200': HTML_PAGE('The form.') } },
      post: {
        tags: ['sign-in'],
        operationId: 'passwordResetRequest',
        summary: 'Send a password-reset link',
        description: 'Answers the same whether or not the email has an account; when it has, a link good for an hour is mailed. At most 10 requests per client IP per hour.',
        parameters: [{ name: 'tenant', in: 'query', schema: { type: 'string' } }],
        requestBody: formBody({ csrf: { type: 'string' }, email: { type: 'string' } }, ['csrf', 'email']),
        responses: {
          '200': HTML_PAGE('"Check your email."'),
          '400': HTML_PAGE('Not an email: the form again.'),
          '403': HTML_PAGE('The CSRF field is wrong.'),
          '429': HTML_PAGE('Too many requests from this IP.', { 'Retry-After': ref('headers', 'Retry-After') }),
        },
      },
    },
    '/password-reset/{token}': {
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      get: { tags: ['sign-in'], operationId: 'passwordResetChoosePage', summary: 'Choose a new password', description: 'The form behind the mailed link.', responses: { '200': HTML_PAGE('The form.'), '410': HTML_PAGE('The link is used or expired.') } },
      post: {
        tags: ['sign-in'],
        operationId: 'passwordResetComplete',
        summary: 'Set the new password',
        description: 'The new password must pass the policy. Every session, grant and refresh token of the account ends (its access tokens stop working at once).',
        requestBody: formBody({ csrf: { type: 'string' }, password: { type: 'string' } }, ['csrf', 'password']),
        responses: {
          '200': HTML_PAGE('Changed.'),
          '400': HTML_PAGE('A password the policy refuses: the form again.'),
          '403': HTML_PAGE('The CSRF field is wrong.'),
          '410': HTML_PAGE('The link is used or expired.'),
        },
      },
    },
    '/invite/{token}': {
      parameters: [{ name: 'token', in: 'path', required: true, schema: { type: 'string' } }],
      get: { tags: ['sign-in'], operationId: 'invitePage', summary: 'The invite page', description: 'Where the mailed link leads: a password field (a new one, or the existing account\'s), in the inviting tenant\'s look.', responses: { '200': HTML_PAGE('The form.'), '410': HTML_PAGE('The link is used, withdrawn or expired.') } },
      post: {
        tags: ['sign-in'],
        operationId: 'invitePageSubmit',
        summary: 'Join from the invite page',
        description: 'As `POST /v1/invites/{token}/accept`, as a form.',
        requestBody: formBody({ csrf: { type: 'string' }, password: { type: 'string' } }, ['csrf', 'password']),
        responses: {
          '200': HTML_PAGE('Joined: a welcome with a link to the console.'),
          '400': HTML_PAGE('A password the policy refuses: the form with a notice.'),
          '401': HTML_PAGE('Not the existing account\'s password.'),
          '403': HTML_PAGE('The CSRF field is wrong.'),
          '409': HTML_PAGE('Already a member.'),
          '410': HTML_PAGE('The link is used, withdrawn or expired.'),
        },
      },
    },
  };
}

export function oidcPaths(): Record<string, J> {
  const interaction = (op: J): J => ({ tags: ['sign-in'], ...op });
  return {
    '/oidc/interaction/{uid}': {
      parameters: [uidParameter],
      get: interaction({
        operationId: 'signInPage',
        summary: 'The sign-in step of an authorization request',
        description: 'Where `/oidc/auth` sends the browser: the login page (email and password), or the consent page once signed in. In the look and language of the tenant named by the request\'s `tenant` parameter. Needs the interaction cookie set by `/oidc/auth`.',
        responses: { '200': HTML_PAGE('The login or consent page.'), '400': HTML_PAGE('The interaction is unknown, expired, or not this browser\'s.') },
      }),
    },
    '/oidc/interaction/{uid}/login': {
      parameters: [uidParameter],
      post: interaction({
        operationId: 'signInSubmit',
        summary: 'Submit email and password',
        description: 'Checks the brute-force limits (failures per IP per day, consecutive failures per email and IP), then the password (argon2id). On success the browser goes on to the authorization (post/redirect/get) and the session gets a new id.',
        requestBody: formBody({ csrf: { type: 'string' }, email: { type: 'string' }, password: { type: 'string' } }, ['csrf', 'email', 'password']),
        responses: {
          '303': REDIRECT('Signed in: on to the authorization.'),
          '400': HTML_PAGE('An empty field (the form again), or an expired interaction.'),
          '401': HTML_PAGE('Email and password do not match an account: the form again, with the email kept.'),
          '403': HTML_PAGE('The CSRF field is missing or wrong.'),
          '429': HTML_PAGE('Too many failed sign-ins: the form with a notice.', { 'Retry-After': ref('headers', 'Retry-After') }),
        },
      }),
    },
    '/oidc/interaction/{uid}/mfa': {
      parameters: [uidParameter],
      post: interaction({
        operationId: 'signInSecondFactor',
        summary: 'Submit the second factor',
        description: 'After a right password, for an account with a second factor: a current TOTP code (each works once) or an unused recovery code. Failures count towards the same brute-force limits as passwords.',
        requestBody: formBody({ csrf: { type: 'string' }, code: { type: 'string' } }, ['csrf', 'code']),
        responses: {
          '303': REDIRECT('Signed in: on to the authorization.'),
          '400': HTML_PAGE('An expired interaction.'),
          '401': HTML_PAGE('A wrong or used code: the form again.'),
          '403': HTML_PAGE('The CSRF field is wrong, or no password was given first.'),
          '429': HTML_PAGE('Too many failures.', { 'Retry-After': ref('headers', 'Retry-After') }),
        },
      }),
    },
    '/oidc/interaction/{uid}/confirm': {
      parameters: [uidParameter],
      post: interaction({
        operationId: 'signInConsent',
        summary: 'Allow the client what it asked for',
        description: 'Records the grant (scopes, and the admin API as a resource) and goes on to the authorization.',
        requestBody: formBody({ csrf: { type: 'string' } }, ['csrf']),
        responses: { '303': REDIRECT('On to the authorization.'), '400': HTML_PAGE('An expired interaction.'), '403': HTML_PAGE('The CSRF field is wrong, or there is nothing to consent to.') },
      }),
    },
    '/oidc/interaction/{uid}/abort': {
      parameters: [uidParameter],
      post: interaction({
        operationId: 'signInCancel',
        summary: 'Cancel the sign-in',
        description: 'The client gets `error=access_denied` at its redirect URI.',
        requestBody: formBody({ csrf: { type: 'string' } }, ['csrf']),
        responses: { '303': REDIRECT('Back to the client with access_denied.'), '400': HTML_PAGE('An expired interaction.'), '403': HTML_PAGE('The CSRF field is wrong.') },
      }),
    },
    '/oidc/.well-known/openid-configuration': {
      get: { tags: ['sign-in'], operationId: 'openidConfiguration', summary: 'OpenID discovery', description: `The provider's metadata: issuer \`{PUBLIC_URL}/oidc\`, endpoints, \`code_challenge_methods_supported: ["S256"]\`, \`response_types_supported: ["code"]\`. ${SPEC}`, responses: { '200': { description: 'The metadata.', headers: REQUEST_ID, content: { 'application/json': { schema: { type: 'object', required: ['issuer'], properties: { issuer: { type: 'string', format: 'uri' } }, additionalProperties: true } } } } } },
      options: CORS_PREFLIGHT('OpenID discovery'),
    },
    '/oidc/.well-known/oauth-authorization-server': {
      get: { tags: ['sign-in'], operationId: 'oauthMetadata', summary: 'OAuth 2.0 authorization server metadata (RFC 8414)', description: `The same metadata as OpenID discovery. ${SPEC}`, responses: { '200': { description: 'The metadata.', headers: REQUEST_ID, content: { 'application/json': { schema: { type: 'object', required: ['issuer'], properties: { issuer: { type: 'string', format: 'uri' } }, additionalProperties: true } } } } } },
      options: CORS_PREFLIGHT('OAuth metadata'),
    },
    '/oidc/jwks': {
      get: { tags: ['sign-in'], operationId: 'jwks', summary: 'The public signing keys', description: `A JSON Web Key Set (ES256) that verifies ID tokens and the admin API's access tokens. ${SPEC}`, responses: { '200': { description: 'The key set.', headers: REQUEST_ID, content: { 'application/jwk-set+json': { schema: { type: 'object', required: ['keys'], properties: { keys: { type: 'array', items: { type: 'object', additionalProperties: true } } } } } } } } },
      options: CORS_PREFLIGHT('JWKS'),
    },
    '/oidc/auth': {
      get: {
        tags: ['sign-in'],
        operationId: 'authorize',
        summary: 'Authorization request (code flow with PKCE)',
        description: `The console's sign-in starts here: \`client_id=qm-console\`, \`response_type=code\`, its exact \`redirect_uri\`, \`code_challenge\` with \`code_challenge_method=S256\` (plain is refused), \`resource={PUBLIC_URL}/v1/admin\`, \`scope=openid email offline_access admin\` with \`prompt=consent\` for a refresh token, and optionally \`tenant={slug}\` for that tenant's look. ${SPEC}`,
        responses: {
          '303': REDIRECT('To the sign-in page, or back to the redirect URI with a code (or with an error when the request is wrong but the redirect URI is right).'),
          '400': PROVIDER_HTML('The client or redirect URI is not acceptable: an error page, no redirect.'),
        },
      },
    },
    '/oidc/auth/{uid}': {
      parameters: [uidParameter],
      get: { tags: ['sign-in'], operationId: 'authorizeResume', summary: 'Resume an authorization after a sign-in step', description: SPEC, responses: { '200': PROVIDER_HTML('The previous person\'s session is ended first (an auto-submitting form with a Continue button for browsers without scripts).'), '303': REDIRECT('On to the next step or back to the client.'), '400': PROVIDER_HTML('An unknown or expired interaction.') } },
    },
    '/oidc/token': {
      post: {
        tags: ['sign-in'],
        operationId: 'token',
        summary: 'Token endpoint',
        description: `\`authorization_code\` (with \`code_verifier\` and the same \`redirect_uri\`; a code used twice is refused and everything it gave is revoked) and \`refresh_token\` (rotated on every use; a used one presented again revokes the whole grant). Access tokens are ES256 JWTs with \`typ: at+jwt\`, audience \`{PUBLIC_URL}/v1/admin\`, 10 minutes. ${SPEC}`,
        requestBody: formBody({ grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token'] }, client_id: { type: 'string' }, code: { type: 'string' }, code_verifier: { type: 'string' }, redirect_uri: { type: 'string' }, refresh_token: { type: 'string' } }, ['grant_type', 'client_id']),
        responses: {
          '200': { description: 'Tokens.', headers: REQUEST_ID, content: { 'application/json': { schema: schema('TokenResponse') } } },
          '400': OAUTH_ERROR('`invalid_grant` (a wrong, used or revoked code or refresh token, a verifier that does not match), `invalid_request`, …'),
          '401': OAUTH_ERROR('`invalid_client`.'),
        },
      },
      options: CORS_PREFLIGHT('the token endpoint'),
    },
    '/oidc/token/revocation': {
      post: { tags: ['sign-in'], operationId: 'revoke', summary: 'Revoke a refresh token (RFC 7009)', description: `Revoking a refresh token ends its grant: the access tokens of that grant stop working on the admin API. ${SPEC}`, requestBody: formBody({ token: { type: 'string' }, client_id: { type: 'string' }, token_type_hint: { type: 'string' } }, ['token', 'client_id']), responses: { '200': { description: 'Revoked (or unknown: the answer is the same).', headers: REQUEST_ID }, '400': OAUTH_ERROR('A malformed request.') } },
      options: CORS_PREFLIGHT('revocation'),
    },
    '/oidc/session/end': {
      get: { tags: ['sign-in'], operationId: 'endSession', summary: 'Sign out (RP-initiated logout)', description: `Asks the person to confirm signing out. ${SPEC}`, responses: { '200': PROVIDER_HTML('The confirmation page.'), '400': PROVIDER_HTML('A wrong request: an error page.') } },
    },
    '/oidc/session/end/confirm': {
      post: { tags: ['sign-in'], operationId: 'endSessionConfirm', summary: 'Confirm signing out', description: SPEC, requestBody: formBody({ xsrf: { type: 'string' }, logout: { type: 'string' } }, ['xsrf']), responses: { '303': REDIRECT('Signed out: to the client\'s post-logout URI or the success page.'), '400': PROVIDER_HTML('A wrong or expired form.') } },
    },
    '/oidc/session/end/success': {
      get: { tags: ['sign-in'], operationId: 'endSessionSuccess', summary: 'Signed out', description: SPEC, responses: { '200': PROVIDER_HTML('The signed-out page.') } },
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
      OAuthError: {
        type: 'object',
        required: ['error'],
        description: 'The error shape of OAuth 2.0 (RFC 6749 §5.2), not the product\'s Error: the token endpoints speak the standard.',
        properties: { error: { type: 'string', examples: ['invalid_grant'] }, error_description: { type: 'string' } },
      },
      TokenResponse: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in'],
        properties: {
          access_token: { type: 'string', description: 'A JWT for the admin API.' },
          token_type: { type: 'string', examples: ['Bearer'] },
          expires_in: { type: 'integer' },
          refresh_token: { type: 'string' },
          id_token: { type: 'string' },
          scope: { type: 'string' },
        },
      },
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
      Role: { type: 'string', enum: ['owner', 'admin', 'editor', 'viewer'] },
      ServiceVersionSummary: { type: 'object', required: ['version', 'createdAt', 'current'], properties: { version: { type: 'integer', minimum: 1 }, createdAt: DATE_TIME, current: { type: 'boolean' } } },
      ServiceVersionDetail: {
        type: 'object',
        required: ['version', 'createdAt', 'current', 'config', 'diff'],
        properties: {
          version: { type: 'integer', minimum: 1 }, createdAt: DATE_TIME, current: { type: 'boolean' }, config: schema('ServiceConfig'),
          diff: { type: 'array', items: { type: 'object', required: ['path'], properties: { path: { type: 'string', examples: ['pricing.lines[0].amount'] }, before: {}, after: {} } } },
        },
      },
      Member: { type: 'object', required: ['accountId', 'email', 'role', 'mfa', 'createdAt'], properties: { accountId: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: schema('Role'), mfa: { type: 'boolean', description: 'Has a second factor.' }, createdAt: DATE_TIME } },
      Invite: {
        type: 'object',
        required: ['id', 'email', 'role', 'createdAt', 'expiresAt', 'acceptedAt', 'revokedAt'],
        properties: { id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: schema('Role'), createdAt: DATE_TIME, expiresAt: DATE_TIME, acceptedAt: { type: ['string', 'null'], format: 'date-time' }, revokedAt: { type: ['string', 'null'], format: 'date-time' } },
      },
      CreatedInvite: {
        type: 'object',
        required: ['id', 'email', 'role', 'createdAt', 'expiresAt', 'acceptedAt', 'revokedAt', 'acceptUrl'],
        properties: {
          id: { type: 'string', format: 'uuid' }, email: { type: 'string' }, role: schema('Role'), createdAt: DATE_TIME, expiresAt: DATE_TIME, acceptedAt: { type: 'null' }, revokedAt: { type: 'null' },
          acceptUrl: { type: 'string', format: 'uri', description: 'The link mailed to the person; answered this once.' },
        },
      },
      ApiKey: {
        type: 'object',
        required: ['id', 'kind', 'mode', 'name', 'prefix', 'source', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt', 'active'],
        properties: {
          id: { type: 'string', format: 'uuid' }, kind: { type: 'string', enum: ['secret', 'publishable'] }, mode: { type: 'string', enum: ['test', 'live'] }, name: { type: 'string' },
          prefix: { type: 'string', examples: ['sk_live_AbCd…wxyz'] }, source: { type: 'string', enum: ['file', 'api'], description: 'A development tenant file, or this API.' },
          createdAt: DATE_TIME, lastUsedAt: { type: ['string', 'null'], format: 'date-time' }, expiresAt: { type: ['string', 'null'], format: 'date-time' }, revokedAt: { type: ['string', 'null'], format: 'date-time' }, active: { type: 'boolean' },
        },
      },
      CreatedKey: {
        type: 'object',
        required: ['id', 'kind', 'mode', 'name', 'prefix', 'source', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt', 'active', 'key'],
        properties: {
          id: { type: 'string', format: 'uuid' }, kind: { type: 'string', enum: ['secret', 'publishable'] }, mode: { type: 'string', enum: ['test', 'live'] }, name: { type: 'string' }, prefix: { type: 'string' },
          source: { type: 'string', enum: ['api'] }, createdAt: DATE_TIME, lastUsedAt: { type: 'null' }, expiresAt: { type: 'null' }, revokedAt: { type: 'null' }, active: { type: 'boolean' },
          key: { type: 'string', description: 'The key itself: shown in this answer only.' },
        },
      },
      AuditEntry: {
        type: 'object',
        required: ['id', 'at', 'actor', 'action', 'target', 'before', 'after', 'ip', 'requestId'],
        properties: {
          id: { type: 'string' }, at: DATE_TIME,
          actor: { type: 'object', required: ['type', 'id', 'label'], properties: { type: { type: 'string', enum: ['account', 'api_key', 'operator', 'system'] }, id: { type: ['string', 'null'] }, label: { type: 'string' } } },
          action: { type: 'string', examples: ['service.updated'] },
          target: { type: 'object', required: ['type', 'id'], properties: { type: { type: 'string' }, id: { type: ['string', 'null'] } } },
          before: {}, after: {}, ip: { type: ['string', 'null'] }, requestId: { type: ['string', 'null'] },
        },
      },
      AuditPage: { type: 'object', required: ['data', 'nextCursor'], properties: { data: { type: 'array', items: schema('AuditEntry') }, nextCursor: { type: ['string', 'null'] } } },
      OperatorTenant: {
        type: 'object',
        required: ['id', 'slug', 'name', 'createdAt', 'suspended', 'suspendedAt', 'planOverride', 'members', 'quotes'],
        properties: {
          id: { type: 'string', format: 'uuid' }, slug: { type: 'string' }, name: { type: 'string' }, createdAt: DATE_TIME, suspended: { type: 'boolean' },
          suspendedAt: { type: ['string', 'null'], format: 'date-time' }, planOverride: { type: ['string', 'null'] }, members: { type: 'integer' }, quotes: { type: 'integer' },
        },
      },
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
        required: ['id', 'number', 'status', 'service', 'pricingVersion', 'total', 'currency', 'discountCode', 'contact', 'description', 'fields', 'pricing', 'url', 'createdAt', 'updatedAt', 'expiresAt', 'viewedAt', 'decidedAt', 'decision', 'notes', 'revision', 'revisionOf', 'supersededBy'],
        properties: {
          id: { type: 'string', format: 'uuid' }, number: { type: 'string' }, status: schema('QuoteStatus'), service: { type: 'string' },
          pricingVersion: { type: 'integer', minimum: 1 }, total: schema('MinorUnits'), currency: schema('CurrencyCode'), discountCode: { type: ['string', 'null'] },
          contact: { type: 'object', required: ['name', 'email', 'phone'], properties: { name: { type: 'string' }, email: { type: 'string' }, phone: { type: ['string', 'null'] } } },
          description: { type: ['string', 'null'] }, fields: schema('FieldValues'), pricing: schema('PricingResult'),
          url: { type: 'string', format: 'uri', description: 'The hosted quote page.' },
          createdAt: DATE_TIME, updatedAt: DATE_TIME, expiresAt: DATE_TIME,
          viewedAt: { type: ['string', 'null'], format: 'date-time' }, decidedAt: { type: ['string', 'null'], format: 'date-time' },
          decision: { oneOf: [{ type: 'null' }, { type: 'object', required: ['name', 'ip'], properties: { name: { type: ['string', 'null'] }, ip: { type: ['string', 'null'] } } }] },
          notes: { type: ['string', 'null'], description: 'The team\'s own notes; never shown to the visitor.' },
          revision: { type: 'integer', minimum: 1, description: '1 for a submitted quote, n for its (n−1)th revision (number suffix -Rn).' },
          revisionOf: { type: ['string', 'null'], format: 'uuid', description: 'The quote this one revises.' },
          supersededBy: { type: ['string', 'null'], format: 'uuid', description: 'The revision that replaced this quote; it can then no longer be accepted.' },
        },
      },
    },
  };
}

/** Error codes the admin API adds, with their status and a row for ErrorCode's description. */
export const ADMIN_ERROR_CODES: ReadonlyArray<[code: string, status: number, when: string]> = [
  ['tenant_suspended', 403, 'The platform suspended this tenant: its widget does not answer.'],
  ['unknown_version', 404, 'A service version that does not exist (admin API).'],
  ['service_exists', 409, 'Creating a service whose key the tenant already uses (admin API).'],
  ['last_owner', 409, 'Removing or demoting the last owner of a tenant (admin API).'],
  ['already_member', 409, 'Inviting someone who is already a member (admin API).'],
  ['key_not_active', 409, 'Rotating a key that is revoked or expired (admin API).'],
  ['quote_status_conflict', 409, 'A status change a quote cannot make (admin API).'],
  ['invalid_template', 422, 'An email template the sandbox refuses or cannot render with sample data (admin API).'],
  ['message_pending', 409, 'Replaying a webhook message that is still queued (admin API).'],
  ['invite_not_usable', 410, 'An invite link that is used, withdrawn or expired.'],
  ['reset_not_usable', 410, 'A password-reset link that is used or expired (shown as a page).'],
  ['mfa_enabled', 409, 'Starting a TOTP enrolment while a second factor is in force.'],
  ['invalid_code', 422, 'A second-factor code that does not match or was used already.'],
];

/** The document with the admin part merged in (replacing any earlier one). */
export function withAdminPart(doc: J): J {
  const out = structuredClone(doc);
  for (const path of Object.keys(out.paths)) if (/^\/(v1\/admin|v1\/operator|v1\/invites|v1\/account|invite|oidc|password-reset)(\/|$)/.test(path)) delete out.paths[path];
  Object.assign(out.paths, adminPaths(), settingsPaths(), templatePaths(), operatorPaths(), oidcPaths());
  for (const [kind, entries] of [...Object.entries(adminComponents()), ...Object.entries(settingsComponents())]) {
    out.components[kind] ??= {};
    for (const [name, value] of Object.entries(entries)) out.components[kind][name] = JSON.parse(JSON.stringify(value));
  }
  if (!out.tags.some((t: J) => t.name === 'sign-in')) {
    out.tags.push({ name: 'sign-in', description: 'The platform\'s own OpenID provider at `/oidc` (issuer `{PUBLIC_URL}/oidc`) and its sign-in pages. The console signs in with the authorization code flow and PKCE; its access tokens are for the admin API.' });
  }
  if (!out.tags.some((t: J) => t.name === 'account')) {
    out.tags.push({ name: 'account', description: 'A person\'s own account: who am I, and the second factor (TOTP with recovery codes).' });
  }
  if (!out.tags.some((t: J) => t.name === 'operator')) {
    out.tags.push({ name: 'operator', description: 'The platform\'s staff: every tenant, suspensions, plan overrides. Bearer: an access token of an operator account.' });
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

// ---------------------------------------------------------------------------
// Tenant settings beyond the profile: notifications and webhooks

const EVENT_TYPES = ['quote.created', 'quote.viewed', 'quote.accepted', 'quote.declined'];
const webhookNotFound = { '404': errorResponse('This tenant has no webhook endpoint with this id.') };
const HOOK = 'https://hooks.brightside.example/quotes';

export function settingsPaths(): Record<string, J> {
  return {
    '/v1/admin/notifications': {
      get: operation({
        operationId: 'adminGetNotifications',
        summary: 'Alert emails',
        description: 'Where new-quote alerts and accept/decline notices go (`notifications.emails`), and the Reply-To of the emails visitors get (null: the first of emails).',
        permission: 'tenant:read',
        responses: { '200': ok('The settings.', schema('NotificationEmails')) },
      }),
      patch: operation({
        operationId: 'adminUpdateNotifications',
        summary: 'Change the alert emails',
        description: 'Either key or both; `replyTo: null` clears it. Audited with before and after. Email templates are changed under `/v1/admin/email-templates`.',
        permission: 'tenant:write',
        requestBody: jsonBody(
          { type: 'object', additionalProperties: false, minProperties: 1, properties: { emails: { type: 'array', maxItems: 20, items: { type: 'string', format: 'email', maxLength: 254 } }, replyTo: { type: ['string', 'null'], format: 'email', maxLength: 254 } } },
          { office: { value: { emails: ['office@brightside.example'], replyTo: 'office@brightside.example' } } },
        ),
        responses: { '200': ok('The settings after the change.', schema('NotificationEmails')), ...BODY_ERRORS },
      }),
    },
    '/v1/admin/webhooks': {
      get: operation({
        operationId: 'adminListWebhooks',
        summary: 'Webhook endpoints',
        description: 'The tenant\'s endpoints (from its file or this API) with what delivery learned: `failing` since the first failure after the last success, `disabled` after failing five days running. Signing secrets are never shown here.',
        permission: 'tenant:read',
        responses: { '200': ok('The endpoints.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('WebhookEndpoint') } } }) },
      }),
      post: operation({
        operationId: 'adminCreateWebhook',
        summary: 'Add a webhook endpoint',
        description: 'At most 10 per tenant, URLs unique. Without `secret` one is generated; either way the answer shows it this once and never again (keep it to verify signatures, Standard Webhooks). The id is derived from the URL. In production, deliveries to private, loopback and link-local addresses are refused. Audited (without the secret).',
        permission: 'tenant:write',
        requestBody: jsonBody(
          {
            type: 'object', additionalProperties: false, required: ['url', 'events'],
            properties: {
              url: { type: 'string', format: 'uri', maxLength: 2000, description: 'Absolute http(s) URL without user, password or #fragment.' },
              events: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: EVENT_TYPES } },
              secret: { type: 'string', pattern: '^whsec_[A-Za-z0-9+/]+={0,2}$', description: 'Your own signing secret: whsec_ + base64 of 24–64 random bytes.' },
            },
          },
          { created: { value: { url: HOOK, events: ['quote.created', 'quote.accepted'] } } },
        ),
        responses: { '201': ok('The endpoint, with its secret (shown once).', schema('WebhookEndpointCreated'), undefined, { Location: ref('headers', 'Location') }), ...BODY_ERRORS },
      }),
    },
    '/v1/admin/webhooks/{id}': {
      parameters: [ref('parameters', 'WebhookId')],
      patch: operation({
        operationId: 'adminUpdateWebhook',
        summary: 'Change a webhook endpoint',
        description: 'Its URL, its events or both; the secret stays. A new URL is a new endpoint to delivery (new id, a fresh state). Audited with before and after.',
        permission: 'tenant:write',
        requestBody: jsonBody(
          { type: 'object', additionalProperties: false, minProperties: 1, properties: { url: { type: 'string', format: 'uri', maxLength: 2000 }, events: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', enum: EVENT_TYPES } } } },
          { events: { value: { events: ['quote.accepted', 'quote.declined'] } } },
        ),
        responses: { '200': ok('The endpoint after the change.', schema('WebhookEndpoint')), ...BODY_ERRORS, ...webhookNotFound },
      }),
      delete: operation({
        operationId: 'adminDeleteWebhook',
        summary: 'Delete a webhook endpoint',
        description: 'Messages still queued for it are cancelled; its delivery log stays. Audited.',
        permission: 'tenant:write',
        responses: { '204': { description: 'Deleted.', headers: { ...REQUEST_ID, ...NO_STORE } }, ...webhookNotFound },
      }),
    },
    '/v1/admin/webhooks/{id}/enable': {
      parameters: [ref('parameters', 'WebhookId')],
      post: operation({
        operationId: 'adminEnableWebhook',
        summary: 'Enable an endpoint again',
        description: 'After it was disabled for failing five days running: events are sent to it again and its failing streak starts afresh (messages of the time it was disabled can be replayed). Enabling an endpoint that is not disabled changes nothing. Audited when it changes something. No body.',
        permission: 'tenant:write',
        responses: { '200': ok('The endpoint.', schema('WebhookEndpoint')), '400': BAD_REQUEST, '415': ref('responses', 'AdminUnsupportedMediaType'), ...webhookNotFound },
      }),
    },
    '/v1/admin/webhooks/{id}/deliveries': {
      parameters: [ref('parameters', 'WebhookId')],
      get: operation({
        operationId: 'adminWebhookDeliveries',
        summary: 'Delivery log of an endpoint',
        description: 'Every attempt to deliver to this endpoint\'s URL, newest first: the message and its event, HTTP status, duration, error, and the start of the answer (500 characters). Follow `nextCursor`.',
        permission: 'tenant:read',
        parameters: [
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 25 } },
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
        ],
        responses: { '200': ok('One page of attempts.', schema('DeliveryAttemptPage')), '400': BAD_REQUEST, ...webhookNotFound },
      }),
    },
    '/v1/admin/webhooks/{id}/deliveries/{messageId}/replay': {
      parameters: [ref('parameters', 'WebhookId'), { name: 'messageId', in: 'path', required: true, description: 'The message (`messageId` in the delivery log).', schema: { type: 'string' } }],
      post: operation({
        operationId: 'adminReplayWebhook',
        summary: 'Send a message again',
        description: 'Queues a delivered, failed or cancelled message of this endpoint again, as it was: the same `webhook-id` (receivers that have it can tell), a new timestamp and signature, a fresh retry window. Audited. No body.',
        permission: 'tenant:write',
        responses: {
          '202': ok('Queued.', { type: 'object', required: ['messageId', 'status'], properties: { messageId: { type: 'string', format: 'uuid' }, status: { const: 'pending' } } }),
          '400': BAD_REQUEST,
          '415': ref('responses', 'AdminUnsupportedMediaType'),
          '404': errorResponse('This tenant has no such endpoint, or the endpoint no such message.'),
          '409': errorResponse('The message is still queued.', { pending: errorExample('message_pending', 'This message is still queued for delivery; replay it once it is delivered, failed or cancelled.') }),
        },
      }),
    },
  };
}

const TEMPLATE_IDS = ['quote-to-visitor', 'new-quote-alert', 'decision-to-visitor', 'decision-to-tenant'];
const templateNotFound = (extra = ''): J => ({ '404': errorResponse(`No such email template${extra}.`) });
const templateRejected = {
  '422': errorResponse('The sandbox refuses the template, or rendering it with sample data fails (e.g. a misspelt name in strict mode); `details[0].path` names the part. Nothing is saved.', {
    misspelt: errorExample('invalid_template', 'The subject template "quote.numbr" not defined - 1:8', [{ path: 'subject', message: '"quote.numbr" not defined - 1:8' }]),
    unescaped: errorExample('invalid_template', 'The html template unescaped output ({{{…}}} or {{&…}}) is not allowed in HTML (line 1)', [{ path: 'html', message: 'unescaped output ({{{…}}} or {{&…}}) is not allowed in HTML (line 1)' }]),
  }),
};

export function templatePaths(): Record<string, J> {
  return {
    '/v1/admin/ai': {
      get: operation({
        operationId: 'adminGetAi',
        summary: 'AI settings and this month\'s usage',
        description: 'Whether the widget offers filling in the form from a description (`interpret`, the widget config\'s `features.interpret`), the tenant\'s own monthly caps (null: the plan\'s), the plan\'s allowances, what the quota enforces (`limits`), and the usage of the current month in the tenant\'s time zone from the usage log: interpretations answered, tokens, cost in millionths of a US dollar, per provider and model.',
        permission: 'tenant:read',
        responses: { '200': ok('The settings and usage.', schema('AiSettings')) },
      }),
      patch: operation({
        operationId: 'adminUpdateAi',
        summary: 'Change the AI settings',
        description: 'Any of `interpret`, `monthlyInterpretations`, `monthlyTokens` (null: back to the plan\'s). A cap above the plan\'s allowance is refused. The widget and the quota see the change at once. Audited with before and after.',
        permission: 'tenant:write',
        requestBody: jsonBody(
          { type: 'object', additionalProperties: false, minProperties: 1, properties: { interpret: { type: 'boolean' }, monthlyInterpretations: { type: ['integer', 'null'], minimum: 0 }, monthlyTokens: { type: ['integer', 'null'], minimum: 0 } } },
          { cap: { value: { monthlyInterpretations: 200 } }, off: { value: { interpret: false } } },
        ),
        responses: {
          '200': ok('The settings after the change.', schema('AiSettings')),
          ...BODY_ERRORS,
        },
      }),
    },
    '/v1/admin/email-templates': {
      get: operation({
        operationId: 'adminListEmailTemplates',
        summary: 'Email templates',
        description: 'Every email a tenant may write its own template for, and which parts (subject, text, html) it wrote; the rest come from the default.',
        permission: 'tenant:read',
        responses: { '200': ok('The templates.', { type: 'object', required: ['data'], properties: { data: { type: 'array', items: schema('EmailTemplateSummary') } } }) },
      }),
    },
    '/v1/admin/email-templates/{template}': {
      parameters: [ref('parameters', 'EmailTemplateId')],
      get: operation({
        operationId: 'adminGetEmailTemplate',
        summary: 'Read a template',
        description: 'The tenant\'s own template of this email (null: the default is in use).',
        permission: 'tenant:read',
        responses: { '200': ok('The template.', schema('EmailTemplate')), ...templateNotFound() },
      }),
      put: operation({
        operationId: 'adminPutEmailTemplate',
        summary: 'Write a template',
        description: 'Replaces the tenant\'s template of this email: any of subject, text, html (Handlebars in a sandbox: strict, if/unless/each/with only, no partials, escaped output only in HTML; the names are in docs/notifications.md). It is saved only when it renders with sample data. Audited with before and after.',
        permission: 'tenant:write',
        requestBody: jsonBody(schema('EmailTemplateOverride'), { subject: { value: { subject: 'Your quote {{quote.number}} from {{tenant.name}}' } } }),
        responses: { '200': ok('The template as saved.', schema('EmailTemplate')), ...BODY_ERRORS, ...templateNotFound(), ...templateRejected },
      }),
      delete: operation({
        operationId: 'adminDeleteEmailTemplate',
        summary: 'Back to the default',
        description: 'Removes the tenant\'s template of this email; the default is used from the next email. Audited.',
        permission: 'tenant:write',
        responses: { '204': { description: 'Removed.', headers: { ...REQUEST_ID, ...NO_STORE } }, ...templateNotFound(', or the tenant has none of its own') },
      }),
    },
    '/v1/admin/email-templates/{template}/preview': {
      parameters: [ref('parameters', 'EmailTemplateId')],
      post: operation({
        operationId: 'adminPreviewEmailTemplate',
        summary: 'Preview an email',
        description: 'Renders the email with sample data (a sample quote in the tenant\'s currency, locale and time zone): a `draft` when one is sent (its missing parts from the default), else the tenant\'s template, else the default. Saves nothing. The body is optional.',
        permission: 'tenant:read',
        requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', additionalProperties: false, properties: { draft: schema('EmailTemplateOverride') } }, examples: { draft: { value: { draft: { subject: 'Draft: {{quote.number}}' } } } } } } },
        responses: { '200': ok('The rendered email.', schema('EmailPreview')), '400': BAD_REQUEST, '413': ref('responses', 'AdminPayloadTooLarge'), '415': ref('responses', 'AdminUnsupportedMediaType'), ...templateNotFound(), ...templateRejected },
      }),
    },
  };
}

export function settingsComponents(): Record<string, Record<string, J>> {
  const endpointProperties = {
    id: { type: 'string', pattern: '^[0-9a-f]{32}$', description: 'Derived from the URL.' },
    url: { type: 'string', format: 'uri' },
    events: { type: 'array', items: { type: 'string', enum: EVENT_TYPES } },
    state: { type: 'string', enum: ['active', 'failing', 'disabled'] },
    failingSince: { type: ['string', 'null'], format: 'date-time' },
    disabledAt: { type: ['string', 'null'], format: 'date-time' },
  };
  const endpointRequired = ['id', 'url', 'events', 'state', 'failingSince', 'disabledAt'];
  return {
    parameters: {
      EmailTemplateId: { name: 'template', in: 'path', required: true, description: 'Which email.', schema: { type: 'string', enum: TEMPLATE_IDS }, example: 'quote-to-visitor' },
      WebhookId: { name: 'id', in: 'path', required: true, description: 'The endpoint\'s id (from the list).', schema: { type: 'string' }, example: '5f0c6a3e9d1b4c7a8e2f0a1b2c3d4e5f' },
    },
    schemas: {
      AiSettings: {
        type: 'object', additionalProperties: false, required: ['interpret', 'monthlyInterpretations', 'monthlyTokens', 'plan', 'limits', 'usage'],
        properties: {
          interpret: { type: 'boolean' },
          monthlyInterpretations: { type: ['integer', 'null'], minimum: 0 },
          monthlyTokens: { type: ['integer', 'null'], minimum: 0 },
          plan: schema('AiAllowance'),
          limits: schema('AiAllowance'),
          usage: {
            type: 'object', additionalProperties: false, required: ['period', 'interpretations', 'tokens', 'costMicroUsd', 'byModel'],
            properties: {
              period: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, interpretations: { type: 'integer', minimum: 0 }, tokens: { type: 'integer', minimum: 0 }, costMicroUsd: { type: 'integer', minimum: 0 },
              byModel: {
                type: 'array',
                items: {
                  type: 'object', additionalProperties: false, required: ['provider', 'model', 'calls', 'failures', 'tokensIn', 'tokensOut', 'costMicroUsd'],
                  properties: { provider: { type: 'string' }, model: { type: 'string' }, calls: { type: 'integer' }, failures: { type: 'integer' }, tokensIn: { type: 'integer' }, tokensOut: { type: 'integer' }, costMicroUsd: { type: 'integer' } },
                },
              },
            },
          },
        },
      },
      AiAllowance: { type: 'object', additionalProperties: false, required: ['interpretations', 'tokens'], properties: { interpretations: { type: 'integer', minimum: 0 }, tokens: { type: 'integer', minimum: 0 } } },
      EmailTemplateOverride: {
        type: 'object', additionalProperties: false, minProperties: 1,
        properties: { subject: { type: 'string', maxLength: 500 }, text: { type: 'string', maxLength: 20000 }, html: { type: 'string', maxLength: 100000 } },
      },
      EmailTemplateSummary: {
        type: 'object', additionalProperties: false, required: ['id', 'overridden'],
        properties: { id: { type: 'string', enum: TEMPLATE_IDS }, overridden: { type: 'array', items: { type: 'string', enum: ['subject', 'text', 'html'] } } },
      },
      EmailTemplate: {
        type: 'object', additionalProperties: false, required: ['id', 'overridden', 'override'],
        properties: { id: { type: 'string', enum: TEMPLATE_IDS }, overridden: { type: 'array', items: { type: 'string', enum: ['subject', 'text', 'html'] } }, override: { oneOf: [{ type: 'null' }, schema('EmailTemplateOverride')] } },
      },
      EmailPreview: {
        type: 'object', additionalProperties: false, required: ['id', 'source', 'subject', 'text', 'html'],
        properties: { id: { type: 'string', enum: TEMPLATE_IDS }, source: { type: 'string', enum: ['draft', 'override', 'default'] }, subject: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' } },
      },
      NotificationEmails: {
        type: 'object', additionalProperties: false, required: ['emails', 'replyTo'],
        properties: { emails: { type: 'array', items: { type: 'string', format: 'email' } }, replyTo: { type: ['string', 'null'], format: 'email' } },
      },
      WebhookEndpoint: { type: 'object', additionalProperties: false, required: endpointRequired, properties: endpointProperties },
      WebhookEndpointCreated: {
        type: 'object', additionalProperties: false, required: [...endpointRequired, 'secret'],
        properties: { ...endpointProperties, secret: { type: 'string', description: 'The signing secret, shown this once.' } },
      },
      DeliveryAttemptPage: {
        type: 'object', required: ['data', 'nextCursor'],
        properties: {
          data: {
            type: 'array',
            items: {
              type: 'object', additionalProperties: false,
              required: ['id', 'messageId', 'event', 'messageStatus', 'attempt', 'attemptedAt', 'durationMs', 'ok', 'statusCode', 'error', 'response'],
              properties: {
                id: { type: 'string' }, messageId: { type: 'string', format: 'uuid' }, event: { type: 'string', enum: EVENT_TYPES },
                messageStatus: { type: 'string', enum: ['pending', 'delivered', 'failed', 'cancelled'] }, attempt: { type: 'integer', minimum: 1 },
                attemptedAt: DATE_TIME, durationMs: { type: 'integer', minimum: 0 }, ok: { type: 'boolean' }, statusCode: { type: ['integer', 'null'] },
                error: { type: ['string', 'null'] }, response: { type: ['string', 'null'], maxLength: 500 },
              },
            },
          },
          nextCursor: { type: ['string', 'null'] },
        },
      },
    },
  };
}
