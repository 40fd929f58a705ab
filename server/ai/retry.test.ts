import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProviderError } from './provider.ts';
import { backoffMs, DEFAULT_RETRY_POLICY, withRetries, type RetryClock, type RetryPolicy } from './retry.ts';

async function rejects(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

const policy: RetryPolicy = { maxAttempts: 3, attemptTimeoutMs: 1000, baseDelayMs: 100, maxDelayMs: 1000, retryAfterCapMs: 2000 };

/** A clock whose sleeps only move time on and are recorded. */
function fakeClock(random = 0.5): RetryClock & { slept: number[] } {
  let now = 0;
  const slept: number[] = [];
  return { slept, now: () => now, sleep: async (ms) => void (slept.push(ms), (now += ms)), random: () => random };
}

const backoff = suite('backoffMs');
backoff('grows exponentially with full jitter, up to the maximum', () => {
  assert.is(backoffMs(policy, 2, undefined, 0.5), 50);
  assert.is(backoffMs(policy, 3, undefined, 0.5), 100);
  assert.is(backoffMs(policy, 10, undefined, 0.999), 999);
  assert.is(backoffMs(policy, 2, undefined, 0), 0);
});
backoff('honours Retry-After up to the cap, and refuses to wait longer', () => {
  assert.is(backoffMs(policy, 2, 1500, 0.5), 1500);
  assert.is(backoffMs(policy, 2, 2000, 0.5), 2000);
  assert.is(backoffMs(policy, 2, 2001, 0.5), null);
  assert.is(backoffMs(policy, 2, 10, 0.5), 50);
});
backoff.run();

const retries = suite('withRetries');
retries('retries a server error after the backoff and answers the success', async () => {
  const clock = fakeClock();
  const seen: number[] = [];
  const result = await withRetries(policy, {
    deadline: 10_000,
    attempt: async (_signal, n) => {
      seen.push(n);
      if (n < 3) throw new ProviderError(n === 1 ? 'server' : 'timeout', 'down');
      return 'ok';
    },
  }, clock);
  assert.is(result, 'ok');
  assert.equal(seen, [1, 2, 3]);
  assert.equal(clock.slept, [50, 100]);
});
retries('waits for the Retry-After of a 503', async () => {
  const clock = fakeClock();
  let calls = 0;
  await withRetries(policy, {
    deadline: 10_000,
    attempt: async () => {
      if (++calls === 1) throw new ProviderError('server', '503', { retryAfterMs: 1200 });
      return 'ok';
    },
  }, clock);
  assert.equal(clock.slept, [1200]);
});
retries('does not retry what is not transient: 429 (the breaker opens), quota, invalid answers, bad requests', async () => {
  for (const kind of ['rate_limited', 'quota', 'invalid_answer', 'bad_request'] as const) {
    let calls = 0;
    const clock = fakeClock();
    await rejects(withRetries(policy, { deadline: 10_000, attempt: async () => { calls++; throw new ProviderError(kind, kind); } }, clock));
    assert.is(calls, 1, kind);
  }
});
retries('gives up after maxAttempts, on a Retry-After over the cap, when the wait passes the deadline, or when told to stop', async () => {
  let calls = 0;
  await rejects(withRetries(policy, { deadline: 10_000, attempt: async () => { calls++; throw new ProviderError('server', 'x'); } }, fakeClock()));
  assert.is(calls, 3);
  calls = 0;
  await rejects(withRetries(policy, { deadline: 10_000, attempt: async () => { calls++; throw new ProviderError('server', 'x', { retryAfterMs: 30_000 }); } }, fakeClock()));
  assert.is(calls, 1);
  calls = 0;
  await rejects(withRetries(policy, { deadline: 40, attempt: async () => { calls++; throw new ProviderError('server', 'x'); } }, fakeClock()));
  assert.is(calls, 1);
  calls = 0;
  await rejects(withRetries(policy, { deadline: 10_000, mayRetry: () => false, attempt: async () => { calls++; throw new ProviderError('network', 'x'); } }, fakeClock()));
  assert.is(calls, 1);
});
retries('a deadline already passed fails as a timeout without calling; anything thrown becomes a server failure', async () => {
  let calls = 0;
  const clock = fakeClock();
  await clock.sleep(5);
  const error = await withRetries(policy, { deadline: 5, attempt: async () => void calls++ }, clock).catch((e: unknown) => e);
  assert.is((error as ProviderError).kind, 'timeout');
  assert.is(calls, 0);
  const wrapped = await withRetries({ ...policy, maxAttempts: 1 }, { deadline: 10_000, attempt: async () => { throw new TypeError('boom'); } }, fakeClock()).catch((e: unknown) => e);
  assert.is((wrapped as ProviderError).kind, 'server');
});
retries('aborts a hanging attempt at its timeout (the signal fires)', async () => {
  const alive = setInterval(() => undefined, 1000); // AbortSignal.timeout's timer does not hold the process open
  const error = await withRetries({ ...DEFAULT_RETRY_POLICY, maxAttempts: 1, attemptTimeoutMs: 20 }, {
    deadline: Date.now() + 5000,
    attempt: (signal) => new Promise((_, fail) => signal.addEventListener('abort', () => fail(new ProviderError('timeout', 'aborted')))),
  }).catch((e: unknown) => e);
  clearInterval(alive);
  assert.is((error as ProviderError).kind, 'timeout');
});
retries.run();
