// Where tenant snapshots are shared between replicas. In-process when there
// is no Redis; with Redis, snapshots are kept there too and an invalidation is
// published so every replica drops its own copy at once.
import { Redis } from 'ioredis';
import type { TenantSnapshot } from './tenant-snapshot.ts';

export interface SnapshotStore {
  get(tenantId: string): Promise<TenantSnapshot | undefined>;
  set(tenantId: string, snapshot: TenantSnapshot): Promise<void>;
  /** Forgets the tenant here and on every replica. */
  invalidate(tenantId: string): Promise<void>;
  /** Called with a tenant id whenever any replica invalidates it. */
  onInvalidate(listener: (tenantId: string) => void): void;
  /** Resolves when the store answers (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** No shared store: invalidations reach this process only. */
export function createMemorySnapshotStore(): SnapshotStore {
  const listeners: Array<(tenantId: string) => void> = [];
  return {
    async get() {
      return undefined;
    },
    async set() {},
    async invalidate(tenantId) {
      for (const listener of listeners) listener(tenantId);
    },
    onInvalidate(listener) {
      listeners.push(listener);
    },
    async ping() {},
    async close() {},
  };
}

const CHANNEL = 'qm:tenant-invalidated';
const TTL_SECONDS = 3600;

/** Snapshots in Redis (an hour at most) and invalidations over pub/sub. */
export async function createRedisSnapshotStore(url: string, prefix = 'qm'): Promise<SnapshotStore> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  const subscriber = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  await Promise.all([client.connect(), subscriber.connect()]);
  const listeners: Array<(tenantId: string) => void> = [];
  const channel = `${prefix}:${CHANNEL}`;
  await subscriber.subscribe(channel);
  subscriber.on('message', (from: string, tenantId: string) => {
    if (from === channel) for (const listener of listeners) listener(tenantId);
  });
  const key = (tenantId: string): string => `${prefix}:tenant:${tenantId}`;
  return {
    async get(tenantId) {
      const text = await client.get(key(tenantId));
      return text ? (JSON.parse(text) as TenantSnapshot) : undefined;
    },
    async set(tenantId, snapshot) {
      await client.set(key(tenantId), JSON.stringify(snapshot), 'EX', TTL_SECONDS);
    },
    async invalidate(tenantId) {
      await client.del(key(tenantId));
      await client.publish(channel, tenantId);
    },
    onInvalidate(listener) {
      listeners.push(listener);
    },
    async ping() {
      await client.ping();
    },
    async close() {
      await Promise.allSettled([client.quit(), subscriber.quit()]);
    },
  };
}
