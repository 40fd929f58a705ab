// Request limits per visitor (client IP) and tenant on the widget endpoints,
// with rate-limiter-flexible: in-process without Redis, shared across
// replicas with it (falling back to in-process limits if Redis stops
// answering). Over the limit → 429 rate_limited with Retry-After.
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { RateLimitedError } from '../errors.ts';

export interface RateLimiter {
  /** Counts one request for `key`; throws RateLimitedError when over the limit. */
  consume(key: string): Promise<void>;
}

export interface RateLimits {
  /** Every widget request: config, estimate, interpret, quotes. */
  widget: RateLimiter;
  /** Quote submissions, on top of `widget`. */
  quotes: RateLimiter;
  close(): Promise<void>;
}

export interface RateLimitSettings {
  /** Widget requests per minute per visitor and tenant; 0 turns the limit off. */
  widgetPerMinute: number;
  /** Quote submissions per hour per visitor and tenant; 0 turns the limit off. */
  quotesPerHour: number;
}

const UNLIMITED: RateLimiter = { consume: async () => undefined };

function wrap(limiter: RateLimiterAbstract): RateLimiter {
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) throw new RateLimitedError(Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)));
        throw rejection;
      }
    },
  };
}

export async function createRateLimits(settings: RateLimitSettings, redisUrl?: string): Promise<RateLimits> {
  const client = redisUrl ? new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) : null;
  if (client) await client.connect();
  const build = (name: string, points: number, duration: number): RateLimiter => {
    if (points <= 0) return UNLIMITED;
    const memory = new RateLimiterMemory({ keyPrefix: `qm-${name}`, points, duration });
    if (!client) return wrap(memory);
    return wrap(new RateLimiterRedis({ storeClient: client, keyPrefix: `qm-${name}`, points, duration, insuranceLimiter: memory }));
  };
  return {
    widget: build('widget', settings.widgetPerMinute, 60),
    quotes: build('quotes', settings.quotesPerHour, 3600),
    async close() {
      await client?.quit().catch(() => undefined);
    },
  };
}
