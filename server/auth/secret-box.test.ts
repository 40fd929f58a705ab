import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { createSecretBox } from './secret-box.ts';

const box = suite('createSecretBox');
const secret = 'x'.repeat(40);

box('seals and opens; every seal differs', () => {
  const sealed = createSecretBox(secret, 'totp');
  const a = sealed.seal('JBSWY3DPEHPK3PXP');
  assert.match(a, /^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.is.not(a, sealed.seal('JBSWY3DPEHPK3PXP'));
  assert.is(sealed.open(a), 'JBSWY3DPEHPK3PXP');
});

box('another secret or purpose cannot open it; tampering is detected', () => {
  const sealed = createSecretBox(secret, 'totp').seal('seed');
  assert.throws(() => createSecretBox('y'.repeat(40), 'totp').open(sealed));
  assert.throws(() => createSecretBox(secret, 'other').open(sealed));
  const parts = sealed.split('.');
  parts[3] = Buffer.from('tampered').toString('base64url');
  assert.throws(() => createSecretBox(secret, 'totp').open(parts.join('.')));
  assert.throws(() => createSecretBox(secret, 'totp').open('garbage'));
});

box.run();
