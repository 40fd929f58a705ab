// The only place errors are caught and answered: every error becomes
// `{ error: { code, message, details?, requestId } }` (api.md, "Errors").
// Anything not exposed is answered as server_error and logged with its stack.
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import {
  AppError,
  InvalidRequestError,
  isAppError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnsupportedMediaTypeError,
} from '../errors.ts';

/** Errors thrown by Koa and its body parser carry an HTTP status and `expose`. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

/** Maps anything thrown to the AppError the client sees. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error)) return error;
  const http = (error ?? {}) as HttpLikeError;
  const status = http.status ?? http.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && http.expose !== false) {
    if (status === 413) return new PayloadTooLargeError(http.limit ?? 16 * 1024);
    if (status === 415) return new UnsupportedMediaTypeError();
    if (status === 404) return new NotFoundError();
    return new InvalidRequestError(status === 400 && error instanceof SyntaxError ? `The body is not valid JSON: ${error.message}` : (http.message ?? 'Bad request'));
  }
  return new AppError(500, 'server_error', 'Something went wrong on our side. The request id helps us find out what.', { cause: error });
}

/** Writes the wire error for `error` onto the response. */
export function answerError(ctx: Context, error: AppError): void {
  ctx.status = error.status;
  const message = error.expose ? error.message : 'Something went wrong on our side. The request id helps us find out what.';
  const body: { code: string; message: string; details?: unknown; requestId: string } = {
    code: error.expose ? error.code : 'server_error',
    message,
    requestId: String(ctx.state.requestId ?? ''),
  };
  if (error.expose && error.details && error.details.length > 0) body.details = error.details;
  ctx.body = { error: body };
  if (error instanceof RateLimitedError) ctx.set('Retry-After', String(error.retryAfterSeconds));
}

/**
 * Paths whose error answers any page may read: the widget API, so an
 * integrator's script sees why (unknown_key, invalid_field…). Not for a
 * refused origin: that origin gets no Access-Control-Allow-Origin at all.
 */
const READABLE_ERRORS = /^\/v1\/widget\//;

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError(`There is nothing at ${ctx.method} ${ctx.path}.`);
      if (ctx.status === 405 && !ctx.body) throw new AppError(405, 'method_not_allowed', `${ctx.method} is not allowed here; use ${ctx.response.get('Allow')}.`);
    } catch (error) {
      const appError = toAppError(error);
      if (appError.status >= 500) logger.error({ err: error }, 'request failed');
      answerError(ctx, appError);
      if (READABLE_ERRORS.test(ctx.path) && appError.code !== 'origin_not_allowed' && !ctx.response.get('Access-Control-Allow-Origin')) {
        ctx.set('Access-Control-Allow-Origin', '*');
        ctx.vary('Origin');
      }
    }
  };
}
