// The platform operator's API (issue #7): /v1/operator/…, bearer = an access
// token of an operator account (OPERATOR_EMAILS). Not tenant-scoped: an
// operator names the tenant in the path.
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { Operator } from '../../admin/actor.ts';
import type { Authenticator } from '../../admin/authenticate.ts';
import type { OperatorTenants } from '../../admin/operator.ts';
import { InvalidRequestError, NotFoundError } from '../../errors.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import { jsonBody } from '../json-body.ts';
import { challenge, metaOf } from './admin.ts';

export interface OperatorRouteDeps {
  auth: Authenticator;
  operatorTenants: OperatorTenants;
}

const suspendBody = z.strictObject({ reason: z.string().trim().max(500).optional() });
const planBody = z.strictObject({ plan: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'must be a plan id like "pro" or "enterprise"').nullable() });

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value ?? {}, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError('The body does not have the expected shape.', zodIssuesToDetails(parsed.error.issues));
}

export function operatorRoutes({ auth, operatorTenants }: OperatorRouteDeps): Router {
  const router = new Router({ prefix: '/v1/operator' });
  const body = jsonBody(16 * 1024);
  const optionalBody: Middleware = async (ctx, next) => (ctx.request.length ? body(ctx, next) : next());
  const guard: Middleware = async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.state.operator = await auth.operator(ctx.get('Authorization') || undefined).catch(challenge(ctx));
    await next();
  };
  const operatorOf = (ctx: Context): Operator => ctx.state.operator as Operator;
  const found = <T>(value: T | undefined): T => {
    if (value === undefined) throw new NotFoundError('There is no tenant with that id.');
    return value;
  };

  router.get('/tenants', guard, async (ctx) => {
    ctx.body = { data: await operatorTenants.list() };
  });
  router.get('/tenants/:id', guard, async (ctx) => {
    ctx.body = found(await operatorTenants.get(String(ctx.params.id)));
  });
  router.post('/tenants/:id/suspend', guard, optionalBody, async (ctx) => {
    const { reason } = parse(suspendBody, ctx.request.body);
    ctx.body = found(await operatorTenants.setSuspended(operatorOf(ctx), metaOf(ctx), String(ctx.params.id), true, reason));
  });
  router.post('/tenants/:id/resume', guard, async (ctx) => {
    ctx.body = found(await operatorTenants.setSuspended(operatorOf(ctx), metaOf(ctx), String(ctx.params.id), false));
  });
  router.put('/tenants/:id/plan', guard, body, async (ctx) => {
    const { plan } = parse(planBody, ctx.request.body);
    ctx.body = found(await operatorTenants.setPlan(operatorOf(ctx), metaOf(ctx), String(ctx.params.id), plan));
  });
  return router;
}
