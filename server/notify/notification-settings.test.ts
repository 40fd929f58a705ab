import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { exampleTenant } from '../tenants/testing/tenants.ts';
import { parseTenantFile } from '../tenants/tenant-file.ts';
import { isWebhookSecret } from './notification-settings.ts';

const SECRET = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const settings = suite('notifications and webhooks in tenant files');

function problems(extra: Record<string, unknown>): Array<{ path: string; message: string }> {
  const parsed = parseTenantFile({ ...exampleTenant(), ...extra });
  return parsed.ok ? [] : parsed.issues;
}

settings('a file without them stays valid; with them they are kept', () => {
  assert.equal(problems({}), []);
  const parsed = parseTenantFile({
    ...exampleTenant(),
    notifications: { emails: ['owner@example.com'], templates: { 'quote-to-visitor': { subject: 'Quote {{quote.number}}' } } },
    webhooks: [{ url: 'https://hooks.example.com/in', secret: SECRET, events: ['quote.created', 'quote.accepted'] }],
  });
  assert.ok(parsed.ok);
  if (parsed.ok) {
    assert.equal(parsed.tenant.notifications?.emails, ['owner@example.com']);
    assert.equal(parsed.tenant.webhooks?.[0]?.events, ['quote.created', 'quote.accepted']);
  }
});

settings('names each bad value by its path', () => {
  const issues = problems({
    notifications: { emails: ['not-an-address'], replyTo: 'x', templates: { 'quote-to-visitor': { html: '<p>{{{raw}}}</p>' }, 'team-invite': { subject: 'x' } } },
    webhooks: [
      { url: 'ftp://hooks.example.com', secret: 'whsec_short', events: [] },
      { url: 'https://user:pw@hooks.example.com', secret: SECRET, events: ['quote.created', 'quote.created'] },
      { url: 'https://hooks.example.com/#x', secret: SECRET, events: ['quote.paid'] },
    ],
  });
  const paths = issues.map((issue) => issue.path);
  for (const path of [
    'notifications.emails[0]', 'notifications.replyTo', 'notifications.templates.quote-to-visitor.html', 'notifications.templates',
    'webhooks[0].url', 'webhooks[0].secret', 'webhooks[0].events', 'webhooks[1].url', 'webhooks[1].events', 'webhooks[2].url', 'webhooks[2].events[0]',
  ]) {
    assert.ok(paths.some((p) => p === path || p.startsWith(`${path}.`) || p.startsWith(`${path}[`)), `${path} in ${paths.join(', ')}`);
  }
  assert.ok(issues.some((issue) => /unescaped output/.test(issue.message)));
  const same = { url: 'https://hooks.example.com/same', secret: SECRET, events: ['quote.viewed'] };
  assert.equal(problems({ webhooks: [same, same] }), [{ path: 'webhooks[1].url', message: 'is the same URL as webhooks[0].url' }]);
});

settings('webhook secrets: whsec_ and the base64 of 24 to 64 bytes', () => {
  assert.ok(isWebhookSecret(SECRET));
  assert.ok(isWebhookSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
  assert.not.ok(isWebhookSecret(`whsec_${Buffer.alloc(16).toString('base64')}`));
  assert.not.ok(isWebhookSecret(`whsec_${Buffer.alloc(65).toString('base64')}`));
  assert.not.ok(isWebhookSecret('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
  assert.not.ok(isWebhookSecret('whsec_not base64!'));
});

settings.run();
