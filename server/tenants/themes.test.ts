import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidThemeError, ThemeFileError } from './errors.ts';
import { THEME_TOKENS } from './theme-tokens.ts';
import { DEFAULT_PRESET, loadThemes, resolveThemeTokens, unknownPresetMessage, type ThemePreset, type ThemePresets } from './themes.ts';
import { THEMES_DIR, folderWith } from './testing/tenants.ts';

const defaultPreset = (): Record<string, unknown> => JSON.parse(readFileSync(join(THEMES_DIR, 'default.json'), 'utf8'));

/** The error loadThemes throws for this folder (fails the test if it loads). */
async function loadError(dir: string): Promise<ThemeFileError> {
  try {
    await loadThemes(dir);
  } catch (error) {
    assert.instance(error, ThemeFileError);
    return error as ThemeFileError;
  }
  throw new assert.Assertion({ message: 'expected loadThemes to throw', operator: 'loadError', generated: false, expects: 'ThemeFileError', actual: 'presets' });
}

/** WCAG 2 contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string): number => {
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

// ---------------------------------------------------------------------------
const load = suite('loadThemes');

load('loads the committed presets: default, daylight, midnight (dark) and meadow, each with every token', async () => {
  const presets = await loadThemes(THEMES_DIR);
  assert.equal([...presets.keys()], ['daylight', 'default', 'meadow', 'midnight']);
  for (const preset of presets.values()) assert.equal(Object.keys(preset.tokens), [...THEME_TOKENS], preset.id);
  assert.is(presets.get('midnight')?.colorScheme, 'dark');
  assert.is(presets.get(DEFAULT_PRESET)?.name, 'Default');
  assert.ok(Object.isFrozen(presets.get('meadow')));
});

load('gives every committed preset readable contrast (WCAG AA: 4.5:1 for text, 3:1 for borders, focus and buttons)', async () => {
  for (const { id, tokens } of (await loadThemes(THEMES_DIR)).values()) {
    const surface = tokens['color-surface'];
    const pairs: [string, string, string, number][] = [
      ['color-text', tokens['color-text'], surface, 4.5],
      ['color-muted', tokens['color-muted'], surface, 4.5],
      ['color-error', tokens['color-error'], surface, 4.5],
      ['color-success', tokens['color-success'], surface, 4.5],
      ['color-on-primary', tokens['color-on-primary'], tokens['color-primary'], 4.5],
      ['color-primary', tokens['color-primary'], surface, 3],
      ['color-border', tokens['color-border'], surface, 3],
      ['color-focus', tokens['color-focus'], surface, 3],
    ];
    for (const [name, colour, against, minimum] of pairs) {
      const ratio = contrast(colour, against);
      assert.ok(ratio >= minimum, `${id}: ${name} ${colour} on ${against} has contrast ${ratio.toFixed(2)}, below ${minimum}`);
    }
  }
});

load('names the file and the path of each bad value', async () => {
  const bad = defaultPreset();
  (bad.tokens as Record<string, string>)['color-primary'] = 'red; }';
  delete (bad.tokens as Record<string, string>).shadow;
  const dir = folderWith({ 'default.json': defaultPreset(), 'broken.json': { ...bad, colorScheme: 'dim', extra: 1 } });
  const error = await loadError(dir);
  assert.is(error.code, 'invalid_theme_file');
  assert.is(error.status, 422);
  const file = join(dir, 'broken.json');
  assert.equal(error.message.split('\n'), [
    `${file}: colorScheme: must be one of: "light", "dark"`,
    `${file}: tokens.color-primary: must not contain ";"`,
    `${file}: tokens.shadow: is required`,
    `${file}: extra: is not a known key`,
  ]);
});

load('refuses a file name that is not a preset name', async () => {
  const error = await loadError(folderWith({ 'default.json': defaultPreset(), 'Dark Mode.json': defaultPreset() }));
  assert.match(error.message, /Dark Mode\.json: the file name must be a preset name/);
});

load('refuses a folder without the default preset, which always exists', async () => {
  const dir = folderWith({ 'midnight.json': defaultPreset() });
  const error = await loadError(dir);
  assert.is(error.message, `${dir}: has no default.json: the "default" preset must always exist`);
});

load('names the file, line and column of invalid JSON', async () => {
  const error = await loadError(folderWith({ 'default.json': defaultPreset(), 'sunset.json': '{\n  "name": "Sunset",\n}' }));
  assert.match(error.message, /sunset\.json: is not valid JSON: unexpected "}", expected a property name in double quotes \(a comma may not come before "}"\) at line 3, column 1$/);
});

load('reports a folder it cannot read', async () => {
  const error = await loadError('/nonexistent/themes');
  assert.is(error.message, '/nonexistent/themes: cannot read this folder (ENOENT)');
});

load('skips files that are not JSON', async () => {
  const presets = await loadThemes(folderWith({ 'default.json': defaultPreset(), 'README.md': '# themes', 'notes.json~': '{' }));
  assert.equal([...presets.keys()], ['default']);
});

load.run();

// ---------------------------------------------------------------------------
const preset = (id: string, primary: string): ThemePreset => ({
  id,
  name: id,
  colorScheme: 'light',
  tokens: Object.fromEntries(THEME_TOKENS.map((token) => [token, token === 'color-primary' ? primary : '0'])) as ThemePreset['tokens'],
});
const presets: ThemePresets = new Map([
  ['default', preset('default', '#111111')],
  ['daylight', preset('daylight', '#222222')],
]);

const resolve = suite('resolveThemeTokens');

resolve('answers the default preset for a tenant without a theme', () => {
  assert.equal(resolveThemeTokens(presets, undefined), presets.get('default')?.tokens);
  assert.equal(resolveThemeTokens(presets, {}), presets.get('default')?.tokens);
});

resolve('answers the named preset with the tenant\'s overrides on top, every token present', () => {
  const tokens = resolveThemeTokens(presets, { preset: 'daylight', tokens: { 'color-primary': '#0b6e4f', radius: '4px' } });
  assert.equal(Object.keys(tokens), [...THEME_TOKENS]);
  assert.is(tokens['color-primary'], '#0b6e4f');
  assert.is(tokens.radius, '4px');
  assert.is(tokens.spacing, '0');
  assert.is(presets.get('daylight')?.tokens['color-primary'], '#222222', 'the preset itself is unchanged');
});

resolve('refuses a preset that is not loaded, naming the ones that are', () => {
  try {
    resolveThemeTokens(presets, { preset: 'neon' });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidThemeError);
    assert.equal((error as InvalidThemeError).details, [{ path: 'theme.preset', message: 'there is no theme preset "neon" (presets: default, daylight)' }]);
    assert.is((error as InvalidThemeError).code, 'invalid_theme');
  }
});

resolve('checks stored overrides again: unknown tokens and unsafe values are refused at their paths', () => {
  try {
    resolveThemeTokens(presets, { preset: 'default', tokens: { 'color-primary': 'red;}', glow: 'x' } as never });
    assert.unreachable();
  } catch (error) {
    assert.instance(error, InvalidThemeError);
    assert.is((error as Error).message, 'theme.tokens.color-primary: must not contain ";"; theme.tokens.glow: is not a known key');
  }
});

resolve.run();

const unknown = suite('unknownPresetMessage');

unknown('names the preset asked for and every loaded one', () => {
  assert.is(unknownPresetMessage('neon', presets), 'there is no theme preset "neon" (presets: default, daylight)');
});

unknown.run();
