// High-volume analytics (widget config loads, estimates) are counted in
// memory per tenant, type, service and minute, and the counters are added to
// event_counts in batches, one statement per tenant, so the estimate path
// never waits on the database and PostgreSQL does not write a row per
// keystroke (migrations/0007-event-counts.ts). Quote events are written in
// the quote's own transaction instead (see quotes/). A crash loses at most one
// interval of these counters: docs/decisions/0007-tenant-isolation-and-data.md.
import type { Logger } from 'pino';
import type { Database } from '../db/database.ts';

export type CountedEventType = 'config_loaded' | 'estimate_computed';

interface Counter {
  tenantId: string;
  type: CountedEventType;
  serviceKey: string | null;
  minute: Date;
  count: number;
  /** Estimates: the sum of their totals, minor units. */
  totalSum: number;
}

export interface EventBuffer {
  /** Counts one event; an estimate's `total` (minor units) is added to its minute's sum. */
  record(tenantId: string, type: CountedEventType, serviceKey?: string | null, total?: number): void;
  /** Writes everything counted so far. */
  flush(): Promise<void>;
  /** Stops the timer and flushes. */
  close(): Promise<void>;
}

const MINUTE_MS = 60_000;

export function createEventBuffer({ db, logger, intervalMs = 1000, maxPending = 10_000 }: { db: Database; logger: Logger; intervalMs?: number; maxPending?: number }): EventBuffer {
  let pending = new Map<string, Counter>();
  let flushing: Promise<void> = Promise.resolve();

  const write = async (batch: Iterable<Counter>): Promise<void> => {
    const byTenant = new Map<string, Counter[]>();
    for (const counter of batch) {
      const list = byTenant.get(counter.tenantId) ?? [];
      list.push(counter);
      byTenant.set(counter.tenantId, list);
    }
    for (const [tenantId, counters] of byTenant) {
      // Arrays, not a VALUES list: six parameters however many counters (cheap to parse and plan, no parameter limit).
      const column = <T>(pick: (counter: Counter) => T): T[] => counters.map(pick);
      try {
        await db.withTenant(tenantId, (tx) =>
          tx.exec(
            `INSERT INTO event_counts AS c (tenant_id, type, service_key, minute, count, total_sum)
             SELECT $1, type, service_key, minute, count, total_sum
             FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::bigint[], $6::bigint[]) AS e(type, service_key, minute, count, total_sum)
             ON CONFLICT ON CONSTRAINT event_counts_key
             DO UPDATE SET count = c.count + EXCLUDED.count, total_sum = c.total_sum + EXCLUDED.total_sum`,
            [tenantId, column((c) => c.type), column((c) => c.serviceKey), column((c) => c.minute), column((c) => c.count), column((c) => c.totalSum)],
          ),
        );
      } catch (error) {
        logger.warn({ err: error, tenantId, dropped: counters.reduce((sum, c) => sum + c.count, 0) }, 'analytics counters could not be written');
      }
    }
  };

  const flush = (): Promise<void> => {
    const batch = pending;
    pending = new Map();
    flushing = flushing.then(() => (batch.size > 0 ? write(batch.values()) : undefined));
    return flushing;
  };

  const timer = setInterval(() => void flush(), intervalMs);
  timer.unref();

  return {
    record(tenantId, type, serviceKey = null, total = 0) {
      const minute = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
      const key = `${tenantId} ${type} ${serviceKey ?? ''} ${minute}`;
      const counter = pending.get(key);
      if (counter) {
        counter.count += 1;
        counter.totalSum += total;
        return;
      }
      pending.set(key, { tenantId, type, serviceKey, minute: new Date(minute), count: 1, totalSum: total });
      if (pending.size >= maxPending) void flush();
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}
