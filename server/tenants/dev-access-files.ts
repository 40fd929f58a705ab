// Checks of the development-only keys across all tenant files: refused in
// production, a secret key belongs to one file, and one email has one
// password everywhere (an account is one person across tenants).
import type { FileIssue } from './errors.ts';
import { DEV_ONLY_KEYS } from './dev-access.ts';
import type { TenantFile } from './tenant-file.ts';

export function devAccessProblems(files: ReadonlyArray<{ file: string; tenant: TenantFile }>, production: boolean): FileIssue[] {
  const issues: FileIssue[] = [];
  const keys = new Map<string, string>();
  const passwords = new Map<string, { file: string; password: string }>();
  for (const { file, tenant } of files) {
    if (production) {
      for (const key of DEV_ONLY_KEYS) {
        if (tenant[key] !== undefined) issues.push({ file, path: key, message: 'is for development only and is refused when NODE_ENV=production; create keys and invite people through the admin API' });
      }
      continue;
    }
    if (tenant.secretKey !== undefined) {
      const other = keys.get(tenant.secretKey);
      if (other === undefined) keys.set(tenant.secretKey, file);
      else issues.push({ file, path: 'secretKey', message: `is also the secret key of ${other}` });
    }
    tenant.devUsers?.forEach((user, i) => {
      const other = passwords.get(user.email);
      if (other === undefined) passwords.set(user.email, { file, password: user.password });
      else if (other.password !== user.password) issues.push({ file, path: `devUsers[${i}].password`, message: `differs from the password of ${user.email} in ${other.file}; one person has one password` });
    });
  }
  return issues;
}
