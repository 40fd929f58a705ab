import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isAppError } from '../errors.ts';
import { InvalidThemeError, TenantFileError, ThemeFileError } from './errors.ts';

const tenantFile = suite('TenantFileError');

tenantFile('says one line per problem: file, path, message (no path for a whole-file problem)', () => {
  const error = new TenantFileError([
    { file: 'tenants/x.json', path: 'services[0].pricing.lines[1].unitAmount', message: 'must not be negative' },
    { file: 'tenants/y.json', path: '', message: 'is not valid JSON: unexpected "}" at line 3, column 1' },
  ]);
  assert.is(error.message, 'tenants/x.json: services[0].pricing.lines[1].unitAmount: must not be negative\ntenants/y.json: is not valid JSON: unexpected "}" at line 3, column 1');
  assert.is(error.details?.length, 2);
});

tenantFile('is an exposed 422 invalid_tenant_file AppError', () => {
  const error = new TenantFileError([{ file: 'tenants/x.json', path: 'slug', message: 'is required' }]);
  assert.ok(isAppError(error));
  assert.equal([error.name, error.status, error.code, error.expose], ['TenantFileError', 422, 'invalid_tenant_file', true]);
  assert.equal(error.toJSON().error.details, [{ file: 'tenants/x.json', path: 'slug', message: 'is required' }]);
});

tenantFile.run();

const themeFile = suite('ThemeFileError');

themeFile('is an exposed 422 invalid_theme_file naming file and path', () => {
  const error = new ThemeFileError([{ file: 'themes/neon.json', path: 'tokens.radius', message: 'is required' }]);
  assert.equal([error.name, error.status, error.code, error.expose, error.message], ['ThemeFileError', 422, 'invalid_theme_file', true, 'themes/neon.json: tokens.radius: is required']);
});

themeFile.run();

const invalidTheme = suite('InvalidThemeError');

invalidTheme('is a 422 invalid_theme listing each path and message', () => {
  const error = new InvalidThemeError([
    { path: 'theme.preset', message: 'there is no theme preset "neon"' },
    { path: 'theme.tokens.radius', message: 'must be one length' },
  ]);
  assert.equal([error.name, error.status, error.code], ['InvalidThemeError', 422, 'invalid_theme']);
  assert.is(error.message, 'theme.preset: there is no theme preset "neon"; theme.tokens.radius: must be one length');
});

invalidTheme.run();
