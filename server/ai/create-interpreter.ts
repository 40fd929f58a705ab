// The interpret endpoint's engine, in one readable pipeline:
//   sanitise → read locally (the fallback answer, and how much the text says)
//   → reserve quota → walk the ranked candidates (breaker, retries, validation,
//   escalation) → the first valid answer, or the local one → usage rows and
//   quota settled → { fields, confidence, missing, provider }.
// The local provider sits behind no breaker and is always the last step, so
// an interpretation always gets an answer unless the tenant is over quota.
import type { Logger } from 'pino';
import type { Interpreter } from '../http/routes/widget.ts';
import { localDate } from '../time.ts';
import type { BreakerEvent, BreakerStore, Permit } from './breaker.ts';
import { createLatencySample, type LatencySample } from './latency.ts';
import { sanitizeVisitorText } from './local-provider.ts';
import type { ModelTier, PriceTable } from './price-table.ts';
import { estimateTokens, INSTRUCTIONS, userMessage } from './prompt.ts';
import { isProviderError, ProviderError, tripsAtOnce, type AiProvider, type Extraction, type ExtractRequest } from './provider.ts';
import { createLocalProvider } from './providers/local-provider.ts';
import type { QuotaLimits, QuotaStore } from './quota.ts';
import { DEFAULT_RETRY_POLICY, systemClock, withRetries, type RetryClock, type RetryPolicy } from './retry.ts';
import { classify, DEFAULT_THRESHOLDS, rank, worthAfterInvalid, type Candidate, type RoutingThresholds } from './router.ts';
import type { UsageLog, UsageRow } from './usage.ts';
import { effectiveLimits } from './tenant-ai.ts';

export interface InterpreterDeps {
  /** Remote models to try, each with its price; empty: the local provider answers everything. */
  candidates: readonly Candidate[];
  breakers: BreakerStore;
  quotas: QuotaStore;
  usage: UsageLog;
  prices: PriceTable;
  /** Monthly allowance of every tenant (its plan's; one default for now); a tenant's own lower caps (snapshot.ai) apply on top. */
  limits: QuotaLimits;
  local?: AiProvider;
  retry?: RetryPolicy;
  /** Time the whole walk over remote candidates may take. */
  deadlineMs?: number;
  /** Tokens reserved for a model's answer (and asked of the provider as its cap). */
  maxOutputTokens?: number;
  /** Visitor text is cut to this many characters. */
  maxTextLength?: number;
  thresholds?: RoutingThresholds;
  latency?: LatencySample;
  clock?: RetryClock;
  logger?: Logger;
}

export const DEFAULT_DEADLINE_MS = 8000;
export const DEFAULT_MAX_OUTPUT_TOKENS = 600;
export const MAX_TEXT_LENGTH = 2000;

function eventOf(error: ProviderError): BreakerEvent {
  return tripsAtOnce(error.kind) ? { kind: 'trip', retryAfterMs: error.retryAfterMs } : { kind: 'failure' };
}

export function createInterpreter(deps: InterpreterDeps): Interpreter {
  const local = deps.local ?? createLocalProvider();
  const retry = deps.retry ?? DEFAULT_RETRY_POLICY;
  const clock = deps.clock ?? systemClock;
  const latency = deps.latency ?? createLatencySample();
  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const maxOutputTokens = deps.maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  const { breakers, prices, logger } = deps;

  /** Tries one candidate with retries; pushes a usage row per attempt. */
  const attemptCandidate = async (candidate: Candidate, request: ExtractRequest, deadline: number, rows: UsageRow[]): Promise<Extraction | null> => {
    const { provider, key } = candidate;
    let permit: Permit = await breakers.acquire(key, clock.now());
    if (permit.kind === 'reject') return null;
    return withRetries(
      retry,
      {
        deadline,
        attempt: async (signal) => {
          const started = clock.now();
          const row = (outcome: UsageRow['outcome'], usage = { inputTokens: 0, outputTokens: 0 }): UsageRow => ({
            provider: provider.name,
            model: provider.model,
            tokensIn: usage.inputTokens,
            tokensOut: usage.outputTokens,
            costMicroUsd: prices.costMicroUsd(provider.name, provider.model, usage),
            latencyMs: clock.now() - started,
            outcome,
          });
          try {
            const answer = await provider.extract(request, { signal });
            rows.push(row('success', answer.usage));
            latency.add(key, clock.now() - started);
            await breakers.record(key, permit, { kind: 'success' }, clock.now());
            return answer;
          } catch (thrown) {
            const error = isProviderError(thrown) ? thrown : new ProviderError('server', String(thrown), { cause: thrown });
            rows.push(row(error.kind, error.usage));
            await breakers.record(key, permit, eventOf(error), clock.now());
            throw error;
          }
        },
        // Another attempt needs the breaker's leave again: it may have opened meanwhile.
        mayRetry: async () => {
          permit = await breakers.acquire(key, clock.now());
          return permit.kind !== 'reject';
        },
      },
      clock,
    );
  };

  return async (tenant, service, text) => {
    const clean = sanitizeVisitorText(text, deps.maxTextLength ?? MAX_TEXT_LENGTH);
    const request: ExtractRequest = { text: clean, fields: service.config.fields, locale: tenant.locale };
    const localStarted = clock.now();
    const localAnswer = await local.extract(request, { signal: new AbortController().signal });
    const localRow: UsageRow = { provider: local.name, model: local.model, tokensIn: 0, tokensOut: 0, costMicroUsd: 0, latencyMs: clock.now() - localStarted, outcome: 'success' };
    if (clean === '') return { fields: localAnswer.fields, confidence: localAnswer.confidence, missing: localAnswer.missing, provider: local.name };

    const remote = deps.candidates.length > 0;
    const reservedTokens = remote ? estimateTokens(INSTRUCTIONS + userMessage(clean, request.fields, request.locale)) + maxOutputTokens : 0;
    const period = localDate(tenant.timezone, new Date(clock.now())).slice(0, 7);
    const reservation = await deps.quotas.reserve(tenant.id, period, reservedTokens, effectiveLimits(deps.limits, tenant.ai));

    const rows: UsageRow[] = [];
    let answer: Extraction | null = null;
    let answeredBy = local.name;
    try {
      if (remote) {
        const deadline = clock.now() + deadlineMs;
        const complexity = classify(clean, Object.keys(localAnswer.fields).length, deps.thresholds ?? DEFAULT_THRESHOLDS);
        const ranked = rank(deps.candidates, { complexity, inputTokens: reservedTokens - maxOutputTokens, outputTokens: maxOutputTokens / 4 }, latency);
        let invalidAt: ModelTier | null = null;
        for (const candidate of ranked) {
          if (clock.now() >= deadline) break;
          if (invalidAt !== null && !worthAfterInvalid(invalidAt, candidate.price.tier)) continue;
          try {
            answer = await attemptCandidate(candidate, request, deadline, rows);
          } catch (error) {
            const kind = isProviderError(error) ? error.kind : 'server';
            if (kind === 'invalid_answer') invalidAt = candidate.price.tier;
            logger?.warn({ provider: candidate.provider.name, model: candidate.provider.model, kind }, 'AI provider failed; trying the next');
          }
          if (answer !== null) {
            answeredBy = candidate.provider.name;
            break;
          }
        }
      }
      if (answer === null) {
        answer = localAnswer;
        rows.push(localRow);
      }
    } finally {
      const tokens = rows.reduce((sum, row) => sum + row.tokensIn + row.tokensOut, 0);
      await Promise.all([
        deps.quotas.settle(reservation, { interpretations: answer === null ? 0 : 1, tokens }),
        deps.usage.record(tenant.id, service.key, rows),
      ]);
    }
    return { fields: answer.fields, confidence: answer.confidence, missing: answer.missing, provider: answeredBy };
  };
}
