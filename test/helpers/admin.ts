// Helpers for admin API suites: the demo tenants' secret keys, authorised
// requests, and quotes made through the real widget API.
import { postJson, type TestServer } from './test-server.ts';

export const PAINTER_SECRET = 'sk_test_brightside_0000000000000000';
export const CLEANER_SECRET = 'sk_test_glanzwerk_00000000000000000';
export const MOVER_SECRET = 'sk_test_thamesvalley_000000000000000';

/** fetch init with a bearer, and a JSON body when given. */
export function withBearer(bearer: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): RequestInit {
  const headers: Record<string, string> = { Authorization: `Bearer ${bearer}`, ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  return { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }) };
}

let submitted = 0;

/** Submits a quote through the widget API; answers its JSON. */
export async function submitQuote(
  app: TestServer,
  key: string,
  service: string,
  contact: { name: string; email: string },
  fields: Record<string, unknown> = {},
): Promise<{ id: string; number: string; total: number }> {
  const response = await app.call(`/v1/widget/${key}/services/${service}/quotes`, postJson({ fields, contact, consent: true }, { 'Idempotency-Key': `helper-${process.pid}-${++submitted}` }));
  if (response.status !== 201) throw new Error(`submitting a quote answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string; number: string; total: number };
}
