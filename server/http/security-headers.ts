// The security headers of every answer, as helmet decides them, taken once at
// start-up and then set as a fixed list: they never depend on the request,
// and helmet's per-request middleware chain was a measurable part of an
// estimate's CPU (docs/performance.md, "HTTP").
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Middleware } from 'koa';

/** The headers helmet sets with these options, as [name, value] pairs. */
export function helmetHeaders(options: HelmetOptions): Array<[string, string]> {
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

export function securityHeaders(options: HelmetOptions): Middleware {
  const headers = helmetHeaders(options);
  return (ctx, next) => {
    for (const [name, value] of headers) ctx.res.setHeader(name, value);
    return next();
  };
}
