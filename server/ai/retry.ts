// Our one retry loop around a provider call (the SDKs' own retries are off).
// Each attempt gets its own timeout, never past the overall deadline. Only
// transient failures are retried (server, timeout, network; a 429 opens the
// breaker instead, see breaker.ts), after a jittered exponential backoff, or
// after the provider's Retry-After when it sent one, if that fits under the
// cap and before the deadline. Anything else ends the loop at once.
import { isProviderError, isRetryable, ProviderError } from './provider.ts';

export interface RetryPolicy {
  /** Attempts at one provider, the first included. */
  maxAttempts: number;
  /** Time one attempt may take. */
  attemptTimeoutMs: number;
  /** Backoff before attempt n+1: random in [0, min(maxDelayMs, baseDelayMs × 2^(n-1))] ("full jitter"). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest Retry-After worth waiting for; a longer one ends the loop. */
  retryAfterCapMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 2, attemptTimeoutMs: 4000, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 2000 };

export interface RetryClock {
  now(): number;
  /** Waits `ms` (tests pass one that records and returns at once). */
  sleep(ms: number): Promise<void>;
  /** In [0, 1). */
  random(): number;
}

export const systemClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, ms)),
  random: Math.random,
};

export interface RetryRun<T> {
  /** One attempt; `signal` aborts at the attempt's timeout or the deadline. */
  attempt(signal: AbortSignal, attemptNumber: number): Promise<T>;
  /** Called after each failed attempt; false stops the loop (the breaker opened meanwhile). */
  mayRetry?(error: ProviderError): boolean | Promise<boolean>;
  /** Absolute time (clock.now()) by which everything must be over. */
  deadline: number;
}

/** The backoff before attempt `next` (2, 3, …), honouring Retry-After; null when not worth waiting. */
export function backoffMs(policy: RetryPolicy, next: number, retryAfterMs: number | undefined, random: number): number | null {
  if (retryAfterMs !== undefined && retryAfterMs > policy.retryAfterCapMs) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (next - 2));
  const jittered = Math.floor(random * ceiling);
  return retryAfterMs === undefined ? jittered : Math.max(retryAfterMs, jittered);
}

export async function withRetries<T>(policy: RetryPolicy, run: RetryRun<T>, clock: RetryClock = systemClock): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const left = run.deadline - clock.now();
    if (left <= 0) throw new ProviderError('timeout', 'the deadline passed before the attempt');
    const signal = AbortSignal.timeout(Math.min(policy.attemptTimeoutMs, left));
    try {
      return await run.attempt(signal, attempt);
    } catch (thrown) {
      const error = isProviderError(thrown) ? thrown : new ProviderError('server', String(thrown), { cause: thrown });
      if (attempt >= policy.maxAttempts || !isRetryable(error.kind) || error.kind === 'rate_limited') throw error;
      if (run.mayRetry !== undefined && !(await run.mayRetry(error))) throw error;
      const delay = backoffMs(policy, attempt + 1, error.retryAfterMs, clock.random());
      // Not worth it: the provider asked for too long, or the wait would leave no time for the attempt.
      if (delay === null || clock.now() + delay >= run.deadline) throw error;
      await clock.sleep(delay);
    }
  }
}
