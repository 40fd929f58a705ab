// The platform's OpenID provider through the real flow (issue #7): PKCE S256
// only, exact redirect URIs, a reused code refused and its tokens revoked, a
// reused refresh token revoking the family, a new session id on login, the
// sign-in pages (no script, CSRF, white-label, language), brute-force limits,
// and sessions and grants that survive a restart.
import { exportJWK, generateKeyPair } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { withBearer } from '../helpers/admin.ts';
import { authorize, authorizePath, browser, csrfOf, exchangeCode, pkce, publicUrlOf, refresh, signIn, tokensOf } from '../helpers/sign-in.ts';
import { createTestDatabase, query } from '../helpers/test-database.ts';
import { json, startTestServer, type TestServer } from '../helpers/test-server.ts';

const OWNER = { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' };
let app: TestServer;
let publicUrl: string;

const adminStatus = async (token: string): Promise<number> => (await app.call('/v1/admin/tenant', withBearer(token))).status;
const textOf = (html: string): string => html.replace(/<style>[^]*<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

// ---------------------------------------------------------------------------
const flow = suite('OIDC: the authorization code flow');
flow.before(async () => {
  app = await startTestServer();
  publicUrl = await publicUrlOf(app);
});
flow.after(async () => {
  await app.close();
});

flow('discovery is at /oidc/.well-known/openid-configuration: one issuer, S256 only, code flow only', async () => {
  const response = await app.call('/oidc/.well-known/openid-configuration');
  assert.is(response.status, 200);
  const discovery = await json(response);
  assert.is(discovery.issuer, `${publicUrl}/oidc`);
  assert.equal(discovery.code_challenge_methods_supported, ['S256']);
  assert.equal(discovery.response_types_supported, ['code']);
  assert.ok(discovery.token_endpoint.endsWith('/oidc/token'));
  const jwks = await json(await app.call('/oidc/jwks'));
  assert.is(jwks.keys[0].kty, 'EC');
  assert.not.ok('d' in jwks.keys[0], 'the private part is never published');
});

flow('a demo user signs in; the access token is an at+jwt for the admin API that the API accepts', async () => {
  const tokens = await signIn(app, OWNER);
  const [header, payload] = tokens.accessToken.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
  assert.is(header.typ, 'at+jwt');
  assert.is(header.alg, 'ES256');
  assert.is(payload.aud, `${publicUrl}/v1/admin`);
  assert.is(payload.iss, `${publicUrl}/oidc`);
  assert.is(payload.scope, 'admin');
  const tenant = await json(await app.call('/v1/admin/tenant', withBearer(tokens.accessToken)));
  assert.is(tenant.slug, 'brightside-painting');
});

flow('PKCE is required, and the plain method is refused', async () => {
  const codes = pkce();
  for (const extra of [{ code_challenge_method: 'plain', code_challenge: codes.verifier }, { code_challenge: '', code_challenge_method: '' }]) {
    const response = await browser(app).request(authorizePath(publicUrl, codes.challenge, extra));
    const location = response.headers.get('location') ?? '';
    assert.is(response.status, 303);
    const error = new URL(location).searchParams;
    assert.ok(location.startsWith(`${publicUrl}/console/callback?`), location);
    assert.is(error.get('error'), 'invalid_request', JSON.stringify(extra));
    assert.not.ok(error.get('code'));
  }
  // A code made for one verifier cannot be redeemed without it, or with another.
  const { code, pkce: made } = await authorize(app, OWNER);
  const wrong = await exchangeCode(app, publicUrl, code, pkce().verifier);
  assert.is(wrong.status, 400);
  assert.is((await json(wrong)).error, 'invalid_grant');
  void made;
});

flow('a redirect URI that is not exactly the registered one is refused without redirecting to it', async () => {
  const codes = pkce();
  for (const redirect of [`${publicUrl}/console/callback/`, `${publicUrl}/console/callback?x=1`, `${publicUrl}/console/callbackx`, `${publicUrl}/Console/callback`, 'https://evil.example/console/callback']) {
    const response = await browser(app).request(authorizePath(publicUrl, codes.challenge, { redirect_uri: redirect }));
    assert.is(response.status, 400, redirect);
    assert.is(response.headers.get('location'), null, redirect);
    assert.match(textOf(await response.text()), 'redirect_uri', redirect);
  }
  // And at the token endpoint: the code's redirect URI must be repeated exactly.
  const { code, pkce: made } = await authorize(app, OWNER);
  const mismatch = await exchangeCode(app, publicUrl, code, made.verifier, `${publicUrl}/console/callback/`);
  assert.is(mismatch.status, 400);
});

flow('a reused authorization code is refused, and the tokens it gave are revoked', async () => {
  const { code, pkce: made } = await authorize(app, OWNER);
  const first = await exchangeCode(app, publicUrl, code, made.verifier);
  assert.is(first.status, 200);
  const tokens = tokensOf(await json(first));
  assert.is(await adminStatus(tokens.accessToken), 200);
  const again = await exchangeCode(app, publicUrl, code, made.verifier);
  assert.is(again.status, 400);
  assert.is((await json(again)).error, 'invalid_grant');
  assert.is(await adminStatus(tokens.accessToken), 401, 'the access token of the first exchange no longer works');
  assert.is((await refresh(app, tokens.refreshToken)).status, 400, 'nor its refresh token');
});

flow('refresh tokens rotate; a reused one revokes the whole family', async () => {
  const tokens = await signIn(app, OWNER);
  const rotated = await refresh(app, tokens.refreshToken);
  assert.is(rotated.status, 200);
  const second = tokensOf(await json(rotated));
  assert.is.not(second.refreshToken, tokens.refreshToken);
  assert.is(await adminStatus(second.accessToken), 200);
  const reused = await refresh(app, tokens.refreshToken);
  assert.is(reused.status, 400);
  assert.is((await json(reused)).error, 'invalid_grant');
  assert.is((await refresh(app, second.refreshToken)).status, 400, 'the newest refresh token of the family is revoked too');
  assert.is(await adminStatus(second.accessToken), 401);
  assert.is(await adminStatus(tokens.accessToken), 401);
});

flow('the session id changes when a person signs in', async () => {
  const b = browser(app);
  // A session id planted before sign-in (session fixation) is not the one after it.
  await b.follow(await b.request(authorizePath(publicUrl, pkce().challenge)));
  const beforeLogin = b.jar.cookies.get('_session');
  await authorize(app, OWNER, { browser: b });
  assert.is.not(b.jar.cookies.get('_session'), beforeLogin);
  const first = b.jar.cookies.get('_session');
  assert.ok(first, 'signed in: a session cookie');
  // Signing in again in the same browser (prompt=login) must not keep the old session id.
  await authorize(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' }, { browser: b, extra: { prompt: 'login consent' } });
  const second = b.jar.cookies.get('_session');
  assert.ok(second);
  assert.is.not(second, first);
  const [rows] = await query<{ n: string }>(app.database.url, "SELECT count(*) AS n FROM oidc_payloads WHERE type = 'Session' AND id = $1", [first]);
  assert.is(Number(rows?.n), 0, 'the old session id is gone from the store');
});

flow('a resource other than the admin API is refused', async () => {
  const response = await browser(app).request(authorizePath(publicUrl, pkce().challenge, { resource: 'https://evil.example/api' }));
  const location = response.headers.get('location') ?? '';
  assert.is(new URL(location).searchParams.get('error'), 'invalid_target');
});

flow.run();

// ---------------------------------------------------------------------------
const pages = suite('OIDC: the sign-in pages');
pages.before(async () => {
  app = await startTestServer({ env: { LOGIN_FAILURES_PER_ACCOUNT_AND_IP: '3', LOGIN_FAILURES_PER_IP_PER_DAY: '8' } });
  publicUrl = await publicUrlOf(app);
});
pages.after(async () => {
  await app.close();
});

async function loginPage(extra: Record<string, string> = {}) {
  const b = browser(app);
  const { response } = await b.follow(await b.request(authorizePath(publicUrl, pkce().challenge, extra)));
  const html = await response.text();
  const uid = /action="\/oidc\/interaction\/([^/"]+)\/login"/.exec(html)?.[1] as string;
  return { b, response, html, uid, csrf: csrfOf(html) };
}

pages('the login page is plain HTML: no script, a strict CSP, not cached, a CSRF field', async () => {
  const { response, html } = await loginPage();
  assert.is(response.status, 200);
  assert.not.match(html, /<script/i);
  assert.match(response.headers.get('content-security-policy') ?? '', "default-src 'none'");
  assert.match(response.headers.get('content-security-policy') ?? '', "form-action 'self'");
  assert.is(response.headers.get('cache-control'), 'no-store');
  assert.match(html, /<input type="hidden" name="csrf" value="[A-Za-z0-9_-]{43}">/);
  assert.match(html, 'autocomplete="current-password"');
});

pages('white-labelled by the tenant in the request: its name, its colours, its language', async () => {
  const painter = await loginPage({ tenant: 'brightside-painting' });
  assert.match(painter.html, '<span class="qm-brand-name">Brightside Painting</span>');
  assert.match(painter.html, '--qm-color-primary: #0b6e4f;');
  const cleaner = await loginPage({ tenant: 'glanzwerk-reinigung' });
  assert.match(cleaner.html, '<html lang="de"');
  assert.match(cleaner.html, 'Anmelden');
  assert.match(cleaner.html, 'Glanzwerk Reinigung');
  const platform = await loginPage({ tenant: 'no-such-tenant' });
  assert.match(platform.html, 'Quote Master Pro');
});

pages('a wrong password re-renders the form with a message and the email kept; a missing CSRF token is refused', async () => {
  const { b, uid, csrf } = await loginPage();
  const wrong = await b.post(`/oidc/interaction/${uid}/login`, { csrf, email: OWNER.email, password: 'not-the-password' });
  assert.is(wrong.status, 401);
  const html = await wrong.text();
  assert.match(html, 'do not match an account');
  assert.match(html, `value="${OWNER.email}"`);
  const forged = await b.post(`/oidc/interaction/${uid}/login`, { csrf: 'forged', email: OWNER.email, password: OWNER.password });
  assert.is(forged.status, 403);
  const otherBrowser = browser(app);
  const stolen = await otherBrowser.post(`/oidc/interaction/${uid}/login`, { csrf, email: OWNER.email, password: OWNER.password });
  assert.is(stolen.status, 400, 'without the interaction cookie the uid and token are worthless');
  const right = await b.post(`/oidc/interaction/${uid}/login`, { csrf, email: OWNER.email.toUpperCase(), password: OWNER.password });
  assert.is(right.status, 303);
});

pages('consecutive failures per email and IP lock the pair with 429 and Retry-After; a success resets them', async () => {
  const viewer = { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' };
  const attempt = async (password: string) => {
    const { b, uid, csrf } = await loginPage();
    return b.post(`/oidc/interaction/${uid}/login`, { csrf, email: viewer.email, password });
  };
  assert.is((await attempt('wrong-one-1')).status, 401);
  assert.is((await attempt('wrong-one-2')).status, 401);
  assert.is((await attempt(viewer.password)).status, 303, 'a success before the limit');
  for (let i = 0; i < 3; i++) assert.is((await attempt(`wrong-again-${i}`)).status, 401, 'the success reset the count');
  const locked = await attempt(viewer.password);
  assert.is(locked.status, 429, 'locked even with the right password');
  assert.ok(Number(locked.headers.get('retry-after')) > 0);
  assert.match(await locked.text(), 'Too many failed sign-ins');
});

pages('failures per IP per day count across emails', async () => {
  // 3 failures above + the rest here: the 8th failure of this IP locks every email.
  const attempt = async (email: string) => {
    const { b, uid, csrf } = await loginPage();
    return b.post(`/oidc/interaction/${uid}/login`, { csrf, email, password: 'wrong-password-x' });
  };
  let status = 0;
  for (let i = 0; i < 8 && status !== 429; i++) status = (await attempt(`nobody${i}@example.com`)).status;
  assert.is(status, 429);
  const { b, uid, csrf } = await loginPage();
  assert.is((await b.post(`/oidc/interaction/${uid}/login`, { csrf, ...OWNER })).status, 429);
});

pages('an unknown or expired interaction shows a page, not a stack trace', async () => {
  const response = await app.call('/oidc/interaction/does-not-exist');
  assert.is(response.status, 400);
  assert.match(await response.text(), 'expired');
});

pages.run();

// ---------------------------------------------------------------------------
const restart = suite('OIDC: sessions and grants survive a restart');

restart('a refresh token issued before a restart works after it (same signing keys, the PostgreSQL adapter)', async () => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwks = JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'test-1', alg: 'ES256', use: 'sig' }] });
  const database = await createTestDatabase();
  try {
    app = await startTestServer({ database, env: { OIDC_JWKS: jwks } });
    const tokens = await signIn(app, OWNER);
    await app.stop();
    app = await startTestServer({ database, env: { OIDC_JWKS: jwks } });
    assert.is(await adminStatus(tokens.accessToken), 200, 'the access token still verifies');
    const refreshed = await refresh(app, tokens.refreshToken);
    assert.is(refreshed.status, 200);
    await app.stop();
  } finally {
    await database.drop();
  }
});

restart.run();

// ---------------------------------------------------------------------------
const routes = suite('OIDC: the provider routes the OpenAPI document lists');

routes('each answers (none is a 404 of ours)', async () => {
  const { PROVIDER_ROUTES } = await import('../../server/http/routes/oidc.ts');
  app = await startTestServer();
  try {
    for (const route of PROVIDER_ROUTES) {
      for (const method of route.methods) {
        const response = await app.call(route.path.replace(':uid', 'x'), { method, headers: method === 'OPTIONS' ? { Origin: 'https://a.example', 'Access-Control-Request-Method': 'POST' } : {} });
        const body = await response.text();
        assert.ok(response.status !== 404 || !body.includes('There is nothing at'), `${method} ${route.path} answered ${response.status}`);
        assert.ok(response.status !== 404 || route.path.includes(':uid'), `${method} ${route.path} answered 404`);
      }
    }
  } finally {
    await app.close();
  }
});

routes.run();
