// Gives each request an id (a caller's X-Request-Id is kept when it looks
// sane), runs the rest of the pipeline inside that request's context, and
// writes one access-log line when the response is done. The widget API
// (widget-api.ts) answers outside Koa and uses the same two steps.
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { requestContext } from '../request-context.ts';

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The caller's X-Request-Id when it looks sane, else a new one. */
export function requestIdFrom(given: string | string[] | undefined): string {
  return typeof given === 'string' && SANE_ID.test(given) ? given : randomUUID();
}

/** The access-log line of one answered request (`started` from performance.now()). */
export function logRequest(logger: Logger, method: string | undefined, path: string, status: number, started: number): void {
  if (logger.isLevelEnabled('info')) logger.info({ method, path, status, durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'request');
}

export function requestScope(logger: Logger): Middleware {
  return async (ctx, next) => {
    const requestId = requestIdFrom(ctx.req.headers['x-request-id']);
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    await requestContext.run({ requestId }, async () => {
      try {
        await next();
      } finally {
        logRequest(logger, ctx.method, ctx.path, ctx.status, started);
      }
    });
  };
}
