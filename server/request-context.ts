// Per-request context carried through async calls (AsyncLocalStorage), so
// every log line can name its request and tenant without passing them around.
import { AsyncLocalStorage } from 'node:async_hooks';

export interface RequestContext {
  requestId: string;
  tenantId?: string | undefined;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

/** Fields for a log line: the current request id and tenant id, when known. */
export function logFields(): Partial<RequestContext> {
  const context = requestContext.getStore();
  if (!context) return {};
  return context.tenantId ? { requestId: context.requestId, tenantId: context.tenantId } : { requestId: context.requestId };
}

/** Notes the tenant a request turned out to be for. */
export function setRequestTenant(tenantId: string): void {
  const context = requestContext.getStore();
  if (context) context.tenantId = tenantId;
}
