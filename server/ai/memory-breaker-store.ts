// Breaker state in this process only (no REDIS_URL). The rules: breaker.ts.
import { cooldownMs, DEFAULT_BREAKER_SETTINGS, type BreakerSettings, type BreakerSnapshot, type BreakerStore, type Permit } from './breaker.ts';

interface State {
  state: 'closed' | 'open' | 'half_open';
  until: number;
  level: number;
  windowStart: number;
  requests: number;
  failures: number;
  probes: number;
  lease: number;
}

const fresh = (now: number): State => ({ state: 'closed', until: 0, level: 0, windowStart: now, requests: 0, failures: 0, probes: 0, lease: 0 });

export function createMemoryBreakerStore(settings: BreakerSettings = DEFAULT_BREAKER_SETTINGS): BreakerStore {
  const states = new Map<string, State>();
  const get = (key: string, now: number): State => {
    let state = states.get(key);
    if (state === undefined) states.set(key, (state = fresh(now)));
    return state;
  };
  const open = (s: State, now: number, level: number, retryAfterMs?: number): void => {
    Object.assign(s, { state: 'open', level, until: now + cooldownMs(settings, level, retryAfterMs), probes: 0, requests: 0, failures: 0, windowStart: now });
  };
  const view = (s: State): BreakerSnapshot => ({ state: s.state, until: s.state === 'open' ? s.until : 0, level: s.level, requests: s.requests, failures: s.failures });

  return {
    async acquire(key, now): Promise<Permit> {
      const s = states.get(key);
      if (s === undefined || s.state === 'closed') return { kind: 'allow' };
      if (s.state === 'open') {
        if (now < s.until) return { kind: 'reject', until: s.until };
        Object.assign(s, { state: 'half_open', probes: 1, lease: now + settings.probeLeaseMs });
        return { kind: 'probe' };
      }
      if (now >= s.lease) s.probes = 0; // probes that never reported
      if (s.probes < settings.halfOpenProbes) {
        s.probes++;
        s.lease = now + settings.probeLeaseMs;
        return { kind: 'probe' };
      }
      return { kind: 'reject', until: s.lease };
    },
    async record(key, permit, event, now) {
      const s = get(key, now);
      if (s.state === 'half_open') {
        if (permit.kind === 'probe') {
          if (event.kind === 'success') Object.assign(s, fresh(now));
          else open(s, now, s.level + 1, event.kind === 'trip' ? event.retryAfterMs : undefined);
        }
        return view(s);
      }
      if (s.state === 'open') return view(s); // a call admitted before it opened
      if (now - s.windowStart >= settings.windowMs) Object.assign(s, { windowStart: now, requests: 0, failures: 0 });
      if (event.kind === 'trip') {
        open(s, now, s.level, event.retryAfterMs);
        return view(s);
      }
      s.requests++;
      if (event.kind === 'failure') s.failures++;
      if (s.requests >= settings.minRequests && s.failures / s.requests >= settings.failureRate) open(s, now, s.level);
      return view(s);
    },
    async snapshot(key, now) {
      return view(states.get(key) ?? fresh(now));
    },
    async close() {},
  };
}
