// The outbox worker: leases due messages across tenants (outbox_claim, FOR
// UPDATE SKIP LOCKED, so any number of workers on any number of machines
// share the work without taking the same message), delivers each with the
// handler of its kind, and records the outcome in the message's tenant scope.
//
// At-least-once, made exactly-once for the receiver by dedupe keys: a worker
// that dies after delivering but before recording leaves the lease to expire,
// and the next worker delivers the same message again under the same identity
// (Message-ID, webhook-id). See docs/decisions/0016-outbox.md.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import type { DeliveryOutcome, OutboxHandler, OutboxKind, OutboxMessage } from './outbox-message.types.ts';
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt, type RetrySchedule } from './retry-schedule.ts';

/** Error texts (an SMTP server's refusal names the recipient) without email addresses, for logs: no personal data there. */
export function withoutAddresses(text: string): string {
  return text.replace(/[^\s<>()"',;:]+@[^\s<>()"',;:]+/g, '[address]');
}

/** How much of an answer the delivery log keeps. */
export const RESPONSE_LOG_CHARS = 2048;

export interface OutboxWorkerOptions {
  db: Database;
  logger: Logger;
  handlers: Record<OutboxKind, OutboxHandler>;
  /** How long a claimed message is this worker's before another may take it; must outlast one delivery (webhooks: 15 s). */
  leaseMs?: number;
  /** Messages claimed at once per loop. */
  batchSize?: number;
  /** Loops claiming in parallel. */
  concurrency?: number;
  /** Wait between claims that found nothing due. */
  pollMs?: number;
  retry?: RetrySchedule;
  /** The worker's clock (retry times, outcomes); given, it also judges due times and leases instead of the database's. */
  now?: () => Date;
  random?: () => number;
}

export interface OutboxWorker {
  readonly id: string;
  /** Claims and delivers until stop(). */
  start(): void;
  /** One claim-and-deliver round; answers how many messages it handled (tests, and the loop). */
  runOnce(): Promise<number>;
  /** Finishes the messages in hand, then stops claiming; resolves when idle or after `timeoutMs`. */
  stop(timeoutMs?: number): Promise<void>;
}

interface MessageRow {
  id: string;
  tenant_id: string;
  kind: OutboxKind;
  topic: string;
  dedupe_key: string;
  parent_id: string | null;
  payload: Record<string, unknown>;
  attempts: number;
  created_at: Date;
  retry_from: Date;
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const { db, logger, handlers } = options;
  const leaseMs = options.leaseMs ?? 60_000;
  const batchSize = options.batchSize ?? 10;
  const concurrency = options.concurrency ?? 2;
  const pollMs = options.pollMs ?? 500;
  const retry = options.retry ?? DEFAULT_RETRY_SCHEDULE;
  const now = options.now ?? (() => new Date());
  // Leases are judged by the database's clock unless a test brings its own.
  const claimClock = (): Date | null => (options.now ? options.now() : null);
  const random = options.random ?? Math.random;
  const id = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const log = logger.child({ worker: id });

  let running = false;
  let loops: Promise<void>[] = [];
  const sleepers = new Set<() => void>();

  const claim = async (): Promise<Array<{ id: string; tenant_id: string }>> =>
    db.withoutTenant((tx) => tx.rows<{ id: string; tenant_id: string }>('SELECT id, tenant_id FROM outbox_claim($1, $2, $3, $4)', [id, batchSize, leaseMs, claimClock()]));

  /** The claimed messages, read in each tenant's scope (one transaction per tenant). */
  const read = async (claimed: Array<{ id: string; tenant_id: string }>): Promise<OutboxMessage[]> => {
    const byTenant = new Map<string, string[]>();
    for (const row of claimed) byTenant.set(row.tenant_id, [...(byTenant.get(row.tenant_id) ?? []), row.id]);
    const messages: OutboxMessage[] = [];
    for (const [tenantId, ids] of byTenant) {
      const rows = await db.withTenant(tenantId, (tx) =>
        tx.rows<MessageRow>(
          `SELECT id, tenant_id, kind, topic, dedupe_key, parent_id, payload, attempts, created_at, COALESCE(retry_from, created_at) AS retry_from
             FROM outbox WHERE id = ANY($1) AND locked_by = $2`,
          [ids, id],
        ),
      );
      for (const row of rows) {
        messages.push({
          id: row.id,
          tenantId: row.tenant_id,
          kind: row.kind,
          topic: row.topic,
          dedupeKey: row.dedupe_key,
          parentId: row.parent_id,
          payload: row.payload,
          attempt: row.attempts,
          createdAt: new Date(row.created_at),
          retryFrom: new Date(row.retry_from),
        });
      }
    }
    return messages;
  };

  /** Records the outcome, if the lease is still ours (else another worker has the message now, under the same identity). */
  const record = async (message: OutboxMessage, outcome: DeliveryOutcome): Promise<void> => {
    const at = now();
    let status: string = outcome.status;
    let runAt: Date | null = null;
    if (outcome.status === 'retry') {
      runAt = nextAttemptAt(retry, message.attempt, message.retryFrom, at, random);
      if (runAt === null) status = 'failed';
      else status = 'pending';
    }
    const error = outcome.status === 'delivered' ? null : outcome.error.slice(0, 2000);
    await db.withTenant(message.tenantId, async (tx) => {
      const log = outcome.attempt;
      if (log) {
        // The attempt happened, whoever holds the lease now: it is logged either way.
        await tx.exec(
          `INSERT INTO delivery_attempts (tenant_id, message_id, attempt, target, attempted_at, duration_ms, ok, status_code, error, response)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [message.tenantId, message.id, message.attempt, log.target.slice(0, 2000), log.startedAt, Math.round(log.durationMs), outcome.status === 'delivered', log.statusCode, error, log.response?.slice(0, RESPONSE_LOG_CHARS) ?? null],
        );
      }
      await tx.exec(
        `UPDATE outbox SET status = $3, run_at = COALESCE($4, run_at), last_error = $5,
                delivered_at = CASE WHEN $3 = 'delivered' THEN $6 ELSE delivered_at END,
                locked_until = NULL, locked_by = NULL
          WHERE id = $1 AND locked_by = $2`,
        [message.id, id, status, runAt, error, at],
      );
    });
    const fields = { messageId: message.id, tenantId: message.tenantId, kind: message.kind, topic: message.topic, attempt: message.attempt };
    if (outcome.status === 'delivered') log.debug(fields, 'outbox message delivered');
    else if (status === 'pending') log.info({ ...fields, error: withoutAddresses(outcome.error), nextAttemptAt: runAt }, 'outbox delivery failed; will retry');
    else log.warn({ ...fields, status, error: withoutAddresses(outcome.error) }, 'outbox message not delivered');
  };

  const deliver = async (message: OutboxMessage): Promise<void> => {
    let outcome: DeliveryOutcome;
    try {
      outcome = await handlers[message.kind](message);
    } catch (error) {
      outcome = { status: 'retry', error: (error as Error).message || String(error) };
    }
    await record(message, outcome);
  };

  const runOnce = async (): Promise<number> => {
    const claimed = await claim();
    if (claimed.length === 0) return 0;
    const messages = await read(claimed);
    await Promise.all(messages.map((message) => deliver(message).catch((error: unknown) => log.error({ err: error, messageId: message.id }, 'could not record an outbox outcome'))));
    return claimed.length;
  };

  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      sleepers.add(wake);
    });

  const loop = async (): Promise<void> => {
    let failures = 0;
    while (running) {
      try {
        const handled = await runOnce();
        failures = 0;
        if (handled < batchSize && running) await sleep(pollMs);
      } catch (error) {
        // The database is away: back off (up to 30 s) and try again; leases keep every message safe meanwhile.
        failures += 1;
        log.error({ err: error }, 'outbox worker could not claim messages');
        if (running) await sleep(Math.min(30_000, pollMs * 2 ** failures));
      }
    }
  };

  return {
    id,
    start() {
      if (running) return;
      running = true;
      loops = Array.from({ length: concurrency }, () => loop());
      log.info({ leaseMs, batchSize, concurrency }, 'outbox worker started');
    },
    runOnce,
    async stop(timeoutMs = 20_000) {
      if (!running) return;
      running = false;
      for (const wake of [...sleepers]) wake();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.all(loops), timeout]);
      clearTimeout(timer);
      log.info('outbox worker stopped');
    },
  };
}
