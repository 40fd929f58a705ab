// Every breaker transition, against both stores: in-process and Redis.
import { randomBytes } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { cooldownMs, type BreakerSettings, type BreakerStore } from './breaker.ts';
import { createMemoryBreakerStore } from './memory-breaker-store.ts';
import { createRedisBreakerStore } from './redis-breaker-store.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const settings: BreakerSettings = { windowMs: 10_000, minRequests: 4, failureRate: 0.5, baseCooldownMs: 1000, maxCooldownMs: 8000, halfOpenProbes: 1, probeLeaseMs: 5000 };
const allow = { kind: 'allow' } as const;
const probe = { kind: 'probe' } as const;
const ok = { kind: 'success' } as const;
const fail = { kind: 'failure' } as const;

const cooldown = suite('cooldownMs');
cooldown('doubles with each level up to the cap, and stretches to a Retry-After within the cap', () => {
  assert.equal([0, 1, 2, 3, 4].map((level) => cooldownMs(settings, level)), [1000, 2000, 4000, 8000, 8000]);
  assert.is(cooldownMs(settings, 0, 3000), 3000);
  assert.is(cooldownMs(settings, 2, 3000), 4000);
  assert.is(cooldownMs(settings, 0, 60_000), 8000);
});
cooldown.run();

const stores: Array<[string, () => Promise<BreakerStore>]> = [
  ['memory store', async () => createMemoryBreakerStore(settings)],
  ['Redis store', () => createRedisBreakerStore(REDIS_URL, settings, `qm-test-${randomBytes(4).toString('hex')}`)],
];

for (const [name, make] of stores) {
  const test = suite(`breaker transitions (${name})`);
  let store: BreakerStore;
  let key: string;
  test.before.each(async () => {
    store = await make();
    key = `openai:gpt-5-mini:${randomBytes(4).toString('hex')}`;
  });
  test.after.each(() => store.close());

  /** n calls at `now` with the given event. */
  const calls = async (n: number, event: typeof ok | typeof fail, now: number): Promise<void> => {
    for (let i = 0; i < n; i++) {
      const permit = await store.acquire(key, now);
      assert.equal(permit, allow);
      await store.record(key, permit, event, now);
    }
  };

  test('stays closed while fewer than minRequests calls were made, even if all failed', async () => {
    await calls(3, fail, 0);
    assert.is((await store.snapshot(key, 0)).state, 'closed');
    assert.equal(await store.acquire(key, 0), allow);
  });

  test('closed → open when the failure rate reaches the threshold over minRequests', async () => {
    await calls(2, ok, 0);
    await calls(1, fail, 0);
    assert.is((await store.snapshot(key, 0)).state, 'closed');
    await calls(1, fail, 0);
    const opened = await store.snapshot(key, 0);
    assert.is(opened.state, 'open');
    assert.is(opened.until, 1000);
  });

  test('counts failures within one window; a new window forgets old failures', async () => {
    await calls(3, ok, 0);
    await calls(1, fail, 0);
    await calls(2, fail, 9000); // 3 of 6 failed within the window: open
    assert.is((await store.snapshot(key, 9000)).state, 'open');
    const other = `${key}-b`;
    for (const [event, at] of [[fail, 0], [fail, 0], [fail, 0], [ok, 10_000]] as const) {
      const permit = await store.acquire(other, at);
      await store.record(other, permit, event, at);
    }
    const snapshot = await store.snapshot(other, 10_000);
    assert.is(snapshot.state, 'closed');
    assert.is(snapshot.requests, 1);
  });

  test('open refuses every call until the cooldown ends, saying until when', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    assert.equal(await store.acquire(key, 0), { kind: 'reject', until: 1000 });
    assert.equal(await store.acquire(key, 999), { kind: 'reject', until: 1000 });
  });

  test('429/quota (trip) opens at once, for at least the Retry-After within the cap', async () => {
    await store.record(key, allow, { kind: 'trip', retryAfterMs: 3000 }, 0);
    assert.equal(await store.snapshot(key, 0), { state: 'open', until: 3000, level: 0, requests: 0, failures: 0 });
    const other = `${key}-b`;
    await store.record(other, allow, { kind: 'trip', retryAfterMs: 600_000 }, 0);
    assert.is((await store.snapshot(other, 0)).until, 8000);
  });

  test('open → half-open after the cooldown: one probe is admitted, the others refused', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    assert.equal(await store.acquire(key, 1000), probe);
    assert.is((await store.snapshot(key, 1000)).state, 'half_open');
    assert.equal(await store.acquire(key, 1001), { kind: 'reject', until: 6000 });
  });

  test('half-open → closed when the probe succeeds; the cooldown level resets', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    const permit = await store.acquire(key, 1000);
    const after = await store.record(key, permit, ok, 1000);
    assert.equal(after, { state: 'closed', until: 0, level: 0, requests: 0, failures: 0 });
    assert.equal(await store.acquire(key, 1000), allow);
  });

  test('half-open → open again when the probe fails, with a cooldown that grows each time, up to the cap', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    let now = 1000;
    const untils: number[] = [];
    for (let i = 0; i < 4; i++) {
      const permit = await store.acquire(key, now);
      assert.equal(permit, probe, `probe ${i}`);
      const after = await store.record(key, permit, i % 2 === 0 ? fail : { kind: 'trip' }, now);
      assert.is(after.state, 'open');
      untils.push(after.until - now);
      now = after.until;
    }
    assert.equal(untils, [2000, 4000, 8000, 8000]);
    // and a success after all that closes it with the level reset
    const permit = await store.acquire(key, now);
    assert.is((await store.record(key, permit, ok, now)).level, 0);
    await store.record(key, allow, { kind: 'trip' }, now);
    assert.is((await store.snapshot(key, now)).until - now, 1000);
  });

  test('a probe that never reports frees its slot after the lease', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    assert.equal(await store.acquire(key, 1000), probe);
    assert.is((await store.acquire(key, 5999)).kind, 'reject');
    assert.equal(await store.acquire(key, 6000), probe);
  });

  test('outcomes of calls admitted before it opened change nothing', async () => {
    await store.record(key, allow, { kind: 'trip' }, 0);
    await store.record(key, allow, ok, 10);
    assert.is((await store.snapshot(key, 10)).state, 'open');
    assert.equal(await store.acquire(key, 1000), probe);
    await store.record(key, allow, fail, 1001); // a late non-probe failure while half-open
    assert.is((await store.snapshot(key, 1001)).state, 'half_open');
  });

  test.run();
}

const shared = suite('Redis breaker store: shared by replicas');
shared('a breaker opened by one replica refuses calls on another; a refusal known here costs no round trip', async () => {
  const prefix = `qm-test-${randomBytes(4).toString('hex')}`;
  const a = await createRedisBreakerStore(REDIS_URL, settings, prefix);
  const b = await createRedisBreakerStore(REDIS_URL, settings, prefix);
  try {
    await a.record('anthropic:claude', { kind: 'allow' }, { kind: 'trip' }, 0);
    assert.equal(await b.acquire('anthropic:claude', 10), { kind: 'reject', until: 1000 });
    await b.close(); // b has no connection now; what it knows of the open breaker still answers
    assert.equal(await b.acquire('anthropic:claude', 20), { kind: 'reject', until: 1000 });
    assert.ok(b.healthy);
  } finally {
    await a.close();
  }
});
shared('falls back to an in-process breaker when Redis stops answering', async () => {
  const store = await createRedisBreakerStore(REDIS_URL, settings, `qm-test-${randomBytes(4).toString('hex')}`);
  await store.close();
  assert.equal(await store.acquire('k', 0), { kind: 'allow' });
  assert.not.ok(store.healthy);
  await store.record('k', { kind: 'allow' }, { kind: 'trip' }, 0);
  assert.is((await store.snapshot('k', 0)).state, 'open');
  assert.is((await store.acquire('k', 0)).kind, 'reject');
});
shared.run();
