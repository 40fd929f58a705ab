// The widget's side of api.md's widget endpoints: config and estimate.

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

/** An error answer of the API, `{ error: { code, message } }`. */
export class WidgetApiError extends Error {
  override readonly name = 'WidgetApiError' as const;
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

async function answer<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
  if (!response.ok) throw new WidgetApiError(body?.error?.code ?? 'network_error', body?.error?.message ?? `HTTP ${response.status}`);
  return body as T;
}

/** Calls the widget API at `base` (the host embed.js came from) for one publishable key. */
export function createApiClient(base: string, key: string) {
  const url = (path: string) => new URL(`v1/widget/${encodeURIComponent(key)}/${path}`, base).href;
  return {
    config: (signal?: AbortSignal) => fetch(url('config'), { signal }).then((r) => answer<WidgetConfig>(r)),
    estimate: (service: string, fields: Record<string, unknown>, signal?: AbortSignal) =>
      fetch(url(`services/${encodeURIComponent(service)}/estimate`), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ fields }),
        signal,
      }).then((r) => answer<Estimate>(r)),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
