import { Writable } from 'node:stream';
import Koa from 'koa';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError, RateLimitedError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import { errorHandler, toAppError } from './error-handler.ts';
import { requestScope } from './request-scope.ts';

const map = suite('toAppError');

map('keeps app errors as they are', () => {
  const error = new RateLimitedError(3);
  assert.is(toAppError(error), error);
});

map('maps body-parser and Koa errors to the wire codes', () => {
  assert.is(toAppError(Object.assign(new Error('request entity too large'), { status: 413, expose: true, limit: 16384 })).code, 'payload_too_large');
  assert.is(toAppError(Object.assign(new Error('unsupported'), { status: 415, expose: true })).code, 'unsupported_media_type');
  assert.is(toAppError(Object.assign(new Error('nope'), { status: 404, expose: true })).code, 'not_found');
  const json = toAppError(Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, expose: true }));
  assert.is(json.code, 'invalid_request');
  assert.match(json.message, 'not valid JSON');
  assert.is(toAppError(Object.assign(new Error('bad header'), { statusCode: 400 })).message, 'bad header');
});

map('hides everything else behind server_error', () => {
  for (const thrown of [new TypeError('x is undefined'), 'a string', null, Object.assign(new Error('db down'), { status: 503 }), Object.assign(new Error('secret'), { status: 400, expose: false })]) {
    const error = toAppError(thrown);
    assert.is(error.status, 500);
    assert.is(error.code, 'server_error');
    assert.is(error.expose, false);
    assert.not.match(error.message, 'secret');
  }
});

map('keeps the original as the cause', () => {
  const original = new Error('boom');
  assert.is((toAppError(original) as AppError).cause, original);
});

map.run();

const handler = suite('errorHandler');

handler('answers an unexpected failure as server_error with the request id, and logs it', async () => {
  const logged: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk: Buffer, _e, done) => (logged.push(chunk.toString()), done()) }));
  const app = new Koa();
  app.silent = true;
  app.use(requestScope(logger));
  app.use(errorHandler(logger));
  app.use(() => {
    throw new TypeError('cannot read properties of undefined (secret detail)');
  });
  const server = app.listen(0);
  try {
    const { port } = server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${port}/x`, { headers: { 'X-Request-Id': 'trace-abcdef12' } });
    assert.is(response.status, 500);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    assert.is(body.error.code, 'server_error');
    assert.is(body.error.requestId, 'trace-abcdef12');
    assert.not.match(body.error.message, 'secret');
    const failure = logged.map((line) => JSON.parse(line)).find((line) => line.msg === 'request failed');
    assert.is(failure?.requestId, 'trace-abcdef12');
    assert.match(failure?.err?.message ?? '', 'secret detail');
  } finally {
    server.close();
  }
});

handler.run();
