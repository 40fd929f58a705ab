// The built widget over the real server (`npm run build` first; built here when missing).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { get } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT, startTestServer, type TestServer } from '../helpers/test-server.ts';

const DIST = join(ROOT, 'dist', 'widget');
let app: TestServer;
let mainChunk: string;

const assets = suite('GET /embed.js and /widget/{file}');
assets.before(async () => {
  if (!existsSync(join(DIST, 'embed.js'))) execFileSync(join(ROOT, 'node_modules', '.bin', 'rollup'), ['-c', '--silent'], { cwd: ROOT });
  mainChunk = readdirSync(DIST).find((file) => /^main-.*\.js$/.test(file))!;
  app = await startTestServer();
});
assets.after(async () => {
  await app.close();
});

assets('serves the loader with a short cache, CORS for any site, as JavaScript', async () => {
  const response = await app.call('/embed.js', { headers: { Origin: 'https://any-site.example' } });
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.is(response.headers.get('cache-control'), 'public, max-age=300');
  assert.is(response.headers.get('access-control-allow-origin'), '*');
  assert.is(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
  const text = await response.text();
  assert.ok(text.includes(`./widget/${mainChunk}`), 'the loader names the hashed main chunk');
  assert.not.match(text, 'sourceMappingURL', 'no comment: the map is named by a header');
  assert.is(response.headers.get('sourcemap'), 'embed.js.map');
  assert.is((await app.call('/embed.js.map')).status, 200);
});

assets('serves hashed chunks and their maps as immutable for a year', async () => {
  const chunk = await app.call(`/widget/${mainChunk}`);
  assert.is(chunk.status, 200);
  assert.is(chunk.headers.get('content-type'), 'text/javascript; charset=utf-8');
  assert.is(chunk.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.is(chunk.headers.get('access-control-allow-origin'), '*');
  assert.is(chunk.headers.get('sourcemap'), `${mainChunk}.map`, 'relative to the chunk: /widget/<chunk>.map');
  const map = await app.call(`/widget/${mainChunk}.map`);
  assert.is(map.status, 200);
  assert.is(map.headers.get('content-type'), 'application/json; charset=utf-8');
  assert.ok(((await map.json()) as { sources: string[] }).sources.some((s) => s.endsWith('qm-widget.ts')));
});

assets('answers 404 for anything else, readable by any site', async () => {
  for (const path of ['/widget/', '/widget/main-00000000.js', '/widget/..%2F..%2Fpackage.json', '/widget/%2e%2e%2fpackage.json', '/embed.jsx']) {
    const response = await app.call(path);
    assert.is(response.status, 404, path);
    assert.is(((await response.json()) as { error: { code: string } }).error.code, 'not_found', path);
  }
});

/** The raw answer (fetch would decode it), with exactly the given Accept-Encoding (or none). */
function rawGet(path: string, acceptEncoding?: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === undefined ? {} : { 'Accept-Encoding': acceptEncoding };
    get(`${app.url}${path}`, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on('error', reject);
    }).on('error', reject);
  });
}

assets('sends brotli or gzip to browsers that accept it, the same bytes as the built file, and varies on Accept-Encoding', async () => {
  const built = readFileSync(join(DIST, mainChunk));
  const br = await rawGet(`/widget/${mainChunk}`, 'gzip, deflate, br, zstd');
  assert.is(br.headers['content-encoding'], 'br');
  assert.ok(brotliDecompressSync(br.body).equals(built));
  assert.ok(br.body.length < built.length / 2, 'compressed');
  assert.match(String(br.headers.vary), /Accept-Encoding/);

  const gz = await rawGet('/embed.js', 'gzip');
  assert.is(gz.headers['content-encoding'], 'gzip');
  assert.ok(gunzipSync(gz.body).equals(readFileSync(join(DIST, 'embed.js'))));

  for (const acceptEncoding of [undefined, 'identity', 'br;q=0, gzip;q=0']) {
    const plain = await rawGet(`/widget/${mainChunk}`, acceptEncoding);
    assert.is(plain.headers['content-encoding'], undefined, String(acceptEncoding));
    assert.ok(plain.body.equals(built), String(acceptEncoding));
  }
});

assets.run();
