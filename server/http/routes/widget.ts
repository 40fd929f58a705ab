// The four widget endpoints of api.md, called from visitors' browsers on
// tenants' sites: config, estimate, interpret, quotes. They answer outside
// Koa: widget-api.ts matches the path, resolves the tenant and catches errors
// (decision 0021).
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import fresh from 'fresh';
import { z } from 'zod';
import type { EventBuffer } from '../../analytics/event-buffer.ts';
import { AppError, InvalidRequestError, type ErrorDetail } from '../../errors.ts';
import { UnknownServiceError, type PricingCache } from '../../pricing/index.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import type { QuoteSubmission, SubmitResult } from '../../quotes/submit-quote.ts';
import type { CompiledService } from '../../pricing/index.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';
import type { TenantService, TenantSnapshot } from '../../tenants/tenant-snapshot.ts';
import { localDate } from '../../time.ts';
import { readJsonBody } from '../json-body.ts';
import type { RateLimits } from '../rate-limits.ts';

export const WIDGET_BODY_LIMIT = 16 * 1024;

/** Turns visitor text into field values (the AI layer); never prices. */
export type Interpreter = (
  tenant: TenantSnapshot,
  service: TenantService,
  text: string,
) => Promise<{ fields: Record<string, unknown>; confidence: number; missing: string[]; provider: string }>;

export interface WidgetRouteDeps {
  tenants: TenantDirectory;
  pricing: PricingCache;
  events: EventBuffer;
  submitQuote: (
    tenant: TenantSnapshot,
    service: TenantService,
    compiled: CompiledService,
    submission: QuoteSubmission,
    idempotencyKey: string,
    extraIssues?: ErrorDetail[],
  ) => Promise<SubmitResult>;
  interpret: Interpreter;
  /** Uses so far of a code with maxUses (an estimate must say used_up when none are left); undefined when there is nothing to count. */
  discountUses: (tenant: TenantSnapshot, service: TenantService, compiled: CompiledService, code: string | null | undefined) => Promise<Record<string, number> | undefined>;
  limits: Pick<RateLimits, 'widget' | 'quotes'>;
  now?: () => Date;
}

const estimateBody = z.strictObject({
  fields: z.record(z.string(), z.unknown()).default({}),
  discountCode: z.string().trim().max(40).nullish(),
});

const interpretBody = z.strictObject({ text: z.string().trim().min(1, 'must not be empty').max(2000) });

const contactSchema = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  email: z.email('must be an email address').max(254),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()./-]{6,30}$/, 'must be a phone number')
    .nullish()
    .or(z.literal('').transform(() => null)),
});

const quoteBody = z.strictObject({
  fields: z.record(z.string(), z.unknown()).default({}),
  discountCode: z.string().trim().max(40).nullish(),
  description: z.string().trim().max(2000).nullish(),
  contact: contactSchema,
  consent: z.literal(true, 'must be true: the visitor has to agree before a quote is sent'),
});

/** Keys whose problems are the visitor's to fix in the form (422 invalid_field), not the integrator's (400). */
const VISITOR_KEYS = new Set(['contact', 'consent', 'description', 'discountCode']);

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError('The request body does not have the expected shape.', zodIssuesToDetails(parsed.error.issues));
}

/** The public view of a service: its fields, never its pricing. */
function publicService(service: TenantService) {
  const { key, name, description, currency, fields } = service.config;
  return {
    key,
    name,
    ...(description ? { description } : {}),
    currency,
    fields: fields.map(({ aliases: _aliases, ...field }) =>
      'options' in field ? { ...field, options: field.options.map(({ aliases: _optionAliases, ...option }) => option) } : field,
    ),
  };
}

/** The config a tenant snapshot answers, serialised once per snapshot (snapshots are immutable and cached). */
const configs = new WeakMap<TenantSnapshot, { body: string; etag: string }>();

function configOf(tenant: TenantSnapshot): { body: string; etag: string } {
  let config = configs.get(tenant);
  if (!config) {
    const body = JSON.stringify({
      name: tenant.name,
      locale: tenant.locale,
      currency: tenant.currency,
      theme: { tokens: tenant.themeTokens },
      branding: tenant.branding,
      services: tenant.services.map(publicService),
      features: { interpret: tenant.ai?.interpret !== false, poweredBy: true },
    });
    // A strong validator: the hash of the exact bytes answered.
    config = { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    configs.set(tenant, config);
  }
  return config;
}

/** One widget request, its tenant resolved and its Origin allowed. */
export interface WidgetRequest {
  readonly req: IncomingMessage;
  readonly tenant: TenantSnapshot;
  /** The service key of the path (undefined for /config). */
  readonly serviceKey: string | undefined;
  /** The visitor's address (X-Forwarded-For's first entry behind a trusted proxy). */
  readonly ip: string;
  /** Response headers to add, as name, value, name, value… */
  readonly headers: string[];
}

/** An endpoint's answer: a status and, unless 204/304, a JSON text. */
export interface WidgetReply {
  status: number;
  json?: string;
}

export type WidgetEndpoint = (request: WidgetRequest) => Promise<WidgetReply>;

/** The widget's endpoints by the last segment of their path. */
export interface WidgetEndpoints {
  config: WidgetEndpoint;
  estimate: WidgetEndpoint;
  interpret: WidgetEndpoint;
  quotes: WidgetEndpoint;
}

export function widgetEndpoints(deps: WidgetRouteDeps): WidgetEndpoints {
  const { pricing, events, limits, now = () => new Date() } = deps;

  const serviceOf = (tenant: TenantSnapshot, key: string | undefined): TenantService => {
    const service = tenant.services.find((s) => s.key === key);
    if (!service) throw new UnknownServiceError(String(key));
    return service;
  };
  const compiledOf = (tenant: TenantSnapshot, service: TenantService): CompiledService =>
    pricing.get(tenant.id, service.key, service.version, () => service.config);

  return {
    async config({ req, tenant, headers }) {
      const { body, etag } = configOf(tenant);
      // One config request per page view, revalidated cheaply: a minute's cache, then a 304 while nothing changed.
      headers.push('Cache-Control', 'public, max-age=60', 'ETag', etag);
      events.record(tenant.id, 'config_loaded');
      return fresh(req.headers, { etag }) ? { status: 304 } : { status: 200, json: body };
    },

    async estimate({ req, tenant, serviceKey }) {
      const body = await readJsonBody(req, WIDGET_BODY_LIMIT);
      const service = serviceOf(tenant, serviceKey);
      const request = parseBody(estimateBody, body);
      const compiled = compiledOf(tenant, service);
      // The day and the uses only matter for a code; most estimates carry none.
      const result = request.discountCode
        ? compiled.price(request.fields, {
            discountCode: request.discountCode,
            today: localDate(tenant.timezone, now()),
            discountUses: await deps.discountUses(tenant, service, compiled, request.discountCode),
          })
        : compiled.price(request.fields);
      events.record(tenant.id, 'estimate_computed', service.key, result.total);
      return { status: 200, json: JSON.stringify(result) };
    },

    async interpret({ req, tenant, serviceKey }) {
      const body = await readJsonBody(req, WIDGET_BODY_LIMIT);
      const service = serviceOf(tenant, serviceKey);
      const request = parseBody(interpretBody, body);
      if (tenant.ai?.interpret === false) throw new AppError(403, 'forbidden', 'This business has turned off filling in the form from a description; fill in the fields instead.');
      return { status: 200, json: JSON.stringify(await deps.interpret(tenant, service, request.text)) };
    },

    async quotes({ req, tenant, serviceKey, ip, headers }) {
      await limits.quotes.consume(`${tenant.id}:${ip}`);
      const raw = await readJsonBody(req, WIDGET_BODY_LIMIT);
      const service = serviceOf(tenant, serviceKey);
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
        throw new InvalidRequestError('Send an Idempotency-Key header (1 to 255 visible ASCII characters), the same one when retrying.');
      }
      const parsed = quoteBody.safeParse(raw, { reportInput: true });
      let submission: QuoteSubmission;
      let visitorIssues: ErrorDetail[] = [];
      if (parsed.success) {
        submission = parsed.data;
      } else {
        const structural = parsed.error.issues.filter((issue) => !VISITOR_KEYS.has(String(issue.path[0])));
        if (structural.length > 0) throw new InvalidRequestError('The request body does not have the expected shape.', zodIssuesToDetails(structural));
        // Only visitor mistakes: report them together with any bad field values.
        visitorIssues = zodIssuesToDetails(parsed.error.issues);
        submission = { fields: (raw as { fields?: Record<string, unknown> }).fields ?? {}, contact: { name: '', email: '' } };
      }
      const result = await deps.submitQuote(tenant, service, compiledOf(tenant, service), submission, key, visitorIssues);
      if (result.replayed) headers.push('Idempotent-Replayed', 'true');
      return { status: result.status, json: JSON.stringify(result.body) };
    },
  };
}
