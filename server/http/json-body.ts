// JSON request bodies: JSON only (415 otherwise), at most `limitBytes` (413,
// checked against Content-Length first and again while reading, so a large
// body is never buffered whole), parsed with JSON.parse (400 when broken).
// Hand-written rather than @koa/bodyparser on this path: the estimate endpoint
// is latency-critical and the general parser (charset decoding, inflation,
// form and text support) was a fifth of its CPU (docs/performance.md).
import type { IncomingMessage } from 'node:http';
import type { Middleware } from 'koa';
import { InvalidRequestError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors.ts';

export function jsonBody(limitBytes: number): Middleware {
  return async (ctx, next) => {
    if (!ctx.is('application/json')) throw new UnsupportedMediaTypeError();
    const declared = Number(ctx.get('Content-Length') || 0);
    if (declared > limitBytes) {
      ctx.set('Connection', 'close'); // the unread body would otherwise be taken for the next request
      throw new PayloadTooLargeError(limitBytes);
    }
    let text: string;
    try {
      text = await readText(ctx.req, limitBytes);
    } catch (error) {
      if (error instanceof PayloadTooLargeError) ctx.set('Connection', 'close');
      throw error;
    }
    try {
      ctx.request.body = JSON.parse(text);
    } catch (error) {
      throw new InvalidRequestError(`The body is not valid JSON: ${(error as Error).message}`);
    }
    await next();
  };
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
    req.once('error', reject);
    // A client that goes away mid-body: no 'end' will come (after 'end', this rejection is a no-op).
    req.once('close', () => reject(new InvalidRequestError('The request body was cut off.')));
  });
}
