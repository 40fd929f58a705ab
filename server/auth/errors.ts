// Errors of a person's own account: the second factor.
import { AppError } from '../errors.ts';

/** A code that does not match (or was already used). */
export class WrongCodeError extends AppError {
  override name = 'WrongCodeError';
  constructor() {
    super(422, 'invalid_code', 'That code is not right (or was used already). Use the current code from your app, or a recovery code.');
  }
}

/** Starting an enrolment while a second factor is in force. */
export class MfaEnabledError extends AppError {
  override name = 'MfaEnabledError';
  constructor() {
    super(409, 'mfa_enabled', 'A second factor is already in force; turn it off first to enrol another.');
  }
}

/** A password-reset link that is unknown, used or expired. */
export class ResetNotUsableError extends AppError {
  override name = 'ResetNotUsableError';
  constructor() {
    super(410, 'reset_not_usable', 'This password-reset link is not valid any more (used, or older than an hour). Ask for a new one.');
  }
}
