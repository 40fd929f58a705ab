// A tenant's own test cases for a service: given fields (and maybe a code
// and a day), expect a total. Saving rules that break one is refused.
import { isAppError, type ErrorDetail } from '../errors.ts';
import type { CompiledService } from './compile-service.ts';
import { PricingTestsFailedError } from './errors.ts';

export interface TestOutcome {
  name: string;
  path: string;
  passed: boolean;
  expected: number;
  /** The total the rules give, or null when pricing failed (see `error`). */
  actual: number | null;
  error?: string;
}

/** Runs every test of the service. `today` is used for tests that give no `date`. */
export function runServiceTests(service: CompiledService, today?: string): TestOutcome[] {
  return (service.config.tests ?? []).map((test, i) => {
    const path = `tests[${i}]`;
    try {
      const result = service.price(test.fields, { discountCode: test.discountCode, today: test.date ?? today });
      return { name: test.name, path, passed: result.total === test.expectTotal, expected: test.expectTotal, actual: result.total };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { name: test.name, path, passed: false, expected: test.expectTotal, actual: null, error: error.message };
    }
  });
}

/** Throws PricingTestsFailedError listing each failing test's name, expected and actual total. */
export function assertServiceTestsPass(service: CompiledService, today?: string): void {
  const failures: ErrorDetail[] = runServiceTests(service, today)
    .filter((outcome) => !outcome.passed)
    .map((outcome) => ({
      path: outcome.path,
      message:
        outcome.actual === null
          ? `"${outcome.name}": expected total ${outcome.expected}, but pricing failed: ${outcome.error}`
          : `"${outcome.name}": expected total ${outcome.expected}, got ${outcome.actual}`,
      name: outcome.name,
      expected: outcome.expected,
      actual: outcome.actual,
    }));
  if (failures.length > 0) throw new PricingTestsFailedError(failures);
}
