// A circuit breaker per provider+model: closed → open → half-open → closed.
// - closed: calls pass; within a window of `windowMs`, once at least
//   `minRequests` calls were made and the share of failures reaches
//   `failureRate`, it opens. A 429 or a quota/usage-limit failure opens it at
//   once (the provider told us to stop).
// - open: calls are refused without touching the provider until the cooldown
//   ends: `baseCooldownMs × 2^level` (at most `maxCooldownMs`), never shorter
//   than the provider's Retry-After (within the same cap).
// - half-open: after the cooldown, `halfOpenProbes` calls may probe; a probe's
//   success closes the breaker (level back to 0), its failure reopens it with
//   the next level (a longer cooldown). A probe that never reports (a replica
//   died) frees its slot after `probeLeaseMs`.
// The state lives in one store: in-process (memory-breaker-store.ts) or Redis
// (redis-breaker-store.ts, shared by every replica). The transition rules are
// written once here for the memory store and once in Lua for Redis; one
// contract suite runs against both.

export interface BreakerSettings {
  windowMs: number;
  minRequests: number;
  /** 0..1 */
  failureRate: number;
  baseCooldownMs: number;
  maxCooldownMs: number;
  halfOpenProbes: number;
  probeLeaseMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = {
  windowMs: 60_000,
  minRequests: 5,
  failureRate: 0.5,
  baseCooldownMs: 5_000,
  maxCooldownMs: 300_000,
  halfOpenProbes: 1,
  probeLeaseMs: 30_000,
};

export type BreakerStateName = 'closed' | 'open' | 'half_open';

/** What a caller may do: call (`allow`), call as a probe, or not call until `until`. */
export type Permit = { kind: 'allow' } | { kind: 'probe' } | { kind: 'reject'; until: number };

/** What a call came to: success, a failure, or a failure that opens the breaker at once (`trip`). */
export type BreakerEvent = { kind: 'success' } | { kind: 'failure' } | { kind: 'trip'; retryAfterMs?: number | undefined };

export interface BreakerSnapshot {
  state: BreakerStateName;
  /** When an open breaker lets a probe through; 0 otherwise. */
  until: number;
  level: number;
  requests: number;
  failures: number;
}

export interface BreakerStore {
  acquire(key: string, now: number): Promise<Permit>;
  /** Records the outcome of a call made under `permit`. */
  record(key: string, permit: Permit, event: BreakerEvent, now: number): Promise<BreakerSnapshot>;
  snapshot(key: string, now: number): Promise<BreakerSnapshot>;
  close(): Promise<void>;
}

/** Cooldown after opening at `level`, stretched to a Retry-After, within the cap. */
export function cooldownMs(settings: BreakerSettings, level: number, retryAfterMs?: number): number {
  const grown = Math.min(settings.maxCooldownMs, settings.baseCooldownMs * 2 ** level);
  return retryAfterMs === undefined ? grown : Math.max(grown, Math.min(settings.maxCooldownMs, retryAfterMs));
}
