import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { effectiveLimits, tenantAiOf } from './tenant-ai.ts';

const plan = { interpretations: 500, tokens: 1_000_000 };

test('no settings: on, with the plan\'s allowances', () => {
  assert.equal(tenantAiOf(undefined), { interpret: true, monthlyInterpretations: null, monthlyTokens: null });
  assert.equal(effectiveLimits(plan, undefined), plan);
});

test('the tenant\'s own caps apply where lower, never above the plan', () => {
  assert.equal(effectiveLimits(plan, { monthlyInterpretations: 20 }), { interpretations: 20, tokens: 1_000_000 });
  assert.equal(effectiveLimits(plan, { monthlyInterpretations: 9_999, monthlyTokens: 5_000 }), { interpretations: 500, tokens: 5_000 });
  assert.equal(effectiveLimits(plan, { monthlyInterpretations: 0 }).interpretations, 0);
  assert.is(tenantAiOf({ interpret: false }).interpret, false);
});

test.run();
