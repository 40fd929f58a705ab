// Per-tenant monthly AI allowances: interpretations and tokens. A request
// reserves one interpretation and the tokens it expects to use before any
// provider is called, atomically across replicas (one Lua script in Redis
// when REDIS_URL is set, one conditional upsert in PostgreSQL otherwise), so
// concurrent requests can never together pass a limit. After the call the
// reservation is settled with the tokens really used.
import { Redis } from 'ioredis';
import type { Database } from '../db/database.ts';
import { QuotaExceededError } from './errors.ts';

export interface QuotaLimits {
  interpretations: number;
  tokens: number;
}

export interface Reservation {
  tenantId: string;
  /** YYYY-MM */
  period: string;
  tokens: number;
}

export interface QuotaUse {
  interpretations: number;
  tokens: number;
}

export interface QuotaStore {
  /** Takes one interpretation and `tokens`; throws QuotaExceededError when either would pass its limit. */
  reserve(tenantId: string, period: string, tokens: number, limits: QuotaLimits): Promise<Reservation>;
  /** Replaces the reservation by what was used (0 interpretations gives it back). */
  settle(reservation: Reservation, used: QuotaUse): Promise<void>;
  used(tenantId: string, period: string): Promise<QuotaUse>;
  close(): Promise<void>;
}

function refuseUpFront(tokens: number, limits: QuotaLimits): void {
  if (limits.interpretations < 1) throw new QuotaExceededError('interpretations', limits.interpretations);
  if (tokens > limits.tokens) throw new QuotaExceededError('tokens', limits.tokens);
}

/** Counters in PostgreSQL (ai_quota_usage), under the tenant's row-level security. */
export function createPostgresQuotaStore(db: Database): QuotaStore {
  const used = async (tenantId: string, period: string): Promise<QuotaUse> => {
    const row = await db.withTenant(tenantId, (tx) =>
      tx.row<{ interpretations: number; tokens: string }>('SELECT interpretations, tokens FROM ai_quota_usage WHERE tenant_id = $1 AND period = $2', [tenantId, period]),
    );
    return { interpretations: row?.interpretations ?? 0, tokens: Number(row?.tokens ?? 0) };
  };
  return {
    async reserve(tenantId, period, tokens, limits) {
      refuseUpFront(tokens, limits);
      // One statement: the row lock of ON CONFLICT DO UPDATE serialises concurrent reservations,
      // and the WHERE sees the latest counts, so no two requests can both take the last one.
      const row = await db.withTenant(tenantId, (tx) =>
        tx.row<{ interpretations: number; tokens: string }>(
          `INSERT INTO ai_quota_usage AS q (tenant_id, period, interpretations, tokens) VALUES ($1, $2, 1, $3)
           ON CONFLICT (tenant_id, period) DO UPDATE SET interpretations = q.interpretations + 1, tokens = q.tokens + $3
           WHERE q.interpretations + 1 <= $4 AND ($3 = 0 OR q.tokens + $3 <= $5)
           RETURNING interpretations, tokens`,
          [tenantId, period, tokens, limits.interpretations, limits.tokens],
        ),
      );
      if (row === undefined) {
        const now = await used(tenantId, period);
        throw now.interpretations + 1 > limits.interpretations
          ? new QuotaExceededError('interpretations', limits.interpretations)
          : new QuotaExceededError('tokens', limits.tokens);
      }
      return { tenantId, period, tokens };
    },
    async settle(reservation, used) {
      await db.withTenant(reservation.tenantId, (tx) =>
        tx.exec(
          `UPDATE ai_quota_usage SET interpretations = GREATEST(0, interpretations + $3), tokens = GREATEST(0, tokens + $4)
           WHERE tenant_id = $1 AND period = $2`,
          [reservation.tenantId, reservation.period, used.interpretations - 1, used.tokens - reservation.tokens],
        ),
      );
    },
    used,
    async close() {},
  };
}

// ARGV: tokens, max interpretations, max tokens, ttl ms → { taken (1/0), which limit, interpretations, tokens }
const RESERVE = `
local i = tonumber(redis.call('HGET', KEYS[1], 'i') or '0')
local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0')
local tokens = tonumber(ARGV[1])
if i + 1 > tonumber(ARGV[2]) then return {0, 'interpretations', i, t} end
if tokens > 0 and t + tokens > tonumber(ARGV[3]) then return {0, 'tokens', i, t} end
redis.call('HINCRBY', KEYS[1], 'i', 1)
redis.call('HINCRBY', KEYS[1], 't', tokens)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return {1, '', i + 1, t + tokens}
`;

// ARGV: interpretations delta, tokens delta; never below 0
const SETTLE = `
local i = tonumber(redis.call('HGET', KEYS[1], 'i') or '0') + tonumber(ARGV[1])
local t = tonumber(redis.call('HGET', KEYS[1], 't') or '0') + tonumber(ARGV[2])
redis.call('HSET', KEYS[1], 'i', math.max(0, i), 't', math.max(0, t))
return 1
`;

interface QuotaRedis extends Redis {
  quotaReserve(key: string, tokens: number, maxI: number, maxT: number, ttl: number): Promise<[number, string, number, number]>;
  quotaSettle(key: string, di: number, dt: number): Promise<number>;
}

/** Counters kept for 40 days: a month and a margin. */
const QUOTA_TTL_MS = 40 * 24 * 3600_000;

/** Counters in Redis, shared by every replica. */
export async function createRedisQuotaStore(url: string, prefix = 'qm'): Promise<QuotaStore> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 }) as QuotaRedis;
  client.defineCommand('quotaReserve', { numberOfKeys: 1, lua: RESERVE });
  client.defineCommand('quotaSettle', { numberOfKeys: 1, lua: SETTLE });
  await client.connect();
  const key = (tenantId: string, period: string): string => `${prefix}:ai-quota:${tenantId}:${period}`;
  return {
    async reserve(tenantId, period, tokens, limits) {
      refuseUpFront(tokens, limits);
      const [taken, which] = await client.quotaReserve(key(tenantId, period), tokens, limits.interpretations, limits.tokens, QUOTA_TTL_MS);
      if (taken !== 1) throw which === 'tokens' ? new QuotaExceededError('tokens', limits.tokens) : new QuotaExceededError('interpretations', limits.interpretations);
      return { tenantId, period, tokens };
    },
    async settle(reservation, used) {
      await client.quotaSettle(key(reservation.tenantId, reservation.period), used.interpretations - 1, used.tokens - reservation.tokens);
    },
    async used(tenantId, period) {
      const [i, t] = await client.hmget(key(tenantId, period), 'i', 't');
      return { interpretations: Number(i ?? 0), tokens: Number(t ?? 0) };
    },
    async close() {
      await client.quit().catch(() => undefined);
    },
  };
}
