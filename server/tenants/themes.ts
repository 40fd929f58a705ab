// Theme presets (themes/*.json): named, complete token maps a tenant starts
// from; a tenant's theme is a preset plus overrides of some tokens.
import { z } from 'zod';
import type { ErrorDetail } from '../errors.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import { InvalidThemeError, ThemeFileError } from './errors.ts';
import { readJsonFiles } from './json-files.ts';
import { themeTokenOverridesSchema, themeTokensSchema, type ThemeTokenOverrides, type ThemeTokens } from './theme-tokens.ts';

/** The preset every installation has and a tenant without a theme gets. */
export const DEFAULT_PRESET = 'default';

/** A preset's id is its file name: lowercase letters, digits and hyphens. */
export const presetIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a preset name: lowercase letters, digits and hyphens (at most 63)');

const presetFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().trim().min(1).max(100),
  description: z.string().max(500).optional(),
  /** Lets the widget set `color-scheme`, so form controls and scrollbars match a dark theme. */
  colorScheme: z.enum(['light', 'dark']),
  tokens: themeTokensSchema,
});

export interface ThemePreset {
  id: string;
  name: string;
  description?: string | undefined;
  colorScheme: 'light' | 'dark';
  tokens: ThemeTokens;
}

/** Loaded presets by id. */
export type ThemePresets = ReadonlyMap<string, ThemePreset>;

/** A tenant's theme as its file gives it. */
export interface TenantTheme {
  preset?: string | undefined;
  tokens?: ThemeTokenOverrides | undefined;
}

/** Reads and validates every `*.json` in `dir`; throws one ThemeFileError naming each bad file and path. */
export async function loadThemes(dir: string): Promise<ThemePresets> {
  const { files, issues } = await readJsonFiles(dir);
  const presets = new Map<string, ThemePreset>();
  for (const { file, name, value } of files) {
    const before = issues.length;
    if (!presetIdSchema.safeParse(name).success) {
      issues.push({ file, path: '', message: 'the file name must be a preset name: lowercase letters, digits and hyphens, then .json' });
    }
    const parsed = presetFileSchema.safeParse(value, { reportInput: true });
    if (!parsed.success) issues.push(...zodIssuesToDetails(parsed.error.issues).map((issue) => ({ ...issue, file })));
    if (parsed.success && issues.length === before) {
      const { name: label, description, colorScheme, tokens } = parsed.data;
      presets.set(name, Object.freeze({ id: name, name: label, description, colorScheme, tokens: Object.freeze(tokens) }));
    }
  }
  if (issues.length === 0 && !presets.has(DEFAULT_PRESET)) {
    issues.push({ file: dir, path: '', message: `has no ${DEFAULT_PRESET}.json: the "${DEFAULT_PRESET}" preset must always exist` });
  }
  if (issues.length > 0) throw new ThemeFileError(issues);
  return presets;
}

/**
 * The full token map of a tenant's theme: its preset's tokens, overridden by
 * its own. Checks again what it is given (stored themes reach here too),
 * throwing InvalidThemeError with the path of each problem.
 */
export function resolveThemeTokens(presets: ThemePresets, theme: TenantTheme | undefined): ThemeTokens {
  const issues: ErrorDetail[] = [];
  const presetId = theme?.preset ?? DEFAULT_PRESET;
  const preset = presets.get(presetId);
  if (preset === undefined) issues.push({ path: 'theme.preset', message: unknownPresetMessage(presetId, presets) });
  const overrides = themeTokenOverridesSchema.safeParse(theme?.tokens ?? {}, { reportInput: true });
  if (!overrides.success) issues.push(...zodIssuesToDetails(overrides.error.issues, 'theme.tokens'));
  if (issues.length > 0 || preset === undefined || !overrides.success) throw new InvalidThemeError(issues);
  const tokens = { ...preset.tokens };
  for (const [token, value] of Object.entries(overrides.data) as [keyof ThemeTokens, string | undefined][]) {
    if (value !== undefined) tokens[token] = value;
  }
  return tokens;
}

/** `there is no theme preset "x" (presets: default, daylight, …)`. */
export function unknownPresetMessage(id: string, presets: ThemePresets): string {
  return `there is no theme preset "${id}" (presets: ${[...presets.keys()].join(', ')})`;
}
