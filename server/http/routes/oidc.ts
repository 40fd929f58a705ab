// The OpenID provider over HTTP (issue #7): our interaction pages at
// /oidc/interaction/{uid} (login, consent; plain HTML forms with a CSRF
// field, white-labelled, no script), then oidc-provider itself for the rest
// of /oidc (discovery, authorize, token, jwks, revocation, userinfo, logout).
// Mounted after every other router: widget requests never get here.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Accounts } from '../../auth/accounts.ts';
import type { LoginLimits } from '../../auth/login-limits.ts';
import type { Mfa } from '../../auth/mfa.ts';
import { RateLimitedError } from '../../errors.ts';
import type { BrandFor } from '../../oidc/brand.ts';
import type { InteractionCsrf } from '../../oidc/interaction-csrf.ts';
import { loginNotice, PLATFORM_BRAND, renderConsent, renderLogin, renderLogout, renderMessage, renderMfa, type Brand } from '../../oidc/pages.ts';

export const OIDC_PREFIX = '/oidc';

/** The pages carry no script; styles inline; logos from https; forms post to us only. */
const PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
/**
 * For oidc-provider's own answers. Its one page with a script (the
 * auto-submitting form that ends the previous session when another person
 * signs in) adds that script's hash to script-src itself; without a
 * script-src the script would be blocked and the page stay blank (its
 * <noscript> button only shows with scripts off).
 */
const PROVIDER_CSP = "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' https:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The routes oidc-provider answers under /oidc with our configuration, for the
 * OpenAPI document and its "documents exactly the routes" check (the provider
 * is mounted as one middleware, so the app's router stack cannot list them).
 * test/oidc/oidc.test.ts checks that each answers.
 */
export const PROVIDER_ROUTES: ReadonlyArray<{ path: string; methods: string[] }> = Object.freeze([
  { path: '/oidc/.well-known/openid-configuration', methods: ['GET', 'OPTIONS'] },
  { path: '/oidc/.well-known/oauth-authorization-server', methods: ['GET', 'OPTIONS'] },
  { path: '/oidc/jwks', methods: ['GET', 'OPTIONS'] },
  { path: '/oidc/auth', methods: ['GET'] },
  { path: '/oidc/auth/:uid', methods: ['GET'] },
  { path: '/oidc/token', methods: ['POST', 'OPTIONS'] },
  { path: '/oidc/token/revocation', methods: ['POST', 'OPTIONS'] },
  { path: '/oidc/session/end', methods: ['GET'] },
  { path: '/oidc/session/end/confirm', methods: ['POST'] },
  { path: '/oidc/session/end/success', methods: ['GET'] },
]);

export interface OidcRouteDeps {
  provider: Provider;
  accounts: Accounts;
  limits: LoginLimits;
  brandFor: BrandFor;
  csrf: InteractionCsrf;
  mfa: Mfa;
}

type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

export function page(ctx: Context | KoaContextWithOIDC, status: number, html: string): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.set('Content-Security-Policy', PAGE_CSP);
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('X-Robots-Tag', 'noindex, nofollow');
  ctx.body = html;
}

/** Renders oidc-provider's own pages (errors, logout) in our look; used by create-provider.ts. */
export function providerPages() {
  return {
    renderError(ctx: KoaContextWithOIDC, out: { error: string; error_description?: string | undefined }): void {
      // oidc-provider's descriptions are written to be shown (they name the parameter at fault, never a secret).
      const error = out.error_description ? `${out.error} — ${out.error_description}` : out.error;
      page(ctx, ctx.status >= 400 ? ctx.status : 400, renderMessage({ brand: PLATFORM_BRAND, kind: 'error', error }));
    },
    renderLogout(ctx: KoaContextWithOIDC, form: string): void {
      page(ctx, 200, renderLogout({ brand: PLATFORM_BRAND, form }));
    },
    renderLoggedOut(ctx: KoaContextWithOIDC): void {
      page(ctx, 200, renderMessage({ brand: PLATFORM_BRAND, kind: 'loggedOut' }));
    },
  };
}

export function oidcRoutes(deps: OidcRouteDeps): { router: Router; mount: Middleware } {
  const { provider, accounts, limits, brandFor, csrf, mfa } = deps;
  const form = bodyParser({ enableTypes: ['form'], formLimit: '4kb' });
  const router = new Router({ prefix: `${OIDC_PREFIX}/interaction/:uid` });

  /** The interaction of this request (cookie and uid must match), or an "expired" page. */
  const detailsOf = async (ctx: Context): Promise<Details | null> => {
    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      if (details.uid !== ctx.params.uid) throw new Error('uid mismatch');
      return details;
    } catch {
      page(ctx, 400, renderMessage({ brand: PLATFORM_BRAND, kind: 'expired' }));
      return null;
    }
  };
  /** A login starts afresh; a consent keeps the login it follows (else prompt=login would ask again). */
  const finish = async (ctx: Context, result: Parameters<Provider['interactionResult']>[2], mergeWithLastSubmission = false): Promise<void> => {
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission });
    ctx.status = 303;
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(to);
  };
  const actions = (uid: string) => ({
    login: `${OIDC_PREFIX}/interaction/${uid}/login`,
    mfa: `${OIDC_PREFIX}/interaction/${uid}/mfa`,
    confirm: `${OIDC_PREFIX}/interaction/${uid}/confirm`,
    abort: `${OIDC_PREFIX}/interaction/${uid}/abort`,
  });
  const resetUrlOf = (details: Details): string => (typeof details.params.tenant === 'string' ? `/password-reset?tenant=${encodeURIComponent(details.params.tenant)}` : '/password-reset');
  /** The account whose password this interaction accepted and whose second factor it now waits for. */
  const pendingMfa = (details: Details): string | undefined => {
    const pending = (details.result as { mfa?: { accountId?: unknown } } | undefined)?.mfa?.accountId;
    return typeof pending === 'string' ? pending : undefined;
  };

  const showConsent = async (ctx: Context, details: Details, brand: Brand): Promise<void> => {
    const account = await accounts.byId(String(details.session?.accountId ?? ''));
    // Everything the client asks for, not only what is missing: with prompt=consent nothing may be missing, and the person still decides.
    const missing = details.prompt.details as { missingResourceScopes?: Record<string, string[]> };
    const scopes = [...String(details.params.scope ?? '').split(' ').filter((scope) => scope !== ''), ...Object.values(missing.missingResourceScopes ?? {}).flat()];
    const client = await provider.Client.find(String(details.params.client_id));
    page(ctx, 200, renderConsent({ brand, action: actions(details.uid).confirm, abortAction: actions(details.uid).abort, csrf: csrf.tokenFor(details.uid), clientName: client?.clientName ?? String(details.params.client_id), email: account?.email ?? '', scopes }));
  };

  router.get('/', async (ctx) => {
    const details = await detailsOf(ctx);
    if (!details) return;
    const { brand, platform } = await brandFor(details.params.tenant);
    if (details.prompt.name === 'login') {
      page(ctx, 200, renderLogin({ brand, platform, action: actions(details.uid).login, csrf: csrf.tokenFor(details.uid), resetUrl: resetUrlOf(details) }));
    } else if (details.prompt.name === 'consent') {
      await showConsent(ctx, details, brand);
    } else {
      page(ctx, 400, renderMessage({ brand, kind: 'error', error: `unsupported prompt ${details.prompt.name}` }));
    }
  });

  router.post('/login', form, async (ctx) => {
    const details = await detailsOf(ctx);
    if (!details) return;
    const { brand, platform } = await brandFor(details.params.tenant);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().slice(0, 254) : '';
    const password = typeof body.password === 'string' ? body.password.slice(0, 1024) : '';
    const again = (status: number, notice: ReturnType<typeof loginNotice>) =>
      page(ctx, status, renderLogin({ brand, platform, action: actions(details.uid).login, csrf: csrf.tokenFor(details.uid), email, notice, resetUrl: resetUrlOf(details) }));
    if (!csrf.check(details.uid, body.csrf)) return page(ctx, 403, renderMessage({ brand, kind: 'expired' }));
    if (details.prompt.name !== 'login') return page(ctx, 400, renderMessage({ brand, kind: 'expired' }));
    if (email === '' || password === '') return again(400, loginNotice(brand, 'missingLogin'));
    try {
      await limits.check(ctx.ip, email);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      ctx.set('Retry-After', String(error.retryAfterSeconds));
      return again(429, loginNotice(brand, 'tooMany', error.retryAfterSeconds));
    }
    const account = await accounts.verifyLogin(email, password);
    if (!account) {
      await limits.failed(ctx.ip, email);
      return again(401, loginNotice(brand, 'badLogin'));
    }
    await limits.succeeded(ctx.ip, email);
    if (account.mfa) {
      // The password is right; the sign-in waits, in the interaction, for the second factor.
      details.result = { mfa: { accountId: account.id } };
      await details.persist();
      return page(ctx, 200, renderMfa({ brand, action: actions(details.uid).mfa, csrf: csrf.tokenFor(details.uid) }));
    }
    await finish(ctx, { login: { accountId: account.id, amr: ['pwd'] } });
  });

  router.post('/mfa', form, async (ctx) => {
    const details = await detailsOf(ctx);
    if (!details) return;
    const { brand } = await brandFor(details.params.tenant);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const accountId = pendingMfa(details);
    const account = accountId ? await accounts.byId(accountId) : null;
    if (!account || !csrf.check(details.uid, body.csrf)) return page(ctx, 403, renderMessage({ brand, kind: 'expired' }));
    const again = (status: number, notice: ReturnType<typeof loginNotice>) => page(ctx, status, renderMfa({ brand, action: actions(details.uid).mfa, csrf: csrf.tokenFor(details.uid), notice }));
    try {
      await limits.check(ctx.ip, account.email);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      ctx.set('Retry-After', String(error.retryAfterSeconds));
      return again(429, loginNotice(brand, 'tooMany', error.retryAfterSeconds));
    }
    const code = typeof body.code === 'string' ? body.code.slice(0, 40) : '';
    if ((await mfa.verify(account.id, code)) !== 'ok') {
      await limits.failed(ctx.ip, account.email);
      return again(401, loginNotice(brand, 'badCode'));
    }
    await limits.succeeded(ctx.ip, account.email);
    await finish(ctx, { login: { accountId: account.id, amr: ['pwd', 'otp'] } });
  });

  router.post('/confirm', form, async (ctx) => {
    const details = await detailsOf(ctx);
    if (!details) return;
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (!csrf.check(details.uid, body.csrf) || details.prompt.name !== 'consent') return page(ctx, 403, renderMessage({ brand: (await brandFor(details.params.tenant)).brand, kind: 'expired' }));
    const accountId = String(details.session?.accountId ?? '');
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId: String(details.params.client_id) });
    if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
    if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
    const grantId = await grant.save();
    await finish(ctx, { consent: { grantId } }, true);
  });

  router.post('/abort', form, async (ctx) => {
    const details = await detailsOf(ctx);
    if (!details) return;
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    if (!csrf.check(details.uid, body.csrf)) return page(ctx, 403, renderMessage({ brand: PLATFORM_BRAND, kind: 'expired' }));
    await finish(ctx, { error: 'access_denied', error_description: 'The person cancelled the sign-in.' });
  });

  const callback = provider.callback();
  const mount: Middleware = async (ctx, next) => {
    if (ctx.path !== OIDC_PREFIX && !ctx.path.startsWith(`${OIDC_PREFIX}/`)) return next();
    // As Express mounts do: the provider sees its own paths and finds its mount point in originalUrl.
    (ctx.req as { originalUrl?: string }).originalUrl = ctx.originalUrl;
    ctx.req.url = ctx.originalUrl.slice(OIDC_PREFIX.length) || '/';
    ctx.set('Content-Security-Policy', PROVIDER_CSP);
    ctx.respond = false;
    await callback(ctx.req, ctx.res);
  };
  // Seen by whoever lists the app's routes (the OpenAPI suite, the isolation matrix) as a router would be.
  Object.assign(mount, { router: { stack: PROVIDER_ROUTES } });
  return { router, mount };
}
