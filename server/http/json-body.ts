// JSON request bodies: JSON only (415 otherwise), at most `limitBytes`
// (413, checked while streaming, so a large body is never buffered whole).
import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { UnsupportedMediaTypeError } from '../errors.ts';

export function jsonBody(limitBytes: number): Middleware {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: limitBytes, encoding: 'utf-8', jsonStrict: true });
  return async (ctx, next) => {
    if (!ctx.is('application/json')) throw new UnsupportedMediaTypeError();
    await parse(ctx, next);
  };
}
