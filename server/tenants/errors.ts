import { AppError, type ErrorDetail } from '../errors.ts';

/** A problem in one file: the file, the path of the bad value inside it (empty for the whole file), and what is wrong. */
export interface FileIssue extends ErrorDetail {
  file: string;
}

/** One line per problem: `tenants/x.json: services[0].pricing.lines[1].unitAmount: must not be negative`. */
function describe(issues: readonly FileIssue[]): string {
  return issues.map((issue) => (issue.path ? `${issue.file}: ${issue.path}: ${issue.message}` : `${issue.file}: ${issue.message}`)).join('\n');
}

/**
 * Tenant files that do not validate; the start stops with it. 422, not 500:
 * the message is the point (it names each file and bad value), so it is exposed.
 */
export class TenantFileError extends AppError {
  override name = 'TenantFileError';
  constructor(issues: FileIssue[]) {
    super(422, 'invalid_tenant_file', describe(issues), { details: issues });
  }
}

/** Theme preset files that do not validate. */
export class ThemeFileError extends AppError {
  override name = 'ThemeFileError';
  constructor(issues: FileIssue[]) {
    super(422, 'invalid_theme_file', describe(issues), { details: issues });
  }
}

/** A tenant theme that names no loaded preset or holds a token value that is not allowed. */
export class InvalidThemeError extends AppError {
  override name = 'InvalidThemeError';
  constructor(details: ErrorDetail[]) {
    super(422, 'invalid_theme', details.map((d) => `${d.path}: ${d.message}`).join('; '), { details });
  }
}
