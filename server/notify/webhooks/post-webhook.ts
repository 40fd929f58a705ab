// One webhook attempt: POST the signed JSON, wait at most 15 s for the whole
// answer, keep its start for the delivery log. 2xx is delivered; anything
// else (another status, a redirect — never followed —, a timeout, a refused
// connection, a refused address) is a failure to retry.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { BlockedAddressError, isPublicAddress, publicOnlyLookup } from './ssrf-guard.ts';

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Refuse non-public addresses (production). */
  guard: boolean;
  timeoutMs?: number;
}

export interface WebhookResponse {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  /** The start of the answer's body (up to 2 KB). */
  response: string | null;
  error: string | null;
}

export const WEBHOOK_TIMEOUT_MS = 15_000;
const KEEP_BYTES = 2048;

export function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const elapsed = (): number => performance.now() - started;
  return new Promise((resolve) => {
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Omit<WebhookResponse, 'durationMs'>): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...result, durationMs: elapsed() });
    };
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return finish({ ok: false, statusCode: null, response: null, error: 'not a URL' });
    }
    const host = url.hostname.replace(/^\[|\]$/g, '');
    // An IP literal is connected to without a lookup, so it is checked here.
    if (request.guard && isIP(host) !== 0 && !isPublicAddress(host)) {
      return finish({ ok: false, statusCode: null, response: null, error: new BlockedAddressError(host, host).message });
    }
    const client = url.protocol === 'https:' ? https : http;
    const timeoutMs = request.timeoutMs ?? WEBHOOK_TIMEOUT_MS;
    const req = client.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'QuoteMasterPro-Webhooks/1', ...request.headers, 'content-length': Buffer.byteLength(request.body) },
      agent: false,
      ...(request.guard ? { lookup: publicOnlyLookup() } : {}),
    });
    timer = setTimeout(() => {
      req.destroy(new Error(`no complete answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on('error', (error) => finish({ ok: false, statusCode: null, response: null, error: error.message }));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      res.on('data', (chunk: Buffer) => {
        if (kept < KEEP_BYTES) {
          chunks.push(chunk.subarray(0, KEEP_BYTES - kept));
          kept += Math.min(chunk.length, KEEP_BYTES - kept);
        }
      });
      res.on('error', (error) => finish({ ok: false, statusCode: res.statusCode ?? null, response: null, error: error.message }));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const ok = status >= 200 && status < 300;
        finish({ ok, statusCode: status, response: Buffer.concat(chunks).toString('utf8'), error: ok ? null : `answered ${status}` });
      });
    });
    req.end(request.body);
  });
}
