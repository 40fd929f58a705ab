// The four widget endpoints of api.md, called from visitors' browsers on
// tenants' sites: config, estimate, interpret, quotes.
import { createHash } from 'node:crypto';
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { EventBuffer } from '../../analytics/event-buffer.ts';
import { AppError, InvalidRequestError, type ErrorDetail } from '../../errors.ts';
import { UnknownServiceError, type PricingCache } from '../../pricing/index.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import type { QuoteSubmission, SubmitResult } from '../../quotes/submit-quote.ts';
import type { CompiledService } from '../../pricing/index.ts';
import { setRequestTenant } from '../../request-context.ts';
import { TenantSuspendedError } from '../../tenants/access-errors.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';
import type { TenantService, TenantSnapshot } from '../../tenants/tenant-snapshot.ts';
import { localDate } from '../../time.ts';
import { jsonBody } from '../json-body.ts';
import type { RateLimits } from '../rate-limits.ts';
import { answerPreflight, applyWidgetCors } from '../widget-origin.ts';

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

export function widgetRoutes(deps: WidgetRouteDeps): Router {
  const { tenants, pricing, events, limits, now = () => new Date() } = deps;
  const router = new Router({ prefix: '/v1/widget/:pk' });
  const body = jsonBody(WIDGET_BODY_LIMIT);

  /** Resolves the tenant of the publishable key, checks the Origin, and keeps the tenant in ctx.state. */
  const resolveTenant: Middleware = async (ctx, next) => {
    const tenant = await tenants.byPublishableKey(String(ctx.params.pk));
    setRequestTenant(tenant.id);
    applyWidgetCors(ctx, tenant);
    if (tenant.suspended) throw new TenantSuspendedError();
    ctx.state.tenant = tenant;
    if (ctx.method !== 'OPTIONS') await limits.widget.consume(`${tenant.id}:${ctx.ip}`);
    await next();
  };
  const limitSubmissions: Middleware = async (ctx, next) => {
    await limits.quotes.consume(`${tenantOf(ctx).id}:${ctx.ip}`);
    await next();
  };
  const tenantOf = (ctx: Context): TenantSnapshot => ctx.state.tenant as TenantSnapshot;
  const serviceOf = (tenant: TenantSnapshot, key: string): TenantService => {
    const service = tenant.services.find((s) => s.key === key);
    if (!service) throw new UnknownServiceError(key);
    return service;
  };
  const compiledOf = (tenant: TenantSnapshot, service: TenantService): CompiledService =>
    pricing.get(tenant.id, service.key, service.version, () => service.config);

  for (const [path, methods] of [['/config', 'GET, OPTIONS'], ['/services/:service/estimate', 'POST, OPTIONS'], ['/services/:service/interpret', 'POST, OPTIONS'], ['/services/:service/quotes', 'POST, OPTIONS']] as const) {
    router.options(path, resolveTenant, async (ctx) => answerPreflight(ctx, methods));
  }

  router.get('/config', resolveTenant, async (ctx) => {
    const tenant = tenantOf(ctx);
    const { body, etag } = configOf(tenant);
    // One config request per page view, revalidated cheaply: a minute's cache, then a 304 while nothing changed.
    ctx.set('Cache-Control', 'public, max-age=60');
    ctx.set('ETag', etag);
    ctx.status = 200;
    events.record(tenant.id, 'config_loaded');
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = body;
  });

  router.post('/services/:service/estimate', resolveTenant, body, async (ctx) => {
    const tenant = tenantOf(ctx);
    const service = serviceOf(tenant, String(ctx.params.service));
    const request = parseBody(estimateBody, ctx.request.body);
    const compiled = compiledOf(tenant, service);
    // The day and the uses only matter for a code; most estimates carry none.
    const result = request.discountCode
      ? compiled.price(request.fields, {
          discountCode: request.discountCode,
          today: localDate(tenant.timezone, now()),
          discountUses: await deps.discountUses(tenant, service, compiled, request.discountCode),
        })
      : compiled.price(request.fields);
    ctx.body = result;
    events.record(tenant.id, 'estimate_computed', service.key, { total: result.total });
  });

  router.post('/services/:service/interpret', resolveTenant, body, async (ctx) => {
    const tenant = tenantOf(ctx);
    const service = serviceOf(tenant, String(ctx.params.service));
    const request = parseBody(interpretBody, ctx.request.body);
    if (tenant.ai?.interpret === false) throw new AppError(403, 'forbidden', 'This business has turned off filling in the form from a description; fill in the fields instead.');
    ctx.body = await deps.interpret(tenant, service, request.text);
  });

  router.post('/services/:service/quotes', resolveTenant, limitSubmissions, body, async (ctx) => {
    const tenant = tenantOf(ctx);
    const service = serviceOf(tenant, String(ctx.params.service));
    const key = ctx.get('Idempotency-Key');
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new InvalidRequestError('Send an Idempotency-Key header (1 to 255 visible ASCII characters), the same one when retrying.');
    }
    const parsed = quoteBody.safeParse(ctx.request.body, { reportInput: true });
    let submission: QuoteSubmission;
    let visitorIssues: ErrorDetail[] = [];
    if (parsed.success) {
      submission = parsed.data;
    } else {
      const structural = parsed.error.issues.filter((issue) => !VISITOR_KEYS.has(String(issue.path[0])));
      if (structural.length > 0) throw new InvalidRequestError('The request body does not have the expected shape.', zodIssuesToDetails(structural));
      // Only visitor mistakes: report them together with any bad field values.
      visitorIssues = zodIssuesToDetails(parsed.error.issues);
      const raw = ctx.request.body as { fields?: Record<string, unknown> };
      submission = { fields: raw.fields ?? {}, contact: { name: '', email: '' } };
    }
    const result = await deps.submitQuote(tenant, service, compiledOf(tenant, service), submission, key, visitorIssues);
    ctx.status = result.status;
    ctx.body = result.body;
    if (result.replayed) ctx.set('Idempotent-Replayed', 'true');
  });

  return router;
}
