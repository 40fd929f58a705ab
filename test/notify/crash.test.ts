// The promise of the outbox, tested the hard way: submissions under way, the
// worker PROCESS killed with SIGKILL in the middle of a batch, a new worker
// started — and every message arrives, none twice (by its dedupe key: the
// email's Message-ID, the webhook's webhook-id).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { waitForOutput } from '../helpers/spawn-server.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { spawnWorker, startSmtpPeer, startWebhookPeer, TEST_SECRET, tenantsDirWith, waitUntil, type SmtpPeer, type WebhookPeer } from '../helpers/notify.ts';

const QUOTES = 40;
let app: TestServer;
let smtp: SmtpPeer;
let peer: WebhookPeer;

const crash = suite('worker killed mid-batch');
crash.before(async () => {
  smtp = await startSmtpPeer();
  smtp.delayMs = 25; // each email takes a moment: a batch is in flight when the worker dies
  peer = await startWebhookPeer();
  const tenants = tenantsDirWith((slug, tenant) => {
    if (slug === 'brightside-painting') tenant.webhooks = [{ url: peer.url, secret: TEST_SECRET, events: ['quote.created'] }];
  });
  app = await startTestServer({ env: { TENANTS_DIR: tenants } });
});
crash.after(async () => {
  await app.close();
  await smtp.close();
  await peer.close();
});

crash('SIGKILL during delivery, restart: every email and webhook delivered, none twice', async () => {
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: app.database.url,
    APP_SECRET: 'test-secret-test-secret-test-secret-0123', // the test server's: the app role keeps its password
    SMTP_URL: smtp.url,
    PUBLIC_URL: 'http://localhost:3000',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'qm-crash-')),
    OUTBOX_LEASE_MS: '1500',
    LOG_LEVEL: 'warn',
  };
  const first = spawnWorker(env);
  await waitForOutput(first, 'outbox worker', 20_000);

  // Submissions keep coming while the worker delivers, dies, and its successor starts.
  const submitted: string[] = [];
  const submitting = (async () => {
    for (let i = 0; i < QUOTES; i++) {
      const response = await app.call(
        `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
        postJson({ fields: { rooms: 1 + (i % 4) }, contact: { name: `Visitor ${i}`, email: `crash${i}@example.com` }, consent: true }, { 'Idempotency-Key': `crash-${i}` }),
      );
      assert.is(response.status, 201);
      submitted.push((await json(response)).id);
      await new Promise((resolve) => setTimeout(resolve, 15));
    }
  })();

  await waitUntil('the first worker delivering', () => smtp.mails.length >= 10, 20_000);
  // Kill it mid-batch for certain, not by luck: the mail server stops answering (a worker that has
  // caught up is idle between batches), the worker is seen holding a message, then it dies.
  smtp.delayMs = 3_000;
  await waitUntil('the first worker holding a message it cannot finish', async () => {
    const [row] = await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM outbox WHERE kind = 'email' AND status = 'pending' AND locked_by IS NOT NULL");
    return Number(row?.n) > 0;
  }, 20_000);
  first.child.kill('SIGKILL');
  smtp.delayMs = 25;
  assert.is(await first.exited, null, 'killed, not exited');
  const [held] = await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM outbox WHERE status = 'pending' AND locked_by IS NOT NULL");
  assert.ok(Number(held?.n) > 0, 'the dead worker held messages it had not finished (killed mid-batch)');

  const second = spawnWorker(env);
  try {
    await submitting;
    await waitUntil(
      'every message delivered',
      async () => (await query(app.database.url, "SELECT 1 FROM outbox WHERE status <> 'delivered'")).length === 0 && peer.requests.length >= QUOTES,
      60_000,
    );
  } finally {
    second.child.kill('SIGTERM');
    assert.is(await second.exited, 0, 'a graceful stop');
  }

  // Every message arrived…
  const byMessageId = new Map<string, string[]>();
  for (const mail of smtp.mails) byMessageId.set(String(mail.parsed.messageId), [...(byMessageId.get(String(mail.parsed.messageId)) ?? []), String(mail.parsed.subject)]);
  assert.is(byMessageId.size, QUOTES * 2, 'a visitor email and an alert for every quote, each under one Message-ID');
  for (let i = 0; i < QUOTES; i++) assert.ok(smtp.mails.some((mail) => mail.envelopeTo.includes(`crash${i}@example.com`)), `crash${i} got their quote`);
  const webhookIds = new Set(peer.requests.map((r) => r.id));
  assert.is(webhookIds.size, QUOTES, 'one webhook-id per quote');
  assert.equal(new Set(peer.requests.map((r) => r.body.data.id)), new Set(submitted));
  assert.ok(peer.requests.every((r) => r.verified));

  // …and none twice: a message sent again after the crash carries the same identity and the same content,
  // so the receiver sees it once; the outbox holds exactly one message per quote and recipient.
  for (const [id, subjects] of byMessageId) assert.is(new Set(subjects).size, 1, `${id} always says the same`);
  const [rows] = await query<{ emails: string; hooks: string }>(
    app.database.url,
    "SELECT count(*) FILTER (WHERE kind = 'email') AS emails, count(*) FILTER (WHERE kind = 'webhook') AS hooks FROM outbox",
  );
  assert.equal([Number(rows?.emails), Number(rows?.hooks)], [QUOTES * 2, QUOTES]);
  const resent = smtp.mails.length - byMessageId.size + peer.requests.length - webhookIds.size;
  assert.ok(resent <= Number(held?.n), `repeats on the wire (${resent}) only for messages the dead worker held (${Number(held?.n)})`);
  if (process.env.CRASH_REPORT) console.log(`held at the kill: ${Number(held?.n)}, repeated on the wire: ${resent}`);
});

crash.run();
