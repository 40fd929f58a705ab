import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { specExampleService } from './testing/services.ts';

const cliPath = join(import.meta.dirname, 'cli.ts');
const demoTenant = join(import.meta.dirname, '..', '..', 'tenants', 'brightside-painting.json');
const scratch = mkdtempSync(join(tmpdir(), 'qm-cli-'));

/** Runs the CLI; answers its exit code and the one JSON line it printed. */
async function cli(...args: string[]): Promise<{ code: number; json: any; lines: number }> {
  let stdout: string;
  let code = 0;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [cliPath, ...args]));
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    code = failed.code;
    stdout = failed.stdout;
  }
  return { code, json: JSON.parse(stdout), lines: stdout.trimEnd().split('\n').length };
}

function tenantFile(tenant: unknown): string {
  const file = join(scratch, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, typeof tenant === 'string' ? tenant : JSON.stringify(tenant));
  return file;
}

const price = suite('price CLI');

price('reproduces the worked example of pricing.md as one JSON line', async () => {
  const { code, json, lines } = await cli('--tenant', demoTenant, '--service', 'interior-painting', '--fields', '{"rooms":2,"size":"small","timing":"rush"}', '--code', 'spring10', '--date', '2026-11-27');
  assert.is(code, 0);
  assert.is(lines, 1);
  assert.equal(json.adjustments, [
    { id: 'rush', kind: 'adjustment', label: 'Rush', amount: 7225 },
    { id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -3613 },
    { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: 6 },
  ]);
  assert.is(json.subtotal, 28900);
  assert.is(json.tax.amount, 2682);
  assert.is(json.total, 35200);
  assert.equal(json.range, { low: 31600, high: 40500 });
  assert.is(json.discountRejected, null);
});

price('judges codes by the tenant\'s local date, or --date', async () => {
  const expired = await cli('--tenant', demoTenant, '--service', 'interior-painting', '--fields', '{"rooms":2}', '--code', 'SPRING10', '--date', '2027-07-01');
  assert.is(expired.json.discountRejected, 'expired');
  const today = await cli('--tenant', demoTenant, '--service', 'interior-painting', '--code', 'NOPE');
  assert.is(today.json.discountRejected, 'unknown_code');
});

price('prices with defaults when --fields is left out', async () => {
  const { code, json } = await cli('--tenant', demoTenant, '--service', 'interior-painting');
  assert.is(code, 0);
  assert.is(json.subtotal, 20900);
});

price('exits 1 with invalid_field naming each bad field', async () => {
  const { code, json } = await cli('--tenant', demoTenant, '--service', 'interior-painting', '--fields', '{"rooms":31,"size":"huge"}');
  assert.is(code, 1);
  assert.is(json.error.code, 'invalid_field');
  assert.equal(json.error.details, [
    { path: 'fields.rooms', message: 'must be at most 30' },
    { path: 'fields.size', message: 'must be one of: small, medium, large' },
  ]);
});

price('exits 1 with unknown_service for a missing service', async () => {
  const { code, json } = await cli('--tenant', demoTenant, '--service', 'roofing');
  assert.is(code, 1);
  assert.equal(json, { error: { code: 'unknown_service', message: 'There is no service "roofing"' } });
});

price('exits 1 with invalid_service and the path of each bad value in the file', async () => {
  const service = specExampleService() as unknown as Record<string, any>;
  service.pricing.lines[2] = { id: 'area', label: 'Area', quantity: 1, tierMode: 'graduated', tiers: [{ upTo: 50, unitAmount: 1 }, { upTo: 40, unitAmount: 1 }, { upTo: null, unitAmount: 1 }] };
  const file = tenantFile({ slug: 'x', services: [{ key: 'other' }, service] });
  const { code, json } = await cli('--tenant', file, '--service', 'interior-painting');
  assert.is(code, 1);
  assert.is(json.error.code, 'invalid_service');
  assert.equal(json.error.details, [{ path: 'services[1].pricing.lines[2].tiers[1].upTo', message: "must be greater than the previous tier's upTo (50)" }]);
});

price('exits 1 with invalid_request for bad arguments and unreadable files', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['--service', 'x'], /--tenant and --service are required/],
    [['--tenant', demoTenant, '--service', 'interior-painting', '--fields', '{rooms:2}'], /--fields is not valid JSON/],
    [['--tenant', demoTenant, '--service', 'interior-painting', '--date', 'tomorrow'], /--date must look like/],
    [['--tenant', demoTenant, '--service', 'interior-painting', '--colour', 'red'], /Unknown option '--colour'/],
    [['--tenant', join(scratch, 'missing.json'), '--service', 'x'], /cannot read tenant file .*ENOENT/],
    [['--tenant', tenantFile('not json'), '--service', 'x'], /is not valid JSON/],
    [['--tenant', tenantFile({ slug: 'x' }), '--service', 'x'], /has no "services" list/],
  ];
  for (const [args, message] of cases) {
    const { code, json } = await cli(...args);
    assert.is(code, 1, args.join(' '));
    assert.is(json.error.code, 'invalid_request', args.join(' '));
    assert.match(json.error.message, message);
  }
});

price('reports a rule that fails at pricing time with its path', async () => {
  const file = tenantFile({
    timezone: 'Not/AZone',
    services: [{ key: 's', name: 'S', currency: 'EUR', fields: [{ key: 'n', type: 'number', label: 'N', min: 0, max: 1e6 }], pricing: { lines: [{ id: 'a', label: 'A', quantity: { '*': [{ var: 'n' }, 1e9] }, unitAmount: 1e9 }] } }],
  });
  const { code, json } = await cli('--tenant', file, '--service', 's', '--fields', '{"n":1000}');
  assert.is(code, 1);
  assert.is(json.error.code, 'pricing_rule_error');
  assert.is(json.error.details[0].path, 'pricing.lines[0]');
});

price.run();
