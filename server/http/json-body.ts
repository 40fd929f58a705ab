// JSON request bodies: JSON only (415 otherwise), at most `limitBytes` (413,
// checked against Content-Length first and again while reading, so a large
// body is never buffered whole; the answer then closes the connection:
// errorHeaders in error-handler.ts), parsed with JSON.parse (400 when broken).
// A Koa middleware, and readJsonBody for the widget API.
// Hand-written rather than @koa/bodyparser on this path: the estimate endpoint
// is latency-critical and the general parser (charset decoding, inflation,
// form and text support) was a fifth of its CPU (docs/performance.md).
import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';

export function jsonBody(limitBytes: number): Middleware {
  return async (ctx, next) => {
    ctx.request.body = await readJsonBody(ctx.req, limitBytes);
    await next();
  };
}

/** The request's JSON body, or the AppError that refuses it (415, 413 or 400). */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  if (!isJsonRequest(req)) throw new UnsupportedMediaTypeError();
  if (Number(req.headers['content-length'] || 0) > limitBytes) throw new PayloadTooLargeError(limitBytes);
  const text = await readText(req, limitBytes);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidRequestError(`The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * What `ctx.is('application/json')` answers (a body, of that media type),
 * without type-is's general parser: it was 2 % of an estimate's CPU.
 */
function isJsonRequest(req: IncomingMessage): boolean {
  const { headers } = req;
  const hasBody = headers['transfer-encoding'] !== undefined || !Number.isNaN(Number.parseInt(headers['content-length'] ?? '', 10));
  const type = headers['content-type'];
  if (!hasBody || !type) return false;
  const end = type.indexOf(';');
  return (end === -1 ? type : type.slice(0, end)).trim().toLowerCase() === 'application/json';
}

/** The body as UTF-8 text; rejects with PayloadTooLargeError past `limitBytes`. (Events, not an async iterator: cheaper per request.) */
function readText(req: IncomingMessage, limitBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.off('data', onData);
        req.resume(); // drain the rest; the connection closes after the answer
        reject(new PayloadTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve((chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString('utf8')));
    // A client that goes away mid-body: 'error' (aborted) and 'close' come, no 'end'.
    // 'close' follows every request: the error is made only when it matters (its stack trace is not free).
    const cutOff = () => reject(new InvalidRequestError('The request body was cut off.'));
    req.once('error', cutOff);
    req.once('close', () => {
      if (!req.complete) cutOff();
    });
  });
}
