// Submitting a quote from the widget: price it with the engine, number it
// without gaps, store it with its pricing result and version, and answer the
// same way for a retried request (Idempotency-Key). A tenant's concurrent
// submissions are numbered and stored together, one transaction per batch
// (group commit), because its counter lets only one transaction at a time through.
import { createHash, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import { createGroupCommit, type Outcome } from '../db/group-commit.ts';
import type { ErrorDetail } from '../errors.ts';
import { InvalidFieldError, type CompiledService, type PricingResult } from '../pricing/index.ts';
import type { TenantService, TenantSnapshot } from '../tenants/tenant-snapshot.ts';
import { localDate, yearOf } from '../time.ts';
import { IdempotencyKeyReusedError } from './errors.ts';
import { newQuoteToken } from './quote-token.ts';

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
  /** Most submissions of one tenant written by one transaction (group commit). */
  maxBatch?: number;
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

export function createQuoteSubmitter({ db, publicUrl, now = () => new Date(), maxBatch = 64 }: SubmitQuoteDeps) {
  const batches = createGroupCommit<PreparedQuote, SubmitResult>({
    maxBatch,
    // One batch at a time per tenant: two in flight (the next claiming while one holds the counter)
    // measured slower — they contend in PostgreSQL (docs/decisions/0013-group-commit.md).
    concurrency: 1,
    conflictKey: (quote) => quote.key,
    run: (quotes) => db.withTenant(quotes[0]!.tenantId, (tx) => claimAndStore(tx, quotes)),
  });

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
    const at = now();
    const today = localDate(tenant.timezone, at);
    const year = yearOf(today); // the quote number's year: the same local day the pricing sees
    const request = { tenant, service, submission, values, key: idempotencyKey, hash: requestHash(service.key, submission), at, year, publicUrl };

    const code = limitedCode(compiled, submission.discountCode);
    if (code === null) {
      const quote = prepareQuote(request, compiled.price(values, { discountCode: submission.discountCode, today }));
      return batches.submit(`${tenant.id}:${quote.year}`, quote);
    }
    // A code with maxUses is counted under its row lock, after the key is claimed, so a replay never uses it up.
    return db.withTenant(tenant.id, async (tx) => {
      const claimed = await claimKeys(tx, tenant.id, [request]);
      if (claimed.size === 0) return replayOf(await storedAnswers(tx, [request.key]), request);
      const usesSoFar = await lockDiscountUses(tx, tenant.id, service.id, code);
      const pricing = compiled.price(values, { discountCode: submission.discountCode, today, discountUses: { [code]: usesSoFar } });
      if (pricing.adjustments.some((a) => a.kind === 'discount')) {
        await tx.exec('UPDATE discount_code_uses SET uses = uses + 1 WHERE service_id = $1 AND code = $2', [service.id, code]);
      }
      const quote = prepareQuote(request, pricing);
      await recordSubmitted(tx, [quote]);
      const [number] = await storeQuotes(tx, [quote]);
      const answer = created(quote, number!);
      await tx.exec('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE tenant_id = $1 AND key = $2', [tenant.id, quote.key, answer.status, JSON.stringify(answer.body)]);
      return answer;
    });
  };
}

interface SubmissionRequest {
  tenant: TenantSnapshot;
  service: TenantService;
  submission: QuoteSubmission;
  values: Record<string, unknown>;
  key: string;
  hash: string;
  at: Date;
  /** The tenant's local year at `at` (the quote number's year). */
  year: number;
  publicUrl: string;
}

/** A priced quote ready to be numbered and stored: everything but its number. */
interface PreparedQuote {
  tenantId: string;
  year: number;
  key: string;
  hash: string;
  answer: Omit<SubmittedQuote, 'number'>;
  /** The answer as stored with its key when claimed: its number is null there (assigned later in the batch), filled in on a replay. */
  storedAnswer: string;
  /** Its row for the steps that need no number (RECORD_COLUMNS). */
  record: [string, string, Date, string, string];
  /** Its row for STORE_QUOTES, in the order of its unnest() columns. */
  columns: unknown[];
}

function prepareQuote(request: SubmissionRequest, pricing: PricingResult): PreparedQuote {
  const { tenant, service, submission, at } = request;
  const id = randomUUID();
  const token = newQuoteToken();
  const answer = { id, status: 'sent' as const, total: pricing.total, currency: pricing.currency, url: `${request.publicUrl}/q/${token}` };
  const discount = pricing.adjustments.find((a) => a.kind === 'discount');
  return {
    tenantId: tenant.id,
    year: request.year,
    key: request.key,
    hash: request.hash,
    answer,
    // In the answer's key order, so that a replay answers byte for byte what the first answer said.
    storedAnswer: JSON.stringify({ id, number: null, status: answer.status, total: answer.total, currency: answer.currency, url: answer.url }),
    record: [id, service.key, at, tokenHash(token), JSON.stringify(submittedEventData(pricing))],
    columns: [
      id, service.id, service.key, service.version, JSON.stringify(request.values), JSON.stringify(pricing), pricing.total, pricing.currency,
      discount ? discount.id : null, submission.contact.name, submission.contact.email, submission.contact.phone ?? null,
      submission.description ?? null, at, token, new Date(at.getTime() + tenant.quoteExpiryDays * 86_400_000),
    ],
  };
}

/** One batch's transaction: claim the keys (recording what needs no number), answer the taken ones as replays, number and store the rest. */
async function claimAndStore(tx: Tx, quotes: PreparedQuote[]): Promise<Array<Outcome<SubmitResult>>> {
  const claimed = await claimAndRecord(tx, quotes);
  const fresh = quotes.filter((quote) => claimed.has(quote.key));
  const answers = fresh.length < quotes.length ? await storedAnswers(tx, quotes.filter((q) => !claimed.has(q.key)).map((q) => q.key)) : new Map();
  const numbers = fresh.length > 0 ? await storeQuotes(tx, fresh) : [];
  const numberOf = new Map(fresh.map((quote, i) => [quote.key, numbers[i]!]));
  return quotes.map((quote): Outcome<SubmitResult> => {
    const number = numberOf.get(quote.key);
    if (number !== undefined) return { ok: true, value: created(quote, number) };
    try {
      return { ok: true, value: replayOf(answers, quote) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/**
 * Claims idempotency keys before pricing (a code with maxUses); answers the ones this
 * transaction now holds. A key already taken is skipped (after waiting for a twin's
 * transaction still in flight).
 */
async function claimKeys(tx: Tx, tenantId: string, requests: Array<{ key: string; hash: string }>): Promise<Set<string>> {
  const rows = await tx.rows<{ key: string }>(
    `INSERT INTO idempotency_keys (tenant_id, key, request_hash)
     SELECT $1, key, hash FROM unnest($2::text[], $3::text[]) AS t(key, hash)
     ON CONFLICT DO NOTHING RETURNING key`,
    [tenantId, requests.map((r) => r.key), requests.map((r) => r.hash)],
    'claim-idempotency-keys',
  );
  return new Set(rows.map((row) => row.key));
}

interface StoredAnswer {
  key: string;
  request_hash: string;
  status_code: number;
  response: Omit<SubmittedQuote, 'number'> & { number: string | null };
  /** The number of the quote the answer names. */
  number: string | null;
}

async function storedAnswers(tx: Tx, keys: string[]): Promise<Map<string, StoredAnswer>> {
  const rows = await tx.rows<StoredAnswer>(
    `SELECT k.key, k.request_hash, k.status_code, k.response, q.number
       FROM idempotency_keys k LEFT JOIN quotes q ON q.id = (k.response ->> 'id')::uuid
      WHERE k.key = ANY($1::text[])`,
    [keys],
  );
  return new Map(rows.map((row) => [row.key, row]));
}

function replayOf(answers: Map<string, StoredAnswer>, request: { key: string; hash: string }): SubmitResult {
  const prior = answers.get(request.key);
  if (!prior || prior.request_hash !== request.hash) throw new IdempotencyKeyReusedError();
  // A batch stores the answer before the number is assigned: the number comes from the quote.
  return { status: prior.status_code, body: { ...prior.response, number: prior.response.number ?? prior.number! }, replayed: true };
}

function created(quote: PreparedQuote, number: string): SubmitResult {
  const { id, ...rest } = quote.answer;
  return { status: 201, body: { id, number, ...rest }, replayed: false };
}

/** Per-quote rows (one array per quote) as per-column arrays, for unnest(). */
const arrays = (rows: unknown[][]): unknown[][] => rows[0]!.map((_, c) => rows.map((row) => row[c]));

/**
 * Claims a batch's idempotency keys, each with its answer (number still null),
 * and for the ones this transaction now holds writes what needs no quote number:
 * routing entries, events, outbox rows. A key already taken is skipped (after
 * waiting for a twin's transaction still in flight). Answers the claimed keys.
 * (The answer is not updated with its number afterwards: that UPDATE joined
 * idempotency_keys to the batch and was half of PostgreSQL's work per quote.)
 */
async function claimAndRecord(tx: Tx, quotes: PreparedQuote[]): Promise<Set<string>> {
  const rows = await tx.rows<{ key: string }>(
    `WITH input AS (
       SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::uuid[], $6::text[], $7::timestamptz[], $8::text[], $9::text[])
         AS t(key, hash, answer, ${RECORD_COLUMNS})
     ), claimed AS (
       INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response)
       SELECT $1, key, hash, 201, answer::json FROM input ON CONFLICT DO NOTHING RETURNING key
     ), fresh AS (
       SELECT input.* FROM input JOIN claimed USING (key)
     ), ${recordSteps('fresh')}
     SELECT key FROM claimed`,
    [
      quotes[0]!.tenantId,
      quotes.map((quote) => quote.key),
      quotes.map((quote) => quote.hash),
      quotes.map((quote) => quote.storedAnswer),
      ...arrays(quotes.map((quote) => quote.record)),
    ],
    'claim-and-record',
  );
  return new Set(rows.map((row) => row.key));
}

/** Writes what needs no number for quotes whose keys are already claimed (a code with maxUses). */
async function recordSubmitted(tx: Tx, quotes: PreparedQuote[]): Promise<void> {
  await tx.exec(
    `WITH input AS (
       SELECT * FROM unnest($2::uuid[], $3::text[], $4::timestamptz[], $5::text[], $6::text[]) AS t(${RECORD_COLUMNS})
     ), ${recordSteps('input')}
     SELECT 1`,
    [quotes[0]!.tenantId, ...arrays(quotes.map((quote) => quote.record))],
    'record-submitted',
  );
}

/** PreparedQuote.record's columns. */
const RECORD_COLUMNS = 'id, service_key, at, token_hash, event_data';

/** The CTE steps recording submitted quotes read from `source` (RECORD_COLUMNS): routing entry, event, outbox row. */
const recordSteps = (source: string): string => `ref AS (
       INSERT INTO tenant_refs (kind, value, tenant_id, target_id) SELECT 'quote_token', token_hash, $1, id FROM ${source}
     ), event AS (
       INSERT INTO events (tenant_id, type, service_key, quote_id, data, occurred_at)
       SELECT $1, 'quote_submitted', service_key, id, event_data::json, at FROM ${source}
     ), outboxed AS (
       -- The notifications' outbox row (outbox/enqueue.ts quoteEvent): committed with the quote or not at all.
       INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, run_at, created_at)
       SELECT $1, 'event', 'quote.created', 'quote.created:' || id, jsonb_build_object('quoteId', id), at, at FROM ${source}
     )`;

/**
 * Numbers and stores claimed, recorded quotes of one tenant and year in one
 * statement; answers the numbers in the quotes' order. The counter's row lock
 * — which keeps numbers gap-free and lets one transaction of the tenant through
 * at a time — is held only for this statement and the COMMIT, however many
 * quotes the batch holds: everything else was written before it.
 */
async function storeQuotes(tx: Tx, quotes: PreparedQuote[]): Promise<string[]> {
  const { tenantId, year } = quotes[0]!;
  const rows = await tx.rows<{ number: string }>(STORE_QUOTES, [tenantId, year, quotes.length, ...arrays(quotes.map((quote) => quote.columns))], 'store-quotes');
  return rows.map((row) => row.number);
}

const STORE_QUOTES = `
  WITH input AS (
    SELECT * FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::int[], $8::text[], $9::text[], $10::bigint[], $11::text[],
                         $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::timestamptz[], $18::text[],
                         $19::timestamptz[]) WITH ORDINALITY
      AS t(id, service_id, service_key, pricing_version, fields, pricing, total, currency, discount_code, contact_name, contact_email,
           contact_phone, description, at, token, expires_at, ord)
  ), counter AS (
    INSERT INTO quote_counters (tenant_id, year, last_value) VALUES ($1, $2, $3)
    ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = quote_counters.last_value + $3
    RETURNING last_value
  ), numbered AS (
    SELECT input.*, 'Q-' || $2 || '-' || lpad(n::text, greatest(6, length(n::text)), '0') AS number
      FROM input CROSS JOIN counter CROSS JOIN LATERAL (SELECT counter.last_value - $3 + input.ord AS n) AS seq
  ), quote AS (
    INSERT INTO quotes (id, tenant_id, number, service_id, service_key, pricing_version, fields, pricing, total, currency, discount_code,
                        status, contact_name, contact_email, contact_phone, description, consent_at, token, expires_at, created_at, updated_at)
    SELECT id, $1, number, service_id, service_key, pricing_version, fields::json, pricing::json, total, currency, discount_code,
           'sent', contact_name, contact_email, contact_phone, description, at, token, expires_at, at, at
      FROM numbered
  )
  SELECT number FROM numbered ORDER BY ord`;

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
