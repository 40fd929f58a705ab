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
    // One batch at a time per tenant: two in flight measured slower — they contend in
    // PostgreSQL for the counter (docs/decisions/0013-group-commit.md).
    concurrency: 1,
    conflictKey: (quote) => quote.key,
    // One round trip: submit_quotes sets the tenant for its own transaction (decision 0020).
    run: (quotes) => submitBatch((bind) => db.statement<SubmitRow>(SUBMIT_QUOTES, bind, 'submit-quotes'), quotes),
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
    // A code with maxUses is counted under its row lock; a replay (the key already taken) does not use it up.
    return db.withTenant(tenant.id, async (tx) => {
      const usesSoFar = await lockDiscountUses(tx, tenant.id, service.id, code);
      const pricing = compiled.price(values, { discountCode: submission.discountCode, today, discountUses: { [code]: usesSoFar } });
      const quote = prepareQuote(request, pricing);
      const [outcome] = await submitBatch((bind) => tx.rows<SubmitRow>(SUBMIT_QUOTES, bind, 'submit-quotes'), [quote]);
      if (!outcome!.ok) throw outcome!.error;
      if (!outcome!.value.replayed && pricing.adjustments.some((a) => a.kind === 'discount')) {
        await tx.exec('UPDATE discount_code_uses SET uses = uses + 1 WHERE service_id = $1 AND code = $2', [service.id, code]);
      }
      return outcome!.value;
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
  /** Its values for submit_quotes, in the order of the function's array parameters after the key and hash. */
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
    columns: [
      id, service.id, service.key, service.version, JSON.stringify(request.values), JSON.stringify(pricing), pricing.total, pricing.currency,
      discount ? discount.id : null, submission.contact.name, submission.contact.email, submission.contact.phone ?? null,
      submission.description ?? null, at, token, tokenHash(token), new Date(at.getTime() + tenant.quoteExpiryDays * 86_400_000),
      // The stored answer; the number is filled in when it is replayed.
      JSON.stringify(withNumber(answer, null)),
      JSON.stringify(submittedEventData(pricing)),
    ],
  };
}

/** What submit_quotes answers per key: a quote it stored (fresh), or the answer stored for a key another request holds. */
interface SubmitRow {
  key: string;
  fresh: boolean;
  number: string | null;
  request_hash: string | null;
  status_code: number | null;
  response: (Omit<SubmittedQuote, 'number'> & { number: string | null }) | null;
}

/** The function's 23 parameters: tenant, year, then one array per column. */
export const SUBMIT_QUOTES = `SELECT * FROM submit_quotes(${Array.from({ length: 23 }, (_, i) => `$${i + 1}`).join(', ')})`;

/** Per-quote rows (one array per quote) as per-column arrays, for unnest(). */
const arrays = (rows: unknown[][]): unknown[][] => rows[0]!.map((_, c) => rows.map((row) => row[c]));

/**
 * Claims, numbers and stores one tenant's quotes of one year with submit_quotes
 * (migrations/0006-submit-quotes.ts); answers one outcome per quote, in order: created,
 * the earlier answer for a key already used with the same body, or idempotency_key_reused.
 */
async function submitBatch(call: (bind: unknown[]) => Promise<SubmitRow[]>, quotes: PreparedQuote[]): Promise<Array<Outcome<SubmitResult>>> {
  const { tenantId, year } = quotes[0]!;
  const rows = await call([tenantId, year, quotes.map((q) => q.key), quotes.map((q) => q.hash), ...arrays(quotes.map((q) => q.columns))]);
  const byKey = new Map(rows.map((row) => [row.key, row]));
  return quotes.map((quote): Outcome<SubmitResult> => {
    const row = byKey.get(quote.key);
    if (row?.fresh) return { ok: true, value: created(quote, row.number!) };
    if (!row || !row.response || row.request_hash !== quote.hash) return { ok: false, error: new IdempotencyKeyReusedError() };
    return { ok: true, value: { status: row.status_code!, body: { ...row.response, number: row.response.number ?? row.number! }, replayed: true } };
  });
}

function created(quote: PreparedQuote, number: string): SubmitResult {
  return { status: 201, body: withNumber(quote.answer, number), replayed: false };
}

/** The answer with its number in its place (second): a stored answer and a replay keep the first answer's key order. */
function withNumber<N extends string | null>(answer: Omit<SubmittedQuote, 'number'>, number: N): Omit<SubmittedQuote, 'number'> & { number: N } {
  const { id, ...rest } = answer;
  return { id, number, ...rest };
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
