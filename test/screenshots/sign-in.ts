// A person signs in with a demo user through the real flow, in headless
// Chromium, and the sign-in pages are screenshotted into docs/screenshots/:
//   signin-login-brightside-1280.png   login page, white-labelled for Brightside Painting
//   signin-login-error-375.png         the same after a wrong password, on a phone
//   signin-consent-1280.png            the consent page after the password
//   signin-login-glanzwerk-de-375.png  login page of the German tenant
//   signin-mfa-1280.png                the second step, for an account with TOTP
//   signin-reset-375.png               asking for a password-reset link
// Then the browser lands on the console's redirect URI with a code, the code
// is exchanged (PKCE) and the access token reads the tenant over the admin API.
// Run by hand after changing the pages (needs PostgreSQL as for `npm test`
// and /usr/bin/chromium or CHROMIUM_PATH):
//   node_modules/.bin/node test/screenshots/sign-in.ts
// Nothing here runs in `npm test`.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Page } from 'puppeteer-core';
import { freePort } from '../../server/db/embedded-postgres.ts';
import { Secret, TOTP } from 'otpauth';
import { authorizePath, exchangeCode, pkce, signIn } from '../helpers/sign-in.ts';
import { ROOT, startTestServer } from '../helpers/test-server.ts';

const OUT = join(ROOT, 'docs', 'screenshots');
const CHROMIUM_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(OUT, `${name}.png`) as `${string}.png`;
  await page.screenshot({ path, fullPage: true });
  console.log(`${path.slice(ROOT.length + 1)}: ${(statSync(path).size / 1024).toFixed(1)} KB`);
}

const port = await freePort();
const publicUrl = `http://localhost:${port}`;
const app = await startTestServer({ env: { PORT: String(port), PUBLIC_URL: publicUrl } });
const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: CHROMIUM_FLAGS });
try {
  const page = await browser.newPage();
  const codes = pkce();
  await page.setViewport({ width: 1280, height: 800 });
  await page.goto(`${publicUrl}${authorizePath(publicUrl, codes.challenge, { tenant: 'brightside-painting' })}`, { waitUntil: 'load' });
  await shoot(page, 'signin-login-brightside-1280');

  await page.setViewport({ width: 375, height: 740 });
  await page.type('#email', 'owner@brightside.example');
  await page.type('#password', 'not-my-password');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
  await shoot(page, 'signin-login-error-375');

  await page.setViewport({ width: 1280, height: 800 });
  await page.type('#password', 'brightside-demo-2026-paint');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('button[type=submit]')]);
  await shoot(page, 'signin-consent-1280');

  const [landed] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form[action$="/confirm"] button')]);
  const callback = new URL(landed?.url() ?? page.url());
  const code = callback.searchParams.get('code');
  if (callback.pathname !== '/console/callback' || !code) throw new Error(`expected the console's redirect URI with a code, got ${callback.href}`);
  const tokens = (await (await exchangeCode(app, publicUrl, code, codes.verifier)).json()) as { access_token: string };
  const tenant = (await (await app.call('/v1/admin/tenant', { headers: { Authorization: `Bearer ${tokens.access_token}` } })).json()) as { slug: string };
  console.log(`signed in through the browser: redirected to ${callback.pathname} with a code; the access token reads tenant ${tenant.slug}`);

  const german = await (await browser.createBrowserContext()).newPage(); // no session: the login page
  await german.setViewport({ width: 375, height: 740 });
  await german.goto(`${publicUrl}${authorizePath(publicUrl, pkce().challenge, { tenant: 'glanzwerk-reinigung' })}`, { waitUntil: 'load' });
  await shoot(german, 'signin-login-glanzwerk-de-375');

  // The second step: the viewer turns TOTP on through the account API, then signs in in a fresh browser.
  const viewer = { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' };
  const token = (await signIn(app, viewer)).accessToken;
  const auth = { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' };
  const { secret } = (await (await app.call('/v1/account/mfa/totp', { method: 'POST', headers: auth })).json()) as { secret: string };
  const totp = new TOTP({ secret: Secret.fromBase32(secret) }).generate();
  await app.call('/v1/account/mfa/totp/confirm', { method: 'POST', headers: auth, body: JSON.stringify({ code: totp }) });
  const second = await (await browser.createBrowserContext()).newPage();
  await second.setViewport({ width: 1280, height: 800 });
  await second.goto(`${publicUrl}${authorizePath(publicUrl, pkce().challenge, { tenant: 'brightside-painting' })}`, { waitUntil: 'load' });
  await second.type('#email', viewer.email);
  await second.type('#password', viewer.password);
  await Promise.all([second.waitForNavigation({ waitUntil: 'load' }), second.click('button[type=submit]')]);
  await shoot(second, 'signin-mfa-1280');

  const resetPage = await (await browser.createBrowserContext()).newPage();
  await resetPage.setViewport({ width: 375, height: 740 });
  await resetPage.goto(`${publicUrl}/password-reset?tenant=thames-valley-removals`, { waitUntil: 'load' });
  await shoot(resetPage, 'signin-reset-375');
} finally {
  await browser.close();
  await app.close();
}
