import { AppError, type ErrorDetail } from '../errors.ts';

/** A service configuration (fields, pricing, tests) that does not validate. */
export class InvalidServiceError extends AppError {
  override name = 'InvalidServiceError';
  constructor(details: ErrorDetail[]) {
    const first = details[0];
    const summary = first ? `${first.path || '(root)'}: ${first.message}` : 'invalid service';
    const more = details.length > 1 ? ` (and ${details.length - 1} more)` : '';
    super(422, 'invalid_service', `The service configuration is invalid: ${summary}${more}`, { details });
  }
}

/** Request field values that do not fit the service's fields. */
export class InvalidFieldError extends AppError {
  override name = 'InvalidFieldError';
  constructor(details: ErrorDetail[]) {
    const message = details.map((d) => `${d.path.replace(/^fields\./, '')} ${d.message}`).join('; ');
    super(422, 'invalid_field', message, { details });
  }
}

/** A rule that evaluated to something the engine cannot price (a negative or non-numeric quantity, a division by zero). */
export class PricingRuleError extends AppError {
  override name = 'PricingRuleError';
  constructor(path: string, message: string, cause?: unknown) {
    super(422, 'pricing_rule_error', `The pricing rule at ${path} ${message}`, { details: [{ path, message }], cause });
  }
}

/** A service whose own test cases do not hold. */
export class PricingTestsFailedError extends AppError {
  override name = 'PricingTestsFailedError';
  constructor(details: ErrorDetail[]) {
    super(422, 'pricing_tests_failed', `${details.length} pricing test${details.length === 1 ? '' : 's'} failed: ${details.map((d) => d.message).join('; ')}`, { details });
  }
}

/** No service with that key. */
export class UnknownServiceError extends AppError {
  override name = 'UnknownServiceError';
  constructor(key: string) {
    super(404, 'unknown_service', `There is no service "${key}"`);
  }
}
