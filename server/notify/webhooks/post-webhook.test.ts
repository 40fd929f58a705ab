import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { postWebhook } from './post-webhook.ts';

let server: Server;
let base = '';
const seen: Array<{ headers: Record<string, unknown>; body: string }> = [];

const post = suite('postWebhook');
post.before(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      if (req.url === '/ok') return res.writeHead(204).end();
      if (req.url === '/big') return res.writeHead(200).end('y'.repeat(10_000));
      if (req.url === '/redirect') return res.writeHead(302, { Location: '/ok' }).end();
      if (req.url === '/slow') return setTimeout(() => res.writeHead(200).end('late'), 400);
      res.writeHead(500).end('boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
post.after(() => {
  server.closeAllConnections();
  server.close();
});

post('a 2xx is delivered; the body and headers arrive as given', async () => {
  const result = await postWebhook({ url: `${base}/ok`, body: '{"a":1}', headers: { 'webhook-id': 'msg_1' }, guard: false });
  assert.equal({ ok: result.ok, statusCode: result.statusCode, error: result.error, response: result.response }, { ok: true, statusCode: 204, error: null, response: '' });
  assert.ok(result.durationMs >= 0);
  const last = seen.at(-1);
  assert.is(last?.body, '{"a":1}');
  assert.is(last?.headers['webhook-id'], 'msg_1');
  assert.is(last?.headers['content-type'], 'application/json');
});

post('keeps only the first 2 KB of an answer', async () => {
  const result = await postWebhook({ url: `${base}/big`, body: '{}', headers: {}, guard: false });
  assert.is(result.ok, true);
  assert.is(result.response?.length, 2048);
});

post('a non-2xx answer or a redirect (never followed) is a failure', async () => {
  assert.equal(await postWebhook({ url: `${base}/fail`, body: '{}', headers: {}, guard: false }).then((r) => [r.ok, r.statusCode, r.error, r.response]), [false, 500, 'answered 500', 'boom']);
  const redirect = await postWebhook({ url: `${base}/redirect`, body: '{}', headers: {}, guard: false });
  assert.equal([redirect.ok, redirect.statusCode], [false, 302]);
});

post('gives up on an answer that takes longer than the timeout', async () => {
  const result = await postWebhook({ url: `${base}/slow`, body: '{}', headers: {}, guard: false, timeoutMs: 100 });
  assert.equal([result.ok, result.statusCode, result.error], [false, null, 'no complete answer within 0.1 s']);
});

post('a refused connection and a bad URL are failures, not throws', async () => {
  const refused = await postWebhook({ url: 'http://127.0.0.1:1/x', body: '{}', headers: {}, guard: false });
  assert.match(refused.error ?? '', 'ECONNREFUSED');
  assert.is((await postWebhook({ url: 'not a url', body: '{}', headers: {}, guard: false })).error, 'not a URL');
});

post('with the guard, loopback and private targets are refused before connecting, by literal or by name', async () => {
  const before = seen.length;
  const literal = await postWebhook({ url: `${base}/ok`, body: '{}', headers: {}, guard: true });
  assert.match(literal.error ?? '', /^refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1/);
  const v6 = await postWebhook({ url: 'http://[::1]:9/x', body: '{}', headers: {}, guard: true });
  assert.match(v6.error ?? '', /^refused: ::1/);
  const named = await postWebhook({ url: `http://localhost:${new URL(base).port}/ok`, body: '{}', headers: {}, guard: true });
  assert.match(named.error ?? '', /^refused: localhost resolves to (127\.0\.0\.1|::1)/);
  assert.is(seen.length, before, 'nothing reached the server');
});

post.run();
