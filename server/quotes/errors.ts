import { AppError } from '../errors.ts';

/** The same Idempotency-Key arrived with another body. */
export class IdempotencyKeyReusedError extends AppError {
  override name = 'IdempotencyKeyReusedError';
  constructor() {
    super(422, 'idempotency_key_reused', 'This Idempotency-Key was already used with a different request body. Use a new key for a new request.');
  }
}

/** The quote was accepted, declined or has expired, so it cannot change. */
export class QuoteClosedError extends AppError {
  override name = 'QuoteClosedError';
  constructor(status: string) {
    super(409, 'quote_closed', `This quote is ${status} and can no longer be changed.`);
  }
}
