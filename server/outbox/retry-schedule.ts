// When a failed delivery is tried again: exponential backoff with jitter,
// for up to three days after the message was written (issue #6). The
// schedule is documented in docs/decisions/0016-outbox.md; keep them in step.

export interface RetrySchedule {
  /** Delay after the first failure. */
  baseMs: number;
  /** Each later delay is this many times the one before… */
  factor: number;
  /** …up to this. */
  capMs: number;
  /** No attempt is made later than this after the message was written. */
  giveUpAfterMs: number;
  /** ± this fraction of the delay, at random, so that failures do not retry in lockstep. */
  jitter: number;
}

export const DEFAULT_RETRY_SCHEDULE: RetrySchedule = Object.freeze({
  baseMs: 5_000,
  factor: 3,
  capMs: 12 * 3_600_000,
  giveUpAfterMs: 3 * 86_400_000,
  jitter: 0.2,
});

/** The nominal delay (no jitter) after the `attempt`-th failed attempt (1-based). */
export function nominalDelayMs(schedule: RetrySchedule, attempt: number): number {
  return Math.min(schedule.capMs, schedule.baseMs * schedule.factor ** Math.max(0, attempt - 1));
}

/**
 * When to try again after the `attempt`-th failure of a message written at `createdAt`,
 * or null when that would be past the schedule's end (the message has failed for good).
 */
export function nextAttemptAt(schedule: RetrySchedule, attempt: number, createdAt: Date, now: Date, random: () => number = Math.random): Date | null {
  const nominal = nominalDelayMs(schedule, attempt);
  const delay = Math.round(nominal * (1 - schedule.jitter + 2 * schedule.jitter * random()));
  const at = now.getTime() + delay;
  return at > createdAt.getTime() + schedule.giveUpAfterMs ? null : new Date(at);
}

/** The nominal schedule as (attempt, delay, time since the first attempt), for the documentation. */
export function describeSchedule(schedule: RetrySchedule): Array<{ attempt: number; delayMs: number; elapsedMs: number }> {
  const rows = [{ attempt: 1, delayMs: 0, elapsedMs: 0 }];
  let elapsed = 0;
  for (let failed = 1; ; failed++) {
    const delay = nominalDelayMs(schedule, failed);
    if (elapsed + delay > schedule.giveUpAfterMs) return rows;
    elapsed += delay;
    rows.push({ attempt: failed + 1, delayMs: delay, elapsedMs: elapsed });
  }
}
