// Which models to try, in which order, for one request. Short, simple
// descriptions go to the cheapest capable (`fast`) model first; long ones, or
// ones that say many things, go to a `strong` model first. Within a tier,
// candidates are ordered by expected cost (price table × the tokens this
// request will take) and, among those that cost about the same, by their
// recent median latency. After an invalid answer the walk escalates: the
// remaining candidates of the same or a lower tier are skipped. The local
// provider is not a candidate here: it is always the last step.
import type { LatencySample } from './latency.ts';
import type { ModelPrice, ModelTier } from './price-table.ts';
import type { AiProvider } from './provider.ts';

export interface Candidate {
  provider: AiProvider;
  price: ModelPrice;
  /** The breaker's key: provider, model and endpoint. */
  key: string;
}

export type Complexity = 'simple' | 'complex';

export interface RoutingThresholds {
  /** A description longer than this (characters) is complex. */
  longText: number;
  /** A description that states at least this many fields (as the local reading finds them) is complex. */
  manyFields: number;
}

export const DEFAULT_THRESHOLDS: RoutingThresholds = { longText: 300, manyFields: 4 };

export interface Task {
  complexity: Complexity;
  inputTokens: number;
  outputTokens: number;
}

/** Simple or complex, from the text's length and how many fields a local reading found in it. */
export function classify(text: string, statedFields: number, thresholds: RoutingThresholds = DEFAULT_THRESHOLDS): Complexity {
  return text.length > thresholds.longText || statedFields >= thresholds.manyFields ? 'complex' : 'simple';
}

const TIER_RANK: Record<ModelTier, number> = { fast: 0, strong: 1 };

/** Costs within 10 % of each other fall in one band, where latency decides. */
function costBand(cost: number): number {
  return cost <= 0 ? -Infinity : Math.floor(Math.log(cost) / Math.log(1.1));
}

/** The candidates in the order to try them for this task. */
export function rank(candidates: readonly Candidate[], task: Task, latency: LatencySample): Candidate[] {
  const cost = (c: Candidate): number => task.inputTokens * c.price.input + task.outputTokens * c.price.output;
  const tierOrder = (c: Candidate): number => (task.complexity === 'simple' ? TIER_RANK[c.price.tier] : -TIER_RANK[c.price.tier]);
  return [...candidates].sort(
    (a, b) =>
      tierOrder(a) - tierOrder(b) ||
      costBand(cost(a)) - costBand(cost(b)) ||
      (latency.median(a.key) ?? 0) - (latency.median(b.key) ?? 0) ||
      a.key.localeCompare(b.key),
  );
}

/** Whether, after an invalid answer from a model of tier `failed`, a candidate of tier `next` is still worth trying. */
export function worthAfterInvalid(failed: ModelTier, next: ModelTier): boolean {
  return TIER_RANK[next] > TIER_RANK[failed];
}
