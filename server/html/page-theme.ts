// A tenant's theme tokens as CSS for the server-rendered pages (the hosted
// quote page, the sign-in pages), and the one check of a logo URL they share.
// Moved out of quotes/quote-page.ts when the sign-in pages needed the same.
import { contrast, luminance } from './color-contrast.ts';


const SYSTEM_FONTS = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

/** Tokens every page has; a tenant's tokens override them one by one. */
const DEFAULT_TOKENS: Readonly<Record<string, string>> = {
  'color-primary': '#1d4ed8',
  'color-surface': '#ffffff',
  'color-text': '#1f2933',
  'color-muted': '#52606d',
  'color-border': '#d3dae3',
  radius: '8px',
  'font-family': SYSTEM_FONTS,
};

// Values go raw into a <style> element, so each must be unable to end a
// declaration, a rule, a comment or the element: none of ; { } < > \ * @ : or
// unbalanced quotes can pass these patterns.
const COLOR = /^(?:#[0-9a-f]{3,4}|#[0-9a-f]{6}|#[0-9a-f]{8}|(?:rgba?|hsla?)\([\d\s.,%/deg]{1,60}\)|[a-z]{3,30})$/i;
const LENGTH = /^(?:0|\d{1,4}(?:\.\d{1,4})?(?:px|rem|em|%))$/;
const FAMILY = String.raw`(?:"[\w .-]{1,40}"|'[\w .-]{1,40}'|-?[a-z][\w-]{0,39}(?: [a-z][\w-]{0,39}){0,3})`;
const FONT_LIST = new RegExp(String.raw`^${FAMILY}(?:\s*,\s*${FAMILY}){0,9}$`, 'i');
const SHADOW_PART = String.raw`(?:inset|-?\d{1,3}(?:\.\d{1,3})?(?:px|rem|em)?|#[0-9a-f]{3,8}|rgba?\([\d\s.,%/]{1,40}\))`;
const SHADOW = new RegExp(String.raw`^${SHADOW_PART}(?:(?:\s+|\s*,\s*)${SHADOW_PART}){0,19}$`, 'i');
const TOKEN_KEY = /^[a-z][a-z0-9-]{0,39}$/;

function isSafeTokenValue(key: string, value: string): boolean {
  if (key.startsWith('color-')) return COLOR.test(value);
  if (key === 'shadow' || key.endsWith('-shadow')) return SHADOW.test(value);
  if (key === 'radius' || key.endsWith('-radius')) return LENGTH.test(value);
  if (key.startsWith('font-family')) return FONT_LIST.test(value);
  return COLOR.test(value) || LENGTH.test(value) || FONT_LIST.test(value);
}

/** WCAG AA: 4.5:1 for normal text, 3:1 for focus rings and other non-text contrast. */
const TEXT_CONTRAST = 4.5;
const NON_TEXT_CONTRAST = 3;

/** True unless both colours are readable and fall short; colours we cannot read are the tenant's call. */
function contrasts(foreground: string, background: string, minimum = TEXT_CONTRAST): boolean {
  const ratio = contrast(foreground, background);
  return ratio === null || ratio >= minimum;
}

export interface Theme {
  /** `--qm-*` declarations for the `:root` rule. */
  css: string;
  /** From the surface's lightness: form controls and status colours follow it. */
  scheme: 'light' | 'dark';
}

/**
 * The tenant's tokens as CSS custom properties (`--qm-<key>`), with defaults
 * for missing or unsafe values, plus derived colours that keep text readable
 * whatever the brand colours are.
 */
export function themeOf(tokens: Record<string, string>): Theme {
  const theme: Record<string, string> = { ...DEFAULT_TOKENS };
  for (const [key, value] of Object.entries(tokens)) {
    if (typeof value !== 'string' || !TOKEN_KEY.test(key)) continue;
    const trimmed = value.trim();
    if (trimmed.length <= 200 && isSafeTokenValue(key, trimmed)) theme[key] = trimmed;
  }
  const get = (key: string): string => theme[key] ?? DEFAULT_TOKENS[key] ?? '';
  if (!contrasts(get('color-text'), get('color-surface'))) {
    theme['color-text'] = DEFAULT_TOKENS['color-text'] ?? '';
    theme['color-surface'] = DEFAULT_TOKENS['color-surface'] ?? '';
  }
  const surface = get('color-surface');
  if (!contrasts(get('color-muted'), surface)) theme['color-muted'] = get('color-text');
  const primary = get('color-primary');
  // Text on the primary colour (buttons): the tenant's if readable, else whichever of white and black reads better.
  if (theme['color-on-primary'] === undefined || !contrasts(get('color-on-primary'), primary)) {
    const onWhite = contrast('#ffffff', primary);
    theme['color-on-primary'] = onWhite === null || onWhite >= (contrast('#000000', primary) ?? 0) ? '#ffffff' : '#000000';
  }
  // The primary colour where it is text on the surface, if it reads well enough there.
  theme['color-accent'] = contrasts(primary, surface) ? primary : get('color-text');
  if (theme['color-focus'] === undefined || !contrasts(get('color-focus'), surface, NON_TEXT_CONTRAST)) theme['color-focus'] = get('color-accent');
  const css = Object.entries(theme)
    .map(([key, value]) => `  --qm-${key}: ${value};`)
    .join('\n');
  return { css, scheme: (luminance(surface) ?? 1) < 0.2 ? 'dark' : 'light' };
}

/** Absolute https URLs and same-origin paths only; anything else shows no logo. */
export function safeLogoUrl(url: string | undefined): string | null {
  if (url === undefined || url === '') return null;
  const sameOrigin = /^\/(?![/\\])/.test(url);
  try {
    // Parsing normalises the URL and percent-encodes quotes and spaces.
    if (sameOrigin) {
      const parsed = new URL(url, 'https://same-origin.invalid');
      return parsed.pathname + parsed.search;
    }
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}
