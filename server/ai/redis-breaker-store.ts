// Breaker state shared by every replica, in Redis: one hash per breaker,
// changed only by the two Lua scripts below, so each acquire and record is
// atomic across replicas. The rules are those of breaker.ts (the same
// contract suite runs against this store and the memory one). Times are the
// callers' clocks (Date.now() on each replica).
//
// An open breaker is also remembered in this process until its cooldown
// ends, so a refused call costs no round trip. If Redis stops answering,
// the process falls back to its own in-process breaker rather than failing
// the request.
import { Redis } from 'ioredis';
import { DEFAULT_BREAKER_SETTINGS, type BreakerEvent, type BreakerSettings, type BreakerSnapshot, type BreakerStore, type Permit } from './breaker.ts';
import { createMemoryBreakerStore } from './memory-breaker-store.ts';

// ARGV: now, probeLeaseMs, halfOpenProbes → { kind, until }
const ACQUIRE = `
local s = redis.call('HMGET', KEYS[1], 'state', 'until', 'probes', 'lease')
local state = s[1] or 'closed'
if state == 'closed' then return {'allow', '0'} end
local now = tonumber(ARGV[1])
if state == 'open' then
  if now < tonumber(s[2]) then return {'reject', s[2]} end
  redis.call('HSET', KEYS[1], 'state', 'half_open', 'probes', 1, 'lease', now + tonumber(ARGV[2]))
  return {'probe', '0'}
end
local probes = tonumber(s[3]) or 0
if now >= (tonumber(s[4]) or 0) then probes = 0 end
if probes < tonumber(ARGV[3]) then
  redis.call('HSET', KEYS[1], 'probes', probes + 1, 'lease', now + tonumber(ARGV[2]))
  return {'probe', '0'}
end
return {'reject', s[4]}
`;

// ARGV: now, permit kind, event kind, retryAfterMs (-1: none), windowMs, minRequests, failureRate,
//       baseCooldownMs, maxCooldownMs, ttlMs → { state, until, level, requests, failures }
const RECORD = `
local k = KEYS[1]
local now = tonumber(ARGV[1])
local permit, event, retryAfter = ARGV[2], ARGV[3], tonumber(ARGV[4])
local windowMs, minRequests, rate = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local base, max = tonumber(ARGV[8]), tonumber(ARGV[9])
local s = redis.call('HMGET', k, 'state', 'until', 'level', 'windowStart', 'requests', 'failures')
local state = s[1] or 'closed'
local level = tonumber(s[3]) or 0
local function open(lvl)
  local cooldown = math.min(max, base * (2 ^ lvl))
  if event == 'trip' and retryAfter >= 0 then cooldown = math.max(cooldown, math.min(max, retryAfter)) end
  redis.call('HSET', k, 'state', 'open', 'until', now + cooldown, 'level', lvl, 'probes', 0, 'requests', 0, 'failures', 0, 'windowStart', now)
end
if state == 'half_open' then
  if permit == 'probe' then
    if event == 'success' then
      redis.call('HSET', k, 'state', 'closed', 'until', 0, 'level', 0, 'probes', 0, 'requests', 0, 'failures', 0, 'windowStart', now)
    else
      open(level + 1)
    end
  end
elseif state == 'closed' then
  local requests, failures = tonumber(s[5]) or 0, tonumber(s[6]) or 0
  local windowStart = tonumber(s[4]) or now
  if now - windowStart >= windowMs then windowStart, requests, failures = now, 0, 0 end
  if event == 'trip' then
    open(level)
  else
    requests = requests + 1
    if event == 'failure' then failures = failures + 1 end
    if requests >= minRequests and failures / requests >= rate then
      open(level)
    else
      redis.call('HSET', k, 'state', 'closed', 'windowStart', windowStart, 'requests', requests, 'failures', failures)
    end
  end
end
redis.call('PEXPIRE', k, tonumber(ARGV[10]))
local r = redis.call('HMGET', k, 'state', 'until', 'level', 'requests', 'failures')
return {r[1] or 'closed', r[2] or '0', r[3] or '0', r[4] or '0', r[5] or '0'}
`;

interface BreakerRedis extends Redis {
  breakerAcquire(key: string, now: number, lease: number, probes: number): Promise<[string, string]>;
  breakerRecord(key: string, ...args: (string | number)[]): Promise<[string, string, string, string, string]>;
}

/** How long an idle breaker's state is kept. */
const TTL_MS = 24 * 3600_000;

export interface RedisBreakerStore extends BreakerStore {
  /** Whether the last call reached Redis (false: the in-process fallback answered). */
  readonly healthy: boolean;
}

export async function createRedisBreakerStore(url: string, settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS, prefix = 'qm'): Promise<RedisBreakerStore> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) as BreakerRedis;
  client.defineCommand('breakerAcquire', { numberOfKeys: 1, lua: ACQUIRE });
  client.defineCommand('breakerRecord', { numberOfKeys: 1, lua: RECORD });
  client.on('error', () => undefined); // reported through `healthy` and the fallback
  await client.connect();
  const fallback = createMemoryBreakerStore(settings);
  /** Open breakers known here: key → until. */
  const openUntil = new Map<string, number>();
  const redisKey = (key: string): string => `${prefix}:ai-breaker:${key}`;
  let healthy = true;

  const remember = (key: string, state: string, until: number): void => {
    if (state === 'open') openUntil.set(key, until);
    else openUntil.delete(key);
  };
  const snapshotOf = (key: string, reply: [string, string, string, string, string]): BreakerSnapshot => {
    const [state, until, level, requests, failures] = reply;
    remember(key, state, Number(until));
    return { state: state as BreakerSnapshot['state'], until: state === 'open' ? Number(until) : 0, level: Number(level), requests: Number(requests), failures: Number(failures) };
  };

  const store: RedisBreakerStore = {
    get healthy() {
      return healthy;
    },
    async acquire(key, now): Promise<Permit> {
      const until = openUntil.get(key);
      if (until !== undefined && now < until) return { kind: 'reject', until };
      try {
        const [kind, at] = await client.breakerAcquire(redisKey(key), now, settings.probeLeaseMs, settings.halfOpenProbes);
        healthy = true;
        if (kind === 'reject') {
          openUntil.set(key, Number(at));
          return { kind: 'reject', until: Number(at) };
        }
        openUntil.delete(key);
        return { kind: kind === 'probe' ? 'probe' : 'allow' };
      } catch {
        healthy = false;
        return fallback.acquire(key, now);
      }
    },
    async record(key, permit, event: BreakerEvent, now) {
      try {
        const reply = await client.breakerRecord(
          redisKey(key),
          now,
          permit.kind,
          event.kind,
          event.kind === 'trip' && event.retryAfterMs !== undefined ? event.retryAfterMs : -1,
          settings.windowMs,
          settings.minRequests,
          settings.failureRate,
          settings.baseCooldownMs,
          settings.maxCooldownMs,
          TTL_MS,
        );
        healthy = true;
        return snapshotOf(key, reply);
      } catch {
        healthy = false;
        return fallback.record(key, permit, event, now);
      }
    },
    async snapshot(key, now) {
      try {
        const [state, until, level, requests, failures] = await client.hmget(redisKey(key), 'state', 'until', 'level', 'requests', 'failures');
        return snapshotOf(key, [state ?? 'closed', until ?? '0', level ?? '0', requests ?? '0', failures ?? '0']);
      } catch {
        return fallback.snapshot(key, now);
      }
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
  return store;
}
