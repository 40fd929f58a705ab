// The tenant's quote inbox on the admin API: list with filters, search and
// cursor pagination; read one in full. Everything in the tenant's scope.
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { enqueue, quoteEvent, quoteResendEvent } from '../outbox/enqueue.ts';
import { compileService, UnknownServiceError, type PricingResult, type ServiceConfig } from '../pricing/index.ts';
import type { QuoteStatus } from '../quotes/quote-links.ts';
import { tokenHash } from '../quotes/submit-quote.ts';
import { newQuoteToken } from '../quotes/quote-token.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import { localDate } from '../time.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { QuoteClosedForChangeError, QuoteStatusChangeError } from './errors.ts';

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
  /** 1 for a submitted quote; n for its (n-1)th revision. */
  revision: number;
  /** The quote this one revises. */
  revisionOf: string | null;
  /** The revision that replaced this quote (which then cannot be accepted). */
  supersededBy: string | null;
}

export interface RevisionRequest {
  /** New field values (all of them); default: the quote's own. */
  fields?: Record<string, unknown> | undefined;
  /** A discount code; default: the one the quote has; null: none. */
  discountCode?: string | null | undefined;
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

const OPEN: ReadonlySet<QuoteStatus> = new Set(['sent', 'viewed']);

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
  /** Queues the visitor's quote email again; undefined when there is no such quote. */
  resend(actor: Actor, meta: RequestMeta, id: string): Promise<{ quoteId: string; to: string; status: 'queued' } | undefined>;
  /** A new revision, re-priced; the old quote can no longer be accepted. Undefined when there is no such quote. */
  revise(actor: Actor, meta: RequestMeta, id: string, request: RevisionRequest): Promise<QuoteDetail | undefined>;
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
          notes: string | null; revision: number; revision_of: string | null; superseded_by: string | null;
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
        revision: row.revision,
        revisionOf: row.revision_of,
        supersededBy: row.superseded_by,
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
          if (patch.status === 'accepted' || patch.status === 'declined') {
            // A decision taken by phone or in person is told like one taken on the quote page (decision 0019):
            // the visitor's confirmation, the business's notice, the webhooks; and it counts in analytics.
            const at = new Date();
            await tx.exec('INSERT INTO events (tenant_id, type, service_key, quote_id, occurred_at) SELECT tenant_id, $2, service_key, id, $3 FROM quotes WHERE id = $1', [id, `quote_${patch.status}`, at]);
            await enqueue(tx, [quoteEvent(actor.tenantId, id, patch.status === 'accepted' ? 'quote.accepted' : 'quote.declined', at)]);
          }
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

    async resend(actor, meta, id) {
      if (!UUID.test(id)) return undefined;
      return db.withTenant(actor.tenantId, async (tx) => {
        const quote = await tx.row<{ status: QuoteStatus; contact_email: string; expires_at: Date; superseded_by: string | null }>('SELECT status, contact_email, expires_at, superseded_by FROM quotes WHERE id = $1 FOR UPDATE', [id]);
        if (!quote) return undefined;
        if (!OPEN.has(quote.status) || quote.expires_at.getTime() <= Date.now()) {
          throw new QuoteClosedForChangeError(`This quote is ${quote.superseded_by ? 'replaced by a revision' : OPEN.has(quote.status) ? 'expired' : quote.status}: its link can no longer be used, so it is not sent again.${quote.superseded_by ? ' Resend the revision.' : ''}`);
        }
        // A dedupe key of its own each time: every resend is one more email (rendered and sent by the worker).
        await enqueue(tx, [quoteResendEvent(actor.tenantId, id, new Date())]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'quote.resent', targetType: 'quote', targetId: id, after: { to: quote.contact_email } });
        return { quoteId: id, to: quote.contact_email, status: 'queued' as const };
      });
    },

    async revise(actor, meta, id, request) {
      if (!UUID.test(id)) return undefined;
      const revisedId = await db.withTenant(actor.tenantId, async (tx) => {
        const old = await tx.row<{
          id: string; number: string; status: QuoteStatus; service_key: string; fields: Record<string, unknown>; discount_code: string | null; total: string;
          contact_name: string; contact_email: string; contact_phone: string | null; description: string | null; consent_at: Date; notes: string | null;
          revision: number; superseded_by: string | null;
        }>(
          `SELECT id, number, status, service_key, fields, discount_code, total, contact_name, contact_email, contact_phone, description, consent_at, notes, revision, superseded_by
             FROM quotes WHERE id = $1 FOR UPDATE`,
          [id],
        );
        if (!old) return undefined;
        if (old.superseded_by) throw new QuoteClosedForChangeError('This quote was revised already: revise its latest revision.');
        if (old.status === 'accepted' || old.status === 'declined') throw new QuoteClosedForChangeError(`A ${old.status} quote cannot be revised; it stays as the visitor decided.`);
        const service = await tx.row<{ id: string; current_version: number; config: ServiceConfig; deleted_at: Date | null }>(
          'SELECT s.id, s.current_version, v.config, s.deleted_at FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version WHERE s.key = $1',
          [old.service_key],
        );
        if (!service || service.deleted_at) throw new UnknownServiceError(old.service_key);
        const tenant = await tx.row<{ timezone: string; settings: TenantSettings }>('SELECT timezone, settings FROM tenants WHERE id = $1', [actor.tenantId]);
        const at = new Date();
        const fields = request.fields ?? old.fields;
        const code = request.discountCode === undefined ? old.discount_code : request.discountCode;
        // Priced by the engine at the service's current version, on the tenant's today (a code keeps its use: no use is counted again).
        const pricing: PricingResult = compileService(service.config, service.current_version).price(fields, { discountCode: code ?? undefined, today: localDate(tenant?.timezone, at) });
        const discount = pricing.adjustments.find((a) => a.kind === 'discount');
        const newId = randomUUID();
        const token = newQuoteToken();
        const revision = old.revision + 1;
        const number = `${old.number.replace(/-R\d+$/, '')}-R${revision}`;
        const expiresAt = new Date(at.getTime() + (tenant?.settings.quoteExpiryDays ?? 30) * 86_400_000);
        await tx.exec(
          `INSERT INTO quotes (id, tenant_id, number, service_id, service_key, pricing_version, fields, pricing, total, currency, discount_code, status,
                               contact_name, contact_email, contact_phone, description, consent_at, token, expires_at, created_at, updated_at, notes, revision, revision_of)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'sent', $12, $13, $14, $15, $16, $17, $18, $19, $19, $20, $21, $22)`,
          [
            newId, actor.tenantId, number, service.id, old.service_key, service.current_version, JSON.stringify(fields), JSON.stringify(pricing), pricing.total, pricing.currency,
            discount ? discount.id : null, old.contact_name, old.contact_email, old.contact_phone, old.description, old.consent_at, token, expiresAt, at, old.notes, revision, old.id,
          ],
        );
        await tx.exec("INSERT INTO tenant_refs (kind, value, tenant_id, target_id) VALUES ('quote_token', $1, $2, $3)", [tokenHash(token), actor.tenantId, newId]);
        // The old link stays readable but can no longer be accepted or declined.
        await tx.exec(
          `UPDATE quotes SET superseded_by = $2, status = CASE WHEN status IN ('sent', 'viewed') THEN 'expired' ELSE status END,
                  expires_at = LEAST(expires_at, $3), updated_at = $3 WHERE id = $1`,
          [old.id, newId, at],
        );
        await tx.exec("INSERT INTO events (tenant_id, type, service_key, quote_id, data, occurred_at) VALUES ($1, 'quote_submitted', $2, $3, $4, $5)", [
          actor.tenantId, old.service_key, newId, JSON.stringify({ total: pricing.total, currency: pricing.currency, pricingVersion: pricing.pricingVersion, revisionOf: old.id }), at,
        ]);
        // The visitor gets the new quote (its new link), the business its alert, webhooks quote.created.
        await enqueue(tx, [quoteEvent(actor.tenantId, newId, 'quote.created', at)]);
        await recordAudit(tx, actor.tenantId, actor, meta, {
          action: 'quote.revised',
          targetType: 'quote',
          targetId: old.id,
          before: { id: old.id, number: old.number, status: old.status, total: Number(old.total) },
          after: { id: newId, number, status: 'sent', total: pricing.total, pricingVersion: service.current_version, fields, discountCode: discount ? discount.id : null },
        });
        return newId;
      });
      return revisedId === undefined ? undefined : this.get(actor.tenantId, revisedId);
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
