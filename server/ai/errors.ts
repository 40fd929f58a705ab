// Errors of the AI layer that reach the client.
import { AppError } from '../errors.ts';

/** The tenant's monthly AI allowance is used up: 429 quota_exceeded. The widget falls back to its form. */
export class QuotaExceededError extends AppError {
  override name = 'QuotaExceededError';
  readonly limit: 'interpretations' | 'tokens';
  constructor(limit: 'interpretations' | 'tokens', allowed: number) {
    super(
      429,
      'quota_exceeded',
      limit === 'interpretations'
        ? `This business has used all ${allowed} AI interpretations of its plan this month. Fill in the form instead; the price works as usual.`
        : `This business has used all ${allowed} AI tokens of its plan this month. Fill in the form instead; the price works as usual.`,
    );
    this.limit = limit;
  }
}
