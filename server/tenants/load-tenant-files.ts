// The start-up path for tenants as files (api.md): every `*.json` in the
// tenants folder is one tenant; one bad file stops the start with a message
// naming each file and the path of each bad value.
import { devAccessProblems } from './dev-access-files.ts';
import { TenantFileError, type FileIssue } from './errors.ts';
import { readJsonFiles } from './json-files.ts';
import { parseTenantFile, type ParseTenantFileOptions, type TenantFile } from './tenant-file.ts';
import { unknownPresetMessage, type ThemePresets } from './themes.ts';

/** Files in the tenants folder that are not tenants: the JSON schema (`tenant.schema.json`) and any other `*.schema.json`. */
export function isSchemaFile(name: string): boolean {
  return name.endsWith('.schema.json');
}

/**
 * Reads, validates and cross-checks every tenant file in `dir` (sorted by
 * name): each file on its own, its theme preset against `presets`, and slugs
 * and publishable keys unique across files. Throws one TenantFileError
 * listing every problem, or answers the tenants in file-name order.
 */
export interface LoadTenantFilesOptions extends ParseTenantFileOptions {
  /** A production start refuses development-only keys (secretKey, devUsers). */
  production?: boolean | undefined;
}

export async function loadTenantFiles(dir: string, presets: ThemePresets, options: LoadTenantFilesOptions = {}): Promise<TenantFile[]> {
  const { files, issues } = await readJsonFiles(dir, isSchemaFile);
  const tenants: Array<{ file: string; tenant: TenantFile }> = [];
  const slugs = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const { file, value } of files) {
    const parsed = parseTenantFile(value, options);
    if (!parsed.ok) {
      issues.push(...parsed.issues.map((issue) => ({ ...issue, file })));
      continue;
    }
    const tenant = parsed.tenant;
    const problems: FileIssue[] = [];
    if (!presets.has(tenant.theme.preset)) problems.push({ file, path: 'theme.preset', message: unknownPresetMessage(tenant.theme.preset, presets) });
    const otherSlug = slugs.get(tenant.slug);
    if (otherSlug === undefined) slugs.set(tenant.slug, file);
    else problems.push({ file, path: 'slug', message: `"${tenant.slug}" is also the slug of ${otherSlug}` });
    if (tenant.publishableKey !== undefined) {
      const otherKey = keys.get(tenant.publishableKey);
      if (otherKey === undefined) keys.set(tenant.publishableKey, file);
      else problems.push({ file, path: 'publishableKey', message: `"${tenant.publishableKey}" is also the publishable key of ${otherKey}` });
    }
    issues.push(...problems);
    if (problems.length === 0) tenants.push({ file, tenant });
  }
  issues.push(...devAccessProblems(tenants, options.production === true));
  if (issues.length > 0) throw new TenantFileError(issues);
  return tenants.map(({ tenant }) => tenant);
}
