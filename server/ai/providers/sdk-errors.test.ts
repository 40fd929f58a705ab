import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ProviderError } from '../provider.ts';
import { retryAfterMs, toProviderError } from './sdk-errors.ts';

const after = suite('retryAfterMs');
after('reads retry-after-ms, Retry-After in seconds, or as an HTTP date', () => {
  assert.is(retryAfterMs(new Headers({ 'retry-after-ms': '250' })), 250);
  assert.is(retryAfterMs(new Headers({ 'retry-after': '3' })), 3000);
  assert.is(retryAfterMs(new Headers({ 'retry-after': '1.5' })), 1500);
  assert.is(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 1970 00:00:10 GMT' }), 4000), 6000);
  assert.is(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 1970 00:00:01 GMT' }), 4000), 0);
  assert.is(retryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
  assert.is(retryAfterMs(new Headers()), undefined);
  assert.is(retryAfterMs(undefined), undefined);
});
after.run();

const map = suite('toProviderError');
map('keeps a ProviderError; anything unknown is a server failure', () => {
  const own = new ProviderError('quota', 'x');
  assert.is(toProviderError(own, 'openai'), own);
  assert.is(toProviderError(new Error('socket hang up'), 'openai').kind, 'server');
  assert.is(toProviderError(undefined, 'openai').kind, 'server');
  assert.is(toProviderError(Object.assign(new Error('x'), { name: 'AbortError' }), 'openai').kind, 'timeout');
});
map('maps statuses: 402 and usage-limit words are quota, 429 rate_limited, 408/409/5xx server, other 4xx bad_request', () => {
  const status = (s: number, error: unknown = {}) => toProviderError(Object.assign(new Error('x'), { status: s, error }), 'anthropic').kind;
  assert.is(status(402), 'quota');
  assert.is(status(400, { error: { message: 'Your credit balance is too low' } }), 'quota');
  assert.is(status(429, { error: { code: 'insufficient_quota' } }), 'quota');
  assert.is(status(429), 'rate_limited');
  assert.is(status(408), 'server');
  assert.is(status(529), 'server');
  assert.is(status(404), 'bad_request');
});
map.run();
