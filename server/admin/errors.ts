// Errors of the admin and operator APIs.
import { AppError } from '../errors.ts';

/** No credential, or one that is not (or no longer) valid; also a publishable key on an admin route. */
export class UnauthenticatedError extends AppError {
  override name = 'UnauthenticatedError';
  constructor(message = 'Send a secret key (sk_…) or an access token as "Authorization: Bearer …".') {
    super(401, 'unauthenticated', message);
  }
}

/** A valid credential whose role does not allow this. */
export class ForbiddenError extends AppError {
  override name = 'ForbiddenError';
  constructor(message: string) {
    super(403, 'forbidden', message);
  }
}

/** Creating a service whose key is taken. */
export class ServiceExistsError extends AppError {
  override name = 'ServiceExistsError';
  constructor(key: string) {
    super(409, 'service_exists', `A service with the key "${key}" exists; change it with PUT /v1/admin/services/${key}.`);
  }
}
