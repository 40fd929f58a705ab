// CORS per tenant (api.md): a browser request whose Origin is not among the
// tenant's allowed origins is refused; an allowed one is echoed back. Requests
// without an Origin (servers, curl) are not browser requests and pass.
import { OriginNotAllowedError } from '../tenants/access-errors.ts';
import type { TenantSnapshot } from '../tenants/tenant-snapshot.ts';

const ALLOWED_HEADERS = 'Content-Type, Idempotency-Key, X-Request-Id';
const EXPOSED_HEADERS = 'X-Request-Id, Retry-After';

/**
 * Checks the request's Origin against the tenant: the CORS headers to answer
 * with (name, value, name, value…), none without an Origin.
 */
export function widgetCorsHeaders(origin: string | undefined, tenant: TenantSnapshot): string[] {
  if (!origin) return [];
  if (!tenant.allowedOrigins.includes(origin.toLowerCase())) throw new OriginNotAllowedError(origin);
  return ['Access-Control-Allow-Origin', origin, 'Access-Control-Expose-Headers', EXPOSED_HEADERS];
}

/** The headers of a preflight's answer for an allowed origin, besides widgetCorsHeaders. */
export function preflightHeaders(methods: string): string[] {
  return ['Access-Control-Allow-Methods', methods, 'Access-Control-Allow-Headers', ALLOWED_HEADERS, 'Access-Control-Max-Age', '600'];
}
