import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Koa from 'koa';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createLogger } from '../../logger.ts';
import { errorHandler } from '../error-handler.ts';
import { widgetAssetRoutes } from './widget-assets.ts';

async function serve(dir: string): Promise<{ get(path: string): Promise<Response>; close(): Promise<void> }> {
  const app = new Koa();
  app.silent = true;
  app.use(errorHandler(createLogger('silent')));
  app.use(widgetAssetRoutes({ dir }).routes());
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { get: (path) => fetch(`${base}${path}`), close: () => new Promise((done) => server.close(() => done())) };
}

const assets = suite('widgetAssetRoutes');

assets('answers 404 widget_not_built, naming `npm run build`, when nothing is built', async () => {
  const http = await serve(join(tmpdir(), 'qm-no-such-dist'));
  try {
    for (const path of ['/embed.js', '/widget/main-AbCdEf12.js']) {
      const response = await http.get(path);
      assert.is(response.status, 404);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.is(body.error.code, 'widget_not_built');
      assert.match(body.error.message, 'npm run build');
    }
  } finally {
    await http.close();
  }
});

assets('serves plain file names only: no climbing out, no other types', async () => {
  const root = mkdtempSync(join(tmpdir(), 'qm-assets-'));
  const dir = join(root, 'widget');
  mkdirSync(dir);
  writeFileSync(join(root, 'secret.js'), 'secret');
  writeFileSync(join(dir, 'notes.txt'), 'text');
  writeFileSync(join(dir, 'style-AbCdEf12.css'), 'p{}');
  const http = await serve(dir);
  try {
    for (const path of ['/widget/..%2Fsecret.js', '/widget/%2e%2e%2fsecret.js', '/widget/../secret.js', '/widget/notes.txt', '/widget/nothing-AbCdEf12.js']) {
      assert.is((await http.get(path)).status, 404, path);
    }
    const css = await http.get('/widget/style-AbCdEf12.css');
    assert.is(css.status, 200);
    assert.is(css.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.is(css.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  } finally {
    await http.close();
  }
});

assets.run();
