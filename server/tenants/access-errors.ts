// Errors of reaching a tenant from a visitor's browser.
import { AppError } from '../errors.ts';

/** No tenant has this publishable key. */
export class UnknownKeyError extends AppError {
  override name = 'UnknownKeyError';
  constructor() {
    super(404, 'unknown_key', 'No tenant has this publishable key. Check the data-key of the embed script.');
  }
}

/** A browser request from an origin the tenant has not allowed. */
export class OriginNotAllowedError extends AppError {
  override name = 'OriginNotAllowedError';
  constructor(origin: string) {
    super(403, 'origin_not_allowed', `Requests from ${origin} are not allowed for this tenant. Add the origin to the tenant's allowed origins.`);
  }
}

/** A tenant the platform has suspended: its widget stops answering (issue #7). */
export class TenantSuspendedError extends AppError {
  override name = 'TenantSuspendedError';
  constructor() {
    super(403, 'tenant_suspended', 'This business\'s quote widget is not available at the moment.');
  }
}
