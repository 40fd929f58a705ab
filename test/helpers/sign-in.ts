// Signs in through the real OpenID flow, as the console does: authorization
// request with PKCE (S256), our login page and its form, the consent page,
// the redirect with a code, and the token endpoint. A tiny cookie jar stands
// in for the browser.
import { createHash, randomBytes } from 'node:crypto';
import type { TestServer } from './test-server.ts';

export const CONSOLE = 'qm-console';

/** Cookies by name, as a browser keeps them (ignoring paths: the server scopes them, and extra ones do no harm here). */
export class CookieJar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface Browser {
  jar: CookieJar;
  /** A request with the jar's cookies; never follows redirects. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** Follows redirects on this server until a page answers or the location leaves /oidc. */
  follow(response: Response): Promise<{ response: Response; location: string | null }>;
  /** Posts a form (urlencoded). */
  post(path: string, fields: Record<string, string>): Promise<Response>;
}

export function browser(app: TestServer): Browser {
  const jar = new CookieJar();
  const request = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const url = path.startsWith('http') ? new URL(path) : new URL(path, app.url);
    const response = await fetch(`${app.url}${url.pathname}${url.search}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), Cookie: jar.header() } });
    jar.take(response);
    return response;
  };
  return {
    jar,
    request,
    async follow(first) {
      let response = first;
      for (let hops = 0; hops < 10; hops++) {
        const location = response.headers.get('location');
        if (response.status < 300 || response.status >= 400 || !location) return { response, location: null };
        const url = new URL(location, app.url);
        if (!url.pathname.startsWith('/oidc/')) return { response, location };
        response = await request(location);
      }
      throw new Error('too many redirects');
    },
    post: (path, fields) => request(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() }),
  };
}

export interface Pkce {
  verifier: string;
  challenge: string;
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The public URL the server believes it has (its issuer minus /oidc). */
export async function publicUrlOf(app: TestServer): Promise<string> {
  const discovery = (await (await app.call('/oidc/.well-known/openid-configuration')).json()) as { issuer: string };
  return discovery.issuer.replace(/\/oidc$/, '');
}

export function authorizePath(publicUrl: string, challenge: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams({
    client_id: CONSOLE,
    response_type: 'code',
    redirect_uri: `${publicUrl}/console/callback`,
    scope: 'openid email offline_access admin',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'),
    resource: `${publicUrl}/v1/admin`,
    prompt: 'consent',
    ...extra,
  });
  return `/oidc/auth?${params}`;
}

/** The hidden CSRF field of a page. */
export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error(`no csrf field in: ${html.slice(0, 300)}`);
  return match[1];
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  idToken: string;
  expiresIn: number;
}

export async function exchangeCode(app: TestServer, publicUrl: string, code: string, verifier: string, redirectUri = `${publicUrl}/console/callback`): Promise<Response> {
  return app.call('/oidc/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: CONSOLE, code_verifier: verifier }).toString(),
  });
}

export async function refresh(app: TestServer, refreshToken: string): Promise<Response> {
  return app.call('/oidc/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CONSOLE }).toString(),
  });
}

export function tokensOf(body: { access_token: string; refresh_token: string; id_token: string; expires_in: number }): Tokens {
  return { accessToken: body.access_token, refreshToken: body.refresh_token, idToken: body.id_token, expiresIn: body.expires_in };
}

/** Up to the redirect back to the console: answers the code (and the browser, for more). */
export async function authorize(app: TestServer, who: { email: string; password: string; code?: () => string }, options: { publicUrl?: string; pkce?: Pkce; browser?: Browser; extra?: Record<string, string> } = {}): Promise<{ code: string; publicUrl: string; pkce: Pkce; browser: Browser }> {
  const publicUrl = options.publicUrl ?? (await publicUrlOf(app));
  const codes = options.pkce ?? pkce();
  const b = options.browser ?? browser(app);
  let { response, location } = await b.follow(await b.request(authorizePath(publicUrl, codes.challenge, options.extra)));
  for (let step = 0; step < 8 && location === null; step++) {
    const html = await response.text();
    if (process.env.DEBUG_SIGNIN) console.log('page', response.status, /<title>([^<]*)/.exec(html)?.[1], /action="([^"]+)"/.exec(html)?.[1]);
    const autoForm = /<form method="post" action="([^"]+\/oidc\/session\/end\/confirm)">([^]*?)<\/form>/.exec(html);
    if (autoForm?.[1]) {
      // oidc-provider ends the previous person's session first: submit its form as a browser without scripts would (the Continue button).
      const fields = Object.fromEntries([...(autoForm[2] ?? '').matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1] as string, m[2] as string]));
      ({ response, location } = await b.follow(await b.post(autoForm[1], fields)));
      continue;
    }
    const uid = /action="\/oidc\/interaction\/([^/"]+)\//.exec(html)?.[1];
    if (!uid) throw new Error(`expected an interaction page, got ${response.status}: ${html.replace(/<style>[^]*<\/style>/, "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").slice(0, 400)}`);
    const csrf = csrfOf(html);
    const posted = html.includes('name="password"')
      ? await b.post(`/oidc/interaction/${uid}/login`, { csrf, email: who.email, password: who.password })
      : html.includes('name="code"')
        ? await b.post(`/oidc/interaction/${uid}/mfa`, { csrf, code: who.code?.() ?? '' })
        : await b.post(`/oidc/interaction/${uid}/confirm`, { csrf });
    if (posted.status === 200 && html.includes('name="password"')) {
      // The password was right and a second factor is asked for: the MFA page is the answer.
      ({ response, location } = { response: posted, location: null });
      continue;
    }
    if (posted.status !== 303) throw new Error(`the interaction answered ${posted.status}: ${(await posted.text()).slice(0, 500)}`);
    ({ response, location } = await b.follow(posted));
  }
  const code = location ? new URL(location).searchParams.get('code') : null;
  if (!code) throw new Error(`no code in ${location}`);
  return { code, publicUrl, pkce: codes, browser: b };
}

/** The whole flow: tokens for this person. */
export async function signIn(app: TestServer, who: { email: string; password: string; code?: () => string }): Promise<Tokens> {
  const { code, publicUrl, pkce: codes } = await authorize(app, who);
  const response = await exchangeCode(app, publicUrl, code, codes.verifier);
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return tokensOf((await response.json()) as { access_token: string; refresh_token: string; id_token: string; expires_in: number });
}
