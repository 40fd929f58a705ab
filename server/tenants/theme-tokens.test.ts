import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import { THEME_TOKENS, checkTokenValue, themeTokenOverridesSchema, themeTokensSchema, type ThemeTokens } from './theme-tokens.ts';

function fullTokens(): ThemeTokens {
  return {
    'color-primary': '#1d4ed8',
    'color-on-primary': '#ffffff',
    'color-surface': '#ffffff',
    'color-text': '#111827',
    'color-muted': '#4b5563',
    'color-border': '#8a94a6',
    'color-focus': '#2563eb',
    'color-error': '#b91c1c',
    'color-success': '#15803d',
    radius: '8px',
    'font-family': 'system-ui, sans-serif',
    'font-size': '16px',
    spacing: '16px',
    shadow: 'none',
  };
}

const tokens = suite('THEME_TOKENS');

tokens('is the one vocabulary: colours, then sizes, font and shadow, each usable as --qm-<token>', () => {
  assert.equal([...THEME_TOKENS], Object.keys(fullTokens()));
  for (const token of THEME_TOKENS) assert.match(`--qm-${token}`, /^--qm-[a-z]+(-[a-z]+)*$/);
});

tokens.run();

const check = suite('checkTokenValue');

check('checks each token by its kind', () => {
  assert.is(checkTokenValue('color-primary', 'hsl(160 80% 24%)'), null);
  assert.match(checkTokenValue('color-primary', '8px') ?? '', /^must be a colour/);
  assert.is(checkTokenValue('radius', '9999px'), null);
  assert.match(checkTokenValue('radius', '#fff') ?? '', /^must be one length/);
  assert.match(checkTokenValue('spacing', '-1px') ?? '', /^must be one length/);
  assert.match(checkTokenValue('font-size', 'large') ?? '', /^must be one length/);
  assert.match(checkTokenValue('font-family', '#fff') ?? '', /^must be a list of font families/);
  assert.is(checkTokenValue('shadow', 'none'), null);
  assert.match(checkTokenValue('shadow', '8px') ?? '', /^must be a box shadow/);
});

check.run();

const full = suite('themeTokensSchema');

full('accepts a map with every token', () => {
  assert.ok(themeTokensSchema.safeParse(fullTokens()).success);
});

full('refuses a missing token, an unknown token and a bad value, each at its path', () => {
  const { radius: _radius, ...missing } = fullTokens();
  const result = themeTokensSchema.safeParse({ ...missing, 'color-primary': 'red;', 'colour-primary': '#fff' });
  assert.not.ok(result.success);
  assert.equal(zodIssuesToDetails(result.error?.issues ?? [], 'tokens'), [
    { path: 'tokens.color-primary', message: 'must not contain ";"' },
    { path: 'tokens.radius', message: 'is required' },
    { path: 'tokens.colour-primary', message: 'is not a known key' },
  ]);
});

full.run();

const overrides = suite('themeTokenOverridesSchema');

overrides('accepts any subset of tokens, including none', () => {
  assert.ok(themeTokenOverridesSchema.safeParse({}).success);
  assert.equal(themeTokenOverridesSchema.parse({ radius: '0' }), { radius: '0' });
});

overrides('refuses unknown tokens and unsafe values at their paths', () => {
  const result = themeTokenOverridesSchema.safeParse({ 'color-primary': 'url(x)', background: 'red', radius: 4 }, { reportInput: true });
  assert.equal(zodIssuesToDetails(result.error?.issues ?? [], 'theme.tokens'), [
    { path: 'theme.tokens.color-primary', message: 'must not use url()' },
    { path: 'theme.tokens.radius', message: 'must be a string, not number 4' },
    { path: 'theme.tokens.background', message: 'is not a known key' },
  ]);
});

overrides.run();
