// Submitting a quote from the widget: price it with the engine, number it
// without gaps, store it with its pricing result and version, and answer the
// same way for a retried request (Idempotency-Key) — all in one transaction.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import type { ErrorDetail } from '../errors.ts';
import { InvalidFieldError, type CompiledService, type PricingResult } from '../pricing/index.ts';
import type { TenantService, TenantSnapshot } from '../tenants/tenant-snapshot.ts';
import { localDate, localYear } from '../time.ts';
import { IdempotencyKeyReusedError } from './errors.ts';

export interface QuoteSubmission {
  fields: Record<string, unknown>;
  discountCode?: string | null | undefined;
  description?: string | null | undefined;
  contact: { name: string; email: string; phone?: string | null | undefined };
}

export interface SubmittedQuote {
  id: string;
  number: string;
  status: 'sent';
  total: number;
  currency: string;
  url: string;
}

export interface SubmitResult {
  status: number;
  body: SubmittedQuote;
  /** True when this answers an earlier request with the same Idempotency-Key. */
  replayed: boolean;
}

export interface SubmitQuoteDeps {
  db: Database;
  publicUrl: string;
  now?: () => Date;
}

/** A stable hash of what makes two requests "the same" for idempotency. */
export function requestHash(serviceKey: string, submission: QuoteSubmission): string {
  return createHash('sha256').update(canonicalJson({ serviceKey, submission })).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of a quote token, as kept in the routing index. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createQuoteSubmitter({ db, publicUrl, now = () => new Date() }: SubmitQuoteDeps) {
  return async function submitQuote(
    tenant: TenantSnapshot,
    service: TenantService,
    compiled: CompiledService,
    submission: QuoteSubmission,
    idempotencyKey: string,
    extraIssues: ErrorDetail[] = [],
  ): Promise<SubmitResult> {
    const { values, issues } = compiled.readFields(submission.fields);
    const allIssues = [...extraIssues, ...(issues ?? [])];
    if (allIssues.length > 0) throw new InvalidFieldError(allIssues);
    const hash = requestHash(service.key, submission);
    const at = now();

    const replay = async (tx: Tx): Promise<SubmitResult> => {
      const prior = await tx.row<{ request_hash: string; status_code: number; response: SubmittedQuote }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE key = $1',
        [idempotencyKey],
      );
      if (!prior || prior.request_hash !== hash) throw new IdempotencyKeyReusedError();
      return { status: prior.status_code, body: prior.response, replayed: true };
    };

    const attempt = () => db.withTenant(tenant.id, async (tx) => {
      const claim = () =>
        tx.row('INSERT INTO idempotency_keys (tenant_id, key, request_hash) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING key', [tenant.id, idempotencyKey, hash]);

      // A code with maxUses is claimed and counted first, under its row lock, so that a
      // replay never uses it up; every other submission claims its key in the one statement below.
      const code = limitedCode(compiled, submission.discountCode);
      let usesSoFar = 0;
      if (code !== null) {
        if (!(await claim())) return replay(tx);
        usesSoFar = await lockDiscountUses(tx, tenant.id, service.id, code);
      }
      const pricing = compiled.price(values, {
        discountCode: submission.discountCode,
        today: localDate(tenant.timezone, at),
        discountUses: code === null ? undefined : { [code]: usesSoFar },
      });
      const discount = pricing.adjustments.find((a) => a.kind === 'discount');
      if (code !== null && discount) {
        await tx.exec('UPDATE discount_code_uses SET uses = uses + 1 WHERE service_id = $1 AND code = $2', [service.id, code]);
      }

      const id = randomUUID();
      const token = randomBytes(24).toString('base64url');
      const answer = { id, number: NUMBER_SLOT, status: 'sent' as const, total: pricing.total, currency: pricing.currency, url: `${publicUrl}/q/${token}` };
      const [answerHead, answerTail] = JSON.stringify(answer).split(JSON.stringify(NUMBER_SLOT)) as [string, string];
      // Without a limited code the key is claimed by the statement's last step (inserting the answer): a
      // concurrent twin then fails on the key's unique index and is answered as a replay (see below).
      const claimStep = code === null ? 'SELECT 1 WHERE NOT EXISTS (SELECT 1 FROM idempotency_keys WHERE key = $23)' : 'SELECT 1';
      const answerStep =
        code === null
          ? `INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response)
             SELECT $1, $23, $24, 201, ($21 || to_json(quote.number)::text || $22)::json FROM quote`
          : `UPDATE idempotency_keys SET status_code = 201, response = ($21 || to_json(quote.number)::text || $22)::json
               FROM quote WHERE idempotency_keys.key = $23 AND idempotency_keys.request_hash = $24`;
      // One statement from the claim to the stored answer: the counter's row lock (which keeps numbers
      // gap-free) is then held for a single round trip before COMMIT, not for the whole transaction.
      const stored = await tx.row<{ number: string }>(
        `WITH claim AS (
           ${claimStep}
         ), counter AS (
           INSERT INTO quote_counters (tenant_id, year, last_value) SELECT $1, $2, 1 FROM claim
           ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = quote_counters.last_value + 1
           RETURNING last_value
         ), quote AS (
           INSERT INTO quotes (id, tenant_id, number, service_id, service_key, pricing_version, fields, pricing, total, currency, discount_code,
                               status, contact_name, contact_email, contact_phone, description, consent_at, token, expires_at, created_at, updated_at)
           SELECT $3, $1, 'Q-' || $2 || '-' || lpad(last_value::text, greatest(6, length(last_value::text)), '0'),
                  $4, $5, $6, $7, $8, $9, $10, $11, 'sent', $12, $13, $14, $15, $16, $17, $18, $16, $16
             FROM counter
           RETURNING id, number
         ), ref AS (
           INSERT INTO tenant_refs (kind, value, tenant_id, target_id) SELECT 'quote_token', $19, $1, id FROM quote
         ), event AS (
           INSERT INTO events (tenant_id, type, service_key, quote_id, data, occurred_at) SELECT $1, 'quote_submitted', $5, id, $20, $16 FROM quote
         ), outboxed AS (
           -- The notifications' outbox row (outbox/enqueue.ts quoteEvent): committed with the quote or not at all.
           INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, run_at, created_at)
           SELECT $1, 'event', 'quote.created', 'quote.created:' || id, jsonb_build_object('quoteId', id), $16, $16 FROM quote
         ), answered AS (
           ${answerStep}
         )
         SELECT number FROM quote`,
        [
          tenant.id, localYear(tenant.timezone, at), id, service.id, service.key, service.version, JSON.stringify(values), JSON.stringify(pricing),
          pricing.total, pricing.currency, discount ? discount.id : null, submission.contact.name, submission.contact.email,
          submission.contact.phone ?? null, submission.description ?? null, at, token, new Date(at.getTime() + tenant.quoteExpiryDays * 86_400_000),
          tokenHash(token), JSON.stringify(submittedEventData(pricing)), answerHead, answerTail, idempotencyKey, hash,
        ],
        code === null ? 'submit-quote' : 'submit-quote-limited-code',
      );
      if (!stored) return replay(tx);
      const body: SubmittedQuote = { ...answer, number: stored.number };
      return { status: 201, body, replayed: false };
    });

    try {
      return await attempt();
    } catch (error) {
      // A twin with the same key committed first: our transaction rolled back (its number with it); answer as a replay.
      if ((error as { code?: string; constraint?: string }).constraint !== 'idempotency_keys_pkey') throw error;
      return db.withTenant(tenant.id, replay);
    }
  };
}

/** How often a code with maxUses was used by submitted quotes, for estimates: `{ CODE: uses }`, or undefined when there is nothing to count. */
export function createDiscountUsage(db: Database) {
  return async (tenant: TenantSnapshot, service: TenantService, compiled: CompiledService, typed: string | null | undefined): Promise<Record<string, number> | undefined> => {
    const code = limitedCode(compiled, typed);
    if (code === null) return undefined;
    const row = await db.withTenant(tenant.id, (tx) =>
      tx.row<{ uses: number }>('SELECT uses FROM discount_code_uses WHERE service_id = $1 AND code = $2', [service.id, code]),
    );
    return { [code]: row?.uses ?? 0 };
  };
}

/** The configured code the visitor typed (upper case) when it has maxUses to count, else null. */
export function limitedCode(compiled: CompiledService, typed: string | null | undefined): string | null {
  if (!typed) return null;
  const wanted = typed.trim().toUpperCase();
  const code = compiled.config.pricing.discountCodes?.find((d) => d.code.toUpperCase() === wanted);
  return code?.maxUses !== undefined ? wanted : null;
}

/** Stands in for the quote number, which the database assigns, while the answer's JSON is laid out. */
const NUMBER_SLOT = '\u0000number\u0000';

/** Locks the code's use counter for this transaction (so maxUses holds under concurrency) and answers uses so far. */
async function lockDiscountUses(tx: Tx, tenantId: string, serviceId: string, code: string): Promise<number> {
  const row = await tx.row<{ uses: number }>(
    `INSERT INTO discount_code_uses (tenant_id, service_id, code, uses) VALUES ($1, $2, $3, 0)
     ON CONFLICT (tenant_id, service_id, code) DO UPDATE SET uses = discount_code_uses.uses
     RETURNING uses`,
    [tenantId, serviceId, code],
  );
  return row?.uses ?? 0;
}

function submittedEventData(pricing: PricingResult): Record<string, unknown> {
  return { total: pricing.total, currency: pricing.currency, pricingVersion: pricing.pricingVersion };
}
