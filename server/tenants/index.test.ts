import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import * as tenants from './index.ts';
import { TENANTS_DIR, THEMES_DIR } from './testing/tenants.ts';

const publicFace = suite('tenants/index');

publicFace('exports exactly the domain\'s public functions, constants and errors', () => {
  assert.equal(Object.keys(tenants).sort(), [
    'DEFAULT_PRESET',
    'InvalidThemeError',
    'THEME_TOKENS',
    'TenantFileError',
    'ThemeFileError',
    'checkTokenValue',
    'isSchemaFile',
    'loadTenantFiles',
    'loadThemes',
    'normaliseOrigin',
    'parseTenantFile',
    'resolveThemeTokens',
  ]);
});

publicFace('loads themes and tenants and resolves a tenant\'s tokens through the public face alone', async () => {
  const presets = await tenants.loadThemes(THEMES_DIR);
  const [brightside] = await tenants.loadTenantFiles(TENANTS_DIR, presets);
  const tokens = tenants.resolveThemeTokens(presets, brightside?.theme);
  assert.is(tokens['color-primary'], '#0b6e4f');
  assert.is(tokens['color-surface'], presets.get('daylight')?.tokens['color-surface']);
});

publicFace.run();
