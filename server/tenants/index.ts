// Tenants as files (api.md): the tenant file schema and its validation, the
// start-up loader, theme presets and token resolution — the part of tenants/
// that knows nothing of HTTP or the database. Seeding the files into the
// database and finding tenants for requests are seed-tenants.ts and
// tenant-directory.ts beside it.
export { parseTenantFile, type TenantFile, type TenantFileParse, type ParseTenantFileOptions } from './tenant-file.ts';
export { loadTenantFiles, isSchemaFile } from './load-tenant-files.ts';
export { DEFAULT_PRESET, loadThemes, resolveThemeTokens, type TenantTheme, type ThemePreset, type ThemePresets } from './themes.ts';
export { THEME_TOKENS, checkTokenValue, type ThemeToken, type ThemeTokens, type ThemeTokenOverrides } from './theme-tokens.ts';
export { normaliseOrigin, type OriginCheck } from './origins.ts';
export { InvalidThemeError, TenantFileError, ThemeFileError, type FileIssue } from './errors.ts';
