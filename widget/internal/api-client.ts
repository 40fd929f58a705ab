// The widget's side of api.md's widget endpoints: config, estimate, interpret, quotes.

/** One field of a service, as GET /config shows it (never its pricing). */
export interface WidgetField {
  key: string;
  type: 'number' | 'area' | 'range' | 'select' | 'multiselect' | 'boolean' | 'text';
  label: string;
  help?: string;
  unit?: string;
  min?: number;
  max?: number;
  step?: number;
  default?: unknown;
  required?: boolean;
  options?: { value: string; label: string }[];
}

export interface WidgetService {
  key: string;
  name: string;
  description?: string;
  currency: string;
  fields: WidgetField[];
}

export interface WidgetConfig {
  name: string;
  locale: string;
  currency: string;
  theme: { tokens: Record<string, string> };
  services: WidgetService[];
  features?: { interpret?: boolean };
}

/** The pricing result of pricing.md (the parts the widget shows). */
export interface Estimate {
  currency: string;
  lines: { id: string; label: string; quantity: number; amount: number }[];
  subtotal: number;
  adjustments: { id: string; kind: string; label: string; amount: number }[];
  tax: { label: string; ratePercent: number; inclusive: boolean; amount: number } | null;
  total: number;
  range?: { low: number; high: number } | null;
}

/** What interpret answers: field values read from the visitor's words (never prices). */
export interface Interpretation {
  fields: Record<string, unknown>;
  confidence: number;
  missing: string[];
  provider: string;
}

/** The 201 answer of POST …/quotes. */
export interface SubmittedQuote {
  id: string;
  number: string;
  status: string;
  total: number;
  currency: string;
  url: string;
}

/** One entry of an error's `details`: `{ path: 'contact.email', message }`. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error answer of the API (`{ error: { code, message, details? } }`), or `network_error` (status 0) when none came. */
export class WidgetApiError extends Error {
  override readonly name = 'WidgetApiError' as const;
  readonly code: string;
  readonly status: number;
  readonly details: ErrorDetail[];
  /** Seconds the server asked us to wait (`Retry-After`), 0 when it did not say. */
  readonly retryAfter: number;
  /** When it happened (ms), so that a Retry-After can be counted from it. */
  readonly at = Date.now();
  constructor(code: string, message: string, status = 0, details: ErrorDetail[] = [], retryAfter = 0) {
    super(message);
    this.code = code;
    this.status = status;
    this.details = details;
    this.retryAfter = retryAfter;
  }
  /** True when trying again later may work: no answer, 429 or a 5xx. */
  get retryable(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string; details?: ErrorDetail[] } } | null;
  if (!response.ok) {
    const error = body?.error;
    const retryAfter = Number(response.headers.get('Retry-After')) || 0;
    throw new WidgetApiError(error?.code ?? 'server_error', error?.message ?? `HTTP ${response.status}`, response.status, error?.details, retryAfter);
  }
  return body as T;
}

/** fetch, with "no answer at all" as a WidgetApiError; an abort stays an AbortError. */
function call<T>(url: string, init: RequestInit): Promise<T> {
  return fetch(url, init).then((response) => answer<T>(response), (error: Error) => {
    if (error.name === 'AbortError') throw error;
    throw new WidgetApiError('network_error', error.message);
  });
}

const post = (body: string, signal?: AbortSignal, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body,
  signal,
});

/** Calls the widget API at `base` (the host embed.js came from) for one publishable key. */
export function createApiClient(base: string, key: string) {
  const url = (path: string) => new URL(`v1/widget/${encodeURIComponent(key)}/${path}`, base).href;
  const service = (name: string, action: string) => url(`services/${encodeURIComponent(name)}/${action}`);
  return {
    config: (signal?: AbortSignal) => call<WidgetConfig>(url('config'), { signal }),
    estimate: (name: string, fields: Record<string, unknown>, signal?: AbortSignal) =>
      call<Estimate>(service(name, 'estimate'), post(JSON.stringify({ fields }), signal)),
    interpret: (name: string, text: string) => call<Interpretation>(service(name, 'interpret'), post(JSON.stringify({ text }))),
    /** `body` is sent as given: a retry must send the very same bytes with the same Idempotency-Key. */
    quote: (name: string, body: string, idempotencyKey: string) =>
      call<SubmittedQuote>(service(name, 'quotes'), post(body, undefined, { 'Idempotency-Key': idempotencyKey })),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
