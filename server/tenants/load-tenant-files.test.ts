import { join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadService, runServiceTests } from '../pricing/index.ts';
import { TenantFileError } from './errors.ts';
import { isSchemaFile, loadTenantFiles } from './load-tenant-files.ts';
import { loadThemes, type ThemePresets } from './themes.ts';
import { FOLDER, TENANTS_DIR, THEMES_DIR, exampleTenant, folderWith } from './testing/tenants.ts';

const presets: ThemePresets = await loadThemes(THEMES_DIR);

/** The error loadTenantFiles throws for this folder (fails the test if it loads). */
async function loadError(dir: string): Promise<TenantFileError> {
  try {
    await loadTenantFiles(dir, presets, { today: '2026-11-27' });
  } catch (error) {
    assert.instance(error, TenantFileError);
    return error as TenantFileError;
  }
  throw new assert.Assertion({ message: 'expected loadTenantFiles to throw', operator: 'loadError', generated: false, expects: 'TenantFileError', actual: 'tenants' });
}

function tenant(slug: string, publishableKey: string): Record<string, unknown> {
  return { ...exampleTenant(), slug, publishableKey };
}

// ---------------------------------------------------------------------------
const load = suite('loadTenantFiles');

load('loads every committed demo tenant, each service passing its own tests', async () => {
  const tenants = await loadTenantFiles(TENANTS_DIR, presets);
  assert.equal(tenants.map((t) => t.slug), ['brightside-painting', 'glanzwerk-reinigung', 'thames-valley-removals']);
  for (const t of tenants) {
    assert.ok(t.allowedOrigins.includes('http://localhost:3000'), t.slug);
    assert.match(t.publishableKey ?? '', /^pk_test_/);
    for (const service of t.services) {
      assert.ok((service.tests ?? []).length >= 3, `${t.slug}/${service.key} has at least 3 tests`);
      assert.ok(runServiceTests(loadService(service)).every((outcome) => outcome.passed), `${t.slug}/${service.key}`);
    }
  }
});

load('gives the demo tenants their own locale, currency, zone and tax', async () => {
  const tenants = await loadTenantFiles(TENANTS_DIR, presets);
  const summary = tenants.map((t) => [t.slug, t.locale, t.currency, t.timezone, t.theme.preset, t.services[0]?.pricing.tax?.label, t.services[0]?.pricing.tax?.inclusive]);
  assert.equal(summary, [
    ['brightside-painting', 'en-US', 'USD', 'America/Chicago', 'daylight', 'Sales tax', false],
    ['glanzwerk-reinigung', 'de-DE', 'EUR', 'Europe/Berlin', 'meadow', 'MwSt.', true],
    ['thames-valley-removals', 'en-GB', 'GBP', 'Europe/London', 'midnight', 'VAT', true],
  ]);
});

load('answers tenants in file-name order and ignores other files and the JSON schema', async () => {
  const dir = folderWith({
    'b.json': tenant('bravo', 'pk_test_bravo1'),
    'a.json': tenant('alpha', 'pk_test_alpha1'),
    'tenant.schema.json': { type: 'object' },
    'README.md': '# not a tenant',
    '.draft.json': '{',
  });
  assert.equal((await loadTenantFiles(dir, presets)).map((t) => t.slug), ['alpha', 'bravo']);
});

load('answers no tenants for an empty folder', async () => {
  assert.equal(await loadTenantFiles(folderWith({}), presets), []);
});

load('names the file and the path of each bad value, one line each', async () => {
  const bad = exampleTenant();
  bad.services[0].pricing.lines[1].unitAmount = -1;
  bad.quoteExpiryDays = 0;
  const dir = folderWith({ 'x.json': bad });
  const error = await loadError(dir);
  const file = join(dir, 'x.json');
  assert.is(error.message, `${file}: quoteExpiryDays: must be at least 1\n${file}: services[0].pricing.lines[1].unitAmount: must not be negative`);
  assert.equal(error.details, [
    { path: 'quoteExpiryDays', message: 'must be at least 1', file },
    { path: 'services[0].pricing.lines[1].unitAmount', message: 'must not be negative', file },
  ]);
  assert.is(error.code, 'invalid_tenant_file');
  assert.is(error.status, 422);
  assert.is(error.expose, true);
});

load('names the file as the caller gave the folder, e.g. tenants/x.json', async () => {
  const dir = folderWith({ 'x.json': { ...exampleTenant(), slug: 'X' } });
  const given = relative(process.cwd(), dir);
  const error = await loadError(given);
  assert.ok(error.message.startsWith(`${join(given, 'x.json')}: slug: `), error.message);
});

load('refuses a theme preset that is not loaded', async () => {
  const dir = folderWith({ 'x.json': { ...exampleTenant(), theme: { preset: 'neon' } } });
  const error = await loadError(dir);
  assert.is(error.message, `${join(dir, 'x.json')}: theme.preset: there is no theme preset "neon" (presets: daylight, default, meadow, midnight)`);
});

load('refuses a slug used by two files, naming both', async () => {
  const dir = folderWith({ 'a.json': tenant('same', 'pk_test_alpha1'), 'b.json': tenant('same', 'pk_test_bravo1') });
  const error = await loadError(dir);
  assert.is(error.message, `${join(dir, 'b.json')}: slug: "same" is also the slug of ${join(dir, 'a.json')}`);
});

load('refuses a publishable key used by two files, naming both', async () => {
  const dir = folderWith({ 'a.json': tenant('alpha', 'pk_test_shared'), 'b.json': tenant('bravo', 'pk_test_shared'), 'c.json': { ...tenant('charlie', 'x'), publishableKey: undefined } });
  const error = await loadError(dir);
  assert.is(error.message, `${join(dir, 'b.json')}: publishableKey: "pk_test_shared" is also the publishable key of ${join(dir, 'a.json')}`);
});

load('names the file, line and column of invalid JSON, and still checks the other files', async () => {
  const dir = folderWith({ 'a.json': '{\n  "slug": "alpha",\n  "name": \'Alpha\'\n}', 'b.json': { ...exampleTenant(), slug: 'B' } });
  const error = await loadError(dir);
  assert.equal(error.message.split('\n'), [
    `${join(dir, 'a.json')}: is not valid JSON: unexpected "'", expected a value at line 3, column 11`,
    `${join(dir, 'b.json')}: slug: must be 2 to 63 lowercase letters, digits and hyphens, starting and ending with a letter or digit`,
  ]);
  assert.equal(error.details?.[0], { file: join(dir, 'a.json'), path: '', message: 'is not valid JSON: unexpected "\'", expected a value at line 3, column 11', line: 3, column: 11 });
});

load('refuses a key given twice in one object, which JSON.parse would silently drop', async () => {
  const dir = folderWith({ 'a.json': JSON.stringify(exampleTenant()).replace('"slug":', '"name":"First","slug":') });
  const error = await loadError(dir);
  assert.is(error.message, `${join(dir, 'a.json')}: name: is given more than once in this object`);
});

load('reports a file it cannot read and a folder that is not there', async () => {
  const dir = folderWith({ 'odd.json': FOLDER });
  assert.is((await loadError(dir)).message, `${join(dir, 'odd.json')}: cannot read this file (EISDIR)`);
  assert.is((await loadError(join(dir, 'missing'))).message, `${join(dir, 'missing')}: cannot read this folder (ENOENT)`);
});

load.run();

const schemaFile = suite('isSchemaFile');

schemaFile('tells the JSON schema files apart from tenant files', () => {
  assert.ok(isSchemaFile('tenant.schema.json'));
  assert.ok(isSchemaFile('webhooks.schema.json'));
  assert.not.ok(isSchemaFile('brightside-painting.json'));
  assert.not.ok(isSchemaFile('schema.json'));
});

schemaFile.run();

// ---------------------------------------------------------------------------
const devAccess = suite('loadTenantFiles: development-only keys');

const withDevAccess = (slug: string, publishableKey: string, extra: Record<string, unknown>): Record<string, unknown> => ({ ...tenant(slug, publishableKey), ...extra });
const owner = (email: string, password = 'velvet-harbour-lantern') => ({ email, password, role: 'owner' });

devAccess('a production start refuses secretKey and devUsers, naming file and key', async () => {
  const dir = folderWith({ 'a.json': withDevAccess('alpha', 'pk_test_alpha1', { secretKey: 'sk_test_alpha_0123456789abcdef', devUsers: [owner('a@example.com')] }) });
  try {
    await loadTenantFiles(dir, presets, { today: '2026-11-27', production: true });
    assert.unreachable('should refuse');
  } catch (error) {
    assert.instance(error, TenantFileError);
    const details = (error as TenantFileError).details ?? [];
    assert.equal(details.map((d) => d.path), ['secretKey', 'devUsers']);
    assert.match(String(details[0]?.message), 'NODE_ENV=production');
  }
  const loaded = await loadTenantFiles(dir, presets, { today: '2026-11-27' });
  assert.is(loaded[0]?.secretKey, 'sk_test_alpha_0123456789abcdef');
  assert.equal(loaded[0]?.devUsers, [owner('a@example.com')]);
});

devAccess('one secret key in two files is refused', async () => {
  const key = 'sk_test_shared_0123456789abcdef';
  const error = await loadError(folderWith({ 'a.json': withDevAccess('alpha', 'pk_test_alpha1', { secretKey: key }), 'b.json': withDevAccess('bravo', 'pk_test_bravo1', { secretKey: key }) }));
  assert.equal(error.details?.map((d) => d.path), ['secretKey']);
  assert.match(String(error.details?.[0]?.message), 'a.json');
});

devAccess('one email with two passwords across files is refused; the same password is fine', async () => {
  const same = folderWith({ 'a.json': withDevAccess('alpha', 'pk_test_alpha1', { devUsers: [owner('p@example.com')] }), 'b.json': withDevAccess('bravo', 'pk_test_bravo1', { devUsers: [owner('P@example.com')] }) });
  assert.is((await loadTenantFiles(same, presets, { today: '2026-11-27' })).length, 2);
  const error = await loadError(
    folderWith({ 'a.json': withDevAccess('alpha', 'pk_test_alpha1', { devUsers: [owner('p@example.com')] }), 'b.json': withDevAccess('bravo', 'pk_test_bravo1', { devUsers: [owner('p@example.com', 'another-long-secret')] }) }),
  );
  assert.is(error.details?.[0]?.path, 'devUsers[0].password');
});

devAccess('bad dev users are refused with their paths, never echoing the password', async () => {
  const error = await loadError(
    folderWith({
      'a.json': withDevAccess('alpha', 'pk_test_alpha1', {
        secretKey: 'pk_test_wrong',
        devUsers: [{ email: 'not-an-email', password: 'short', role: 'boss' }, owner('x@example.com', 'Password1234')],
      }),
      'b.json': withDevAccess('bravo', 'pk_test_bravo1', { devUsers: [owner('x@example.com'), owner('X@example.com')] }),
    }),
  );
  const paths = error.details?.map((d) => `${String(d.file).slice(-6)} ${d.path}`);
  assert.equal(paths, ['a.json secretKey', 'a.json devUsers[0].email', 'a.json devUsers[0].role', 'a.json devUsers[1].password', 'b.json devUsers[1].email']);
  assert.not.match(JSON.stringify(error.details), 'Password1234');
});

devAccess.run();
