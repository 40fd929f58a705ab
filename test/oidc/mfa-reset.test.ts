// The second factor (TOTP with recovery codes) and password reset by emailed
// link, through the real sign-in (issue #7).
import { Secret, TOTP } from 'otpauth';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withBearer } from '../helpers/admin.ts';
import { authorizePath, browser, csrfOf, pkce, publicUrlOf, refresh, signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { startSmtpPeer, waitUntil, type SmtpPeer } from '../helpers/notify.ts';
import { json, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
const VIEWER = { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' };
/** Fails unless `promise` rejects. */
async function rejects(promise: Promise<unknown>, what: string): Promise<void> {
  try {
    await promise;
  } catch {
    return;
  }
  assert.unreachable(what);
}
const codeAt = (secret: string, offsetSteps = 0): string => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSteps * 30_000 });

// ---------------------------------------------------------------------------
const mfa = suite('two-step sign-in');
let secret = '';
let recovery: string[] = [];
mfa.before(async () => {
  app = await startTestServer();
});
mfa.after(async () => {
  await app.close();
});

mfa('enrolment: a seed, confirmed by a code, gives ten recovery codes once; the seed is stored sealed', async () => {
  const token = (await signIn(app, VIEWER)).accessToken;
  const started = await app.call('/v1/account/mfa/totp', withBearer(token, { method: 'POST' }));
  assert.is(started.status, 201);
  const enrolment = await json(started);
  secret = enrolment.secret;
  assert.match(enrolment.otpauthUrl, /^otpauth:\/\/totp\/Quote%20Master%20Pro:viewer%40brightside\.example\?/);
  const wrong = await app.call('/v1/account/mfa/totp/confirm', withBearer(token, { method: 'POST', body: { code: '000000' } }));
  assert.is(wrong.status, 422);
  assert.is((await json(wrong)).error.code, 'invalid_code');
  const confirmed = await json(await app.call('/v1/account/mfa/totp/confirm', withBearer(token, { method: 'POST', body: { code: codeAt(secret) } })));
  recovery = confirmed.recoveryCodes;
  assert.is(recovery.length, 10);
  assert.ok(recovery.every((c) => /^[a-z2-9]{5}-[a-z2-9]{5}$/.test(c)));
  const again = await app.call('/v1/account/mfa/totp', withBearer(token, { method: 'POST' }));
  assert.is((await json(again)).error.code, 'mfa_enabled');
  assert.is((await json(await app.call('/v1/account', withBearer(token)))).mfa, true);
  const [row] = await query<{ totp_secret: string }>(app.database.url, "SELECT totp_secret FROM accounts WHERE email = 'viewer@brightside.example'");
  assert.match(row?.totp_secret ?? '', /^v1\./);
  assert.not.match(row?.totp_secret ?? '', secret);
  const codes = await query<{ code_hash: string }>(app.database.url, 'SELECT code_hash FROM recovery_codes');
  assert.not.ok(codes.some((c) => recovery.includes(c.code_hash)));
});

mfa('after the password the sign-in asks for a code; a wrong one is refused; the next code signs in', async () => {
  const b = browser(app);
  const publicUrl = await publicUrlOf(app);
  const { response } = await b.follow(await b.request(authorizePath(publicUrl, pkce().challenge)));
  const html = await response.text();
  const uid = /interaction\/([^/"]+)\/login/.exec(html)?.[1] as string;
  const afterPassword = await b.post(`/oidc/interaction/${uid}/login`, { csrf: csrfOf(html), ...VIEWER });
  assert.is(afterPassword.status, 200, 'no redirect yet: the second step');
  const mfaPage = await afterPassword.text();
  assert.match(mfaPage, 'autocomplete="one-time-code"');
  assert.not.match(mfaPage, /<script/i);
  const wrong = await b.post(`/oidc/interaction/${uid}/mfa`, { csrf: csrfOf(mfaPage), code: '123456' });
  assert.is(wrong.status, 401);
  assert.is((await b.post(`/oidc/interaction/${uid}/mfa`, { csrf: 'forged', code: codeAt(secret, 1) })).status, 403);
  const right = await b.post(`/oidc/interaction/${uid}/mfa`, { csrf: csrfOf(mfaPage), code: codeAt(secret, 1) });
  assert.is(right.status, 303);
  // The code just used does not work a second time.
  const replay = await b.follow(await b.request(authorizePath(publicUrl, pkce().challenge, { prompt: 'login' })));
  const page = await replay.response.text();
  const uid2 = /interaction\/([^/"]+)\/login/.exec(page)?.[1] as string;
  const second = await (await b.post(`/oidc/interaction/${uid2}/login`, { csrf: csrfOf(page), ...VIEWER })).text();
  assert.is((await b.post(`/oidc/interaction/${uid2}/mfa`, { csrf: csrfOf(second), code: codeAt(secret, 1) })).status, 401, 'a code works once');
});

mfa('a login that skips the second step gets nowhere: the MFA form needs the password first', async () => {
  const b = browser(app);
  const { response } = await b.follow(await b.request(authorizePath(await publicUrlOf(app), pkce().challenge)));
  const html = await response.text();
  const uid = /interaction\/([^/"]+)\/login/.exec(html)?.[1] as string;
  assert.is((await b.post(`/oidc/interaction/${uid}/mfa`, { csrf: csrfOf(html), code: codeAt(secret) })).status, 403);
});

mfa('a recovery code signs in once; turning the factor off needs a code', async () => {
  const code = recovery[0] as string;
  const tokens = await signIn(app, { ...VIEWER, code: () => code.toUpperCase() });
  assert.is((await app.call('/v1/admin/tenant', withBearer(tokens.accessToken))).status, 200);
  await rejects(signIn(app, { ...VIEWER, code: () => code }), 'a used recovery code signs in again');
  const off = await app.call('/v1/account/mfa', withBearer(tokens.accessToken, { method: 'DELETE', body: { code: 'nope' } }));
  assert.is(off.status, 422);
  assert.is((await app.call('/v1/account/mfa', withBearer(tokens.accessToken, { method: 'DELETE', body: { code: recovery[1] } }))).status, 204);
  assert.ok(await signIn(app, VIEWER), 'back to one step');
  assert.is((await app.call('/v1/account', withBearer('sk_test_brightside_0000000000000000'))).status, 401);
});

mfa.run();

// ---------------------------------------------------------------------------
// Reset links go through the outbox and the worker to SMTP_URL: a real SMTP server receives them.
const reset = suite('password reset');
let smtp: SmtpPeer;
reset.before(async () => {
  smtp = await startSmtpPeer();
  app = await startTestServer({ env: { SMTP_URL: smtp.url, OUTBOX_WORKER: 'true' } });
});
reset.after(async () => {
  await app.close();
  await smtp.close();
});

const OWNER = { email: 'owner@thamesvalley.example', password: 'thames-demo-2026-removals' };
/** The reset mails the SMTP server has received, oldest first, once `count` are in. */
const mails = async (count: number): Promise<Array<{ to: string[]; subject: string; resetUrl: string; messageId: string }>> => {
  await waitUntil(`${count} reset mail(s)`, () => smtp.mails.length >= count);
  return smtp.mails.map((m) => ({
    to: m.envelopeTo,
    subject: m.parsed.subject ?? '',
    resetUrl: /https?:\/\/\S+\/password-reset\/[A-Za-z0-9]+(?:\?tenant=[a-z0-9-]+)?/.exec(m.parsed.text ?? '')?.[0] ?? '',
    messageId: m.parsed.messageId ?? '',
  }));
};
const form = (path: string, fields: Record<string, string>) => app.call(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });

reset('asking never says whether an account exists; a known email gets a link', async () => {
  const ask = await app.call('/password-reset?tenant=thames-valley-removals');
  const html = await ask.text();
  assert.match(html, 'Thames Valley');
  const csrf = csrfOf(html);
  const unknown = await form('/password-reset?tenant=thames-valley-removals', { csrf, email: 'nobody@example.com' });
  const known = await form('/password-reset?tenant=thames-valley-removals', { csrf, email: OWNER.email.toUpperCase() });
  assert.is(unknown.status, 200);
  assert.is(known.status, 200);
  assert.is((await unknown.text()).replace(/nobody@example\.com/g, 'X').replace(/Quote Master Pro|Thames Valley Removals/g, ''), (await known.text()).replace(/OWNER@THAMESVALLEY\.EXAMPLE/g, 'X').replace(/Quote Master Pro|Thames Valley Removals/g, ''));
  const sent = await mails(1);
  assert.is(sent.length, 1);
  assert.equal([sent[0]?.subject, sent[0]?.to], ['Reset your Quote Master Pro password', [OWNER.email]]);
  assert.match(sent[0]?.resetUrl ?? '', /\/password-reset\/[A-Za-z0-9]{40,}\?tenant=thames-valley-removals$/);
  const [row] = await query<{ topic: string; status: string; slug: string }>(
    app.database.url,
    "SELECT o.topic, o.status, r.value AS slug FROM outbox o JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = o.tenant_id WHERE o.kind = 'email'",
  );
  assert.equal([row?.topic, row?.slug], ['password-reset', 'thames-valley-removals'], 'queued in the outbox of the person\'s tenant');
});

reset('the link sets a new password once, signs the person out everywhere, and the old password stops working', async () => {
  const before = await signIn(app, OWNER);
  assert.is((await app.call('/v1/admin/tenant', withBearer(before.accessToken))).status, 200);
  const link = new URL((await mails(1)).at(-1)?.resetUrl ?? '');
  const page = await app.call(`${link.pathname}${link.search}`);
  const html = await page.text();
  assert.match(html, 'Choose a new password');
  assert.not.match(html, /<script/i);
  const csrf = csrfOf(html);
  assert.is((await form(link.pathname, { csrf, password: 'short' })).status, 400);
  assert.is((await form(link.pathname, { csrf: 'x', password: 'river-boat-lantern-2027' })).status, 403);
  const done = await form(link.pathname, { csrf, password: 'river-boat-lantern-2027' });
  assert.is(done.status, 200);
  assert.match(await done.text(), 'Password changed');
  assert.is((await app.call('/v1/admin/tenant', withBearer(before.accessToken))).status, 401, 'the old session\'s access token is revoked');
  assert.is((await refresh(app, before.refreshToken)).status, 400, 'and its refresh token');
  await rejects(signIn(app, OWNER), 'the old password still works');
  assert.ok(await signIn(app, { ...OWNER, password: 'river-boat-lantern-2027' }));
  assert.is((await app.call(link.pathname)).status, 410, 'once');
  assert.is((await form(link.pathname, { csrf, password: 'another-river-2028' })).status, 410);
});

reset('a person of several tenants is mailed through the one they asked from; a person of none, at once', async () => {
  const csrf = csrfOf(await (await app.call('/password-reset?tenant=thames-valley-removals')).text());
  assert.is((await form('/password-reset?tenant=thames-valley-removals', { csrf, email: 'consultant@quotemaster.example' })).status, 200);
  const [queued] = await query<{ slug: string }>(
    app.database.url,
    "SELECT r.value AS slug FROM outbox o JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = o.tenant_id WHERE o.kind = 'email' AND o.payload->'to' ? 'consultant@quotemaster.example'",
  );
  assert.is(queued?.slug, 'thames-valley-removals');
  assert.equal((await mails(2))[1]?.to, ['consultant@quotemaster.example']);
  await query(app.database.url, "INSERT INTO accounts (email, operator) VALUES ('staff@quotemaster.example', true)");
  assert.is((await form('/password-reset', { csrf, email: 'staff@quotemaster.example' })).status, 200);
  const sent = await mails(3);
  assert.equal(sent.map((m) => m.to[0]).slice(1), ['consultant@quotemaster.example', 'staff@quotemaster.example']);
  assert.match(sent[2]?.resetUrl ?? '', /\/password-reset\/[A-Za-z0-9]{40,}$/);
  const [outboxed] = await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM outbox WHERE payload->'to' ? 'staff@quotemaster.example'");
  assert.is(Number(outboxed?.n), 0, 'no tenant: sent without the outbox');
});

reset('requests are limited per IP', async () => {
  const csrf = csrfOf(await (await app.call('/password-reset')).text());
  let status = 0;
  for (let i = 0; i < 12 && status !== 429; i++) status = (await form('/password-reset', { csrf, email: `someone${i}@example.com` })).status;
  assert.is(status, 429);
  assert.is((await app.call('/password-reset/not-a-token')).status, 410);
  assert.is((await app.call('/v1/invites/x/accept', postJson({ password: 'x' }))).status, 410);
});

reset.run();
