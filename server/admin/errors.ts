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

/** Removing or demoting the last owner of a tenant. */
export class LastOwnerError extends AppError {
  override name = 'LastOwnerError';
  constructor() {
    super(409, 'last_owner', 'A tenant needs at least one owner: make someone else an owner first.');
  }
}

/** Inviting someone who is already a member. */
export class AlreadyMemberError extends AppError {
  override name = 'AlreadyMemberError';
  constructor(email: string) {
    super(409, 'already_member', `${email} is already a member of this tenant; change their role instead.`);
  }
}

/** An invite link that is unknown, used, revoked or expired. */
export class InviteNotUsableError extends AppError {
  override name = 'InviteNotUsableError';
  constructor() {
    super(410, 'invite_not_usable', 'This invite link is not valid any more (used, withdrawn or older than 7 days). Ask for a new one.');
  }
}

/** Rotating a key that is already revoked or past its deadline. */
export class KeyNotActiveError extends AppError {
  override name = 'KeyNotActiveError';
  constructor() {
    super(409, 'key_not_active', 'This key is revoked or expired; create a new key instead of rotating it.');
  }
}

/** A service version that does not exist. */
export class UnknownVersionError extends AppError {
  override name = 'UnknownVersionError';
  constructor(key: string, version: number) {
    super(404, 'unknown_version', `The service "${key}" has no version ${version}.`);
  }
}

/** A status change a quote cannot make (a decided or expired quote stays as it is). */
export class QuoteStatusChangeError extends AppError {
  override name = 'QuoteStatusChangeError';
  constructor(from: string, to: string) {
    super(409, 'quote_status_conflict', `A ${from} quote cannot become ${to}.`);
  }
}

/** Replaying a message that is still queued. */
export class MessagePendingError extends AppError {
  override name = 'MessagePendingError';
  constructor() {
    super(409, 'message_pending', 'This message is still queued for delivery; replay it once it is delivered, failed or cancelled.');
  }
}

/** An email template the sandbox refuses or cannot render with sample data; details name the part. */
export class InvalidTemplateError extends AppError {
  override name = 'InvalidTemplateError';
  constructor(part: string, problem: string) {
    super(422, 'invalid_template', `The ${part} template ${problem}`, { details: [{ path: part, message: problem }] });
  }
}

/** Resending or revising a quote that is decided, expired or already revised. */
export class QuoteClosedForChangeError extends AppError {
  override name = 'QuoteClosedForChangeError';
  constructor(message: string) {
    super(409, 'quote_status_conflict', message);
  }
}
