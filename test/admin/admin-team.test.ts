// Keys, invites, the audit log, the operator, service versions, quote
// changes and the CSV export through the admin API (issue #7).
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { listMailbox, type MailboxEntry } from '../../server/notify/email/file-mailbox.ts';
import { tenantsDirWith, waitUntil } from '../helpers/notify.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
let owner = '';
const as = (bearer: string, init: Parameters<typeof withBearer>[1] = {}) => withBearer(bearer, init);

// ---------------------------------------------------------------------------
const keys = suite('admin API: keys');
keys.before(async () => {
  app = await startTestServer();
  owner = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
});
keys.after(async () => {
  await app.close();
});

keys('lists the file\'s keys by prefix only', async () => {
  const list = (await json(await app.call('/v1/admin/keys', as(owner)))).data;
  assert.equal(list.map((k: { kind: string; prefix: string; source: string }) => `${k.kind} ${k.prefix} ${k.source}`).sort(), ['publishable pk_test_brightside file', 'secret sk_test_brig…0000 file']);
  assert.not.match(JSON.stringify(list), PAINTER_SECRET);
});

keys('a new secret key is shown once, works at once, and is stored only hashed', async () => {
  const created = await app.call('/v1/admin/keys', as(owner, { method: 'POST', body: { kind: 'secret', mode: 'live', name: 'Zapier' } }));
  assert.is(created.status, 201);
  const key = await json(created);
  assert.match(key.key, /^sk_live_[A-Za-z0-9]{43}$/);
  assert.is((await app.call('/v1/admin/tenant', as(key.key))).status, 200);
  const listed = (await json(await app.call('/v1/admin/keys', as(owner)))).data.find((k: { id: string }) => k.id === key.id);
  assert.is(listed.key, undefined);
  assert.ok(listed.lastUsedAt, 'last use is recorded');
  const stored = JSON.stringify(await query(app.database.url, 'SELECT * FROM api_keys')) + JSON.stringify(await query(app.database.url, 'SELECT * FROM tenant_refs'));
  assert.not.ok(stored.includes(key.key));
});

keys('rotation: the new key works, the old one until the overlap ends; revocation is immediate', async () => {
  const old = await json(await app.call('/v1/admin/keys', as(owner, { method: 'POST', body: { kind: 'secret' } })));
  const rotated = await app.call(`/v1/admin/keys/${old.id}/rotate`, as(owner, { method: 'POST', body: { overlapHours: 1 } }));
  assert.is(rotated.status, 201);
  const fresh = await json(rotated);
  assert.is.not(fresh.key, old.key);
  assert.is((await app.call('/v1/admin/tenant', as(fresh.key))).status, 200);
  assert.is((await app.call('/v1/admin/tenant', as(old.key))).status, 200, 'the old key still works during the overlap');
  const listed = (await json(await app.call('/v1/admin/keys', as(owner)))).data.find((k: { id: string }) => k.id === old.id);
  assert.ok(Date.parse(listed.expiresAt) > Date.now() + 59 * 60_000 && Date.parse(listed.expiresAt) <= Date.now() + 3600_000);
  assert.is((await app.call(`/v1/admin/keys/${old.id}`, as(owner, { method: 'DELETE' }))).status, 204);
  assert.is((await app.call('/v1/admin/tenant', as(old.key))).status, 401);
  const again = await app.call(`/v1/admin/keys/${old.id}/rotate`, as(owner, { method: 'POST' }));
  assert.is(again.status, 409);
  assert.is((await json(again)).error.code, 'key_not_active');
  const immediate = await json(await app.call(`/v1/admin/keys/${fresh.id}/rotate`, as(owner, { method: 'POST', body: { overlapHours: 0 } })));
  assert.is((await app.call('/v1/admin/tenant', as(fresh.key))).status, 401, 'overlap 0: the old key stops at once');
  assert.is((await app.call('/v1/admin/tenant', as(immediate.key))).status, 200);
});

keys('a minted publishable key serves the widget; revoked, the widget no longer knows it', async () => {
  const key = await json(await app.call('/v1/admin/keys', as(owner, { method: 'POST', body: { kind: 'publishable', mode: 'live', name: 'www' } })));
  assert.match(key.key, /^pk_live_/);
  assert.is(key.prefix, key.key, 'a publishable key is public: shown whole');
  assert.is((await app.call(`/v1/widget/${key.key}/config`)).status, 200);
  assert.is((await app.call(`/v1/admin/keys/${key.id}`, as(owner, { method: 'DELETE' }))).status, 204);
  const gone = await app.call(`/v1/widget/${key.key}/config`);
  assert.is(gone.status, 404);
  assert.is((await json(gone)).error.code, 'unknown_key');
  assert.is((await app.call(`/v1/admin/keys/${key.id}`, as(owner, { method: 'DELETE' }))).status, 204, 'revoking twice is harmless');
  const database = app.database;
  await app.stop();
  app = await startTestServer({ database, dropOnClose: true }); // the suite's after() closes this one
  assert.is((await app.call(`/v1/widget/${PAINTER_KEY}/config`)).status, 200, 'the file key survives a restart');
  assert.is((await app.call(`/v1/widget/${key.key}/config`)).status, 404, 'a revoked key stays revoked after a restart');
});

keys('bad key requests: unknown kind, a too long overlap, an unknown id', async () => {
  assert.is((await app.call('/v1/admin/keys', as(PAINTER_SECRET))).status, 200, 'a secret key may list keys');
  owner = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
  assert.is((await app.call('/v1/admin/keys', as(owner, { method: 'POST', body: { kind: 'master' } }))).status, 400);
  const any = (await json(await app.call('/v1/admin/keys', as(owner)))).data[0];
  assert.is((await app.call(`/v1/admin/keys/${any.id}/rotate`, as(owner, { method: 'POST', body: { overlapHours: 999 } }))).status, 400);
  assert.is((await app.call('/v1/admin/keys/not-an-id', as(owner, { method: 'DELETE' }))).status, 404);
});

keys.run();

// ---------------------------------------------------------------------------
const team = suite('admin API: invites and the audit log');
team.before(async () => {
  // The worker delivers the invite from the outbox into the local mailbox (no SMTP_URL), as in development.
  app = await startTestServer({ env: { OUTBOX_WORKER: 'true', TENANTS_DIR: tenantsDirWith((_slug, tenant) => delete tenant.webhooks) } });
  owner = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
});
team.after(async () => {
  await app.close();
});

/** The invite mailed to `to`, once the worker has put it in the local mailbox (what /dev/mail lists). */
async function inviteMailTo(to: string): Promise<MailboxEntry> {
  const find = async () => (await listMailbox(join(app.dataDir, 'mail'))).find((m) => m.template === 'team-invite' && m.to.includes(to));
  await waitUntil(`the invite to ${to}`, async () => (await find()) !== undefined);
  return (await find()) as MailboxEntry;
}

team('an invite is mailed; its page takes a new password; the new member signs in; the link works once', async () => {
  const response = await app.call('/v1/admin/invites', as(owner, { method: 'POST', body: { email: 'Painter.Two@Example.com', role: 'editor' } }));
  assert.is(response.status, 201);
  const invite = await json(response);
  const mail = await inviteMailTo('painter.two@example.com');
  assert.match(mail.subject, 'invited you to Brightside Painting');
  assert.match(mail.text, invite.acceptUrl);
  assert.match(mail.text, 'as editor');
  assert.match(mail.html, invite.acceptUrl);
  const dev = await (await app.call('/dev/mail')).text();
  assert.match(dev, 'painter.two@example.com', 'listed at /dev/mail');
  const path = new URL(invite.acceptUrl).pathname;
  const page = await app.call(path);
  assert.is(page.status, 200);
  const html = await page.text();
  assert.match(html, 'Join Brightside Painting');
  assert.not.match(html, /<script/i);
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] as string;
  const form = (fields: Record<string, string>) => app.call(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const weak = await form({ csrf, password: 'password1234' });
  assert.is(weak.status, 400);
  assert.match(await weak.text(), 'most common passwords');
  assert.is((await form({ csrf: 'forged', password: 'velvet-harbour-lantern' })).status, 403);
  const joined = await form({ csrf, password: 'velvet-harbour-lantern' });
  assert.is(joined.status, 200);
  assert.match(await joined.text(), 'You are now a member of Brightside Painting (editor)');
  const token = await signIn(app, { email: 'painter.two@example.com', password: 'velvet-harbour-lantern' });
  assert.is((await json(await app.call('/v1/admin/tenant', as(token.accessToken)))).slug, 'brightside-painting');
  assert.is((await app.call(path)).status, 410, 'used once');
  const members = (await json(await app.call('/v1/admin/members', as(owner)))).data.map((m: { email: string; role: string }) => `${m.email} ${m.role}`);
  assert.ok(members.includes('painter.two@example.com editor'));
});

team('an existing account joins with its own password; a member cannot be invited again; a revoked invite is gone', async () => {
  const invite = await json(await app.call('/v1/admin/invites', as(owner, { method: 'POST', body: { email: 'owner@thamesvalley.example', role: 'viewer' } })));
  const token = new URL(invite.acceptUrl).pathname.split('/').pop();
  const wrong = await app.call(`/v1/invites/${token}/accept`, postJson({ password: 'a-new-password-123' }));
  assert.is(wrong.status, 401);
  const right = await app.call(`/v1/invites/${token}/accept`, postJson({ password: 'thames-demo-2026-removals' }));
  assert.equal(await json(right), { tenant: 'brightside-painting', email: 'owner@thamesvalley.example', role: 'viewer' });
  const again = await app.call('/v1/admin/invites', as(owner, { method: 'POST', body: { email: 'owner@thamesvalley.example', role: 'viewer' } }));
  assert.is((await json(again)).error.code, 'already_member');
  const other = await json(await app.call('/v1/admin/invites', as(owner, { method: 'POST', body: { email: 'later@example.com', role: 'viewer' } })));
  assert.is((await app.call(`/v1/admin/invites/${other.id}`, as(owner, { method: 'DELETE' }))).status, 204);
  const revoked = await app.call(`/v1/invites/${new URL(other.acceptUrl).pathname.split('/').pop()}/accept`, postJson({ password: 'velvet-harbour-lantern' }));
  assert.is(revoked.status, 410);
  assert.is((await json(revoked)).error.code, 'invite_not_usable');
  const listed = (await json(await app.call('/v1/admin/invites', as(owner)))).data.find((i: { id: string }) => i.id === other.id);
  assert.ok(listed.revokedAt);
});

team('the audit log says who did what, before and after, when and from where; pages and filters', async () => {
  const log = await json(await app.call('/v1/admin/audit?limit=3', as(owner)));
  assert.is(log.data.length, 3);
  assert.ok(log.nextCursor);
  const next = await json(await app.call(`/v1/admin/audit?limit=3&cursor=${log.nextCursor}`, as(owner)));
  assert.ok(Number(next.data[0].id) < Number(log.data[2].id));
  const accepted = (await json(await app.call('/v1/admin/audit?action=invite.accepted', as(owner)))).data;
  assert.equal(accepted.map((e: { actor: { label: string } }) => e.actor.label).sort(), ['owner@thamesvalley.example', 'painter.two@example.com']);
  const entry = accepted[0];
  assert.ok(entry.ip && entry.requestId && Date.parse(entry.at) > 0);
  assert.is(entry.target.type, 'member');
  assert.is((await app.call('/v1/admin/audit?cursor=abc', as(owner))).status, 400);
});

team.run();

// ---------------------------------------------------------------------------
const operator = suite('operator API');
let operatorToken = '';
operator.before(async () => {
  app = await startTestServer({ env: { OPERATOR_EMAILS: 'consultant@quotemaster.example' } });
  operatorToken = (await signIn(app, { email: 'consultant@quotemaster.example', password: 'quotes-for-two-tenants' })).accessToken;
  owner = (await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' })).accessToken;
});
operator.after(async () => {
  await app.close();
});

operator('lists every tenant; only an operator\'s token may', async () => {
  const list = await json(await app.call('/v1/operator/tenants', as(operatorToken)));
  assert.equal(list.data.map((t: { slug: string }) => t.slug), ['brightside-painting', 'glanzwerk-reinigung', 'thames-valley-removals']);
  assert.is((await app.call('/v1/operator/tenants', as(owner))).status, 403);
  assert.is((await app.call('/v1/operator/tenants', as(PAINTER_SECRET))).status, 401);
  assert.is((await app.call('/v1/operator/tenants')).status, 401);
});

operator('suspending a tenant makes its widget answer 403 tenant_suspended; resuming restores it; both audited', async () => {
  const [painter] = (await json(await app.call('/v1/operator/tenants', as(operatorToken)))).data;
  assert.is((await app.call(`/v1/widget/${PAINTER_KEY}/config`)).status, 200);
  const suspended = await app.call(`/v1/operator/tenants/${painter.id}/suspend`, as(operatorToken, { method: 'POST', body: { reason: 'unpaid invoices' } }));
  assert.is((await json(suspended)).suspended, true);
  for (const [path, init] of [[`/v1/widget/${PAINTER_KEY}/config`, {}], [`/v1/widget/${PAINTER_KEY}/services/interior-painting/estimate`, postJson({ fields: {} })]] as const) {
    const refused = await app.call(path, init);
    assert.is(refused.status, 403, path);
    assert.is((await json(refused)).error.code, 'tenant_suspended');
  }
  assert.is((await json(await app.call('/v1/admin/tenant', as(owner)))).suspended, true, 'the team can still see its settings');
  await app.call(`/v1/operator/tenants/${painter.id}/resume`, as(operatorToken, { method: 'POST' }));
  assert.is((await app.call(`/v1/widget/${PAINTER_KEY}/config`)).status, 200);
  const audit = (await json(await app.call('/v1/admin/audit', as(owner)))).data.map((e: { action: string; actor: { type: string } }) => `${e.action} ${e.actor.type}`);
  assert.ok(audit.includes('tenant.suspended operator') && audit.includes('tenant.resumed operator'));
});

operator('overrides the plan; refuses a bad plan and unknown tenants', async () => {
  const [painter] = (await json(await app.call('/v1/operator/tenants', as(operatorToken)))).data;
  assert.is((await json(await app.call(`/v1/operator/tenants/${painter.id}/plan`, as(operatorToken, { method: 'PUT', body: { plan: 'enterprise' } })))).planOverride, 'enterprise');
  assert.is((await json(await app.call(`/v1/operator/tenants/${painter.id}/plan`, as(operatorToken, { method: 'PUT', body: { plan: null } })))).planOverride, null);
  assert.is((await app.call(`/v1/operator/tenants/${painter.id}/plan`, as(operatorToken, { method: 'PUT', body: { plan: 'Not A Plan!' } }))).status, 400);
  assert.is((await app.call('/v1/operator/tenants/00000000-0000-4000-8000-000000000000', as(operatorToken))).status, 404);
  assert.is((await app.call('/v1/operator/tenants/nope/suspend', as(operatorToken, { method: 'POST' }))).status, 404);
});

operator.run();

// ---------------------------------------------------------------------------
const history = suite('admin API: service history, quotes changes, CSV');
history.before(async () => {
  app = await startTestServer();
});
history.after(async () => {
  await app.close();
});

history('versions with a diff, roll back as a new version, delete takes it off the widget', async () => {
  const { config } = await json(await app.call('/v1/admin/services/interior-painting', as(PAINTER_SECRET)));
  const changed = structuredClone(config);
  changed.name = 'Interior painting (2027)';
  await app.call('/v1/admin/services/interior-painting', as(PAINTER_SECRET, { method: 'PUT', body: changed }));
  const versions = (await json(await app.call('/v1/admin/services/interior-painting/versions', as(PAINTER_SECRET)))).data;
  assert.equal(versions.map((v: { version: number; current: boolean }) => [v.version, v.current]), [[2, true], [1, false]]);
  const two = await json(await app.call('/v1/admin/services/interior-painting/versions/2', as(PAINTER_SECRET)));
  assert.equal(two.diff, [{ path: 'name', before: 'Interior painting', after: 'Interior painting (2027)' }]);
  assert.equal((await json(await app.call('/v1/admin/services/interior-painting/versions/1', as(PAINTER_SECRET)))).diff, []);
  assert.is((await app.call('/v1/admin/services/interior-painting/versions/9', as(PAINTER_SECRET))).status, 404);
  assert.is((await app.call('/v1/admin/services/interior-painting/versions/x', as(PAINTER_SECRET))).status, 404);
  const rolled = await json(await app.call('/v1/admin/services/interior-painting/rollback', as(PAINTER_SECRET, { method: 'POST', body: { version: 1 } })));
  assert.is(rolled.pricingVersion, 3);
  assert.is(rolled.name, 'Interior painting');
  assert.is((await app.call('/v1/admin/services/interior-painting/rollback', as(PAINTER_SECRET, { method: 'POST', body: { version: 7 } }))).status, 404);
  assert.is((await app.call('/v1/admin/services/interior-painting', as(PAINTER_SECRET, { method: 'DELETE' }))).status, 204);
  assert.is((await json(await app.call(`/v1/widget/${PAINTER_KEY}/config`))).services.length, 0);
  assert.is((await app.call('/v1/admin/services/interior-painting', as(PAINTER_SECRET))).status, 404);
  const revived = await app.call('/v1/admin/services', as(PAINTER_SECRET, { method: 'POST', body: config }));
  assert.is((await json(revived)).pricingVersion, 4, 'creating it again continues its versions');
});

history('a quote\'s notes and status change; a decided quote stays decided', async () => {
  const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 2 });
  const noted = await json(await app.call(`/v1/admin/quotes/${quote.id}`, as(PAINTER_SECRET, { method: 'PATCH', body: { notes: 'Call back on Monday' } })));
  assert.is(noted.notes, 'Call back on Monday');
  assert.is(noted.status, 'sent');
  const accepted = await json(await app.call(`/v1/admin/quotes/${quote.id}`, as(PAINTER_SECRET, { method: 'PATCH', body: { status: 'accepted' } })));
  assert.is(accepted.status, 'accepted');
  assert.ok(accepted.decidedAt);
  const back = await app.call(`/v1/admin/quotes/${quote.id}`, as(PAINTER_SECRET, { method: 'PATCH', body: { status: 'declined' } }));
  assert.is(back.status, 409);
  assert.is((await json(back)).error.code, 'quote_status_conflict');
  assert.is((await app.call(`/v1/admin/quotes/${quote.id}`, as(PAINTER_SECRET, { method: 'PATCH', body: {} }))).status, 400);
  assert.is((await app.call(`/v1/admin/quotes/${quote.id}`, as(PAINTER_SECRET, { method: 'PATCH', body: { status: 'sent' } }))).status, 400);
});

history('the CSV export has every matching quote, one line each, with spreadsheet formulas defused', async () => {
  await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: '=HYPERLINK("http://evil")', email: 'formula@example.com' });
  await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Smith, John', email: 'john@example.com' });
  const response = await app.call('/v1/admin/quotes/export', as(PAINTER_SECRET));
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', 'text/csv');
  assert.match(response.headers.get('content-disposition') ?? '', 'attachment');
  const lines = (await response.text()).trimEnd().split('\r\n');
  assert.is(lines[0], 'number,status,service,total,currency,contactName,contactEmail,createdAt,expiresAt');
  assert.is(lines.length, 4);
  assert.ok(lines.some((l) => l.includes('"\'=HYPERLINK(""http://evil"")"')), lines.join('\n'));
  assert.ok(lines.some((l) => l.includes('"Smith, John"')));
  const accepted = (await (await app.call('/v1/admin/quotes/export?status=accepted', as(PAINTER_SECRET))).text()).trimEnd().split('\r\n');
  assert.is(accepted.length, 2);
});

history.run();
