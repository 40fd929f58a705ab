// The tenant's quote inbox on the admin API: list with filters, search and
// cursor pagination; read one in full. Everything in the tenant's scope.
import type { Database } from '../db/database.ts';
import type { PricingResult } from '../pricing/index.ts';
import type { QuoteStatus } from '../quotes/quote-links.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { QuoteStatusChangeError } from './errors.ts';

export const QUOTE_STATUSES: readonly QuoteStatus[] = ['sent', 'viewed', 'accepted', 'declined', 'expired'];

export interface QuoteFilters {
  status?: QuoteStatus[] | undefined;
  service?: string | undefined;
  /** First day (YYYY-MM-DD, the tenant's time zone) of the creation range. */
  from?: string | undefined;
  /** Last day, inclusive. */
  to?: string | undefined;
  /** Searched in the number, the contact's name and email. */
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export interface QuoteSummary {
  id: string;
  number: string;
  status: QuoteStatus;
  service: string;
  total: number;
  currency: string;
  contact: { name: string; email: string };
  createdAt: string;
  expiresAt: string;
}

export interface QuoteDetail extends Omit<QuoteSummary, 'contact'> {
  pricingVersion: number;
  discountCode: string | null;
  contact: { name: string; email: string; phone: string | null };
  description: string | null;
  fields: Record<string, unknown>;
  pricing: PricingResult;
  url: string;
  updatedAt: string;
  viewedAt: string | null;
  decidedAt: string | null;
  decision: { name: string | null; ip: string | null } | null;
  notes: string | null;
}

export interface QuotePatch {
  /** A decision taken outside the quote page (by phone, in person), or an early expiry. */
  status?: 'accepted' | 'declined' | 'expired' | undefined;
  notes?: string | null | undefined;
}

/** Statuses a team may set, from the ones a quote can be in. */
const SETTABLE_FROM: Record<QuoteStatus, ReadonlySet<string>> = {
  sent: new Set(['accepted', 'declined', 'expired']),
  viewed: new Set(['accepted', 'declined', 'expired']),
  accepted: new Set(),
  declined: new Set(),
  expired: new Set(),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (value: Date | null): string | null => (value === null ? null : value.toISOString());

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export interface AdminQuotes {
  list(tenantId: string, timezone: string, filters: QuoteFilters): Promise<{ data: QuoteSummary[]; nextCursor: string | null }>;
  /** One quote in full; undefined when this tenant has no quote with that id. */
  get(tenantId: string, id: string): Promise<QuoteDetail | undefined>;
  /** Changes the status and/or the notes; undefined when there is no such quote. */
  update(actor: Actor, meta: RequestMeta, id: string, patch: QuotePatch): Promise<QuoteDetail | undefined>;
  /** Every quote matching the filters (at most `limit`), as CSV. */
  csv(tenantId: string, timezone: string, filters: Omit<QuoteFilters, 'cursor'>): Promise<string>;
}

const CSV_COLUMNS = ['number', 'status', 'service', 'total', 'currency', 'contactName', 'contactEmail', 'createdAt', 'expiresAt'] as const;

/** One CSV field (RFC 4180), neutralised against formula injection in spreadsheets. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function createAdminQuotes({ db, publicUrl }: { db: Database; publicUrl: string }): AdminQuotes {
  return {
    async list(tenantId, timezone, filters) {
      const where: string[] = [];
      const bind: unknown[] = [];
      const add = (sql: (n: string) => string, value: unknown): void => {
        bind.push(value);
        where.push(sql(`$${bind.length}`));
      };
      if (filters.status?.length) add((p) => `status = ANY(${p}::text[])`, filters.status);
      if (filters.service) add((p) => `service_key = ${p}`, filters.service);
      if (filters.from || filters.to) bind.push(timezone);
      const tz = `$${bind.length}`;
      if (filters.from) add((p) => `created_at >= (${p}::date)::timestamp AT TIME ZONE ${tz}`, filters.from);
      if (filters.to) add((p) => `created_at < ((${p}::date + 1)::timestamp AT TIME ZONE ${tz})`, filters.to);
      if (filters.q) add((p) => `(number ILIKE ${p} OR contact_name ILIKE ${p} OR contact_email ILIKE ${p})`, likePattern(filters.q));
      if (filters.cursor) {
        const cursor = decodeCursor(filters.cursor);
        bind.push(cursor.at, cursor.id);
        where.push(`(created_at, id) < ($${bind.length - 1}::timestamptz, $${bind.length}::uuid)`);
      }
      bind.push(filters.limit + 1);
      const rows = await db.withTenant(tenantId, (tx) =>
        tx.rows<{ id: string; number: string; status: QuoteStatus; service_key: string; total: string; currency: string; contact_name: string; contact_email: string; created_at: Date; expires_at: Date; cursor_at: string }>(
          `SELECT id, number, status, service_key, total, currency, contact_name, contact_email, created_at, expires_at, to_json(created_at) #>> '{}' AS cursor_at
             FROM quotes ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
            ORDER BY created_at DESC, id DESC LIMIT $${bind.length}`,
          bind,
        ),
      );
      const page = rows.slice(0, filters.limit);
      const last = page.at(-1);
      return {
        data: page.map((row) => ({
          id: row.id,
          number: row.number,
          status: row.status,
          service: row.service_key,
          total: Number(row.total),
          currency: row.currency.trim(),
          contact: { name: row.contact_name, email: row.contact_email },
          createdAt: row.created_at.toISOString(),
          expiresAt: row.expires_at.toISOString(),
        })),
        nextCursor: rows.length > filters.limit && last ? encodeCursor({ at: last.cursor_at, id: last.id }) : null,
      };
    },

    async get(tenantId, id) {
      if (!UUID.test(id)) return undefined;
      const row = await db.withTenant(tenantId, (tx) =>
        tx.row<{
          id: string; number: string; status: QuoteStatus; service_key: string; pricing_version: number; total: string; currency: string; discount_code: string | null;
          contact_name: string; contact_email: string; contact_phone: string | null; description: string | null; fields: Record<string, unknown>; pricing: PricingResult;
          token: string; created_at: Date; updated_at: Date; expires_at: Date; viewed_at: Date | null; decided_at: Date | null; decision_name: string | null; decision_ip: string | null;
          notes: string | null;
        }>('SELECT * FROM quotes WHERE id = $1', [id]),
      );
      if (!row) return undefined;
      return {
        id: row.id,
        number: row.number,
        status: row.status,
        service: row.service_key,
        pricingVersion: row.pricing_version,
        total: Number(row.total),
        currency: row.currency.trim(),
        discountCode: row.discount_code,
        contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
        description: row.description,
        fields: row.fields,
        pricing: row.pricing,
        url: `${publicUrl}/q/${row.token}`,
        createdAt: row.created_at.toISOString(),
        updatedAt: row.updated_at.toISOString(),
        expiresAt: row.expires_at.toISOString(),
        viewedAt: iso(row.viewed_at),
        decidedAt: iso(row.decided_at),
        decision: row.decided_at === null ? null : { name: row.decision_name, ip: row.decision_ip },
        notes: row.notes,
      };
    },

    async update(actor, meta, id, patch) {
      if (!UUID.test(id)) return undefined;
      const changed = await db.withTenant(actor.tenantId, async (tx) => {
        const before = await tx.row<{ status: QuoteStatus; notes: string | null }>('SELECT status, notes FROM quotes WHERE id = $1 FOR UPDATE', [id]);
        if (!before) return false;
        if (patch.status !== undefined && patch.status !== before.status) {
          if (!SETTABLE_FROM[before.status].has(patch.status)) throw new QuoteStatusChangeError(before.status, patch.status);
          const decided = patch.status === 'accepted' || patch.status === 'declined';
          await tx.exec(`UPDATE quotes SET status = $2, ${decided ? 'decided_at = now(), ' : ''}updated_at = now() WHERE id = $1`, [id, patch.status]);
        }
        if (patch.notes !== undefined) await tx.exec('UPDATE quotes SET notes = $2, updated_at = now() WHERE id = $1', [id, patch.notes]);
        await recordAudit(tx, actor.tenantId, actor, meta, {
          action: 'quote.updated',
          targetType: 'quote',
          targetId: id,
          before: Object.fromEntries(Object.keys(patch).map((key) => [key, before[key as keyof typeof before]])),
          after: patch,
        });
        return true;
      });
      return changed ? this.get(actor.tenantId, id) : undefined;
    },

    async csv(tenantId, timezone, filters) {
      const lines = [CSV_COLUMNS.join(',')];
      let cursor: string | null | undefined;
      do {
        const page = await this.list(tenantId, timezone, { ...filters, limit: Math.min(100, filters.limit - (lines.length - 1)), cursor: cursor ?? undefined });
        for (const q of page.data) lines.push([q.number, q.status, q.service, q.total, q.currency, q.contact.name, q.contact.email, q.createdAt, q.expiresAt].map(csvField).join(','));
        cursor = page.nextCursor;
      } while (cursor && lines.length - 1 < filters.limit);
      return `${lines.join('\r\n')}\r\n`;
    },
  };
}
