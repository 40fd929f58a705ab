// High-volume analytics events (config loaded, estimate computed) are
// buffered and written in batches, one transaction per tenant, so the
// estimate path never waits on the database. Quote events are written in the
// quote's own transaction instead (see quotes/). A crash loses at most one
// interval of these counters: docs/decisions/0007-tenant-isolation-and-data.md.
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';

export type BufferedEventType = 'config_loaded' | 'estimate_computed';

interface PendingEvent {
  tenantId: string;
  type: BufferedEventType;
  serviceKey: string | null;
  data: Record<string, unknown>;
  at: Date;
}

export interface EventBuffer {
  record(tenantId: string, type: BufferedEventType, serviceKey?: string | null, data?: Record<string, unknown>): void;
  /** Writes everything recorded so far. */
  flush(): Promise<void>;
  /** Stops the timer and flushes. */
  close(): Promise<void>;
}

export function createEventBuffer({ db, logger, intervalMs = 1000, maxPending = 10_000 }: { db: Database; logger: Logger; intervalMs?: number; maxPending?: number }): EventBuffer {
  let pending: PendingEvent[] = [];
  let flushing: Promise<void> = Promise.resolve();

  const write = async (batch: PendingEvent[]): Promise<void> => {
    const byTenant = new Map<string, PendingEvent[]>();
    for (const event of batch) {
      const list = byTenant.get(event.tenantId) ?? [];
      list.push(event);
      byTenant.set(event.tenantId, list);
    }
    for (const [tenantId, events] of byTenant) {
      // Arrays, not a VALUES list: five parameters however many rows (cheap to parse and plan, no parameter limit).
      const column = <T>(pick: (event: PendingEvent) => T): T[] => events.map(pick);
      try {
        await db.withTenant(tenantId, (tx) =>
          tx.exec(
            `INSERT INTO events (tenant_id, type, service_key, data, occurred_at)
             SELECT $1, type, service_key, data::json, occurred_at FROM unnest($2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS e(type, service_key, data, occurred_at)`,
            [tenantId, column((e) => e.type), column((e) => e.serviceKey), column((e) => JSON.stringify(e.data)), column((e) => e.at)],
          ),
        );
      } catch (error) {
        logger.warn({ err: error, tenantId, dropped: events.length }, 'analytics events could not be written');
      }
    }
  };

  const flush = (): Promise<void> => {
    const batch = pending;
    pending = [];
    flushing = flushing.then(() => (batch.length > 0 ? write(batch) : undefined));
    return flushing;
  };

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    record(tenantId, type, serviceKey = null, data = {}) {
      pending.push({ tenantId, type, serviceKey, data, at: new Date() });
      if (pending.length >= maxPending) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
