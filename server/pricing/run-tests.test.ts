import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadService } from './compile-service.ts';
import { PricingTestsFailedError } from './errors.ts';
import { assertServiceTestsPass, runServiceTests } from './run-tests.ts';
import { serviceWith, specExampleService } from './testing/services.ts';

const run = suite('runServiceTests');

run('passes the spec example\'s own test', () => {
  assert.equal(runServiceTests(loadService(specExampleService())), [
    { name: 'two small rooms', path: 'tests[0]', passed: true, expected: 31300, actual: 31300 },
  ]);
});

run('reports a failing test with expected and actual totals', () => {
  const config = specExampleService();
  config.tests = [{ name: 'wrong', fields: { rooms: 2 }, expectTotal: 1 }];
  assert.equal(runServiceTests(loadService(config)), [{ name: 'wrong', path: 'tests[0]', passed: false, expected: 1, actual: 39900 }]);
});

run('uses a test\'s own date and code, else the given day', () => {
  const config = specExampleService();
  config.tests = [
    { name: 'code valid', fields: { rooms: 2, size: 'small', timing: 'rush' }, discountCode: 'SPRING10', date: '2027-06-30', expectTotal: 35200 },
    { name: 'code expired', fields: { rooms: 2, size: 'small', timing: 'rush' }, discountCode: 'SPRING10', expectTotal: 39100 },
  ];
  const outcomes = runServiceTests(loadService(config), '2027-07-01');
  assert.equal(outcomes.map((o) => [o.name, o.passed, o.actual]), [['code valid', true, 35200], ['code expired', true, 39100]]);
});

/** A rule that overflows exact money for large n: the one way a validated rule can fail. */
const overflowing = (tests: Array<{ name: string; fields: Record<string, unknown>; expectTotal: number }>) =>
  serviceWith({ lines: [{ id: 'a', label: 'A', quantity: { '*': [{ var: 'n' }, 1e9] }, unitAmount: 1e9 }] }, { tests });

run('reports a test whose pricing fails, with the reason', () => {
  const [outcome] = runServiceTests(loadService(overflowing([{ name: 'huge', fields: { n: 1000 }, expectTotal: 0 }])));
  assert.is(outcome?.passed, false);
  assert.is(outcome?.actual, null);
  assert.match(outcome?.error ?? '', 'pricing.lines[0] gave an amount too large to price');
});

run('answers an empty list for a service without tests', () => {
  const config = specExampleService();
  delete config.tests;
  assert.equal(runServiceTests(loadService(config)), []);
});

run.run();

const gate = suite('assertServiceTestsPass');

gate('does nothing when every test passes', () => {
  assertServiceTestsPass(loadService(specExampleService()));
});

gate('refuses with each failing test\'s name, expected and actual', () => {
  const config = specExampleService();
  config.tests = [
    { name: 'fine', fields: { rooms: 2, size: 'small' }, expectTotal: 31300 },
    { name: 'three rooms', fields: { rooms: 3 }, expectTotal: 50000 },
  ];
  try {
    assertServiceTestsPass(loadService(config));
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, PricingTestsFailedError);
    const e = error as PricingTestsFailedError;
    assert.is(e.code, 'pricing_tests_failed');
    assert.is(e.status, 422);
    assert.equal(e.details, [{ path: 'tests[1]', message: '"three rooms": expected total 50000, got 57300', name: 'three rooms', expected: 50000, actual: 57300 }]);
    assert.is(e.message, '1 pricing test failed: "three rooms": expected total 50000, got 57300');
  }
});

gate('explains a test that could not be priced', () => {
  const config = overflowing([{ name: 'huge', fields: { n: 1000 }, expectTotal: 0 }, { name: 'huge again', fields: { n: 2000 }, expectTotal: 0 }]);
  assert.throws(
    () => assertServiceTestsPass(loadService(config)),
    (e: PricingTestsFailedError) => e.message.startsWith('2 pricing tests failed') && /but pricing failed: The pricing rule at pricing.lines\[0\] gave/.test(e.details?.[0]?.message ?? ''),
  );
});

gate.run();
