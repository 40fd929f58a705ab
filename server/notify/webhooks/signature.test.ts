import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { Webhook } from 'standardwebhooks';
import { signatureOf, signWebhook, webhookIdOf } from './signature.ts';

// The Standard Webhooks specification's own example.
const SPEC_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const SPEC_ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const SPEC_TIMESTAMP = 1614265330;
const SPEC_BODY = '{"test": 2432232314}';

const sign = suite('signWebhook');

sign('matches the specification\'s example signature', () => {
  assert.is(signatureOf(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY), 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
});

sign('is verified by the standardwebhooks reference package, and a changed body is not', () => {
  const secret = `whsec_${Buffer.from('a secret of at least twenty-four bytes').toString('base64')}`;
  const body = JSON.stringify({ type: 'quote.created', timestamp: '2026-03-04T16:20:00.000Z', data: { id: 'x', total: 39900 } });
  const headers = signWebhook(secret, 'msg_abc', new Date(), body);
  assert.ok(new Webhook(secret).verify(body, { ...headers }));
  assert.throws(() => new Webhook(secret).verify(body.replace('39900', '1'), { ...headers }));
  assert.throws(() => new Webhook(`whsec_${Buffer.from('another secret of twenty-four bytes!').toString('base64')}`).verify(body, { ...headers }));
});

sign('carries the attempt\'s time in whole seconds', () => {
  const headers = signWebhook(SPEC_SECRET, SPEC_ID, new Date(SPEC_TIMESTAMP * 1000 + 999), SPEC_BODY);
  assert.is(headers['webhook-timestamp'], String(SPEC_TIMESTAMP));
  assert.is(headers['webhook-id'], SPEC_ID);
});

sign('webhook ids derive from the outbox message id', () => {
  assert.is(webhookIdOf('8bc33715-64fc-45cc-8687-e080c4ef9b12'), 'msg_8bc3371564fc45cc8687e080c4ef9b12');
});

sign.run();
