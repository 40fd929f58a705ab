// Gives each request an id (a caller's X-Request-Id is kept when it looks
// sane), runs the rest of the pipeline inside that request's context, and
// writes one access-log line when the response is done.
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { requestContext } from '../request-context.ts';

const SANE_ID = /^[A-Za-z0-9._:-]{8,128}$/;

export function requestScope(logger: Logger): Middleware {
  return async (ctx, next) => {
    const given = ctx.get('X-Request-Id');
    const requestId = SANE_ID.test(given) ? given : randomUUID();
    ctx.state.requestId = requestId;
    ctx.set('X-Request-Id', requestId);
    const started = performance.now();
    await requestContext.run({ requestId }, async () => {
      try {
        await next();
      } finally {
        if (logger.isLevelEnabled('info')) logger.info({ method: ctx.method, path: ctx.path, status: ctx.status, durationMs: Math.round((performance.now() - started) * 10) / 10 }, 'request');
      }
    });
  };
}
