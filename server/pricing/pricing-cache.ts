// Compiled services, kept by (tenant, service, version). A version never
// changes once saved, so an entry never goes stale; the bound only caps memory.
import { LRUCache } from 'lru-cache';
import { loadService, type CompiledService } from './compile-service.ts';

export interface PricingCache {
  /** The compiled service for `scope` (e.g. tenant id), `serviceKey` and `version`; `load` gives its configuration on a miss. */
  get(scope: string, serviceKey: string, version: number, load: () => unknown): CompiledService;
  readonly size: number;
}

/** A bounded cache of compiled services. */
export function createPricingCache(options: { max?: number } = {}): PricingCache {
  const cache = new LRUCache<string, CompiledService>({ max: options.max ?? 5000 });
  return {
    get(scope, serviceKey, version, load) {
      const key = `${scope}\u0000${serviceKey}\u0000${version}`;
      let compiled = cache.get(key);
      if (compiled === undefined) {
        compiled = loadService(load(), version);
        cache.set(key, compiled);
      }
      return compiled;
    },
    get size() {
      return cache.size;
    },
  };
}
