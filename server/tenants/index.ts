// Tenants as files (api.md): the tenant file schema and its validation, the
// start-up loader, theme presets and token resolution. Knows nothing of HTTP
// or the database; seeding the database from these files is db/'s job.
export { parseTenantFile, type TenantFile, type TenantFileParse, type ParseTenantFileOptions } from './tenant-file.ts';
export { loadTenantFiles, isSchemaFile } from './load-tenant-files.ts';
export { DEFAULT_PRESET, loadThemes, resolveThemeTokens, type TenantTheme, type ThemePreset, type ThemePresets } from './themes.ts';
export { THEME_TOKENS, checkTokenValue, type ThemeToken, type ThemeTokens, type ThemeTokenOverrides } from './theme-tokens.ts';
export { normaliseOrigin, type OriginCheck } from './origins.ts';
export { InvalidThemeError, TenantFileError, ThemeFileError, type FileIssue } from './errors.ts';
