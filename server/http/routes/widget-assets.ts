// The built widget (dist/widget/, `npm run build`) for tenants' sites (issue 4):
// /embed.js — the loader, whose name never changes: a short cache;
// /widget/<file> — hashed chunks and maps: cached for a year, immutable.
// Only plain file names from that one folder are served, so no path can climb out.
// Source maps are named by a `SourceMap` header, not a comment in the file: the
// comment would count against every page view's size budget (decision 0018).
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import Router from '@koa/router';
import type { Context } from 'koa';
import { AppError, NotFoundError } from '../../errors.ts';

export const DEFAULT_WIDGET_DIST = resolve(import.meta.dirname, '..', '..', '..', 'dist', 'widget');

const FILE_NAME = /^[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*\.(js|map|css)$/;
/** Rollup's `[name]-[hash]`: 8 base64url characters before the extension. */
const HASHED = /-[A-Za-z0-9_-]{8}\.(?:js|css)(?:\.map)?$/;
const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  map: 'application/json; charset=utf-8',
};
const SHORT = 'public, max-age=300';
const LONG = 'public, max-age=31536000, immutable';

/** The widget has not been built on this machine. */
export class WidgetNotBuiltError extends AppError {
  override name = 'WidgetNotBuiltError';
  constructor(dir: string) {
    super(404, 'widget_not_built', `The widget is not built (${dir} is missing): run \`npm run build\`.`);
  }
}

export function widgetAssetRoutes(options: { dir?: string } = {}): Router {
  const dir = options.dir ?? DEFAULT_WIDGET_DIST;
  const router = new Router();

  async function send(ctx: Context, name: string, cacheControl: string): Promise<void> {
    ctx.set('Access-Control-Allow-Origin', '*');
    const match = FILE_NAME.exec(name);
    if (!match) throw new NotFoundError(`There is no widget file ${name}.`);
    const built = await stat(dir).then((s) => s.isDirectory(), () => false);
    if (!built) throw new WidgetNotBuiltError(dir);
    const body = await readFile(join(dir, name)).catch(() => null);
    if (!body) throw new NotFoundError(`There is no widget file ${name}.`);
    ctx.type = TYPES[match[1]!]!;
    ctx.set('Cache-Control', cacheControl);
    if (match[1] === 'js' && (await stat(join(dir, `${name}.map`)).catch(() => null))) ctx.set('SourceMap', `${name}.map`);
    ctx.body = body;
  }

  router.get('/embed.js', (ctx) => send(ctx, 'embed.js', SHORT));
  router.get('/embed.js.map', (ctx) => send(ctx, 'embed.js.map', SHORT));
  router.get('/widget/:file', (ctx) => {
    const name = String(ctx.params.file);
    return send(ctx, name, HASHED.test(name) ? LONG : SHORT);
  });
  return router;
}
