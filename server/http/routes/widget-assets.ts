// The built widget (dist/widget/, `npm run build`) for tenants' sites (issue 4):
// /embed.js — the loader, whose name never changes: a short cache;
// /widget/<file> — hashed chunks and maps: cached for a year, immutable.
// Only plain file names from that one folder are served, so no path can climb out.
// Source maps are named by a `SourceMap` header, not a comment in the file: the
// comment would count against every page view's size budget (decision 0018).
// Files go out compressed (brotli, else gzip) when the browser accepts it, each
// compressed once per build and kept in memory: the size budget is what
// visitors download.
import { readFile, stat } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants as zlib, gzip } from 'node:zlib';
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
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

type Encoding = 'br' | 'gzip';

/** A built file and its compressed forms, made on first request; a rebuild (new mtime) replaces them. */
interface CachedFile {
  mtimeMs: number;
  raw: Buffer;
  encoded: Partial<Record<Encoding, Promise<Buffer>>>;
}
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
  const files = new Map<string, CachedFile>();

  async function load(name: string): Promise<CachedFile | null> {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const cached = files.get(name);
    if (cached?.mtimeMs === info.mtimeMs) return cached;
    const fresh: CachedFile = { mtimeMs: info.mtimeMs, raw: await readFile(path), encoded: {} };
    files.set(name, fresh);
    return fresh;
  }

  function encode(file: CachedFile, encoding: Encoding): Promise<Buffer> {
    file.encoded[encoding] ??=
      encoding === 'br'
        ? brotli(file.raw, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: file.raw.length } })
        : gzipped(file.raw, { level: 9 });
    return file.encoded[encoding]!;
  }

  async function send(ctx: Context, name: string, cacheControl: string): Promise<void> {
    ctx.set('Access-Control-Allow-Origin', '*');
    const match = FILE_NAME.exec(name);
    if (!match) throw new NotFoundError(`There is no widget file ${name}.`);
    const file = await load(name);
    if (!file) {
      const built = await stat(dir).then((s) => s.isDirectory(), () => false);
      throw built ? new NotFoundError(`There is no widget file ${name}.`) : new WidgetNotBuiltError(dir);
    }
    ctx.type = TYPES[match[1]!]!;
    ctx.set('Cache-Control', cacheControl);
    ctx.vary('Accept-Encoding');
    if (match[1] === 'js' && (await stat(join(dir, `${name}.map`)).catch(() => null))) ctx.set('SourceMap', `${name}.map`);
    // Brotli whenever accepted (smaller), whatever order the browser lists them in.
    const accepted = ctx.acceptsEncodings();
    const encoding = accepted.includes('br') ? 'br' : accepted.includes('gzip') ? 'gzip' : null;
    if (encoding) {
      ctx.set('Content-Encoding', encoding);
      ctx.body = await encode(file, encoding);
    } else {
      ctx.body = file.raw;
    }
  }

  router.get('/embed.js', (ctx) => send(ctx, 'embed.js', SHORT));
  router.get('/embed.js.map', (ctx) => send(ctx, 'embed.js.map', SHORT));
  router.get('/widget/:file', (ctx) => {
    const name = String(ctx.params.file);
    return send(ctx, name, HASHED.test(name) ? LONG : SHORT);
  });
  return router;
}
