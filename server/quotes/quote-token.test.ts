import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { newQuoteToken } from './quote-token.ts';

const test = suite('newQuoteToken');

test('answers 32 base64url characters (24 bytes), never the same twice, across refills of its pool', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 2000; i++) {
    const token = newQuoteToken();
    assert.match(token, /^[A-Za-z0-9_-]{32}$/);
    assert.is(Buffer.from(token, 'base64url').length, 24);
    seen.add(token);
  }
  assert.is(seen.size, 2000);
});

test.run();
