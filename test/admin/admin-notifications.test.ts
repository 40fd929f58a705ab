// Notification settings on the admin API against the real worker and a local
// receiver that verifies signatures: alert emails, webhook endpoints created
// with a secret shown once (generated or given), changed, deleted; the
// delivery log with cursor pages; replay; enable after an auto-disable; and
// an audit row for every change.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { CLEANER_SECRET, PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { startTestWorker, startWebhookPeer, TEST_SECRET, waitUntil, type TestWorker, type WebhookPeer } from '../helpers/notify.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

let app: TestServer;
let peer: WebhookPeer;
let worker: TestWorker | null = null;

const A = (path: string) => `/v1/admin${path}`;
const call = async (path: string, init: Parameters<typeof withBearer>[1] = {}, bearer = PAINTER_SECRET) => {
  const response = await app.call(A(path), withBearer(bearer, init));
  return { status: response.status, body: response.status === 204 ? null : await json(response) };
};
const auditOf = async (action: string): Promise<J[]> =>
  query(app.database.url, "SELECT actor_type, actor_label, target_id, before, after FROM audit_log WHERE action = $1 ORDER BY created_at, id", [action]);

const notify = suite('admin API: notification settings and webhooks');
notify.before(async () => {
  peer = await startWebhookPeer();
  app = await startTestServer();
});
notify.after.each(async () => {
  await worker?.shutdown();
  worker = null;
  peer.answer = () => 200;
});
notify.after(async () => {
  await app.close();
  await peer.close();
});

notify('alert emails: read, change (validated), clear the reply-to; audited with before and after', async () => {
  assert.equal((await call('/notifications')).body, { emails: ['owner@brightside-painting.example'], replyTo: null });
  const changed = await call('/notifications', { method: 'PATCH', body: { emails: ['office@brightside.example', 'boss@brightside.example'], replyTo: 'office@brightside.example' } });
  assert.equal(changed.body, { emails: ['office@brightside.example', 'boss@brightside.example'], replyTo: 'office@brightside.example' });
  assert.equal((await call('/notifications')).body, changed.body);
  assert.equal((await call('/notifications', { method: 'PATCH', body: { replyTo: null } })).body, { emails: ['office@brightside.example', 'boss@brightside.example'], replyTo: null });
  const bad = await call('/notifications', { method: 'PATCH', body: { emails: ['not-an-address'] } });
  assert.is(bad.status, 400);
  assert.is(bad.body.error.code, 'invalid_request');
  assert.is(bad.body.error.details[0].path, 'emails[0]');
  assert.is((await call('/notifications', { method: 'PATCH', body: {} })).status, 400);
  const [first, second] = await auditOf('notifications.updated');
  assert.equal(first.before, { emails: ['owner@brightside-painting.example'], replyTo: null });
  assert.equal(first.after, changed.body);
  assert.is(second.after.replyTo, null);
  assert.is(first.actor_type, 'api_key');
  // The widget's tenant is unaffected; the worker reads the stored settings.
  const [row] = await query<{ settings: J }>(app.database.url, "SELECT settings FROM tenants WHERE slug = 'brightside-painting'");
  assert.equal(row?.settings.notifications.emails, ['office@brightside.example', 'boss@brightside.example']);
});

notify('webhook endpoints: created with a secret shown once, listed without it, changed, validated, deleted', async () => {
  const listed = (await call('/webhooks')).body.data;
  assert.is(listed.length, 1, 'the tenant file\'s endpoint');
  assert.not.ok('secret' in listed[0]);

  const generated = await call('/webhooks', { method: 'POST', body: { url: 'https://hooks.brightside.example/a', events: ['quote.created', 'quote.accepted'] } });
  assert.is(generated.status, 201);
  assert.match(generated.body.secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.match(generated.body.id, /^[0-9a-f]{32}$/);
  assert.is(generated.body.state, 'active');
  const given = await call('/webhooks', { method: 'POST', body: { url: 'https://hooks.brightside.example/b', events: ['quote.declined'], secret: TEST_SECRET } });
  assert.is(given.body.secret, TEST_SECRET);

  const all = (await call('/webhooks')).body.data;
  assert.equal(all.map((h: J) => h.url).slice(1), ['https://hooks.brightside.example/a', 'https://hooks.brightside.example/b']);
  assert.ok(all.every((h: J) => !('secret' in h)), 'never a secret after creation');

  for (const [body, path] of [
    [{ url: 'https://hooks.brightside.example/a', events: ['quote.created'] }, 'url'],
    [{ url: 'ftp://hooks.brightside.example/c', events: ['quote.created'] }, 'url'],
    [{ url: 'https://hooks.brightside.example/c', events: [] }, 'events'],
    [{ url: 'https://hooks.brightside.example/c', events: ['quote.created'], secret: 'whsec_short' }, 'secret'],
    [{ url: 'https://hooks.brightside.example/c', events: ['quote.exploded'] }, 'events[0]'],
  ] as const) {
    const refused = await call('/webhooks', { method: 'POST', body });
    assert.is(refused.status, 400, JSON.stringify(body));
    assert.is(refused.body.error.details[0].path, path, JSON.stringify(refused.body.error));
  }

  const changed = await call(`/webhooks/${generated.body.id}`, { method: 'PATCH', body: { url: 'https://hooks.brightside.example/a2', events: ['quote.viewed'] } });
  assert.is(changed.status, 200);
  assert.equal([changed.body.url, changed.body.events], ['https://hooks.brightside.example/a2', ['quote.viewed']]);
  assert.is.not(changed.body.id, generated.body.id, 'the id follows the URL');
  assert.not.ok('secret' in changed.body);
  assert.is((await call(`/webhooks/${generated.body.id}`, { method: 'PATCH', body: { events: ['quote.viewed'] } })).status, 404);
  const [row] = await query<{ settings: J }>(app.database.url, "SELECT settings FROM tenants WHERE slug = 'brightside-painting'");
  assert.is(row?.settings.webhooks.find((h: J) => h.url === 'https://hooks.brightside.example/a2').secret, generated.body.secret, 'the secret stays with the endpoint');

  assert.is((await call(`/webhooks/${changed.body.id}`, { method: 'DELETE' })).status, 204);
  assert.is((await call(`/webhooks/${changed.body.id}`, { method: 'DELETE' })).status, 404);
  assert.is((await call(`/webhooks/${given.body.id}`, { method: 'DELETE' })).status, 204);
  assert.is((await call('/webhooks')).body.data.length, 1);

  const created = await auditOf('webhook.created');
  assert.equal(created.map((r) => r.after.url), ['https://hooks.brightside.example/a', 'https://hooks.brightside.example/b']);
  assert.not.ok(JSON.stringify(created).includes('whsec_'), 'no secret in the audit log');
  const [updated] = await auditOf('webhook.updated');
  assert.equal([updated.before.url, updated.after.url], ['https://hooks.brightside.example/a', 'https://hooks.brightside.example/a2']);
  assert.is((await auditOf('webhook.deleted')).length, 2);
});

notify('the delivery log of an endpoint, page by page; replay sends the same message again; a queued one cannot be replayed', async () => {
  const hook = (await call('/webhooks', { method: 'POST', body: { url: peer.url, events: ['quote.created'], secret: TEST_SECRET } })).body;
  let failures = 0;
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 2 });
  peer.answer = (_n, delivery) => (delivery.body?.data?.id === quote.id && failures++ < 2 ? 503 : 200);
  worker = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-admin-hooks-')) });
  worker.worker.start();
  await waitUntil('three attempts', () => peer.requests.filter((r) => r.body?.data?.id === quote.id).length === 3);
  await waitUntil('the log has them', async () => (await call(`/webhooks/${hook.id}/deliveries`)).body.data.length === 3);

  const first = (await call(`/webhooks/${hook.id}/deliveries?limit=2`)).body;
  assert.is(first.data.length, 2);
  assert.ok(first.nextCursor);
  const second = (await call(`/webhooks/${hook.id}/deliveries?limit=2&cursor=${first.nextCursor}`)).body;
  assert.is(second.data.length, 1);
  assert.is(second.nextCursor, null);
  const log = [...first.data, ...second.data];
  assert.equal(log.map((a: J) => [a.attempt, a.ok, a.statusCode]), [[3, true, 200], [2, false, 503], [1, false, 503]], 'newest first');
  assert.ok(log.every((a: J) => a.durationMs >= 0 && a.event === 'quote.created' && a.messageStatus === 'delivered'));
  assert.is(log[1].response.length, 500, 'the answer, truncated');
  assert.is(log[1].error, 'answered 503');
  assert.is((await call(`/webhooks/${hook.id}/deliveries?cursor=abc`)).status, 400);

  const messageId = log[0].messageId;
  const before = peer.requests.length;
  // No worker while the replay is queued, so it stays queued.
  await worker.shutdown();
  worker = null;
  const replayed = await call(`/webhooks/${hook.id}/deliveries/${messageId}/replay`, { method: 'POST' });
  assert.is(replayed.status, 202);
  assert.equal(replayed.body, { messageId, status: 'pending' });
  const again = await call(`/webhooks/${hook.id}/deliveries/${messageId}/replay`, { method: 'POST' });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'message_pending');
  worker = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-admin-hooks-')) });
  worker.worker.start();
  await waitUntil('the replay', () => peer.requests.length > before);
  const resent = peer.requests[before];
  assert.is(resent?.body.data.id, quote.id);
  assert.ok(resent?.verified);
  assert.is(resent?.id, peer.requests.find((r) => r.body?.data?.id === quote.id)?.id, 'the same webhook-id: receivers can tell');
  const [audit] = await auditOf('webhook.replayed');
  assert.is(audit.target_id, messageId);
  assert.equal(audit.before, { status: 'delivered' });

  assert.is((await call(`/webhooks/${hook.id}/deliveries/00000000-0000-4000-8000-000000000000/replay`, { method: 'POST' })).status, 404);
  assert.is((await call(`/webhooks/${hook.id}/deliveries/not-a-uuid/replay`, { method: 'POST' })).status, 404);
  assert.is((await call(`/webhooks/${hook.id}/deliveries`, {}, CLEANER_SECRET)).status, 404, 'another tenant');
  assert.is((await call(`/webhooks/${hook.id}/deliveries/${messageId}/replay`, { method: 'POST' }, CLEANER_SECRET)).status, 404, 'another tenant');
  // Another tenant with an endpoint at the same URL (so the same id) still sees only its own messages.
  const theirs = (await call('/webhooks', { method: 'POST', body: { url: peer.url, events: ['quote.created'] } }, CLEANER_SECRET)).body;
  assert.is(theirs.id, hook.id);
  assert.equal((await call(`/webhooks/${hook.id}/deliveries`, {}, CLEANER_SECRET)).body.data, []);
  assert.is((await call(`/webhooks/${hook.id}/deliveries/${messageId}/replay`, { method: 'POST' }, CLEANER_SECRET)).status, 404);
});

notify('an endpoint disabled after failing is enabled again (audited once), and a viewer may read but not change', async () => {
  const hook = (await call('/webhooks')).body.data.find((h: J) => h.url === peer.url);
  const [tenant] = await query<{ id: string }>(app.database.url, "SELECT id FROM tenants WHERE slug = 'brightside-painting'");
  await query(app.database.url, 'INSERT INTO webhook_endpoints (tenant_id, url, failing_since, disabled_at) VALUES ($1, $2, now() - interval \'6 days\', now()) ON CONFLICT (tenant_id, url) DO UPDATE SET failing_since = EXCLUDED.failing_since, disabled_at = EXCLUDED.disabled_at', [tenant?.id, peer.url]);
  const disabled = (await call('/webhooks')).body.data.find((h: J) => h.id === hook.id);
  assert.is(disabled.state, 'disabled');
  assert.ok(disabled.disabledAt && disabled.failingSince);

  const viewer = await signIn(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' });
  assert.is((await call('/webhooks', {}, viewer.accessToken)).status, 200);
  assert.is((await call(`/webhooks/${hook.id}/deliveries`, {}, viewer.accessToken)).status, 200);
  const refused = await call(`/webhooks/${hook.id}/enable`, { method: 'POST' }, viewer.accessToken);
  assert.is(refused.status, 403);

  const enabled = await call(`/webhooks/${hook.id}/enable`, { method: 'POST' });
  assert.is(enabled.status, 200);
  assert.equal([enabled.body.state, enabled.body.disabledAt, enabled.body.failingSince], ['active', null, null]);
  assert.is((await call(`/webhooks/${hook.id}/enable`, { method: 'POST' })).body.state, 'active', 'enabling an active endpoint changes nothing');
  const audit = await auditOf('webhook.enabled');
  assert.is(audit.length, 1);
  assert.is(audit[0].after.disabledAt, null);
});

notify.run();
