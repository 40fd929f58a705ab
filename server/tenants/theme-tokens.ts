// The one vocabulary of design tokens. Every preset in themes/ defines every
// token; a tenant overrides any of them. The widget sets each as the CSS
// custom property `--qm-<token>` on its shadow root.
import { z } from 'zod';
import { checkCssValue, type CssValueKind } from './css-values.ts';

/** Every token, with the kind of value it holds and what it is for (shown by editors via the JSON schema). */
const TOKENS = {
  'color-primary': ['color', 'Brand colour: buttons, links, the price highlight'],
  'color-on-primary': ['color', 'Text and icons on color-primary (keep a contrast of at least 4.5:1)'],
  'color-surface': ['color', 'Background of the widget and its inputs'],
  'color-text': ['color', 'Main text on color-surface (contrast at least 4.5:1)'],
  'color-muted': ['color', 'Secondary text: help, units, explanations (contrast at least 4.5:1 on color-surface)'],
  'color-border': ['color', 'Borders of inputs and panels (contrast at least 3:1 on color-surface)'],
  'color-focus': ['color', 'Keyboard focus ring (contrast at least 3:1 on color-surface)'],
  'color-error': ['color', 'Error messages and invalid inputs'],
  'color-success': ['color', 'Confirmation messages'],
  radius: ['length', 'Corner radius of inputs, buttons and panels, e.g. 8px'],
  'font-family': ['font-family', 'Font stack, e.g. "Inter", system-ui, sans-serif'],
  'font-size': ['length', 'Base text size, e.g. 16px'],
  spacing: ['length', 'Base spacing unit; gaps and paddings are multiples of it, e.g. 16px'],
  shadow: ['shadow', 'Shadow of the popup and raised panels, or none'],
} as const satisfies Record<string, readonly [CssValueKind, string]>;

export type ThemeToken = keyof typeof TOKENS;
/** A full token map: every token has a value. */
export type ThemeTokens = Record<ThemeToken, string>;
/** A tenant's overrides: any tokens, each a checked value. */
export type ThemeTokenOverrides = Partial<ThemeTokens>;

/** Every token name, in a stable order. */
export const THEME_TOKENS = Object.keys(TOKENS) as readonly ThemeToken[];

/** Why `value` is not acceptable for `token`, or null when it is. */
export function checkTokenValue(token: ThemeToken, value: string): string | null {
  return checkCssValue(TOKENS[token][0], value);
}

function tokenValue(token: ThemeToken) {
  return z
    .string()
    .superRefine((value, ctx) => {
      const problem = checkTokenValue(token, value);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, input: value });
    })
    .describe(TOKENS[token][1]);
}

function shapeOf<S extends z.ZodType>(make: (token: ThemeToken) => S): Record<ThemeToken, S> {
  return Object.fromEntries(THEME_TOKENS.map((token) => [token, make(token)])) as Record<ThemeToken, S>;
}

/** Every token, each required (a preset). Unknown tokens are refused at their own path. */
export const themeTokensSchema = z.strictObject(shapeOf(tokenValue));

/** Any tokens (a tenant's overrides). Unknown tokens are refused at their own path. */
export const themeTokenOverridesSchema = z.strictObject(shapeOf((token) => tokenValue(token).optional()));
