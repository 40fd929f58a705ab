import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createPriceTable, UnpricedModelError } from './price-table.ts';

const table = suite('createPriceTable');
table('a call costs in µUSD: tokens × USD per million tokens, rounded', () => {
  const prices = createPriceTable();
  assert.is(prices.costMicroUsd('openai', 'gpt-5-mini', { inputTokens: 1000, outputTokens: 100 }), 450);
  assert.is(prices.costMicroUsd('anthropic', 'claude-sonnet-4-6', { inputTokens: 1, outputTokens: 1 }), 18);
  assert.is(prices.costMicroUsd('openai', 'gpt-5-nano', { inputTokens: 3, outputTokens: 0 }), 0);
  assert.is(prices.costMicroUsd('local', 'rules-v1', { inputTokens: 10, outputTokens: 10 }), 0);
});
table('a model without a price fails closed', () => {
  const prices = createPriceTable();
  assert.throws(() => prices.priceOf('openai', 'gpt-9'), (error: Error) => error instanceof UnpricedModelError && /gpt-9/.test(error.message));
  assert.throws(() => prices.costMicroUsd('anthropic', 'claude-unknown', { inputTokens: 1, outputTokens: 1 }), (error: Error) => error instanceof UnpricedModelError);
});
table('overrides replace a default price or add a model', () => {
  const prices = createPriceTable([
    { provider: 'openai', model: 'gpt-5-mini', input: 1, output: 1, tier: 'strong' },
    { provider: 'openai', model: 'gpt-9', input: 2, output: 2, tier: 'strong' },
  ]);
  assert.is(prices.priceOf('openai', 'gpt-5-mini').tier, 'strong');
  assert.is(prices.costMicroUsd('openai', 'gpt-9', { inputTokens: 1, outputTokens: 1 }), 4);
});
table.run();
