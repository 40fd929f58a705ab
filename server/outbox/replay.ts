// Manual replay (the admin API's POST /v1/admin/webhooks/{id}/deliveries/{messageId}/replay):
// the message goes back to the queue as it is — same id, so the same
// webhook-id or Message-ID, and receivers that already have it can tell —
// with a fresh retry window.
import type { Database, Tx } from '../db/database.ts';

/** In `tx`: queues a delivered, failed or cancelled message again; false when there is no such message (or it is queued already). */
export async function replayMessageIn(tx: Tx, messageId: string, now: Date = new Date()): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(messageId)) return false;
  const touched = await tx.exec(
    `UPDATE outbox SET status = 'pending', run_at = $2, retry_from = $2, last_error = NULL, locked_until = NULL, locked_by = NULL
      WHERE id = $1 AND kind IN ('email', 'webhook') AND status <> 'pending'`,
    [messageId, now],
  );
  return touched > 0;
}

/** Queues a delivered, failed or cancelled message again; false when there is no such message (or it is queued already). */
export async function replayMessage(db: Database, tenantId: string, messageId: string, now: Date = new Date()): Promise<boolean> {
  return db.withTenant(tenantId, (tx) => replayMessageIn(tx, messageId, now));
}
