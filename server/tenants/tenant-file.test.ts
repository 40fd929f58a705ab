import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorDetail } from '../errors.ts';
import { parseTenantFile, tenantFileDocumentSchema, tenantFileSchema, MAX_SERVICES, type TenantFile } from './tenant-file.ts';
import { exampleTenant } from './testing/tenants.ts';
import { serviceSchema } from '../pricing/service-schema.ts';

/** The tenant of a valid file (fails the test with the issues otherwise). */
function tenantOf(input: unknown): TenantFile {
  const result = parseTenantFile(input, { today: '2026-11-27' });
  if (!result.ok) throw new assert.Assertion({ message: `expected the file to be valid; got ${JSON.stringify(result.issues)}`, operator: 'tenantOf', generated: false, expects: 'ok', actual: 'issues' });
  return result.tenant;
}

/** The issues of an invalid file (fails the test if it is valid). */
function issuesOf(input: unknown): ErrorDetail[] {
  const result = parseTenantFile(input, { today: '2026-11-27' });
  if (result.ok) throw new assert.Assertion({ message: 'expected the file to be refused', operator: 'issuesOf', generated: false, expects: 'issues', actual: 'ok' });
  return result.issues;
}

/** The tenant example with some keys replaced (undefined removes a key). */
function tenantWith(changes: Record<string, unknown>): Record<string, unknown> {
  const tenant = exampleTenant();
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) delete tenant[key];
    else tenant[key] = value;
  }
  return tenant;
}

/** The one issue a change causes. */
function issueFor(changes: Record<string, unknown>): ErrorDetail {
  const issues = issuesOf(tenantWith(changes));
  assert.is(issues.length, 1, JSON.stringify(issues));
  return issues[0] as ErrorDetail;
}

// ---------------------------------------------------------------------------
const accepts = suite('parseTenantFile: accepts');

accepts('the example file of api.md, with defaults filled in', () => {
  const tenant = tenantOf(exampleTenant());
  assert.is(tenant.slug, 'brightside-painting');
  assert.equal(tenant.theme, { preset: 'daylight', tokens: { 'color-primary': '#0b6e4f' } });
  assert.is(tenant.quoteExpiryDays, 30);
  assert.equal(tenant.allowedOrigins, ['http://localhost:3000']);
  assert.is(tenant.services[0]?.key, 'interior-painting');
  assert.is(tenant.branding, undefined);
});

accepts('a file with only the required keys: the default theme, no key, no branding', () => {
  const tenant = tenantOf(tenantWith({ theme: undefined, publishableKey: undefined, services: [], allowedOrigins: [] }));
  assert.equal(tenant.theme, { preset: 'default' });
  assert.is(tenant.publishableKey, undefined);
  assert.equal(tenant.services, []);
});

accepts('a $schema key for editors, left out of the tenant', () => {
  const tenant = tenantOf(tenantWith({ $schema: './tenant.schema.json' }));
  assert.not.ok('$schema' in tenant);
});

accepts('every optional key', () => {
  const tenant = tenantOf(
    tenantWith({
      theme: { tokens: { radius: '0', 'font-family': '"Inter", sans-serif' } },
      branding: { logoUrl: 'https://cdn.example.com/logo.svg', website: 'http://brightside.example' },
      publishableKey: 'pk_live_Abc_123',
      quoteExpiryDays: 365,
    }),
  );
  assert.equal(tenant.theme, { preset: 'default', tokens: { radius: '0', 'font-family': '"Inter", sans-serif' } });
  assert.equal(tenant.branding, { logoUrl: 'https://cdn.example.com/logo.svg', website: 'http://brightside.example' });
  assert.is(tenant.quoteExpiryDays, 365);
});

accepts('and normalises locale, time zone and origins', () => {
  const tenant = tenantOf(tenantWith({ locale: 'zh-hant-tw', timezone: 'america/chicago', allowedOrigins: ['HTTPS://WWW.Example.com:443/', 'http://localhost:3000'] }));
  assert.is(tenant.locale, 'zh-Hant-TW');
  assert.is(tenant.timezone, 'America/Chicago');
  assert.equal(tenant.allowedOrigins, ['https://www.example.com', 'http://localhost:3000']);
});

accepts.run();

// ---------------------------------------------------------------------------
const refuses = suite('parseTenantFile: refuses, with the path of each bad value');

refuses('a content that is not an object', () => {
  assert.equal(issuesOf([]), [{ path: '', message: 'must be an object, not a list' }]);
  assert.equal(issuesOf(null), [{ path: '', message: 'must be an object, not null' }]);
});

refuses('missing required keys, each at its own path', () => {
  assert.equal(issuesOf({}).map((issue) => issue.path), ['slug', 'name', 'locale', 'currency', 'timezone', 'allowedOrigins', 'services']);
  assert.equal(issueFor({ slug: undefined }), { path: 'slug', message: 'is required' });
});

refuses('unknown keys, at every level', () => {
  assert.equal(issueFor({ allowedOrigin: ['http://localhost:3000'] }), { path: 'allowedOrigin', message: 'is not a known key' });
  assert.equal(issueFor({ theme: { preset: 'default', colour: 'red' } }), { path: 'theme.colour', message: 'is not a known key' });
  assert.equal(issueFor({ branding: { logo: 'https://x.example/l.png' } }), { path: 'branding.logo', message: 'is not a known key' });
  assert.equal(issueFor({ theme: { tokens: { 'color-brand': '#fff' } } }), { path: 'theme.tokens.color-brand', message: 'is not a known key' });
});

refuses('a slug that is not 2 to 63 lowercase letters, digits and hyphens', () => {
  const message = 'must be 2 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit';
  for (const slug of ['a', 'Brightside', 'bright_side', '-bright', 'bright-', 'x'.repeat(64), 'bright side']) {
    assert.equal(issueFor({ slug }), { path: 'slug', message }, slug);
  }
  assert.is(tenantOf(tenantWith({ slug: 'a1' })).slug, 'a1');
  assert.is(tenantOf(tenantWith({ slug: 'x'.repeat(63) })).slug.length, 63);
});

refuses('an empty name', () => {
  assert.equal(issueFor({ name: '   ' }), { path: 'name', message: 'must be at least 1 character long' });
});

refuses('a locale that is not a BCP 47 tag', () => {
  assert.equal(issueFor({ locale: 'en_US' }), { path: 'locale', message: '"en_US" is not a BCP 47 language tag (like en-US or de-DE)' });
  assert.equal(issueFor({ locale: '' }).path, 'locale');
  assert.equal(issueFor({ locale: 7 }), { path: 'locale', message: 'must be a string, not number 7' });
});

refuses('a currency that is not ISO 4217', () => {
  assert.equal(issueFor({ currency: 'usd' }).message, '"usd" is not an ISO 4217 currency code (like USD or EUR)');
  const issues = issuesOf(tenantWith({ currency: 'XYZ' }));
  assert.equal(issues[0], { path: 'currency', message: '"XYZ" is not an ISO 4217 currency code (like USD or EUR)' });
});

refuses('a time zone that is not an IANA zone, including bare UTC offsets', () => {
  assert.equal(issueFor({ timezone: 'Mars/Olympus_Mons' }), { path: 'timezone', message: '"Mars/Olympus_Mons" is not an IANA time zone (like America/Chicago or Europe/Berlin)' });
  assert.equal(issueFor({ timezone: '+01:00' }).path, 'timezone');
  assert.is(tenantOf(tenantWith({ timezone: 'UTC' })).timezone, 'UTC');
});

refuses('a theme preset that is not a preset name, and unsafe token values', () => {
  assert.equal(issueFor({ theme: { preset: 'Dark Mode' } }), { path: 'theme.preset', message: 'must be a preset name: lowercase letters, digits and hyphens (at most 63)' });
  assert.equal(issuesOf(tenantWith({ theme: { tokens: { 'color-primary': 'red;}', radius: 'url(x)', shadow: 'expression(1)', 'font-family': 'a\nb', spacing: '\\31' } } })), [
    { path: 'theme.tokens.color-primary', message: 'must not contain ";"' },
    { path: 'theme.tokens.radius', message: 'must not use url()' },
    { path: 'theme.tokens.font-family', message: 'must not contain line breaks or other control characters' },
    { path: 'theme.tokens.spacing', message: 'must not contain "\\"' },
    { path: 'theme.tokens.shadow', message: 'must not use expression()' },
  ]);
  assert.match(issueFor({ theme: { tokens: { 'color-primary': 'blurple' } } }).message, /^must be a colour/);
});

refuses('branding URLs that are not absolute http(s) URLs', () => {
  assert.equal(issueFor({ branding: { logoUrl: 'logo.png' } }), { path: 'branding.logoUrl', message: 'must be an absolute URL like https://www.example.com/logo.svg' });
  assert.equal(issueFor({ branding: { website: 'javascript:alert(1)' } }), { path: 'branding.website', message: 'must start with https:// or http://' });
  assert.equal(issueFor({ branding: { website: 'https://me:pw@example.com' } }), { path: 'branding.website', message: 'must not contain a user name or password' });
});

refuses('allowed origins with a path, another scheme, or twice after normalising', () => {
  assert.equal(issueFor({ allowedOrigins: ['https://example.com/shop'] }), { path: 'allowedOrigins[0]', message: 'must be an origin only: no path, query or fragment (like https://www.example.com)' });
  assert.equal(issueFor({ allowedOrigins: ['http://localhost:3000', 'example.com'] }).path, 'allowedOrigins[1]');
  assert.equal(issueFor({ allowedOrigins: ['https://example.com', 'http://localhost:3000', 'HTTPS://Example.com:443/'] }), {
    path: 'allowedOrigins[2]',
    message: 'is the same origin as allowedOrigins[0] (https://example.com)',
  });
  assert.equal(issueFor({ allowedOrigins: 'http://localhost:3000' }), { path: 'allowedOrigins', message: 'must be a list, not string "http://localhost:3000"' });
});

refuses('a publishable key that is not pk_test_ or pk_live_ and at least 6 characters', () => {
  const message = 'must be pk_test_ or pk_live_ followed by at least 6 letters, digits or "_"';
  for (const key of ['pk_test_abc', 'sk_test_brightside', 'pk_prod_brightside', 'pk_test_bright-side']) assert.equal(issueFor({ publishableKey: key }), { path: 'publishableKey', message }, key);
});

refuses('a quote expiry outside 1 to 365 whole days', () => {
  assert.equal(issueFor({ quoteExpiryDays: 0 }), { path: 'quoteExpiryDays', message: 'must be at least 1' });
  assert.equal(issueFor({ quoteExpiryDays: 366 }), { path: 'quoteExpiryDays', message: 'must be at most 365' });
  assert.equal(issueFor({ quoteExpiryDays: 1.5 }), { path: 'quoteExpiryDays', message: 'must be a whole number, not number 1.5' });
});

refuses('services that are not a list, or too many', () => {
  assert.equal(issueFor({ services: {} }), { path: 'services', message: 'must be a list, not an object' });
  const many = Array.from({ length: MAX_SERVICES + 1 }, (_, i) => ({ ...exampleTenant().services[0], key: `s${i}` }));
  assert.equal(issuesOf(tenantWith({ services: many })), [{ path: 'services', message: `must have at most ${MAX_SERVICES} items` }]);
});

refuses('a bad service, with the full path the pricing engine gives', () => {
  const service = exampleTenant().services[0];
  service.pricing.lines[1].unitAmount = -5;
  service.pricing.lines.push({ id: 'extra', label: 'Extra', quantity: 1, tiers: [{ upTo: 10, unitAmount: 1 }, { upTo: 5, unitAmount: 1 }, { upTo: null, unitAmount: 1 }], tierMode: 'graduated' });
  const other = { ...exampleTenant().services[0], key: 'other', colour: 'red' };
  assert.equal(issuesOf(tenantWith({ services: [service, other] })), [
    { path: 'services[0].pricing.lines[1].unitAmount', message: 'must not be negative' },
    { path: 'services[0].pricing.lines[3].tiers[1].upTo', message: 'must be greater than the previous tier\'s upTo (10)' },
    { path: 'services[1].colour', message: 'is not a known key' },
  ]);
});

refuses('two services with one key', () => {
  const service = exampleTenant().services[0];
  assert.equal(issueFor({ services: [service, service] }), { path: 'services[1].key', message: '"interior-painting" is also the key of services[0]' });
});

refuses('a service in another currency than the tenant\'s', () => {
  const service = { ...exampleTenant().services[0], currency: 'EUR' };
  assert.equal(issueFor({ services: [service] }), { path: 'services[0].currency', message: 'must be the tenant\'s currency USD, not EUR' });
});

refuses('a service whose own test cases fail, naming each with expected and actual totals', () => {
  const service = exampleTenant().services[0];
  service.tests = [
    { name: 'two small rooms', fields: { rooms: 2, size: 'small' }, expectTotal: 31300 },
    { name: 'wrong on purpose', fields: { rooms: 2, size: 'small' }, expectTotal: 1 },
  ];
  assert.equal(issueFor({ services: [service] }), { path: 'services[0].tests[1]', message: 'test "wrong on purpose" expects total 1, got 31300' });
});

refuses('a service whose test case cannot be priced', () => {
  const service = exampleTenant().services[0];
  service.fields[0].max = 1e9;
  service.pricing.lines[1].unitAmount = 1e9;
  service.tests = [{ name: 'huge', fields: { rooms: 1e9 }, expectTotal: 1 }];
  const issue = issueFor({ services: [service] });
  assert.is(issue.path, 'services[0].tests[0]');
  assert.match(issue.message, /^test "huge" expects total 1, pricing failed: The pricing rule at pricing\.lines\[1\]/);
});

refuses('a tenant problem and a service problem together, in one answer', () => {
  const service = { ...exampleTenant().services[0], currency: 'EUR' };
  assert.equal(issuesOf(tenantWith({ slug: 'X', services: [service] })), [
    { path: 'slug', message: 'must be 2 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit' },
    { path: 'services[0].currency', message: 'must be the tenant\'s currency USD, not EUR' },
  ]);
  assert.equal(issuesOf(tenantWith({ currency: 'usd', services: [service] })).map((issue) => issue.path), ['currency']);
});

refuses.run();

// ---------------------------------------------------------------------------
const dates = suite('parseTenantFile: test cases');

dates('run on today in the tenant\'s time zone unless told the day', () => {
  const service = exampleTenant().services[0];
  service.tests = [{ name: 'code still valid', fields: { rooms: 2, size: 'small' }, discountCode: 'SPRING10', expectTotal: 28200 }];
  const tenant = tenantWith({ services: [service] });
  assert.ok(parseTenantFile(tenant, { today: '2027-06-30' }).ok);
  const expired = parseTenantFile(tenant, { today: '2027-07-01' });
  assert.equal(expired.ok ? [] : expired.issues, [{ path: 'services[0].tests[0]', message: 'test "code still valid" expects total 28200, got 31300' }]);
  // Today (2026 or later, before the code's end in mid-2027 or after it): either way the outcome is the one for that day.
  const now = parseTenantFile(tenant);
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chicago' }).format(new Date());
  assert.is(now.ok, today <= '2027-06-30');
});

dates.run();

// ---------------------------------------------------------------------------
const compatible = suite('tenantFileSchema');

compatible('requires exactly the keys api.md requires today, so later keys can only be optional', () => {
  const required = Object.entries(tenantFileSchema.shape)
    .filter(([, schema]) => !schema.safeParse(undefined).success)
    .map(([key]) => key);
  assert.equal(required, ['slug', 'name', 'locale', 'currency', 'timezone', 'allowedOrigins', 'services']);
});

compatible.run();

const document = suite('tenantFileDocumentSchema');

document('spells out each service with the given schema and keeps the tenant\'s keys', () => {
  const schema = tenantFileDocumentSchema(serviceSchema);
  assert.equal(Object.keys(schema.shape), Object.keys(tenantFileSchema.shape));
  assert.ok(schema.safeParse(exampleTenant()).success);
  assert.not.ok(schema.safeParse(tenantWith({ services: [{ key: 'x' }] })).success);
});

document.run();
