import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import Koa from 'koa';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isAppError } from '../errors.ts';
import { jsonBody } from './json-body.ts';

const test = suite('jsonBody');

/** A Koa app with only the JSON reader; what each request ended with is recorded. */
async function withApp(run: (port: number, outcomes: Promise<string>[]) => Promise<void>): Promise<void> {
  const app = new Koa();
  app.silent = true;
  const outcomes: Promise<string>[] = [];
  app.use(async (ctx, next) => {
    outcomes.push(
      next().then(
        () => `read ${JSON.stringify(ctx.request.body)}`,
        (error: unknown) => (isAppError(error) ? error.code : 'not an app error'),
      ),
    );
    await outcomes.at(-1);
  });
  app.use(jsonBody(1024));
  app.use((ctx) => {
    ctx.body = { ok: true };
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((done) => server.once('listening', done));
  try {
    await run((server.address() as AddressInfo).port, outcomes);
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
}

/** Sends raw bytes on a fresh connection; `end` closes it right after. */
function send(port: number, bytes: string, end: boolean): Promise<void> {
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(bytes);
      if (end) socket.destroy();
      done();
    });
    socket.once('error', fail);
  });
}

async function settled(outcomes: Promise<string>[]): Promise<string> {
  for (let i = 0; i < 200 && outcomes.length === 0; i++) await new Promise((done) => setTimeout(done, 10));
  return (await outcomes[0]) ?? 'no request';
}

test('a client that goes away mid-body ends the read with invalid_request', async () => {
  await withApp(async (port, outcomes) => {
    await send(port, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"fields":', true);
    assert.is(await settled(outcomes), 'invalid_request');
  });
});

test('a whole body is read once, with no error made after it (the connection closing later changes nothing)', async () => {
  await withApp(async (port, outcomes) => {
    const body = '{"fields":{}}';
    await send(port, `POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`, false);
    assert.is(await settled(outcomes), 'read {"fields":{}}');
  });
});

test.run();
