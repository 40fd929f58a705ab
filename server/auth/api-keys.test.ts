import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { credentialKind, generateKey, hashSecretKey, keyMode, PUBLISHABLE_KEY_PATTERN, randomToken, SECRET_KEY_PATTERN, visiblePrefix } from './api-keys.ts';

const keys = suite('api keys');

keys('generateKey makes keys of the documented shapes, each different', () => {
  const secret = generateKey('secret', 'live');
  const publishable = generateKey('publishable', 'test');
  assert.match(secret, /^sk_live_[A-Za-z0-9]{43}$/);
  assert.match(publishable, /^pk_test_[A-Za-z0-9]{25}$/);
  assert.ok(SECRET_KEY_PATTERN.test(secret));
  assert.ok(PUBLISHABLE_KEY_PATTERN.test(publishable));
  assert.is.not(generateKey('secret', 'live'), secret);
});

keys('credentialKind tells keys from tokens by their prefix', () => {
  assert.is(credentialKind('sk_test_abc'), 'secret');
  assert.is(credentialKind('pk_live_abc'), 'publishable');
  assert.is(credentialKind('eyJhbGciOi.x.y'), 'token');
});

keys('keyMode reads test or live', () => {
  assert.is(keyMode('sk_live_x'), 'live');
  assert.is(keyMode('pk_test_x'), 'test');
});

keys('hashSecretKey is SHA-256 hex, stable', () => {
  assert.is(hashSecretKey('sk_test_a'), hashSecretKey('sk_test_a'));
  assert.match(hashSecretKey('sk_test_a'), /^[0-9a-f]{64}$/);
});

keys('visiblePrefix shows the mode, four characters each end of a secret key, and all of a publishable one', () => {
  assert.is(visiblePrefix('sk_live_AbCdEfGhIjKlMnOp'), 'sk_live_AbCd…MnOp');
  assert.is(visiblePrefix('pk_test_brightside'), 'pk_test_brightside');
});

keys('randomToken uses only base62 and has at least the entropy asked for', () => {
  const token = randomToken(16);
  assert.match(token, /^[A-Za-z0-9]+$/);
  assert.ok(token.length * Math.log2(62) >= 128);
});

keys.run();
