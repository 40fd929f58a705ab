import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_RETRY_SCHEDULE, describeSchedule, nextAttemptAt, nominalDelayMs } from './retry-schedule.ts';

const schedule = suite('retry schedule');
const HOUR = 3_600_000;

schedule('grows by three from 5 s up to 12 h', () => {
  assert.equal([1, 2, 3, 4].map((n) => nominalDelayMs(DEFAULT_RETRY_SCHEDULE, n)), [5_000, 15_000, 45_000, 135_000]);
  assert.is(nominalDelayMs(DEFAULT_RETRY_SCHEDULE, 10), 12 * HOUR);
  assert.is(nominalDelayMs(DEFAULT_RETRY_SCHEDULE, 40), 12 * HOUR);
});

schedule('jitters within ±20 %', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  const at = (random: number) => (nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 1, created, created, () => random) as Date).getTime() - created.getTime();
  assert.is(at(0), 4_000);
  assert.is(at(0.5), 5_000);
  assert.is(at(0.999999), 6_000);
});

schedule('gives up when the next attempt would fall past three days', () => {
  const created = new Date('2026-01-01T00:00:00Z');
  const late = new Date(created.getTime() + 71 * HOUR);
  assert.is(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 14, created, late, () => 0.5), null);
  assert.ok(nextAttemptAt(DEFAULT_RETRY_SCHEDULE, 2, created, new Date(created.getTime() + 60_000), () => 0.5));
});

schedule('nominally: 14 attempts over about 62 hours', () => {
  const rows = describeSchedule(DEFAULT_RETRY_SCHEDULE);
  assert.is(rows.length, 14);
  assert.equal(rows[0], { attempt: 1, delayMs: 0, elapsedMs: 0 });
  assert.ok((rows.at(-1)?.elapsedMs ?? 0) <= 72 * HOUR);
  assert.is(rows.at(-1)?.elapsedMs, 222_005_000); // 61 h 40 min 5 s
});

schedule.run();
