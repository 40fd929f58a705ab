// Finds tenants for requests: publishable key → tenant snapshot, from a small
// in-process cache first (the estimate path must not touch the database),
// then the shared store, then PostgreSQL.
import { LRUCache } from 'lru-cache';
import type { Database } from '../db/database.ts';
import { UnknownKeyError } from './access-errors.ts';
import { loadTenantSnapshot } from './load-snapshot.ts';
import type { SnapshotStore } from './snapshot-store.ts';
import type { TenantSnapshot } from './tenant-snapshot.ts';

export interface TenantDirectory {
  /** The tenant with this publishable key; throws UnknownKeyError. */
  byPublishableKey(key: string): Promise<TenantSnapshot>;
  /** The tenant with this id, or undefined. */
  byId(tenantId: string): Promise<TenantSnapshot | undefined>;
  /** Drops the tenant from every cache on every replica (after a change). */
  invalidate(tenantId: string): Promise<void>;
}

export interface TenantDirectoryOptions {
  db: Database;
  store: SnapshotStore;
  /** How long this process keeps a snapshot without hearing of a change. */
  ttlMs?: number;
}

const NO_TENANT = '';

export function createTenantDirectory({ db, store, ttlMs = 60_000 }: TenantDirectoryOptions): TenantDirectory {
  const snapshots = new LRUCache<string, TenantSnapshot>({ max: 10_000, ttl: ttlMs });
  // Unknown keys are remembered briefly too, so a flood of bad keys does not reach the database.
  const keys = new LRUCache<string, string>({ max: 50_000, ttl: ttlMs });
  store.onInvalidate((tenantId) => {
    snapshots.delete(tenantId);
    for (const [key, id] of keys.entries()) if (id === tenantId) keys.delete(key);
  });

  const byId = async (tenantId: string): Promise<TenantSnapshot | undefined> => {
    const cached = snapshots.get(tenantId);
    if (cached) return cached;
    let snapshot = await store.get(tenantId);
    if (!snapshot) {
      snapshot = await loadTenantSnapshot(db, tenantId);
      if (!snapshot) return undefined;
      await store.set(tenantId, snapshot);
    }
    snapshots.set(tenantId, snapshot);
    return snapshot;
  };

  return {
    async byPublishableKey(key) {
      let tenantId = keys.get(key);
      if (tenantId === undefined) {
        const row = await db.withoutTenant((tx) => tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'publishable_key' AND value = $1", [key]));
        tenantId = row?.tenant_id ?? NO_TENANT;
        keys.set(key, tenantId, tenantId === NO_TENANT ? { ttl: 10_000 } : undefined);
      }
      const snapshot = tenantId === NO_TENANT ? undefined : await byId(tenantId);
      if (!snapshot) throw new UnknownKeyError();
      return snapshot;
    },
    byId,
    async invalidate(tenantId) {
      snapshots.delete(tenantId);
      await store.invalidate(tenantId);
    },
  };
}
