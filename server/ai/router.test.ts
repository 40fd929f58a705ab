import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLatencySample } from './latency.ts';
import { createPriceTable } from './price-table.ts';
import { createLocalProvider } from './providers/local-provider.ts';
import { classify, rank, worthAfterInvalid, type Candidate } from './router.ts';

const prices = createPriceTable([{ provider: 'openai', model: 'gpt-5-mini-twin', input: 0.26, output: 2, tier: 'fast' }]);
const provider = createLocalProvider();
const candidate = (name: string, model: string, key = `${name}:${model}`): Candidate => ({ provider, price: prices.priceOf(name, model), key });
const mini = candidate('openai', 'gpt-5-mini');
const twin = candidate('openai', 'gpt-5-mini-twin');
const haiku = candidate('anthropic', 'claude-haiku-4-5');
const gpt5 = candidate('openai', 'gpt-5');
const sonnet = candidate('anthropic', 'claude-sonnet-4-6');
const task = { inputTokens: 500, outputTokens: 100 };
const keys = (list: Candidate[]): string[] => list.map((c) => c.key);

const classifying = suite('classify');
classifying('short text stating few fields is simple; long text or many fields is complex', () => {
  assert.is(classify('two rooms', 1), 'simple');
  assert.is(classify('x'.repeat(301), 1), 'complex');
  assert.is(classify('three big rooms, ceilings, asap', 4), 'complex');
  assert.is(classify('x'.repeat(20), 2, { longText: 10, manyFields: 9 }), 'complex');
});
classifying.run();

const ranking = suite('rank');
ranking('simple: fast models by expected cost, then strong ones by cost', () => {
  assert.equal(keys(rank([sonnet, gpt5, haiku, mini], { complexity: 'simple', ...task }, createLatencySample())), [mini.key, haiku.key, gpt5.key, sonnet.key]);
});
ranking('complex: strong models first, cheapest first, then the fast ones', () => {
  assert.equal(keys(rank([mini, haiku, sonnet, gpt5], { complexity: 'complex', ...task }, createLatencySample())), [gpt5.key, sonnet.key, mini.key, haiku.key]);
});
ranking('models that cost about the same (within 10 %) are ordered by their recent median latency', () => {
  const latency = createLatencySample();
  for (const ms of [900, 1000, 1100]) latency.add(mini.key, ms);
  for (const ms of [300, 200, 400]) latency.add(twin.key, ms);
  assert.equal(keys(rank([mini, twin], { complexity: 'simple', ...task }, latency)), [twin.key, mini.key]);
  // a clearly cheaper model stays first even when slower
  assert.equal(keys(rank([haiku, mini], { complexity: 'simple', ...task }, latency)), [mini.key, haiku.key]);
});
ranking.run();

const escalation = suite('worthAfterInvalid');
escalation('after an invalid answer only stronger tiers are worth trying', () => {
  assert.ok(worthAfterInvalid('fast', 'strong'));
  assert.not.ok(worthAfterInvalid('fast', 'fast'));
  assert.not.ok(worthAfterInvalid('strong', 'strong'));
  assert.not.ok(worthAfterInvalid('strong', 'fast'));
});
escalation.run();

const latency = suite('createLatencySample');
latency('median of the last calls, forgetting older ones', () => {
  const sample = createLatencySample(3);
  assert.is(sample.median('a'), undefined);
  sample.add('a', 10);
  assert.is(sample.median('a'), 10);
  sample.add('a', 30);
  assert.is(sample.median('a'), 20);
  sample.add('a', 20);
  sample.add('a', 1000);
  assert.is(sample.median('a'), 30);
});
latency.run();
