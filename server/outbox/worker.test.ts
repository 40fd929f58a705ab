import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withoutAddresses } from './worker.ts';

const scrub = suite('withoutAddresses');

scrub('takes email addresses out of error texts for the logs', () => {
  assert.is(withoutAddresses("Can't send mail - all recipients were rejected: 550 nobody@example.com: mailbox unavailable"), "Can't send mail - all recipients were rejected: 550 [address]: mailbox unavailable");
  assert.is(withoutAddresses('<ada.lovelace+quotes@example.co.uk> refused'), '<[address]> refused');
  assert.is(withoutAddresses('connect ECONNREFUSED 127.0.0.1:3100'), 'connect ECONNREFUSED 127.0.0.1:3100');
});

scrub.run();
