// Brute-force limits on sign-in (issue #7), with rate-limiter-flexible:
// failed sign-ins per client IP per day, and consecutive failures per email
// and IP (reset by a success). Over either limit the sign-in is refused with
// 429 rate_limited and Retry-After before the password is even checked.
// Shared through Redis between replicas when REDIS_URL is set.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.ts';

export interface LoginLimits {
  /** Throws RateLimitedError when this IP, or this email from this IP, may not try now. */
  check(ip: string, email: string): Promise<void>;
  /** Counts a failed sign-in. */
  failed(ip: string, email: string): Promise<void>;
  /** Forgets the consecutive failures of this email from this IP. */
  succeeded(ip: string, email: string): Promise<void>;
  /** Counts a password-reset request from this IP; throws RateLimitedError past 10 an hour (they send mail). */
  resetRequested(ip: string): Promise<void>;
  close(): Promise<void>;
}

export interface LoginLimitSettings {
  failuresPerIpPerDay: number;
  consecutiveFailuresPerEmailAndIp: number;
}

const DAY = 24 * 3600;

function retryAfter(res: RateLimiterRes | null, points: number): number | null {
  if (res === null || res.consumedPoints < points) return null;
  return Math.max(1, Math.ceil(res.msBeforeNext / 1000));
}

export async function createLoginLimits(settings: LoginLimitSettings, redisUrl?: string): Promise<LoginLimits> {
  const client = redisUrl ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
  if (client) await client.connect();
  const build = (keyPrefix: string, points: number, duration: number, blockDuration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
    return client ? new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration, blockDuration, insuranceLimiter: memory }) : memory;
  };
  const byIp = build('qm-login-ip', settings.failuresPerIpPerDay, DAY, DAY);
  // Consecutive failures are remembered for a day unless a success clears them; over the limit, an hour's block.
  const byEmailAndIp = build('qm-login-email-ip', settings.consecutiveFailuresPerEmailAndIp, DAY, 3600);
  const resets = build('qm-reset-ip', 10, 3600, 3600);
  const key = (ip: string, email: string) => `${email.toLowerCase()}_${ip}`;
  const ignoreRejection = (error: unknown) => {
    if (error instanceof Error) throw error; // a store failure, not a rejection
  };
  return {
    async check(ip, email) {
      const [ipState, pairState] = await Promise.all([byIp.get(ip), byEmailAndIp.get(key(ip, email))]);
      const wait = Math.max(retryAfter(ipState, settings.failuresPerIpPerDay) ?? 0, retryAfter(pairState, settings.consecutiveFailuresPerEmailAndIp) ?? 0);
      if (wait > 0) throw new RateLimitedError(wait);
    },
    async failed(ip, email) {
      await Promise.all([byIp.consume(ip).catch(ignoreRejection), byEmailAndIp.consume(key(ip, email)).catch(ignoreRejection)]);
    },
    async succeeded(ip, email) {
      await byEmailAndIp.delete(key(ip, email));
    },
    async resetRequested(ip) {
      try {
        await resets.consume(ip);
      } catch (rejection) {
        if (rejection instanceof Error) throw rejection;
        throw new RateLimitedError(Math.max(1, Math.ceil((rejection as RateLimiterRes).msBeforeNext / 1000)));
      }
    },
    async close() {
      await client?.quit().catch(() => undefined);
    },
  };
}
