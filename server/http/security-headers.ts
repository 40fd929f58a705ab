// The security headers of every answer, as helmet decides them, taken once at
// start-up and then set as a fixed list: they never depend on the request,
// and helmet's per-request middleware chain was a measurable part of an
// estimate's CPU (docs/performance.md, "HTTP").
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Middleware } from 'koa';

/** A response header, as [name, value]. */
export type Header = readonly [string, string];

/** The product's helmet options; production adds HSTS. */
export function securityHeaderOptions(production: boolean): HelmetOptions {
  return {
    // The widget's files and API are fetched from tenants' sites.
    crossOriginResourcePolicy: { policy: 'cross-origin' },
    contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
    // Headers that mean nothing for JSON answers and a scriptless page cost
    // bytes on every widget request (the estimate path is latency-critical).
    crossOriginOpenerPolicy: false,
    originAgentCluster: false,
    xDnsPrefetchControl: false,
    xDownloadOptions: false,
    xFrameOptions: false, // frame-ancestors 'none' says it
    xPermittedCrossDomainPolicies: false,
    xXssProtection: false,
    strictTransportSecurity: production ? { maxAge: 31536000, includeSubDomains: true } : false,
  };
}

/** The headers helmet sets with these options. */
export function helmetHeaders(options: HelmetOptions): Header[] {
  const headers = new Map<string, string>();
  const response = {
    setHeader(name: string, value: string) {
      headers.set(name, value);
    },
    removeHeader(name: string) {
      headers.delete(name);
    },
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
    finished = true;
  });
  if (!finished) throw new Error('helmet did not answer synchronously');
  return [...headers];
}

export function securityHeaders(headers: readonly Header[]): Middleware {
  return (ctx, next) => {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    return next();
  };
}
