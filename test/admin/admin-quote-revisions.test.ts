// Resend and revise on the admin API, with the real worker writing to the
// local mailbox: a resend is one more visitor email each time (a new dedupe
// key); a revision is a new quote (re-priced, its own link, number -R2, -R3…)
// and the old link can no longer be accepted; an admin's accept/decline is
// told like one on the quote page. Audited; roles as docs/permissions.md.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listMailbox } from '../../server/notify/email/file-mailbox.ts';
import { PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { startTestWorker, waitUntil, type TestWorker } from '../helpers/notify.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

let app: TestServer;
let worker: TestWorker;
const Q = (path: string) => `/v1/admin/quotes${path}`;
const call = async (path: string, init: Parameters<typeof withBearer>[1] = {}, bearer = PAINTER_SECRET) => {
  const response = await app.call(path, withBearer(bearer, init));
  return { status: response.status, headers: response.headers, body: await json(response) };
};
const mails = async (to: string, template: string) => (await listMailbox(worker.mailDir, 1000)).filter((m) => m.to.includes(to) && m.template === template);
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop() as string;

async function csrfOf(token: string): Promise<string> {
  const page = await (await app.call(`/q/${token}`)).text();
  return /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? 'none';
}

async function acceptOnPage(token: string, csrf?: string): Promise<number> {
  csrf ??= await csrfOf(token);
  const response = await app.call(`/q/${token}/accept`, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ csrf, name: 'Ada Lovelace' }).toString(), redirect: 'manual' });
  await response.body?.cancel();
  return response.status;
}

const revisions = suite('admin API: resend and revise quotes');
revisions.before(async () => {
  app = await startTestServer();
  worker = startTestWorker(app.databaseAppUrl, { dataDir: mkdtempSync(join(tmpdir(), 'qm-revisions-')) });
  worker.worker.start();
});
revisions.after(async () => {
  await worker.shutdown();
  await app.close();
});

revisions('resend: one more visitor email per call, nothing else; audited', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'resend@example.com' }, { rooms: 2 });
  await waitUntil('the first email', async () => (await mails('resend@example.com', 'quote-to-visitor')).length === 1);
  for (let i = 0; i < 2; i++) {
    const sent = await call(Q(`/${quote.id}/resend`), { method: 'POST' });
    assert.is(sent.status, 202);
    assert.equal(sent.body, { quoteId: quote.id, to: 'resend@example.com', status: 'queued' });
  }
  await waitUntil('two more', async () => (await mails('resend@example.com', 'quote-to-visitor')).length === 3);
  const all = await mails('resend@example.com', 'quote-to-visitor');
  assert.is(new Set(all.map((m) => m.subject)).size, 1, 'the same email');
  assert.ok(all.every((m) => m.text.includes(`/q/`)), 'with the link');
  const alerts = (await listMailbox(worker.mailDir, 1000)).filter((m) => m.template === 'new-quote-alert' && m.text.includes(quote.number));
  assert.is(alerts.length, 1, 'no new alert to the business');
  const audit = await query<J>(app.database.url, "SELECT target_id, after FROM audit_log WHERE action = 'quote.resent'");
  assert.equal(audit.map((a) => [a.target_id, a.after.to]), [[quote.id, 'resend@example.com'], [quote.id, 'resend@example.com']]);
  assert.is((await call(Q('/00000000-0000-4000-8000-000000000000/resend'), { method: 'POST' })).status, 404);
});

revisions('revise: a new quote, re-priced, with its own link and number; the old one cannot be accepted', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'revise@example.com' }, { rooms: 2 });
  const before = (await call(Q(`/${quote.id}`))).body;
  // The visitor has the page open (with its form) while the team revises the quote.
  const oldCsrf = await csrfOf(tokenOf(before.url));
  assert.is.not(oldCsrf, 'none');
  const revised = await call(Q(`/${quote.id}/revise`), { method: 'POST', body: { fields: { ...before.fields, rooms: 4 } } });
  assert.is(revised.status, 201);
  const r2 = revised.body;
  assert.is(revised.headers.get('location'), Q(`/${r2.id}`));
  assert.equal([r2.number, r2.revision, r2.revisionOf, r2.status, r2.supersededBy], [`${quote.number}-R2`, 2, quote.id, 'sent', null]);
  assert.is(r2.fields.rooms, 4);
  assert.is.not(r2.url, before.url);
  const estimate = await json(await app.call(`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: r2.fields }) }));
  assert.is(r2.total, estimate.total, 'priced by the engine');
  assert.ok(r2.total > before.total);
  assert.equal([r2.contact, r2.description], [before.contact, before.description]);

  const old = (await call(Q(`/${quote.id}`))).body;
  assert.equal([old.status, old.supersededBy], ['expired', r2.id]);
  assert.ok(Date.parse(old.expiresAt) <= Date.now());
  assert.is(await acceptOnPage(tokenOf(before.url), oldCsrf), 409, 'the old link can no longer be accepted');
  assert.not.match(await (await app.call(`/q/${tokenOf(before.url)}`)).text(), /name="csrf"/, 'nor does its page offer to');
  assert.is((await call(Q(`/${quote.id}`))).body.status, 'expired');
  await waitUntil('the revision\'s email', async () => (await mails('revise@example.com', 'quote-to-visitor')).some((m) => m.text.includes(tokenOf(r2.url))));

  const again = await call(Q(`/${quote.id}/revise`), { method: 'POST', body: {} });
  assert.is(again.status, 409);
  assert.is(again.body.error.code, 'quote_status_conflict');
  assert.is((await call(Q(`/${quote.id}/resend`), { method: 'POST' })).status, 409, 'the old quote is not resent');

  const bad = await call(Q(`/${r2.id}/revise`), { method: 'POST', body: { fields: { rooms: 'many' } } });
  assert.is(bad.status, 422);
  assert.is(bad.body.error.code, 'invalid_field');
  assert.is((await call(Q(`/${r2.id}/revise`), { method: 'POST', body: { colour: 'red' } })).status, 400);

  const r3 = (await call(Q(`/${r2.id}/revise`), { method: 'POST' })).body;
  assert.equal([r3.number, r3.revision, r3.revisionOf, r3.total], [`${quote.number}-R3`, 3, r2.id, r2.total]);
  assert.is(await acceptOnPage(tokenOf(r3.url)), 303, 'the latest revision is accepted on its page');
  assert.is((await call(Q(`/${r3.id}`))).body.status, 'accepted');
  assert.is((await call(Q(`/${r3.id}/revise`), { method: 'POST' })).status, 409, 'an accepted quote stays');

  const audit = await query<J>(app.database.url, "SELECT target_id, before, after FROM audit_log WHERE action = 'quote.revised' ORDER BY created_at, id");
  assert.equal(audit.map((a) => [a.target_id, a.before.number, a.after.number]), [[quote.id, quote.number, `${quote.number}-R2`], [r2.id, `${quote.number}-R2`, `${quote.number}-R3`]]);
});

revisions('an admin\'s decision is told like the visitor\'s: confirmation, notice, webhook event; roles', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'decided@example.com' }, { rooms: 1 });
  const editor = await signIn(app, { email: 'consultant@quotemaster.example', password: 'quotes-for-two-tenants' });
  const viewer = await signIn(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' });
  const tenant = { 'X-Tenant': 'brightside-painting' };
  assert.is((await call(Q(`/${quote.id}/resend`), { method: 'POST' }, viewer.accessToken)).status, 403);
  assert.is((await call(Q(`/${quote.id}/revise`), { method: 'POST' }, viewer.accessToken)).status, 403);
  assert.is((await app.call(Q(`/${quote.id}/resend`), withBearer(editor.accessToken, { method: 'POST', headers: tenant }))).status, 202, 'an editor may');

  const accepted = await app.call(Q(`/${quote.id}`), withBearer(editor.accessToken, { method: 'PATCH', body: { status: 'accepted' }, headers: tenant }));
  assert.is(accepted.status, 200);
  await waitUntil('the visitor\'s confirmation', async () => (await mails('decided@example.com', 'decision-to-visitor')).length === 1);
  const [event] = await query<J>(app.database.url, "SELECT topic, status FROM outbox WHERE kind = 'event' AND payload->>'quoteId' = $1 AND topic = 'quote.accepted'", [quote.id]);
  assert.is(event?.topic, 'quote.accepted');
  const [analytics] = await query<J>(app.database.url, "SELECT count(*)::int AS n FROM events WHERE quote_id = $1 AND type = 'quote_accepted'", [quote.id]);
  assert.is(analytics?.n, 1);
  assert.is((await call(Q(`/${quote.id}/resend`), { method: 'POST' })).status, 409, 'a decided quote is not resent');

  const expired = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'expired@example.com' }, { rooms: 1 });
  assert.is((await call(Q(`/${expired.id}`), { method: 'PATCH', body: { status: 'expired' } })).status, 200);
  const [none] = await query<J>(app.database.url, "SELECT count(*)::int AS n FROM outbox WHERE kind = 'event' AND payload->>'quoteId' = $1 AND topic <> 'quote.created'", [expired.id]);
  assert.is(none?.n, 0, 'an early expiry is not told');
  const revived = await call(Q(`/${expired.id}/revise`), { method: 'POST' });
  assert.is(revived.status, 201, 'an expired quote may be revised: a new offer');
});

revisions.run();
