// What each model costs and how capable it is. Prices are USD per million
// tokens, which is the same number as micro-dollars (µUSD) per token, so a
// call's cost is an integer of µUSD: round(in × input + out × output).
// A model that is not in the table cannot be used: it fails closed, at start
// (candidates are built from the table) and at every cost computation.
import { z } from 'zod';
import type { TokenUsage } from './provider.ts';

/** `fast`: cheap, for short and simple requests; `strong`: for long or many-field ones, and to escalate to. */
export type ModelTier = 'fast' | 'strong';

export interface ModelPrice {
  provider: string;
  model: string;
  /** USD per million input tokens (= µUSD per token). */
  input: number;
  output: number;
  tier: ModelTier;
}

export const modelPriceSchema = z.strictObject({
  provider: z.string().min(1).max(40),
  model: z.string().min(1).max(100),
  input: z.number().min(0).max(1000),
  output: z.number().min(0).max(1000),
  tier: z.enum(['fast', 'strong']),
});

/** List prices (USD per million tokens) as published by the providers; AI_PRICE_TABLE adds to or overrides them. */
export const DEFAULT_PRICES: readonly ModelPrice[] = [
  { provider: 'openai', model: 'gpt-5-nano', input: 0.05, output: 0.4, tier: 'fast' },
  { provider: 'openai', model: 'gpt-5-mini', input: 0.25, output: 2, tier: 'fast' },
  { provider: 'openai', model: 'gpt-4.1-mini', input: 0.4, output: 1.6, tier: 'fast' },
  { provider: 'openai', model: 'gpt-5', input: 1.25, output: 10, tier: 'strong' },
  { provider: 'openai', model: 'gpt-4.1', input: 2, output: 8, tier: 'strong' },
  { provider: 'anthropic', model: 'claude-haiku-4-5', input: 1, output: 5, tier: 'fast' },
  { provider: 'anthropic', model: 'claude-sonnet-4-5', input: 3, output: 15, tier: 'strong' },
  { provider: 'anthropic', model: 'claude-sonnet-4-6', input: 3, output: 15, tier: 'strong' },
  { provider: 'local', model: 'rules-v1', input: 0, output: 0, tier: 'fast' },
];

export class UnpricedModelError extends Error {
  override name = 'UnpricedModelError';
  constructor(provider: string, model: string) {
    super(`${provider} model "${model}" has no price in the price table (AI_PRICE_TABLE); it is not used until it has one`);
  }
}

export interface PriceTable {
  /** The model's price; throws UnpricedModelError when it has none. */
  priceOf(provider: string, model: string): ModelPrice;
  /** The cost of a call in µUSD (an integer); throws UnpricedModelError for a model without a price. */
  costMicroUsd(provider: string, model: string, usage: TokenUsage): number;
}

/** The default prices with `overrides` laid over them (same provider and model replaces). */
export function createPriceTable(overrides: readonly ModelPrice[] = [], defaults: readonly ModelPrice[] = DEFAULT_PRICES): PriceTable {
  const prices = new Map<string, ModelPrice>();
  for (const price of [...defaults, ...overrides]) prices.set(`${price.provider}\u0000${price.model}`, price);
  const priceOf = (provider: string, model: string): ModelPrice => {
    const price = prices.get(`${provider}\u0000${model}`);
    if (price === undefined) throw new UnpricedModelError(provider, model);
    return price;
  };
  return {
    priceOf,
    costMicroUsd(provider, model, usage) {
      const price = priceOf(provider, model);
      return Math.round(usage.inputTokens * price.input + usage.outputTokens * price.output);
    },
  };
}
