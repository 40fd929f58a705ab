// The widget API's front door: every request under /v1/widget/ is answered
// here, before Koa makes a context for it (decision 0021). These are the
// requests a visitor's every keystroke sends, and Koa's context, router and
// respond step cost more than the estimate itself (docs/performance.md,
// "HTTP"). What the Koa pipeline gives every other route is done here with
// the same functions: the request id and its log context, the access-log
// line, the security headers, the error answer of api.md.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { AppError, NotFoundError } from '../errors.ts';
import { requestContext, setRequestTenant } from '../request-context.ts';
import { TenantSuspendedError } from '../tenants/access-errors.ts';
import { errorBody, errorHeaders, failureOf } from './error-handler.ts';
import { logRequest, requestIdFrom } from './request-scope.ts';
import { widgetEndpoints, type WidgetEndpoint, type WidgetReply, type WidgetRouteDeps } from './routes/widget.ts';
import type { Header } from './security-headers.ts';
import { preflightHeaders, widgetCorsHeaders } from './widget-origin.ts';

export interface WidgetApiDeps extends WidgetRouteDeps {
  logger: Logger;
  /** Sent with every answer, as by the Koa pipeline's securityHeaders. */
  securityHeaders: readonly Header[];
  /** Take the visitor's address from X-Forwarded-For (behind a load balancer). */
  trustProxy: boolean;
}

/** Answers the request when it is the widget API's (true), or leaves it alone (false). */
export type WidgetApi = (req: IncomingMessage, res: ServerResponse) => boolean;

const PREFIX = /^\/v1\/widget\//i;

/** The widget API's paths (api.md) and the endpoint of each; every one also answers OPTIONS (preflight). */
export const WIDGET_ROUTES = [
  { method: 'GET', path: '/v1/widget/{pk}/config', endpoint: 'config' },
  { method: 'POST', path: '/v1/widget/{pk}/services/{service}/estimate', endpoint: 'estimate' },
  { method: 'POST', path: '/v1/widget/{pk}/services/{service}/interpret', endpoint: 'interpret' },
  { method: 'POST', path: '/v1/widget/{pk}/services/{service}/quotes', endpoint: 'quotes' },
] as const;

interface CompiledRoute {
  /** The path's parameters in order (pk, then service when there is one), a trailing slash allowed. */
  pattern: RegExp;
  endpoint: WidgetEndpoint;
  /** The methods besides OPTIONS: GET comes with HEAD. */
  methods: readonly string[];
  /** What a preflight is told. */
  preflight: string;
  /** A wrong method's Allow header. */
  allow: string;
}

/** A path segment as written, percent-decoded when it can be. */
function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The visitor's address, as Koa's ctx.ip gives it. */
function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = typeof forwarded === 'string' ? forwarded.split(',', 1)[0]?.trim() : '';
  return first || req.socket.remoteAddress || '';
}

export function createWidgetApi(deps: WidgetApiDeps): WidgetApi {
  const { logger, tenants, limits, trustProxy } = deps;
  const endpoints = widgetEndpoints(deps);
  const security = deps.securityHeaders.flat();

  const routes: CompiledRoute[] = WIDGET_ROUTES.map(({ method, path, endpoint }) => {
    const methods = method === 'GET' ? ['GET', 'HEAD'] : [method];
    return {
      pattern: new RegExp(`^${path.replace(/\{[a-z]+\}/g, '([^/]+)')}/?$`, 'i'),
      endpoint: endpoints[endpoint],
      methods,
      preflight: `${method}, OPTIONS`,
      allow: [...methods, 'OPTIONS'].join(', '),
    };
  });

  const routeOf = (path: string): { route: CompiledRoute; pk: string; serviceKey: string | undefined } | undefined => {
    for (const route of routes) {
      const match = route.pattern.exec(path);
      if (match) return { route, pk: match[1] ?? '', serviceKey: match[2] };
    }
    return undefined;
  };

  /** Routes, resolves the tenant, checks the origin, limits, and runs the endpoint. */
  const answer = async (req: IncomingMessage, path: string, method: string, headers: string[]): Promise<WidgetReply> => {
    const found = routeOf(path);
    if (!found) throw new NotFoundError(`There is nothing at ${method} ${path}.`);
    const { route, pk, serviceKey } = found;
    if (method !== 'OPTIONS' && !route.methods.includes(method)) {
      headers.push('Allow', route.allow);
      throw new AppError(405, 'method_not_allowed', `${method} is not allowed here; use ${route.allow}.`);
    }
    const tenant = await tenants.byPublishableKey(decodeSegment(pk));
    setRequestTenant(tenant.id);
    headers.push(...widgetCorsHeaders(req.headers.origin, tenant));
    if (tenant.suspended) throw new TenantSuspendedError();
    if (method === 'OPTIONS') {
      headers.push(...preflightHeaders(route.preflight));
      return { status: 204 };
    }
    const ip = clientIp(req, trustProxy);
    await limits.widget.consume(`${tenant.id}:${ip}`);
    return route.endpoint({ req, tenant, serviceKey: serviceKey === undefined ? undefined : decodeSegment(serviceKey), ip, headers });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, path: string, requestId: string): Promise<void> => {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const headers = ['X-Request-Id', requestId, ...security, 'Vary', 'Origin'];
    let reply: WidgetReply;
    try {
      reply = await answer(req, path, method, headers);
    } catch (error) {
      const failure = failureOf(error, logger);
      reply = { status: failure.status, json: JSON.stringify(errorBody(failure, requestId)) };
      headers.push(...errorHeaders(failure).flat());
      // Any page may read why the widget API refused (unknown_key, invalid_field…), except a refused origin.
      if (failure.code !== 'origin_not_allowed' && !headers.includes('Access-Control-Allow-Origin')) headers.push('Access-Control-Allow-Origin', '*');
    }
    send(res, reply, headers);
    logRequest(logger, method, path, reply.status, started);
  };

  return (req, res) => {
    const url = req.url ?? '/';
    if (!PREFIX.test(url)) return false;
    const query = url.indexOf('?');
    const path = query === -1 ? url : url.slice(0, query);
    const requestId = requestIdFrom(req.headers['x-request-id']);
    void requestContext.run({ requestId }, () => handle(req, res, path, requestId)).catch((error: unknown) => {
      // Only a failure to write the answer gets here: the connection is all that is left to close.
      logger.error({ err: error, requestId }, 'request failed');
      res.destroy();
    });
    return true;
  };
}

/** Writes the status, the headers and the JSON text in one go. */
function send(res: ServerResponse, reply: WidgetReply, headers: string[]): void {
  if (reply.json === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return;
  }
  headers.push('Content-Type', 'application/json; charset=utf-8', 'Content-Length', String(Buffer.byteLength(reply.json)));
  res.writeHead(reply.status, headers);
  res.end(reply.json);
}
