// Webhooks against a local receiver that verifies every request with the
// Standard Webhooks reference package: each quote event once, signed;
// retries with backoff after failures; the delivery log; replay; the SSRF
// guard of production; an endpoint disabled after failing for five days.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listMailbox } from '../../server/notify/email/file-mailbox.ts';
import { enableWebhookEndpoint } from '../../server/notify/webhooks/endpoints.ts';
import { webhookIdOf } from '../../server/notify/webhooks/signature.ts';
import { replayMessage } from '../../server/outbox/replay.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startTestWorker, startWebhookPeer, TEST_SECRET, tenantsDirWith, waitUntil, type TestWorker, type WebhookPeer } from '../helpers/notify.ts';

let app: TestServer;
let peer: WebhookPeer;
let tenantId: string;
let n = 0;
const workers: TestWorker[] = [];

function worker(options: Parameters<typeof startTestWorker>[1] extends infer O ? Partial<O> : never = {}): TestWorker {
  const started = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-hooks-')), ...options });
  workers.push(started);
  started.worker.start();
  return started;
}

async function stopWorkers(): Promise<void> {
  for (const w of workers.splice(0)) await w.shutdown();
}

async function submit(rooms = 1): Promise<{ id: string; number: string; url: string }> {
  const response = await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms }, contact: { name: 'Ada Lovelace', email: 'ada@example.com' }, consent: true }, { 'Idempotency-Key': `hook-${Date.now()}-${++n}` }),
  );
  assert.is(response.status, 201);
  return json(response);
}

const forQuote = (quoteId: string) => peer.requests.filter((r) => r.body?.data?.id === quoteId);
const webhookRow = async (quoteId: string, type = 'quote.created') =>
  (await query<{ id: string; status: string; attempts: number; last_error: string | null }>(
    app.database.url,
    "SELECT w.id, w.status, w.attempts, w.last_error FROM outbox w JOIN outbox e ON e.id = w.parent_id WHERE w.kind = 'webhook' AND e.payload->>'quoteId' = $1 AND w.topic = $2",
    [quoteId, type],
  ))[0];

const hooks = suite('webhooks');
hooks.before(async () => {
  peer = await startWebhookPeer();
  const tenants = tenantsDirWith((slug, tenant) => {
    if (slug === 'brightside-painting') tenant.webhooks = [{ url: peer.url, secret: TEST_SECRET, events: ['quote.created', 'quote.viewed', 'quote.accepted', 'quote.declined'] }];
  });
  app = await startTestServer({ env: { TENANTS_DIR: tenants } });
  tenantId = (await query<{ id: string }>(app.database.url, "SELECT id FROM tenants WHERE slug = 'brightside-painting'"))[0]?.id as string;
});
hooks.after.each(async () => {
  await stopWorkers();
  peer.answer = () => 200;
});
hooks.after(async () => {
  await app.close();
  await peer.close();
});

hooks('every quote event reaches the endpoint once, signed per Standard Webhooks, as { type, timestamp, data }', async () => {
  worker();
  const quote = await submit(2);
  const token = new URL(quote.url).pathname.split('/').pop() as string;
  const page = await (await app.call(`/q/${token}`)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;
  await app.call(`/q/${token}/accept`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, name: 'Ada Lovelace' }).toString(), redirect: 'manual' });
  await waitUntil('three events', () => forQuote(quote.id).length === 3);

  const received = forQuote(quote.id);
  assert.ok(received.every((r) => r.verified), 'every signature verifies with the standardwebhooks package');
  assert.equal(received.map((r) => r.body.type).sort(), ['quote.accepted', 'quote.created', 'quote.viewed']);
  assert.is(new Set(received.map((r) => r.id)).size, 3, 'one webhook-id per message');
  const created = received.find((r) => r.body.type === 'quote.created');
  assert.match(created?.id ?? '', /^msg_[0-9a-f]{32}$/);
  assert.match(created?.headers['webhook-signature'] as string, /^v1,[A-Za-z0-9+/]+=*$/);
  assert.is(created?.headers['content-type'], 'application/json');
  assert.equal(Object.keys(created?.body).sort(), ['data', 'timestamp', 'type']);
  assert.is(created?.body.data.number, quote.number);
  assert.is(created?.body.data.total, (quote as unknown as { total: number }).total);
  assert.is(created?.body.data.status, 'sent');
  assert.is(created?.body.data.url, `http://quotes.test${new URL(quote.url).pathname}`, 'the hosted page, on the public URL');
  const accepted = received.find((r) => r.body.type === 'quote.accepted');
  assert.is(accepted?.body.data.decision.name, 'Ada Lovelace');
  const row = await webhookRow(quote.id);
  assert.is(created?.id, webhookIdOf(row?.id as string));
  assert.is(row?.status, 'delivered');
});

hooks('a receiver failing twice then answering 2xx gets the same message three times; each attempt is logged', async () => {
  const quote = await submit(3);
  let failures = 0;
  peer.answer = (_n, delivery) => (delivery.body?.data?.id === quote.id && delivery.body.type === 'quote.created' && failures++ < 2 ? 503 : 200);
  worker();
  await waitUntil('delivered after two failures', async () => (await webhookRow(quote.id))?.status === 'delivered');
  const attempts = forQuote(quote.id).filter((r) => r.body.type === 'quote.created');
  assert.is(attempts.length, 3);
  assert.is(new Set(attempts.map((a) => a.id)).size, 1, 'the same webhook-id on every attempt');
  assert.ok(attempts.every((a) => a.verified), 'each attempt signed with its own timestamp');
  const row = await webhookRow(quote.id);
  assert.is(row?.attempts, 3);
  const log = await query<{ attempt: number; ok: boolean; status_code: number; duration_ms: number; response: string; error: string | null; target: string }>(
    app.database.url,
    'SELECT attempt, ok, status_code, duration_ms, response, error, target FROM delivery_attempts WHERE message_id = $1 ORDER BY id',
    [row?.id],
  );
  assert.equal(log.map((l) => [l.attempt, l.ok, l.status_code]), [[1, false, 503], [2, false, 503], [3, true, 200]]);
  assert.ok(log.every((l) => l.duration_ms >= 0 && l.target === peer.url));
  assert.is(log[0]?.response.length, 2048, 'the answer is kept truncated to 2 KB');
  assert.is(log[0]?.error, 'answered 503');
  assert.is(log[2]?.response, 'ok');
  const [endpoint] = await query<{ failing_since: Date | null }>(app.database.url, 'SELECT failing_since FROM webhook_endpoints WHERE url = $1', [peer.url]);
  assert.is(endpoint?.failing_since, null, 'a success ends the failing streak');
});

hooks('replay sends a delivered message again under the same webhook-id', async () => {
  const quote = await submit(4);
  const w = worker();
  await waitUntil('delivered', async () => (await webhookRow(quote.id))?.status === 'delivered');
  const row = await webhookRow(quote.id);
  assert.is(await replayMessage(w.db, tenantId, row?.id as string), true);
  await waitUntil('replayed', () => forQuote(quote.id).filter((r) => r.body.type === 'quote.created').length === 2);
  await waitUntil('delivered again', async () => (await webhookRow(quote.id))?.status === 'delivered');
  const both = forQuote(quote.id).filter((r) => r.body.type === 'quote.created');
  assert.is(both[0]?.id, both[1]?.id);
  assert.is(both[0]?.raw, both[1]?.raw, 'the same body');
  assert.is(await replayMessage(w.db, tenantId, '00000000-0000-4000-8000-000000000000'), false, 'unknown message');
  assert.is(await replayMessage(w.db, tenantId, 'not-an-id'), false);
  const otherTenant = (await query<{ id: string }>(app.database.url, "SELECT id FROM tenants WHERE slug = 'glanzwerk-reinigung'"))[0]?.id as string;
  assert.is(await replayMessage(w.db, otherTenant, row?.id as string), false, 'another tenant cannot replay it');
});

hooks('in production the guard refuses loopback targets on every attempt; elsewhere they are allowed', async () => {
  const quote = await submit(5);
  worker({ production: true, worker: { retry: { baseMs: 100, factor: 1, capMs: 100, giveUpAfterMs: 1500, jitter: 0 } } });
  await waitUntil('given up', async () => (await webhookRow(quote.id))?.status === 'failed', 20_000);
  assert.is(forQuote(quote.id).length, 0, 'nothing reached the receiver');
  const row = await webhookRow(quote.id);
  assert.ok((row?.attempts ?? 0) >= 2, 'checked again on each attempt');
  assert.match(row?.last_error ?? '', /^refused: 127\.0\.0\.1 resolves to 127\.0\.0\.1/);
  const log = await query<{ ok: boolean; status_code: number | null }>(app.database.url, 'SELECT ok, status_code FROM delivery_attempts WHERE message_id = $1', [row?.id]);
  assert.ok(log.length >= 2 && log.every((l) => !l.ok && l.status_code === null));
  await query(app.database.url, 'UPDATE webhook_endpoints SET failing_since = NULL');
});

hooks('an endpoint failing for five days is disabled, the business emailed and told; later messages wait for it to be enabled', async () => {
  let offset = 0; // the worker's clock runs with real time, shifted by this
  const before = Date.now();
  peer.answer = () => 500;
  const first = await submit(6);
  const w = worker({ worker: { now: () => new Date(Date.now() + offset), retry: { baseMs: 3_600_000, factor: 1, capMs: 3_600_000, giveUpAfterMs: 10 * 86_400_000, jitter: 0 } } });
  await waitUntil('first failure', async () => (await webhookRow(first.id))?.attempts === 1 && (await webhookRow(first.id))?.status === 'pending');
  const [streak] = await query<{ failing_since: Date }>(app.database.url, 'SELECT failing_since FROM webhook_endpoints WHERE url = $1', [peer.url]);
  const since = new Date(streak?.failing_since as Date).getTime();
  assert.ok(since >= before && since <= Date.now(), 'the streak starts at the first failure');

  offset = 5 * 86_400_000 + 1000;
  await waitUntil('disabled', async () => (await query(app.database.url, 'SELECT 1 FROM webhook_endpoints WHERE disabled_at IS NOT NULL')).length === 1);
  await waitUntil('its message cancelled', async () => (await webhookRow(first.id))?.status === 'cancelled');
  const [notice] = await query<{ kind: string; message: string }>(app.database.url, "SELECT kind, message FROM tenant_notices WHERE kind = 'webhook_endpoint_disabled'");
  assert.match(notice?.message ?? '', peer.url);
  await waitUntil('the email to the business', async () => (await listMailbox(w.mailDir)).some((m) => m.template === 'webhook-disabled'));
  const mail = (await listMailbox(w.mailDir)).find((m) => m.template === 'webhook-disabled');
  assert.equal(mail?.to, ['owner@brightside-painting.example']);
  assert.is(mail?.subject, `Webhook endpoint disabled: ${peer.url}`);

  const later = await submit(7);
  await waitUntil('fanned out', async () => (await query(app.database.url, "SELECT 1 FROM outbox WHERE kind = 'event' AND payload->>'quoteId' = $1 AND status = 'delivered'", [later.id])).length === 1);
  assert.is(await webhookRow(later.id), undefined, 'no message for a disabled endpoint');
  const attemptsBefore = peer.requests.length;

  peer.answer = () => 200;
  offset = 0; // the receiver refuses signatures timestamped days ahead
  assert.is(await enableWebhookEndpoint(w.db, tenantId, peer.url), true);
  assert.is(await enableWebhookEndpoint(w.db, tenantId, peer.url), false, 'already enabled');
  assert.is(await replayMessage(w.db, tenantId, (await webhookRow(first.id))?.id as string), true);
  await waitUntil('the replay delivered', async () => (await webhookRow(first.id))?.status === 'delivered');
  assert.is(peer.requests.length, attemptsBefore + 1);
});

hooks.run();
