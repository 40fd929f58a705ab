// The shape of a tenant file (api.md, "Tenants as files") and its validation:
// zod for the tenant's own keys, the pricing engine for each service, then
// what neither can say alone (unique service keys, one currency, the
// services' own test cases). Every problem is reported with its path.
//
// Later issues add optional keys only: a file valid today stays valid. Unknown
// keys are refused so that a typo ("allowedOrigin") is an error, not a silent
// default; a new key is added here, optional, with a description.
import { z } from 'zod';
import type { ErrorDetail } from '../errors.ts';
import { compileService, isCurrencyCode, runServiceTests, validateService, type ServiceConfig } from '../pricing/index.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import { notificationsSchema, webhooksSchema } from '../notify/notification-settings.ts';
import { localDate } from '../time.ts';
import { devAccessShape } from './dev-access.ts';
import { normaliseOrigin } from './origins.ts';
import { themeTokenOverridesSchema } from './theme-tokens.ts';
import { DEFAULT_PRESET, presetIdSchema } from './themes.ts';

/** Most services one tenant file may hold. */
export const MAX_SERVICES = 100;

const slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/, 'must be 2 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit')
  .describe('Stable identifier of the tenant (lowercase letters, digits, hyphens; 2–63). Seeding inserts or updates by slug.');

const locale = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical !== undefined) return canonical;
    } catch {
      // a RangeError: not a well-formed BCP 47 tag
    }
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a BCP 47 language tag (like en-US or de-DE)`, input: value });
    return z.NEVER;
  })
  .describe('BCP 47 language tag for texts, numbers, dates and money, e.g. en-US or de-DE; stored canonical (en-us → en-US).');

const currency = z
  .string()
  .refine(isCurrencyCode, { error: (issue) => `${JSON.stringify(issue.input)} is not an ISO 4217 currency code (like USD or EUR)` })
  .describe('ISO 4217 code of the currency every service prices in, e.g. USD, EUR, GBP.');

const timezone = z
  .string()
  .max(100)
  .transform((value, ctx) => {
    // Offsets like "+01:00" are accepted by Intl but have no daylight saving rules: not an IANA zone.
    if (/^[A-Za-z]/.test(value)) {
      try {
        return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
      } catch {
        // a RangeError: no such zone
      }
    }
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an IANA time zone (like America/Chicago or Europe/Berlin)`, input: value });
    return z.NEVER;
  })
  .describe('IANA time zone of the business, e.g. Europe/Berlin: decides "today" for discount codes and quote expiry.');

const webUrl = (description: string) =>
  z
    .string()
    .max(2000)
    .superRefine((value, ctx) => {
      const problem = checkWebUrl(value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
    })
    .meta({ description, format: 'uri' });

/** Why `value` is not an absolute http(s) URL without credentials, or null. */
function checkWebUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'must be an absolute URL like https://www.example.com/logo.svg';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must start with https:// or http://';
  if (url.username !== '' || url.password !== '') return 'must not contain a user name or password';
  return null;
}

const origin = z.string().max(300).transform((value, ctx) => {
  const check = normaliseOrigin(value);
  if (check.ok) return check.origin;
  ctx.addIssue({ code: 'custom', message: check.message, input: value });
  return z.NEVER;
});

const allowedOrigins = z
  .array(origin)
  .max(100)
  .superRefine((origins, ctx) => {
    const first = new Map<string, number>();
    origins.forEach((value, i) => {
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, i);
      else ctx.addIssue({ code: 'custom', message: `is the same origin as allowedOrigins[${earlier}] (${value})`, path: [i], input: value });
    });
  })
  .describe(
    'Origins (scheme://host[:port], no path) of the sites that may embed the widget, e.g. https://www.example.com. ' +
      'Compared with the browser\'s Origin header after normalising (lowercase host, no default port).',
  );

const publishableKey = z
  .string()
  .regex(/^pk_(?:test|live)_[A-Za-z0-9_]{6,100}$/, 'must be pk_test_ or pk_live_ followed by at least 6 letters, digits or "_"')
  .describe('Publishable widget key for development and demos (pk_test_… or pk_live_…); production keys are minted by the admin API.');

const theme = z
  .strictObject({
    preset: presetIdSchema.default(DEFAULT_PRESET).describe('Name of a preset in themes/ (default, daylight, midnight, meadow, …).'),
    tokens: themeTokenOverridesSchema.optional().describe('Tokens that override the preset; each becomes the CSS custom property --qm-<token>.'),
  })
  .default({ preset: DEFAULT_PRESET })
  .describe('Look of the widget and quote page: a preset, plus overrides of some of its design tokens.');

const branding = z
  .strictObject({
    logoUrl: webUrl('Absolute http(s) URL of the logo shown on the widget and the quote page.').optional(),
    website: webUrl('The business\'s own website, linked from the quote page and emails.').optional(),
  })
  .describe('Logo and website shown to visitors.');

const quoteExpiryDays = z
  .number()
  .int()
  .min(1)
  .max(365)
  .default(30)
  .describe('Days a sent quote stays open before it expires (1–365, default 30).');

/** The tenant's own keys; `services` is refined by the pricing engine (see parseTenantFile). */
const tenantShape = {
  $schema: z.string().optional().describe('The JSON Schema of this file, for editors; ignored by the server.'),
  slug,
  name: z.string().trim().min(1).max(200).describe('Name of the business as visitors see it.'),
  locale,
  currency,
  timezone,
  theme,
  branding: branding.optional(),
  allowedOrigins,
  publishableKey: publishableKey.optional(),
  quoteExpiryDays,
  // Development-only keys of issue #7 (dev-access.ts).
  ...devAccessShape,
  notifications: notificationsSchema.optional(),
  webhooks: webhooksSchema.optional(),
};

const SERVICES_DESCRIPTION = 'The services visitors can price, each in the format of pricing.md (fields, pricing rules, test cases); keys unique within the tenant.';

/** The tenant file as zod checks it; each service is only required to be there, then goes to the pricing engine. */
export const tenantFileSchema = z.strictObject({
  ...tenantShape,
  services: z.array(z.unknown()).max(MAX_SERVICES).describe(SERVICES_DESCRIPTION),
});

/** The same, with each service's shape spelled out: the source of tenants/tenant.schema.json. */
export function tenantFileDocumentSchema(serviceSchema: z.ZodType) {
  return tenantFileSchema.extend({ services: z.array(serviceSchema).max(MAX_SERVICES).describe(SERVICES_DESCRIPTION) });
}

/** A validated tenant file, with defaults filled in and values normalised. */
export type TenantFile = Omit<z.output<typeof tenantFileSchema>, 'services' | '$schema'> & { services: ServiceConfig[] };

export type TenantFileParse = { ok: true; tenant: TenantFile } | { ok: false; issues: ErrorDetail[] };

export interface ParseTenantFileOptions {
  /** The day (YYYY-MM-DD) the services' test cases without a `date` are run on; default: today in the tenant's time zone. */
  today?: string | undefined;
}

/** Validates a tenant file's content; every problem comes back with its path (`services[0].pricing.lines[1].unitAmount`). */
export function parseTenantFile(input: unknown, options: ParseTenantFileOptions = {}): TenantFileParse {
  const parsed = tenantFileSchema.safeParse(input, { reportInput: true });
  const issues = parsed.success ? [] : zodIssuesToDetails(parsed.error.issues);
  const raw = isRecord(input) ? input : {};
  const tenantCurrency = parsed.success ? parsed.data.currency : typeof raw.currency === 'string' && isCurrencyCode(raw.currency) ? raw.currency : undefined;
  const today = options.today ?? localDate(parsed.success ? parsed.data.timezone : 'UTC');
  const services = checkServices(Array.isArray(raw.services) ? raw.services : [], tenantCurrency, today, issues);
  if (!parsed.success || issues.length > 0) return { ok: false, issues };
  const { $schema: _schema, services: _services, ...tenant } = parsed.data;
  return { ok: true, tenant: { ...tenant, services } };
}

function checkServices(inputs: readonly unknown[], tenantCurrency: string | undefined, today: string, issues: ErrorDetail[]): ServiceConfig[] {
  const services: ServiceConfig[] = [];
  const keys = new Map<string, number>();
  inputs.forEach((input, i) => {
    const prefix = `services[${i}]`;
    const validation = validateService(input, prefix);
    if (!validation.ok) {
      issues.push(...validation.issues);
      return;
    }
    const service = validation.service;
    const earlier = keys.get(service.key);
    if (earlier === undefined) keys.set(service.key, i);
    else issues.push({ path: `${prefix}.key`, message: `"${service.key}" is also the key of services[${earlier}]` });
    if (tenantCurrency !== undefined && service.currency !== tenantCurrency) {
      issues.push({ path: `${prefix}.currency`, message: `must be the tenant's currency ${tenantCurrency}, not ${service.currency}` });
    }
    for (const outcome of runServiceTests(compileService(service, 1), today)) {
      if (outcome.passed) continue;
      const got = outcome.actual === null ? `pricing failed: ${outcome.error}` : `got ${outcome.actual}`;
      issues.push({ path: `${prefix}.${outcome.path}`, message: `test "${outcome.name}" expects total ${outcome.expected}, ${got}` });
    }
    services.push(service);
  });
  return services;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
