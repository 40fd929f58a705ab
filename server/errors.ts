/** One entry of an error's `details`: where the problem is and what it is. */
export interface ErrorDetail {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export interface AppErrorOptions {
  details?: ErrorDetail[];
  cause?: unknown;
}

/**
 * The base of every error the product answers with. `code` is the stable,
 * snake_case wire code; `expose` says whether `message` may reach a client
 * (everything with status >= 500 is answered as `server_error`).
 */
export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  readonly code: string;
  readonly expose: boolean;
  readonly details: ErrorDetail[] | undefined;

  constructor(status: number, code: string, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.code = code;
    this.expose = status < 500;
    this.details = options.details;
  }

  /** The wire shape `{ error: { code, message, details? } }` (request id is added by the HTTP layer). */
  toJSON(): { error: { code: string; message: string; details?: ErrorDetail[] } } {
    const error: { code: string; message: string; details?: ErrorDetail[] } = { code: this.code, message: this.message };
    if (this.details && this.details.length > 0) error.details = this.details;
    return { error };
  }
}

/** Cross-realm safe check (an `instanceof` fails across module copies). */
export function isAppError(value: unknown): value is AppError {
  return value instanceof Error && typeof (value as AppError).status === 'number' && typeof (value as AppError).code === 'string';
}

/** A request the server cannot read: bad JSON, a missing header, a body of the wrong shape. */
export class InvalidRequestError extends AppError {
  override name = 'InvalidRequestError';
  constructor(message: string, details?: ErrorDetail[]) {
    super(400, 'invalid_request', message, details ? { details } : {});
  }
}

export class NotFoundError extends AppError {
  override name = 'NotFoundError';
  constructor(message = 'Nothing is here.') {
    super(404, 'not_found', message);
  }
}

export class PayloadTooLargeError extends AppError {
  override name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(413, 'payload_too_large', `The request body is larger than ${Math.round(limitBytes / 1024)} KB.`);
  }
}

export class UnsupportedMediaTypeError extends AppError {
  override name = 'UnsupportedMediaTypeError';
  constructor() {
    super(415, 'unsupported_media_type', 'Send the request body as JSON, with Content-Type: application/json.');
  }
}

/** Too many requests; `retryAfterSeconds` becomes the Retry-After header. */
export class RateLimitedError extends AppError {
  override name = 'RateLimitedError';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests; try again in ${retryAfterSeconds} s.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
