// Where errors are caught and answered: every error becomes
// `{ error: { code, message, details?, requestId } }` (api.md, "Errors").
// Anything not exposed is answered as server_error and logged with its stack.
// errorHandler is the one catch of the Koa pipeline; the widget API, which
// answers before Koa (widget-api.ts), has one catch of its own built from the
// same functions.
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
import type { Header } from './security-headers.ts';

/** Errors thrown by Koa and its body parser carry an HTTP status and `expose`. */
interface HttpLikeError {
  status?: number;
  statusCode?: number;
  expose?: boolean;
  message?: string;
  limit?: number;
}

const HIDDEN_MESSAGE = 'Something went wrong on our side. The request id helps us find out what.';

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
  return new AppError(500, 'server_error', HIDDEN_MESSAGE, { cause: error });
}

/** The wire body of `error`: `{ error: { code, message, details?, requestId } }`. */
export function errorBody(error: AppError, requestId: string): { error: { code: string; message: string; details?: unknown; requestId: string } } {
  const body: { code: string; message: string; details?: unknown; requestId: string } = {
    code: error.expose ? error.code : 'server_error',
    message: error.expose ? error.message : HIDDEN_MESSAGE,
    requestId,
  };
  if (error.expose && error.details && error.details.length > 0) body.details = error.details;
  return { error: body };
}

/** toAppError, logging with its stack what the client will only see as server_error. */
export function failureOf(error: unknown, logger: Logger): AppError {
  const appError = toAppError(error);
  if (appError.status >= 500) logger.error({ err: error }, 'request failed');
  return appError;
}

/**
 * The headers an error's answer carries besides its body: Retry-After for a
 * rate limit; Connection: close for a refused body, whose unread rest would
 * otherwise be taken for the next request.
 */
export function errorHeaders(error: AppError): Header[] {
  if (error instanceof RateLimitedError) return [['Retry-After', String(error.retryAfterSeconds)]];
  if (error instanceof PayloadTooLargeError) return [['Connection', 'close']];
  return [];
}

/** Writes the wire error for `error` onto the response. */
export function answerError(ctx: Context, error: AppError): void {
  ctx.status = error.status;
  ctx.body = errorBody(error, String(ctx.state.requestId ?? ''));
  for (const [name, value] of errorHeaders(error)) ctx.set(name, value);
}

export function errorHandler(logger: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError(`There is nothing at ${ctx.method} ${ctx.path}.`);
      if (ctx.status === 405 && !ctx.body) throw new AppError(405, 'method_not_allowed', `${ctx.method} is not allowed here; use ${ctx.response.get('Allow')}.`);
    } catch (error) {
      answerError(ctx, failureOf(error, logger));
    }
  };
}
