import { createHmac } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { readUnsubscribeToken, unsubscribeToken } from './unsubscribe.ts';

const SECRET = 'unsubscribe-test-secret-unsubscribe-test';
const TENANT = '10000000-0000-4000-8000-000000000001';
const tokens = suite('unsubscribe tokens');

tokens('carry the tenant and the address (lower case), signed', () => {
  const token = unsubscribeToken(SECRET, TENANT, 'Owner@Example.COM');
  assert.match(token, /^[\w-]+\.[\w-]{32}$/);
  assert.equal(readUnsubscribeToken(SECRET, token), { tenantId: TENANT, email: 'owner@example.com' });
});

tokens('refuse a token changed or signed with another secret', () => {
  const token = unsubscribeToken(SECRET, TENANT, 'owner@example.com');
  const [payload, mac] = token.split('.') as [string, string];
  const other = Buffer.from(JSON.stringify([TENANT, 'victim@example.com'])).toString('base64url');
  assert.is(readUnsubscribeToken(SECRET, `${other}.${mac}`), null);
  assert.is(readUnsubscribeToken('another-secret-another-secret-another', token), null);
  assert.is(readUnsubscribeToken(SECRET, `${payload}.${mac.slice(0, -1)}A`.replace(/AA$/, 'AB')), null);
  assert.is(readUnsubscribeToken(SECRET, 'nonsense'), null);
});

tokens('refuse a well-signed token whose content is not a pair of strings', () => {
  const sign = (content: string): string => {
    const payload = Buffer.from(content).toString('base64url');
    // Signed with the real secret, to reach the parsing step.
    return `${payload}.${createHmac('sha256', SECRET).update(`unsubscribe:${payload}`).digest('base64url').slice(0, 32)}`;
  };
  assert.is(readUnsubscribeToken(SECRET, sign('[1, 2]')), null);
  assert.is(readUnsubscribeToken(SECRET, sign('not json at all')), null);
});

tokens.run();
