import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { AppError, RateLimitedError } from '../errors.ts';
import { toAppError } from './error-handler.ts';

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
