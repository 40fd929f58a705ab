import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './passwords.ts';

const passwords = suite('hashPassword / verifyPassword');

passwords('hashes with argon2id and OWASP parameters, a fresh salt each time', async () => {
  const first = await hashPassword('velvet-harbour-lantern');
  const second = await hashPassword('velvet-harbour-lantern');
  assert.match(first, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  assert.is.not(first, second);
});

passwords('verifies the right password and refuses a wrong one', async () => {
  const phc = await hashPassword('velvet-harbour-lantern');
  assert.ok(await verifyPassword(phc, 'velvet-harbour-lantern'));
  assert.not.ok(await verifyPassword(phc, 'velvet-harbour-lanterN'));
});

passwords('a malformed hash verifies nothing instead of throwing', async () => {
  assert.not.ok(await verifyPassword('not-a-hash', 'anything'));
});

passwords('verifyAgainstDecoy always answers false', async () => {
  assert.is(await verifyAgainstDecoy('velvet-harbour-lantern'), false);
});

passwords.run();
