// Email over real SMTP (an in-process smtp-server): who gets what when a quote
// is submitted, accepted or declined; both parts, links, Reply-To and
// List-Unsubscribe; a tenant's own template used, a broken one replaced by the
// default and reported; a refused address; unsubscribing from alerts.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { startSmtpPeer, startTestWorker, tenantsDirWith, waitUntil, type ReceivedMail, type SmtpPeer, type TestWorker } from '../helpers/notify.ts';

const MOVER_KEY = 'pk_test_thamesvalley';
const CLEANING = 'wohnungsreinigung';
let app: TestServer;
let smtp: SmtpPeer;
let worker: TestWorker;
let n = 0;

const tenants = tenantsDirWith((slug, tenant) => {
  if (slug === 'glanzwerk-reinigung') {
    // A broken override: strict mode refuses the misspelt name at render time.
    tenant.notifications.templates = { 'quote-to-visitor': { html: '<p>Ihr Angebot {{quote.nummer}}</p>' } };
  }
});

async function submit(key: string, service: string, fields: Record<string, unknown>, email: string): Promise<{ id: string; number: string; url: string }> {
  const response = await app.call(
    `/v1/widget/${key}/services/${service}/quotes`,
    postJson({ fields, contact: { name: 'Ada Lovelace', email, phone: '+1 312 555 0100' }, description: 'Two rooms, <b>blue</b> walls', consent: true }, { 'Idempotency-Key': `mail-${Date.now()}-${++n}` }),
  );
  assert.is(response.status, 201);
  return json(response);
}

const mailsTo = (address: string): ReceivedMail[] => smtp.mails.filter((mail) => mail.envelopeTo.includes(address));
/** A header as sent (unfolded), from the raw message. */
const header = (mail: ReceivedMail, name: string): string => {
  const head = (mail.raw.split(/\r?\n\r?\n/)[0] ?? '').replace(/\r?\n[ \t]+/g, ' ');
  return new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
};
const address = (value: unknown): string => ((value as { value?: Array<{ address?: string }> } | undefined)?.value ?? []).map((a) => a.address).join(', ');

const email = suite('email over SMTP');
email.before(async () => {
  smtp = await startSmtpPeer();
  app = await startTestServer({ env: { TENANTS_DIR: tenants, SMTP_URL: smtp.url } });
  worker = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-mail-')), smtpUrl: smtp.url, publicUrl: 'http://localhost:3000' });
  worker.worker.start();
});
email.after(async () => {
  await worker.shutdown();
  await app.close();
  await smtp.close();
});

email('a submitted quote sends the visitor their quote and the business its alert, each once, with both parts', async () => {
  const quote = await submit(PAINTER_KEY, 'interior-painting', { rooms: 2 }, 'ada@example.com');
  await waitUntil('two emails', () => mailsTo('ada@example.com').length === 1 && mailsTo('owner@brightside-painting.example').length === 1);

  const [visitor] = mailsTo('ada@example.com') as [ReceivedMail];
  assert.is(visitor.parsed.subject, `Your quote ${quote.number} from Brightside Painting`);
  assert.is(address(visitor.parsed.to), 'ada@example.com');
  assert.is(visitor.parsed.from?.value[0]?.name, 'Brightside Painting');
  assert.is(address(visitor.parsed.replyTo), 'owner@brightside-painting.example', 'visitors reply to the business');
  assert.is(header(visitor, 'list-unsubscribe'), '', 'a visitor\'s own quote is no mailing');
  assert.match(String(visitor.parsed.messageId), /^<[0-9a-f-]{36}@quotes\.test>$/);
  const pageUrl = new URL(quote.url).pathname;
  assert.ok(visitor.parsed.text?.includes(`http://localhost:3000${pageUrl}`), 'text part links the hosted page');
  assert.ok(String(visitor.parsed.html).includes(`href="http://localhost:3000${pageUrl}"`), 'HTML part links the hosted page');
  assert.ok(visitor.parsed.text?.includes('$399.00'), 'money in the tenant\'s locale');
  assert.ok(String(visitor.parsed.html).includes('Two rooms') === false, 'the visitor\'s quote email does not repeat their description');

  const [alert] = mailsTo('owner@brightside-painting.example') as [ReceivedMail];
  assert.match(String(alert.parsed.subject), new RegExp(`^New quote ${quote.number}: \\$399\\.00 for Ada Lovelace$`));
  assert.is(address(alert.parsed.replyTo), 'ada@example.com', 'the business replies to the visitor');
  assert.match(header(alert, 'list-unsubscribe'), /^<http:\/\/localhost:3000\/unsubscribe\/[\w-]+\.[\w-]{32}>$/);
  assert.is(header(alert, 'list-unsubscribe-post'), 'List-Unsubscribe=One-Click');
  assert.ok(alert.parsed.text?.includes('+1 312 555 0100'));
  assert.ok(String(alert.parsed.html).includes('Two rooms, &lt;b&gt;blue&lt;/b&gt; walls'), 'visitor text is escaped in HTML');
  assert.not.ok(String(alert.parsed.html).includes(pageUrl), 'the alert does not carry the visitor\'s link (opening it would count as their view)');

  // The mail server has the messages before the worker records their delivery.
  const rows = () => query<{ kind: string; status: string }>(app.database.url, "SELECT kind, status FROM outbox WHERE parent_id IS NOT NULL OR kind = 'event'");
  await waitUntil('the event and its emails marked delivered', async () => (await rows()).every((row) => row.status === 'delivered' || row.kind === 'webhook'));
  assert.ok((await rows()).filter((row) => row.kind === 'email').length >= 2);
});

email('accepting sends both sides a notice; declining too, in the tenant\'s language', async () => {
  const quote = await submit(PAINTER_KEY, 'interior-painting', { rooms: 1 }, 'grace@example.com');
  const token = new URL(quote.url).pathname.split('/').pop() as string;
  const page = await (await app.call(`/q/${token}`)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string;
  const accepted = await app.call(`/q/${token}/accept`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrf, name: 'Grace Hopper' }).toString(),
    redirect: 'manual',
  });
  assert.is(accepted.status, 303);
  await waitUntil('the decision emails', () => mailsTo('grace@example.com').length === 2 && mailsTo('owner@brightside-painting.example').some((m) => String(m.parsed.subject).includes('accepted')));
  const visitorNotice = mailsTo('grace@example.com').find((m) => String(m.parsed.subject).startsWith('You accepted')) as ReceivedMail;
  assert.is(visitorNotice.parsed.subject, `You accepted quote ${quote.number} from Brightside Painting`);
  assert.ok(visitorNotice.parsed.text?.includes(new URL(quote.url).pathname));
  const tenantNotice = mailsTo('owner@brightside-painting.example').find((m) => String(m.parsed.subject).includes('accepted')) as ReceivedMail;
  assert.is(tenantNotice.parsed.subject, `Quote ${quote.number} accepted by Ada Lovelace`);
  assert.ok(tenantNotice.parsed.text?.includes('“Grace Hopper”'), 'the typed signature');

  const german = await submit('pk_test_glanzwerk', CLEANING, {}, 'max@example.de');
  const germanToken = new URL(german.url).pathname.split('/').pop() as string;
  const germanPage = await (await app.call(`/q/${germanToken}`)).text();
  const germanCsrf = /name="csrf" value="([^"]+)"/.exec(germanPage)?.[1] as string;
  await app.call(`/q/${germanToken}/decline`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: `csrf=${germanCsrf}`, redirect: 'manual' });
  await waitUntil('the German decline notices', () => mailsTo('max@example.de').length === 2 && mailsTo('buero@glanzwerk-reinigung.example').length === 2);
  const declined = mailsTo('max@example.de').find((m) => String(m.parsed.subject).includes('abgelehnt')) as ReceivedMail;
  assert.is(declined.parsed.subject, `Sie haben das Angebot ${german.number} von Glanzwerk Reinigung abgelehnt`);
  assert.match(String(declined.parsed.text), /abgelehnt/);
});

email('a tenant\'s own template is used; a broken one falls back to the default and is reported to the tenant', async () => {
  const mover = await submit(MOVER_KEY, 'house-removal', {}, 'mover-client@example.co.uk');
  await waitUntil('the mover\'s emails', () => mailsTo('mover-client@example.co.uk').length === 1 && mailsTo('dispatch@thames-valley-removals.example').length === 1);
  const custom = mailsTo('mover-client@example.co.uk')[0] as ReceivedMail;
  assert.match(String(custom.parsed.subject), new RegExp(`^${mover.number}: your removal quote from Thames Valley Removals \\(£[\\d,.]+\\)$`));
  assert.is(address(custom.parsed.replyTo), 'hello@thames-valley-removals.example', 'notifications.replyTo');
  assert.ok(custom.parsed.text?.includes(new URL(mover.url).pathname), 'parts not overridden come from the default');
  assert.is(mailsTo('office@thames-valley-removals.example').length, 1, 'every alert address gets its own email');

  const broken = await submit('pk_test_glanzwerk', CLEANING, {}, 'eva@example.de');
  await waitUntil('the fallback email and the alert', () => mailsTo('eva@example.de').length === 1 && mailsTo('buero@glanzwerk-reinigung.example').some((m) => String(m.parsed.subject).includes(broken.number)));
  const fallback = mailsTo('eva@example.de')[0] as ReceivedMail;
  assert.is(fallback.parsed.subject, `Ihr Angebot ${broken.number} von Glanzwerk Reinigung`);
  assert.ok(String(fallback.parsed.html).includes(new URL(broken.url).pathname), 'the default HTML, with its link');
  const alert = mailsTo('buero@glanzwerk-reinigung.example').find((m) => String(m.parsed.subject).includes(broken.number)) as ReceivedMail;
  assert.match(String(alert.parsed.text), /Ihre E-Mail-Vorlage „quote-to-visitor \(html\)“ konnte nicht verwendet werden \("nummer" not defined - 1:17\); stattdessen wurde die Standardvorlage gesendet\./);
  const notices = await query<{ kind: string; message: string }>(app.database.url, "SELECT kind, message FROM tenant_notices WHERE kind = 'email_template_failed'");
  assert.is(notices.length, 1, 'one notice per template, part and day');
  assert.match(notices[0]?.message ?? '', '"nummer" not defined');
});

email('an address the server refuses for good (5xx) fails without retries; other mail still goes', async () => {
  smtp.refuse = (to) => (to === 'nobody@example.com' ? 550 : null);
  try {
    await submit(PAINTER_KEY, 'interior-painting', { rooms: 3 }, 'nobody@example.com');
    await waitUntil('the failed email', async () => (await query(app.database.url, "SELECT 1 FROM outbox WHERE kind = 'email' AND status = 'failed'")).length === 1);
    const [row] = await query<{ attempts: number; last_error: string }>(app.database.url, "SELECT attempts, last_error FROM outbox WHERE kind = 'email' AND status = 'failed'");
    assert.is(row?.attempts, 1);
    assert.match(row?.last_error ?? '', '550');
    const [attempt] = await query<{ ok: boolean; status_code: number }>(app.database.url, "SELECT a.ok, a.status_code FROM delivery_attempts a JOIN outbox o ON o.id = a.message_id WHERE o.status = 'failed'");
    assert.equal(attempt, { ok: false, status_code: 550 });
  } finally {
    smtp.refuse = () => null;
  }
});

email('unsubscribing (GET asks, POST does it) stops that address\'s alerts for that tenant only', async () => {
  const alert = mailsTo('office@thames-valley-removals.example')[0] as ReceivedMail;
  const link = /<(http:\/\/localhost:3000\/unsubscribe\/[^>]+)>/.exec(header(alert, 'list-unsubscribe'))?.[1] as string;
  const path = new URL(link).pathname;
  const ask = await app.call(path);
  assert.is(ask.status, 200);
  const askPage = await ask.text();
  assert.match(askPage, 'office@thames-valley-removals.example');
  assert.match(askPage, `action="${path}"`);
  assert.is((await query(app.database.url, 'SELECT 1 FROM email_suppressions')).length, 0, 'asking changes nothing');
  const oneClick = await app.call(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
  assert.is(oneClick.status, 200);
  assert.match(await oneClick.text(), 'Unsubscribed');
  assert.is((await app.call(path, { method: 'POST' })).status, 200, 'again: no change, no error');
  assert.is((await app.call(`${path.slice(0, -3)}xyz`)).status, 404, 'a tampered token');

  const before = mailsTo('dispatch@thames-valley-removals.example').length;
  const quote = await submit(MOVER_KEY, 'house-removal', {}, 'second-mover@example.co.uk');
  await waitUntil('the next alert', () => mailsTo('dispatch@thames-valley-removals.example').length === before + 1);
  await waitUntil('all delivered', async () => (await query(app.database.url, "SELECT 1 FROM outbox WHERE status = 'pending' AND kind <> 'webhook'")).length === 0);
  assert.ok(mailsTo('office@thames-valley-removals.example').every((m) => !String(m.parsed.subject).includes(quote.number)));
});

email.run();
