// The AI layer's public face: createAi(config, deps) builds the providers,
// breakers, quotas and usage log from the configuration and answers the
// interpret endpoint's engine. Unset keys: the local provider alone.
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Interpreter } from '../http/routes/widget.ts';
import { DEFAULT_BREAKER_SETTINGS, type BreakerSettings, type BreakerStore } from './breaker.ts';
import { createInterpreter } from './create-interpreter.ts';
import { createMemoryBreakerStore } from './memory-breaker-store.ts';
import { createPriceTable, type PriceTable } from './price-table.ts';
import { createAnthropicProvider } from './providers/anthropic-provider.ts';
import { createOpenAiProvider } from './providers/openai-provider.ts';
import { createPostgresQuotaStore, createRedisQuotaStore, type QuotaStore } from './quota.ts';
import { createRedisBreakerStore } from './redis-breaker-store.ts';
import type { Candidate } from './router.ts';
import { createUsageLog } from './usage.ts';

export { QuotaExceededError } from './errors.ts';
export type { Candidate } from './router.ts';

export interface Ai {
  interpret: Interpreter;
  /** `openai:gpt-5-mini`, … (empty: local only). */
  candidates: readonly string[];
  close(): Promise<void>;
}

/** A breaker per provider, model and endpoint (two base URLs are two upstreams). */
export function breakerKey(provider: string, model: string, baseUrl: string | undefined): string {
  const endpoint = createHash('sha256').update(baseUrl ?? 'default').digest('hex').slice(0, 8);
  return `${provider}:${model}:${endpoint}`;
}

/** The remote candidates the configuration names; each model must have a price (it fails closed). */
export function buildCandidates(config: Pick<Config, 'openai' | 'anthropic'>, prices: PriceTable): Candidate[] {
  const candidates: Candidate[] = [];
  const { openai, anthropic } = config;
  if (openai.apiKey !== undefined) {
    for (const model of openai.models) {
      const provider = createOpenAiProvider({ apiKey: openai.apiKey, baseURL: openai.baseUrl, model });
      candidates.push({ provider, price: prices.priceOf('openai', model), key: breakerKey('openai', model, openai.baseUrl) });
    }
  }
  if (anthropic.apiKey !== undefined) {
    for (const model of anthropic.models) {
      const provider = createAnthropicProvider({ apiKey: anthropic.apiKey, baseURL: anthropic.baseUrl, model });
      candidates.push({ provider, price: prices.priceOf('anthropic', model), key: breakerKey('anthropic', model, anthropic.baseUrl) });
    }
  }
  return candidates;
}

export interface AiDeps {
  db: Database;
  logger: Logger;
}

/** The breaker settings the configuration asks for. */
export function breakerSettingsOf(config: Pick<Config, 'ai'>): BreakerSettings {
  const { minRequests, failureRate, cooldownMs, maxCooldownMs } = config.ai.breaker;
  return { ...DEFAULT_BREAKER_SETTINGS, minRequests, failureRate, baseCooldownMs: cooldownMs, maxCooldownMs: Math.max(cooldownMs, maxCooldownMs) };
}

export async function createAi(config: Config, { db, logger }: AiDeps): Promise<Ai> {
  const breakerSettings = breakerSettingsOf(config);
  const prices = createPriceTable(config.ai.prices);
  const candidates = buildCandidates(config, prices);
  const closers: Array<() => Promise<void>> = [];
  try {
    let breakers: BreakerStore;
    let quotas: QuotaStore;
    if (config.redisUrl) {
      breakers = await createRedisBreakerStore(config.redisUrl, breakerSettings);
      closers.push(() => breakers.close());
      quotas = await createRedisQuotaStore(config.redisUrl);
      closers.push(() => quotas.close());
    } else {
      breakers = createMemoryBreakerStore(breakerSettings);
      quotas = createPostgresQuotaStore(db);
    }
    const interpret = createInterpreter({
      candidates,
      breakers,
      quotas,
      usage: createUsageLog(db),
      prices,
      limits: { interpretations: config.ai.monthlyInterpretations, tokens: config.ai.monthlyTokens },
      retry: { maxAttempts: config.ai.maxAttempts, attemptTimeoutMs: config.ai.attemptTimeoutMs, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 2000 },
      deadlineMs: config.ai.deadlineMs,
      logger,
    });
    return {
      interpret,
      candidates: candidates.map((c) => `${c.provider.name}:${c.provider.model}`),
      async close() {
        for (const close of closers) await close();
      },
    };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
