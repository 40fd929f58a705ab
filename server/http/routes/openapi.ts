// GET /openapi.json: the OpenAPI document of the public contract (api.md),
// kept in docs/openapi.json, read once when the app is built and served as
// is. Any site may read it; test/api/openapi.test.ts keeps it true to the code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Router from '@koa/router';

export const OPENAPI_FILE = resolve(import.meta.dirname, '..', '..', '..', 'docs', 'openapi.json');

export function openapiRoutes(file: string = OPENAPI_FILE): Router {
  const content = readFileSync(file);
  JSON.parse(content.toString('utf8')); // a broken document stops the start, not the first request
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
  const router = new Router();
  router.get('/openapi.json', (ctx) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.set('ETag', etag);
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = 'application/json';
    ctx.body = content;
  });
  return router;
}
