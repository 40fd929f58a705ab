// Turns what the official SDKs throw into our ProviderError kinds. Both SDKs
// share the same error classes by name (APIError with status, headers and the
// provider's error body), so this reads them by shape, not by class.
import { ProviderError, type FailureKind } from '../provider.ts';

interface SdkErrorLike {
  name?: string;
  status?: number;
  headers?: Headers;
  error?: unknown;
  message?: string;
}

/** Words in an error body that mean "out of credit / over a usage limit", not a passing rate limit. */
const USAGE_LIMIT = /insufficient_quota|quota|credit balance|usage limit|billing/i;

/** Milliseconds to wait from Retry-After (seconds or an HTTP date) or retry-after-ms; undefined when absent or unreadable. */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  const ms = headers?.get('retry-after-ms');
  if (ms != null && /^\d+(\.\d+)?$/.test(ms.trim())) return Math.round(Number(ms));
  const value = headers?.get('retry-after')?.trim();
  if (value == null || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function kindOf(status: number, body: string): FailureKind {
  if (status === 402) return 'quota';
  if ((status === 400 || status === 403 || status === 429) && USAGE_LIMIT.test(body)) return 'quota';
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 409 || status >= 500) return 'server';
  return 'bad_request';
}

/** Maps an SDK error (or anything else thrown during a call) to a ProviderError. */
export function toProviderError(error: unknown, provider: string): ProviderError {
  if (error instanceof ProviderError) return error;
  const e = (error ?? {}) as SdkErrorLike;
  // The SDKs' error classes do not all set `name`; their constructor names are stable.
  const name = (error as { constructor?: { name?: string } } | null)?.constructor?.name;
  if (name === 'APIUserAbortError' || e.name === 'AbortError' || name === 'APIConnectionTimeoutError') {
    return new ProviderError('timeout', `${provider}: no answer in time`, { cause: error });
  }
  if (name === 'APIConnectionError') return new ProviderError('network', `${provider}: ${e.message ?? 'connection failed'}`, { cause: error });
  if (error instanceof SyntaxError) return new ProviderError('server', `${provider}: the response is not valid JSON`, { cause: error });
  if (typeof e.status === 'number') {
    const kind = kindOf(e.status, JSON.stringify(e.error ?? '') + (e.message ?? ''));
    return new ProviderError(kind, `${provider}: HTTP ${e.status} (${kind})`, { retryAfterMs: retryAfterMs(e.headers), cause: error });
  }
  return new ProviderError('server', `${provider}: ${e.message ?? String(error)}`, { cause: error });
}
