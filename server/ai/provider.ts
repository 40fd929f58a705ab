// The one interface every AI provider speaks: extract field values, with a
// confidence and the fields still missing, from a visitor's text against a
// service's fields. Never a price: the pricing engine alone sets prices.
import type { FieldConfig } from '../pricing/service-schema.ts';

/** What a provider is asked: sanitised visitor text and the service's fields. */
export interface ExtractRequest {
  /** Visitor text, already sanitised (sanitizeVisitorText). */
  text: string;
  fields: readonly FieldConfig[];
  /** The tenant's locale (`en-US`, `de-DE`): a hint for number words and decimal marks. */
  locale: string;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** A provider's answer, already validated against the service's fields. */
export interface Extraction {
  fields: Record<string, unknown>;
  confidence: number;
  missing: string[];
  usage: TokenUsage;
}

export interface CallOptions {
  /** Aborts the call (per-attempt timeout or the overall deadline). */
  signal: AbortSignal;
}

export interface AiProvider {
  /** `openai`, `anthropic`, `local`. */
  readonly name: string;
  readonly model: string;
  extract(request: ExtractRequest, options: CallOptions): Promise<Extraction>;
}

/**
 * Why a call failed, as the retry loop, the breaker and the router need it:
 * - `rate_limited` (429): retry after Retry-After; the breaker opens at once;
 * - `quota`: the provider's account is out of credit or over a usage limit (400/402/429 saying so); the breaker opens at once, no retry;
 * - `server` (5xx), `timeout`, `network`: retried, counted by the breaker;
 * - `invalid_answer`: the answer does not fit the schema; not retried, the router escalates;
 * - `bad_request`: our request was refused (4xx); not retried.
 */
export type FailureKind = 'rate_limited' | 'quota' | 'server' | 'timeout' | 'network' | 'invalid_answer' | 'bad_request';

export class ProviderError extends Error {
  override name = 'ProviderError';
  readonly kind: FailureKind;
  /** From Retry-After, when the provider sent one. */
  readonly retryAfterMs: number | undefined;
  /** Tokens the failed call still consumed (an invalid answer is billed). */
  readonly usage: TokenUsage | undefined;

  constructor(kind: FailureKind, message: string, options: { retryAfterMs?: number | undefined; usage?: TokenUsage | undefined; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.kind = kind;
    this.retryAfterMs = options.retryAfterMs;
    this.usage = options.usage;
  }
}

/** Cross-realm safe check. */
export function isProviderError(value: unknown): value is ProviderError {
  return value instanceof Error && value.name === 'ProviderError' && typeof (value as ProviderError).kind === 'string';
}

/** Kinds worth another attempt at the same provider. */
export function isRetryable(kind: FailureKind): boolean {
  return kind === 'rate_limited' || kind === 'server' || kind === 'timeout' || kind === 'network';
}

/** Kinds that open a breaker at once (the provider told us to stop). */
export function tripsAtOnce(kind: FailureKind): boolean {
  return kind === 'rate_limited' || kind === 'quota';
}
