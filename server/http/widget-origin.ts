// CORS per tenant (api.md): a browser request whose Origin is not among the
// tenant's allowed origins is refused; an allowed one is echoed back. Requests
// without an Origin (servers, curl) are not browser requests and pass.
import type { Context } from 'koa';
import { OriginNotAllowedError } from '../tenants/access-errors.ts';
import type { TenantSnapshot } from '../tenants/tenant-snapshot.ts';

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';

/** Checks the request's Origin against the tenant and sets the CORS response headers. */
export function applyWidgetCors(ctx: Context, tenant: TenantSnapshot): void {
  ctx.vary('Origin');
  const origin = ctx.get('Origin');
  if (!origin) return;
  if (!tenant.allowedOrigins.includes(origin.toLowerCase())) throw new OriginNotAllowedError(origin);
  ctx.set('Access-Control-Allow-Origin', origin);
  ctx.set('Access-Control-Expose-Headers', EXPOSED_HEADERS);
}

/** Answers a preflight for an allowed origin (after applyWidgetCors). */
export function answerPreflight(ctx: Context, methods: string): void {
  ctx.set('Access-Control-Allow-Methods', methods);
  ctx.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
  ctx.set('Access-Control-Max-Age', '600');
  ctx.status = 204;
}
