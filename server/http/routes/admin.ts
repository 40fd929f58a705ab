// The admin API over HTTP (issue #7): /v1/admin/…, bearer = a secret key or
// an access token. Each route of the table (admin/admin-routes.ts) runs:
// authenticate → check its one permission → read and validate the input →
// call the admin domain → answer. Mounted after the widget router, so widget
// requests never reach any of it.
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { Actor, RequestMeta } from '../../admin/actor.ts';
import type { AdminQuotes } from '../../admin/admin-quotes.ts';
import { QUOTE_STATUSES } from '../../admin/admin-quotes.ts';
import { ADMIN_PREFIX, ADMIN_ROUTES, BODYLESS_SUFFIXES, routeName, type AdminRouteSpec } from '../../admin/admin-routes.ts';
import type { AdminNotifications } from '../../admin/admin-notifications.ts';
import type { AdminEmailTemplates } from '../../admin/admin-email-templates.ts';
import type { AdminAi } from '../../admin/admin-ai.ts';
import type { AdminServices, TenantContext } from '../../admin/admin-services.ts';
import type { AdminTenant } from '../../admin/admin-tenant.ts';
import { listAudit } from '../../admin/admin-audit.ts';
import type { AdminKeys } from '../../admin/admin-keys.ts';
import type { AdminMembers } from '../../admin/admin-members.ts';
import { ROLES } from '../../admin/permissions.ts';
import type { Database } from '../../db/database.ts';
import type { Authenticator } from '../../admin/authenticate.ts';
import { ForbiddenError, UnauthenticatedError } from '../../admin/errors.ts';
import { can } from '../../admin/permissions.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import { setRequestTenant } from '../../request-context.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';
import { jsonBody } from '../json-body.ts';

/** Service configurations can be large; nothing else comes close. */
export const ADMIN_BODY_LIMIT = 256 * 1024;

export interface AdminRouteDeps {
  auth: Authenticator;
  tenants: TenantDirectory;
  adminQuotes: AdminQuotes;
  adminServices: AdminServices;
  adminTenant: AdminTenant;
  adminKeys: AdminKeys;
  adminMembers: AdminMembers;
  adminNotifications: AdminNotifications;
  adminEmailTemplates: AdminEmailTemplates;
  adminAi: AdminAi;
  db: Database;
}

type Handler = (ctx: Context, actor: Actor) => Promise<void>;

const DAY = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-12-01').refine((d) => !Number.isNaN(Date.parse(d)), 'must be a real date');
const oneOrMany = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : value.split(',')).map((v) => v.trim()).filter((v) => v !== ''));

const quoteQuery = z.strictObject({
  status: oneOrMany.pipe(z.array(z.enum(QUOTE_STATUSES as [string, ...string[]]))).optional(),
  service: z.string().max(100).optional(),
  from: DAY.optional(),
  to: DAY.optional(),
  q: z.string().trim().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(500).optional(),
});

const quotePatch = z
  .strictObject({
    status: z.enum(['accepted', 'declined', 'expired']).optional(),
    notes: z.string().trim().max(5000).nullable().optional(),
  })
  .refine((patch) => patch.status !== undefined || patch.notes !== undefined, 'send status or notes');

const reviseBody = z.strictObject({
  fields: z.record(z.string(), z.unknown()).optional(),
  discountCode: z.string().trim().min(1).max(40).nullable().optional(),
});
const rolePatch = z.strictObject({ role: z.enum(ROLES) });
const inviteBody = z.strictObject({ email: z.email('must be an email address').max(254), role: z.enum(ROLES) });
const keyBody = z.strictObject({
  kind: z.enum(['secret', 'publishable']),
  mode: z.enum(['test', 'live']).default('live'),
  name: z.string().trim().max(100).default(''),
});
const rotateBody = z.strictObject({ overlapHours: z.number().int().min(0).max(168).default(24) });
const rollbackBody = z.strictObject({ version: z.number().int().min(1) });
const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(20).optional(),
  action: z.string().max(60).optional(),
});
const exportQuery = quoteQuery.omit({ cursor: true, limit: true }).extend({ limit: z.coerce.number().int().min(1).max(10_000).default(10_000) });
const VERSION = /^[1-9]\d{0,8}$/;

const tryBody = z.strictObject({
  fields: z.record(z.string(), z.unknown()).default({}),
  discountCode: z.string().trim().max(40).nullish(),
  date: DAY.optional(),
  draft: z.unknown().optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError(`The ${what} does not have the expected shape.`, zodIssuesToDetails(parsed.error.issues));
}

/** A 401 tells the client how to authenticate (RFC 6750). */
export function challenge(ctx: Context): (error: unknown) => never {
  return (error) => {
    if (error instanceof UnauthenticatedError) ctx.set('WWW-Authenticate', 'Bearer realm="admin"');
    throw error;
  };
}

export function metaOf(ctx: Context): RequestMeta {
  return { ip: ctx.ip || null, requestId: typeof ctx.state.requestId === 'string' ? ctx.state.requestId : null };
}

export function adminRoutes(deps: AdminRouteDeps): Router {
  const { auth, tenants, adminQuotes, adminServices, adminTenant, adminKeys, adminMembers, adminNotifications, adminEmailTemplates, adminAi, db } = deps;
  const body = jsonBody(ADMIN_BODY_LIMIT);

  const tenantContext = async (actor: Actor): Promise<TenantContext> => {
    const tenant = await tenants.byId(actor.tenantId);
    if (!tenant) throw new NotFoundError('The tenant is gone.');
    return { id: tenant.id, currency: tenant.currency, timezone: tenant.timezone };
  };

  const handlers: Record<string, Handler> = {
    'GET /v1/admin/tenant': async (ctx, actor) => {
      ctx.body = await adminTenant.get(actor.tenantId);
    },
    'PATCH /v1/admin/tenant': async (ctx, actor) => {
      ctx.body = await adminTenant.update(actor, metaOf(ctx), ctx.request.body);
    },
    'GET /v1/admin/services': async (ctx, actor) => {
      ctx.body = { data: await adminServices.list(actor.tenantId) };
    },
    'POST /v1/admin/services': async (ctx, actor) => {
      const created = await adminServices.create(await tenantContext(actor), actor, metaOf(ctx), ctx.request.body);
      ctx.status = 201;
      ctx.set('Location', `${ADMIN_PREFIX}/services/${encodeURIComponent(created.key)}`);
      ctx.body = created;
    },
    'GET /v1/admin/services/:key': async (ctx, actor) => {
      ctx.body = await adminServices.get(actor.tenantId, String(ctx.params.key));
    },
    'PUT /v1/admin/services/:key': async (ctx, actor) => {
      ctx.body = await adminServices.update(await tenantContext(actor), actor, metaOf(ctx), String(ctx.params.key), ctx.request.body);
    },
    'POST /v1/admin/services/:key/try': async (ctx, actor) => {
      const request = parse(tryBody, ctx.request.body, 'body');
      ctx.body = await adminServices.try(await tenantContext(actor), String(ctx.params.key), request);
    },
    'GET /v1/admin/quotes': async (ctx, actor) => {
      const filters = parse(quoteQuery, { ...ctx.query }, 'query');
      const tenant = await tenantContext(actor);
      ctx.body = await adminQuotes.list(actor.tenantId, tenant.timezone, filters as Parameters<AdminQuotes['list']>[2]);
    },
    'GET /v1/admin/quotes/:id': async (ctx, actor) => {
      const quote = await adminQuotes.get(actor.tenantId, String(ctx.params.id));
      if (!quote) throw new NotFoundError('This tenant has no quote with that id.');
      ctx.body = quote;
    },
    'PATCH /v1/admin/quotes/:id': async (ctx, actor) => {
      const quote = await adminQuotes.update(actor, metaOf(ctx), String(ctx.params.id), parse(quotePatch, ctx.request.body, 'body'));
      if (!quote) throw new NotFoundError('This tenant has no quote with that id.');
      ctx.body = quote;
    },
    'POST /v1/admin/quotes/:id/resend': async (ctx, actor) => {
      const sent = await adminQuotes.resend(actor, metaOf(ctx), String(ctx.params.id));
      if (!sent) throw new NotFoundError('This tenant has no quote with that id.');
      ctx.status = 202;
      ctx.body = sent;
    },
    'POST /v1/admin/quotes/:id/revise': async (ctx, actor) => {
      const revision = await adminQuotes.revise(actor, metaOf(ctx), String(ctx.params.id), parse(reviseBody, ctx.request.body ?? {}, 'body'));
      if (!revision) throw new NotFoundError('This tenant has no quote with that id.');
      ctx.status = 201;
      ctx.set('Location', `${ADMIN_PREFIX}/quotes/${revision.id}`);
      ctx.body = revision;
    },
    'GET /v1/admin/quotes/export': async (ctx, actor) => {
      const filters = parse(exportQuery, { ...ctx.query }, 'query');
      const tenant = await tenantContext(actor);
      ctx.body = await adminQuotes.csv(actor.tenantId, tenant.timezone, filters as Parameters<AdminQuotes['csv']>[2]);
      ctx.type = 'text/csv; charset=utf-8';
      ctx.set('Content-Disposition', 'attachment; filename="quotes.csv"');
    },
    'DELETE /v1/admin/services/:key': async (ctx, actor) => {
      await adminServices.remove(await tenantContext(actor), actor, metaOf(ctx), String(ctx.params.key));
      ctx.status = 204;
    },
    'GET /v1/admin/services/:key/versions': async (ctx, actor) => {
      ctx.body = { data: await adminServices.versions(actor.tenantId, String(ctx.params.key)) };
    },
    'GET /v1/admin/services/:key/versions/:version': async (ctx, actor) => {
      const version = String(ctx.params.version);
      if (!VERSION.test(version)) throw new NotFoundError(`There is no version "${version}".`);
      ctx.body = await adminServices.version(actor.tenantId, String(ctx.params.key), Number(version));
    },
    'POST /v1/admin/services/:key/rollback': async (ctx, actor) => {
      const { version } = parse(rollbackBody, ctx.request.body, 'body');
      ctx.body = await adminServices.rollback(await tenantContext(actor), actor, metaOf(ctx), String(ctx.params.key), version);
    },
    'GET /v1/admin/members': async (ctx, actor) => {
      ctx.body = { data: await adminMembers.list(actor.tenantId) };
    },
    'PATCH /v1/admin/members/:accountId': async (ctx, actor) => {
      const { role } = parse(rolePatch, ctx.request.body, 'body');
      const member = await adminMembers.changeRole(actor, metaOf(ctx), String(ctx.params.accountId), role);
      if (!member) throw new NotFoundError('This tenant has no member with that account id.');
      ctx.body = member;
    },
    'DELETE /v1/admin/members/:accountId': async (ctx, actor) => {
      if (!(await adminMembers.remove(actor, metaOf(ctx), String(ctx.params.accountId)))) throw new NotFoundError('This tenant has no member with that account id.');
      ctx.status = 204;
    },
    'GET /v1/admin/invites': async (ctx, actor) => {
      ctx.body = { data: await adminMembers.invites(actor.tenantId) };
    },
    'POST /v1/admin/invites': async (ctx, actor) => {
      const input = parse(inviteBody, ctx.request.body, 'body');
      const tenant = await tenants.byId(actor.tenantId);
      const invite = await adminMembers.invite(actor, metaOf(ctx), tenant?.name ?? '', input);
      ctx.status = 201;
      ctx.body = invite;
    },
    'DELETE /v1/admin/invites/:id': async (ctx, actor) => {
      if (!(await adminMembers.revokeInvite(actor, metaOf(ctx), String(ctx.params.id)))) throw new NotFoundError('This tenant has no invite with that id.');
      ctx.status = 204;
    },
    'GET /v1/admin/keys': async (ctx, actor) => {
      ctx.body = { data: await adminKeys.list(actor.tenantId) };
    },
    'POST /v1/admin/keys': async (ctx, actor) => {
      ctx.status = 201;
      ctx.body = await adminKeys.create(actor, metaOf(ctx), parse(keyBody, ctx.request.body, 'body'));
    },
    'POST /v1/admin/keys/:id/rotate': async (ctx, actor) => {
      const { overlapHours } = parse(rotateBody, ctx.request.body ?? {}, 'body');
      const created = await adminKeys.rotate(actor, metaOf(ctx), String(ctx.params.id), overlapHours);
      if (!created) throw new NotFoundError('This tenant has no key with that id.');
      ctx.status = 201;
      ctx.body = created;
    },
    'DELETE /v1/admin/keys/:id': async (ctx, actor) => {
      if (!(await adminKeys.revoke(actor, metaOf(ctx), String(ctx.params.id)))) throw new NotFoundError('This tenant has no key with that id.');
      ctx.status = 204;
    },
    'GET /v1/admin/audit': async (ctx, actor) => {
      ctx.body = await listAudit(db, actor.tenantId, parse(auditQuery, { ...ctx.query }, 'query'));
    },
    'GET /v1/admin/notifications': async (ctx, actor) => {
      ctx.body = await adminNotifications.emails(actor.tenantId);
    },
    'PATCH /v1/admin/notifications': async (ctx, actor) => {
      ctx.body = await adminNotifications.updateEmails(actor, metaOf(ctx), ctx.request.body);
    },
    'GET /v1/admin/webhooks': async (ctx, actor) => {
      ctx.body = { data: await adminNotifications.webhooks(actor.tenantId) };
    },
    'POST /v1/admin/webhooks': async (ctx, actor) => {
      const created = await adminNotifications.createWebhook(actor, metaOf(ctx), ctx.request.body);
      ctx.status = 201;
      ctx.set('Location', `${ADMIN_PREFIX}/webhooks/${created.id}`);
      ctx.body = created;
    },
    'PATCH /v1/admin/webhooks/:id': async (ctx, actor) => {
      ctx.body = await adminNotifications.updateWebhook(actor, metaOf(ctx), String(ctx.params.id), ctx.request.body);
    },
    'DELETE /v1/admin/webhooks/:id': async (ctx, actor) => {
      await adminNotifications.deleteWebhook(actor, metaOf(ctx), String(ctx.params.id));
      ctx.status = 204;
    },
    'POST /v1/admin/webhooks/:id/enable': async (ctx, actor) => {
      ctx.body = await adminNotifications.enableWebhook(actor, metaOf(ctx), String(ctx.params.id));
    },
    'GET /v1/admin/webhooks/:id/deliveries': async (ctx, actor) => {
      ctx.body = await adminNotifications.deliveries(actor.tenantId, String(ctx.params.id), { ...ctx.query });
    },
    'POST /v1/admin/webhooks/:id/deliveries/:messageId/replay': async (ctx, actor) => {
      ctx.status = 202;
      ctx.body = await adminNotifications.replay(actor, metaOf(ctx), String(ctx.params.id), String(ctx.params.messageId));
    },
    'GET /v1/admin/ai': async (ctx, actor) => {
      ctx.body = await adminAi.get(actor.tenantId);
    },
    'PATCH /v1/admin/ai': async (ctx, actor) => {
      ctx.body = await adminAi.update(actor, metaOf(ctx), ctx.request.body);
    },
    'GET /v1/admin/email-templates': async (ctx, actor) => {
      ctx.body = { data: await adminEmailTemplates.list(actor.tenantId) };
    },
    'GET /v1/admin/email-templates/:template': async (ctx, actor) => {
      ctx.body = await adminEmailTemplates.get(actor.tenantId, String(ctx.params.template));
    },
    'PUT /v1/admin/email-templates/:template': async (ctx, actor) => {
      ctx.body = await adminEmailTemplates.put(actor, metaOf(ctx), String(ctx.params.template), ctx.request.body);
    },
    'DELETE /v1/admin/email-templates/:template': async (ctx, actor) => {
      await adminEmailTemplates.remove(actor, metaOf(ctx), String(ctx.params.template));
      ctx.status = 204;
    },
    'POST /v1/admin/email-templates/:template/preview': async (ctx, actor) => {
      ctx.body = await adminEmailTemplates.preview(actor.tenantId, String(ctx.params.template), ctx.request.body);
    },
  };

  const names = new Set(ADMIN_ROUTES.map(routeName));
  const extra = Object.keys(handlers).filter((name) => !names.has(name));
  const missing = [...names].filter((name) => !(name in handlers));
  if (extra.length > 0 || missing.length > 0) throw new Error(`admin routes and handlers differ: missing handlers ${missing.join(', ') || '-'}; handlers without a route ${extra.join(', ') || '-'}`);

  const guard = (route: AdminRouteSpec): Middleware => async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    const actor = await auth.tenantActor(ctx.get('Authorization') || undefined, ctx.get('X-Tenant') || undefined).catch(challenge(ctx));
    setRequestTenant(actor.tenantId);
    if (!can(actor.principal, route.permission)) {
      throw new ForbiddenError(`${actor.principal === 'secret_key' ? 'A secret key' : `The ${actor.principal} role`} may not do this (needs ${route.permission}).`);
    }
    ctx.state.actor = actor;
    await next();
  };

  const router = new Router({ prefix: ADMIN_PREFIX });
  for (const route of ADMIN_ROUTES) {
    const handler = handlers[routeName(route)] as Handler;
    const run: Middleware = async (ctx) => handler(ctx, ctx.state.actor as Actor);
    // A DELETE or a rotation may come without a body; any body that comes must be JSON.
    const optionalBody: Middleware = async (ctx, next) => (ctx.request.length || ctx.get('Transfer-Encoding') ? body(ctx, next) : next());
    const middleware = route.method === 'get' ? [guard(route), run] : route.method === 'delete' || BODYLESS_SUFFIXES.some((suffix) => route.path.endsWith(suffix)) ? [guard(route), optionalBody, run] : [guard(route), body, run];
    router[route.method](route.path, ...middleware);
  }
  return router;
}
