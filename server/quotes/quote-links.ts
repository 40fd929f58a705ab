// The hosted quote page's data side: find a quote by its unguessable token,
// mark the first view, expire it when its time is up, and record an
// acceptance (typed name, time, IP, user agent) or a decline — each once.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import type { PricingResult } from '../pricing/index.ts';
import { enqueue, quoteEvent, type QuoteEventType } from '../outbox/enqueue.ts';
import { QuoteClosedError } from './errors.ts';
import { tokenHash } from './submit-quote.ts';

export type QuoteStatus = 'sent' | 'viewed' | 'accepted' | 'declined' | 'expired';

export interface StoredQuote {
  id: string;
  tenantId: string;
  number: string;
  status: QuoteStatus;
  serviceKey: string;
  serviceName: string;
  createdAt: Date;
  expiresAt: Date;
  contact: { name: string; email: string; phone: string | null };
  description: string | null;
  pricing: PricingResult;
  decision: { name: string | null; at: Date } | null;
}

export interface Decision {
  name?: string | undefined;
  ip: string;
  userAgent: string;
}

export interface QuoteLinks {
  /** The quote behind a token, after marking its first view (or its expiry); undefined for an unknown token. */
  open(token: string): Promise<StoredQuote | undefined>;
  /** Accepts with a typed name; throws QuoteClosedError when the quote is decided or expired. */
  accept(token: string, decision: Decision & { name: string }): Promise<StoredQuote | undefined>;
  decline(token: string, decision: Decision): Promise<StoredQuote | undefined>;
  /** A CSRF token bound to the quote token. */
  csrfFor(token: string): string;
  checkCsrf(token: string, given: string): boolean;
}

interface QuoteRow {
  id: string;
  tenant_id: string;
  number: string;
  status: QuoteStatus;
  service_key: string;
  service_name: string;
  created_at: Date;
  expires_at: Date;
  contact_name: string;
  contact_email: string;
  contact_phone: string | null;
  description: string | null;
  pricing: PricingResult;
  decision_name: string | null;
  decided_at: Date | null;
}

const SELECT_QUOTE = `
  SELECT q.id, q.tenant_id, q.number, q.status, q.service_key, COALESCE(v.config->>'name', q.service_key) AS service_name,
         q.created_at, q.expires_at, q.contact_name, q.contact_email, q.contact_phone, q.description, q.pricing,
         q.decision_name, q.decided_at
    FROM quotes q LEFT JOIN service_versions v ON v.service_id = q.service_id AND v.version = q.pricing_version
   WHERE q.id = $1`;

function toQuote(row: QuoteRow): StoredQuote {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    number: row.number,
    status: row.status,
    serviceKey: row.service_key,
    serviceName: row.service_name,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    description: row.description,
    pricing: row.pricing,
    decision: row.decided_at ? { name: row.decision_name, at: new Date(row.decided_at) } : null,
  };
}

const OUTBOX_TYPE: Record<'quote_viewed' | 'quote_accepted' | 'quote_declined', QuoteEventType> = {
  quote_viewed: 'quote.viewed',
  quote_accepted: 'quote.accepted',
  quote_declined: 'quote.declined',
};

const OPEN: ReadonlySet<QuoteStatus> = new Set(['sent', 'viewed']);

export function createQuoteLinks({ db, secret, now = () => new Date() }: { db: Database; secret: string; now?: () => Date }): QuoteLinks {
  /** Runs `work` on the quote behind `token`, locked, in its tenant's scope. */
  const withQuote = async <T>(token: string, work: (tx: Tx, quote: StoredQuote) => Promise<T>): Promise<T | undefined> => {
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return undefined;
    const ref = await db.withoutTenant((tx) =>
      tx.row<{ tenant_id: string; target_id: string }>("SELECT tenant_id, target_id FROM tenant_refs WHERE kind = 'quote_token' AND value = $1", [tokenHash(token)]),
    );
    if (!ref) return undefined;
    return db.withTenant(ref.tenant_id, async (tx) => {
      await tx.exec('SELECT 1 FROM quotes WHERE id = $1 FOR UPDATE', [ref.target_id]);
      const row = await tx.row<QuoteRow>(SELECT_QUOTE, [ref.target_id]);
      if (!row) return undefined;
      let quote = toQuote(row);
      const at = now();
      if (OPEN.has(quote.status) && quote.expiresAt.getTime() <= at.getTime()) {
        await tx.exec("UPDATE quotes SET status = 'expired', updated_at = $2 WHERE id = $1", [quote.id, at]);
        quote = { ...quote, status: 'expired' };
      }
      return work(tx, quote);
    });
  };

  const event = async (tx: Tx, quote: StoredQuote, type: 'quote_viewed' | 'quote_accepted' | 'quote_declined', at: Date) => {
    await tx.exec('INSERT INTO events (tenant_id, type, service_key, quote_id, occurred_at) VALUES ($1, $2, $3, $4, $5)', [quote.tenantId, type, quote.serviceKey, quote.id, at]);
    // The tenant's notifications (emails, webhooks), in the same transaction as the change.
    await enqueue(tx, [quoteEvent(quote.tenantId, quote.id, OUTBOX_TYPE[type], at)]);
  };

  const decide = (token: string, status: 'accepted' | 'declined', decision: Decision) =>
    withQuote(token, async (tx, quote) => {
      if (!OPEN.has(quote.status)) throw new QuoteClosedError(quote.status);
      const at = now();
      await tx.exec(
        `UPDATE quotes SET status = $2, decided_at = $3, decision_name = $4, decision_ip = $5, decision_user_agent = $6, updated_at = $3 WHERE id = $1`,
        [quote.id, status, at, decision.name ?? null, decision.ip || null, decision.userAgent.slice(0, 500)],
      );
      await event(tx, quote, status === 'accepted' ? 'quote_accepted' : 'quote_declined', at);
      return { ...quote, status, decision: { name: decision.name ?? null, at } };
    });

  const csrfFor = (token: string): string => createHmac('sha256', secret).update(`quote-page:${token}`).digest('base64url');

  return {
    open: (token) =>
      withQuote(token, async (tx, quote) => {
        if (quote.status !== 'sent') return quote;
        const at = now();
        await tx.exec("UPDATE quotes SET status = 'viewed', viewed_at = $2, updated_at = $2 WHERE id = $1", [quote.id, at]);
        await event(tx, quote, 'quote_viewed', at);
        return { ...quote, status: 'viewed' };
      }),
    accept: (token, decision) => decide(token, 'accepted', decision),
    decline: (token, decision) => decide(token, 'declined', decision),
    csrfFor,
    checkCsrf(token, given) {
      const expected = Buffer.from(csrfFor(token));
      const actual = Buffer.from(given);
      return expected.length === actual.length && timingSafeEqual(expected, actual);
    },
  };
}
