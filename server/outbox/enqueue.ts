// Writing to the outbox, always inside the transaction of the change that
// causes the message: it commits with the change or not at all.
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/database.ts';
import type { OutboxKind } from './outbox-message.types.ts';

/** The quote events tenants hear about (webhook event types; email notices follow from them). */
export const QUOTE_EVENT_TYPES = ['quote.created', 'quote.viewed', 'quote.accepted', 'quote.declined'] as const;
export type QuoteEventType = (typeof QUOTE_EVENT_TYPES)[number];

export interface OutboxEntry {
  tenantId: string;
  kind: OutboxKind;
  topic: string;
  /** One message per key and tenant: writing the same key again adds nothing. */
  dedupeKey: string;
  payload: Record<string, unknown>;
  at: Date;
  parentId?: string | null | undefined;
}

/** Adds messages to the outbox in `tx`; answers how many were new. */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  return tx.exec(
    `INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, parent_id, run_at, created_at)
     SELECT e.tenant_id, e.kind, e.topic, e.dedupe_key, e.payload, e.parent_id, e.at, e.at
       FROM jsonb_to_recordset($1::jsonb) AS e(tenant_id uuid, kind text, topic text, dedupe_key text, payload jsonb, parent_id uuid, at timestamptz)
     ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`,
    [JSON.stringify(entries.map((e) => ({ tenant_id: e.tenantId, kind: e.kind, topic: e.topic, dedupe_key: e.dedupeKey, payload: e.payload, parent_id: e.parentId ?? null, at: e.at })))],
  );
}

/** Not a webhook event type: the team asked for the visitor's quote email again (admin API); fans out to that one email. */
export const QUOTE_RESENT = 'quote.resent';

/** The event row of a resend: a dedupe key of its own each time, so every resend is a new email. */
export function quoteResendEvent(tenantId: string, quoteId: string, at: Date): OutboxEntry {
  return { tenantId, kind: 'event', topic: QUOTE_RESENT, dedupeKey: `${QUOTE_RESENT}:${quoteId}:${randomUUID()}`, payload: { quoteId }, at };
}

/**
 * The event row for a change of a quote; the worker fans it out into the tenant's emails and webhooks.
 * Quote submission writes the same row from its single statement (quotes/submit-quote.ts, step `outboxed`).
 */
export function quoteEvent(tenantId: string, quoteId: string, type: QuoteEventType, at: Date): OutboxEntry {
  return { tenantId, kind: 'event', topic: type, dedupeKey: `${type}:${quoteId}`, payload: { quoteId }, at };
}
