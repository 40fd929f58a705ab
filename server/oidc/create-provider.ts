// The platform's own OpenID provider (issue #7): oidc-provider v9, mounted at
// /oidc. One issuer; the console is a public client (authorization code with
// PKCE S256 only, exact redirect URIs, refresh tokens rotated on every use
// with reuse detection — all oidc-provider's own behaviour, configured here);
// access tokens for the admin API are JWTs (resource indicators, RFC 8707)
// carrying their grant id, so the API can refuse them once the grant is gone.
import { createHmac } from 'node:crypto';
import Provider, { errors, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Accounts } from '../auth/accounts.ts';
import type { Database } from '../db/database.ts';
import { createPostgresAdapter } from './postgres-adapter.ts';
import { SIGNING_ALGORITHM, type SigningKeys } from './signing-keys.ts';

export const CONSOLE_CLIENT_ID = 'qm-console';
/** The admin API as a resource: its access tokens say this audience and scope. */
export const ADMIN_SCOPE = 'admin';

export interface ProviderSetup {
  issuer: string;
  adminAudience: string;
  /** Exact redirect URIs of the console (no wildcards, no prefixes). */
  consoleRedirectUris: readonly string[];
  consolePostLogoutUris: readonly string[];
  keys: SigningKeys;
  appSecret: string;
  db: Database;
  accounts: Accounts;
  trustProxy: boolean;
  production: boolean;
  /** Renders the provider's own error page (white-labelled like the interaction pages). */
  renderError(ctx: KoaContextWithOIDC, error: { error: string; error_description?: string | undefined }): void;
  /** Renders the logout confirmation (a form with the provider's hidden fields). */
  renderLogout(ctx: KoaContextWithOIDC, form: string): void;
  renderLoggedOut(ctx: KoaContextWithOIDC): void;
}

/** Lifetimes in seconds. Access tokens are short because a JWT cannot be recalled before it expires (but see the grant check). */
export const TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  IdToken: 10 * 60,
  Interaction: 30 * 60,
  Session: 14 * 24 * 3600,
  Grant: 14 * 24 * 3600,
  RefreshToken: 14 * 24 * 3600,
} as const;

/** Cookie signing keys derived from the app secret (one secret to set in production). */
function cookieKeys(appSecret: string): string[] {
  return [createHmac('sha256', appSecret).update('oidc-cookies-v1').digest('base64url')];
}

export function createOidcProvider(setup: ProviderSetup): Provider {
  const { adminAudience } = setup;
  const configuration: Configuration = {
    adapter: createPostgresAdapter(setup.db),
    clients: [
      {
        client_id: CONSOLE_CLIENT_ID,
        client_name: 'Quote Master Pro console',
        application_type: 'web',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [...setup.consoleRedirectUris],
        post_logout_redirect_uris: [...setup.consolePostLogoutUris],
        scope: `openid email offline_access ${ADMIN_SCOPE}`,
        id_token_signed_response_alg: SIGNING_ALGORITHM,
      },
    ],
    jwks: setup.keys.privateJwks as Configuration['jwks'],
    cookies: {
      keys: cookieKeys(setup.appSecret),
      long: { signed: true, httpOnly: true, sameSite: 'lax', secure: setup.production },
      short: { signed: true, httpOnly: true, sameSite: 'lax', secure: setup.production },
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email', 'offline_access', ADMIN_SCOPE],
    responseTypes: ['code'],
    // The tenant whose look the sign-in pages take (`?tenant=brightside-painting` on the authorization request).
    extraParams: ['tenant'],
    async findAccount(_ctx, id) {
      const account = await setup.accounts.byId(id);
      if (!account) return undefined;
      return { accountId: account.id, claims: async () => ({ sub: account.id, email: account.email, email_verified: true }) };
    },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // Access tokens are for the admin API (a resource), which userinfo cannot read; the ID token carries the email.
      userinfo: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => setup.renderLogout(ctx, form),
        postLogoutSuccessSource: async (ctx) => setup.renderLoggedOut(ctx),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => adminAudience,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resource) {
          if (resource !== adminAudience) throw new errors.InvalidTarget(`the only resource is ${adminAudience}`);
          return { scope: ADMIN_SCOPE, audience: adminAudience, accessTokenTTL: TTL.AccessToken, accessTokenFormat: 'jwt', jwt: { sign: { alg: SIGNING_ALGORITHM } } };
        },
      },
    },
    pkce: { required: () => true },
    // Public clients get a new refresh token on every use; presenting a used one revokes the whole grant (oidc-provider).
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    async extraTokenClaims(_ctx, token) {
      return token.kind === 'AccessToken' && token.grantId ? { gid: token.grantId } : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    ttl: { ...TTL },
    async renderError(ctx, out) {
      setup.renderError(ctx, out);
    },
    enabledJWA: { authorizationSigningAlgValues: [SIGNING_ALGORITHM], idTokenSigningAlgValues: [SIGNING_ALGORITHM], userinfoSigningAlgValues: [SIGNING_ALGORITHM] },
  };
  const provider = new Provider(setup.issuer, configuration);
  provider.proxy = setup.trustProxy;
  return provider;
}
