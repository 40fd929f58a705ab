// Password reset pages (issue #7): /password-reset asks for the email and
// mails a link; /password-reset/{token} sets the new password. Plain forms,
// CSRF fields, the tenant's look when `?tenant=` names one, no script.
// Requests are limited per client IP (they send mail).
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import type { LoginLimits } from '../../auth/login-limits.ts';
import type { PasswordReset } from '../../auth/password-reset.ts';
import { isAppError, RateLimitedError } from '../../errors.ts';
import type { BrandFor } from '../../oidc/brand.ts';
import type { InteractionCsrf } from '../../oidc/interaction-csrf.ts';
import { renderReset, resetTooMany } from '../../oidc/pages.ts';
import { page } from './oidc.ts';

export interface PasswordResetRouteDeps {
  reset: PasswordReset;
  limits: LoginLimits;
  brandFor: BrandFor;
  csrf: InteractionCsrf;
}

const TOKEN = /^[A-Za-z0-9]{20,100}$/;

export function passwordResetRoutes({ reset, limits, brandFor, csrf }: PasswordResetRouteDeps): Router {
  const router = new Router({ prefix: '/password-reset' });
  const form = bodyParser({ enableTypes: ['form'], formLimit: '4kb' });
  const tenantOf = (ctx: Context): string | undefined => (typeof ctx.query.tenant === 'string' ? ctx.query.tenant : undefined);
  const selfAction = (ctx: Context, path: string): string => (tenantOf(ctx) ? `${path}?tenant=${encodeURIComponent(tenantOf(ctx) as string)}` : path);

  router.get('/', async (ctx) => {
    const { brand } = await brandFor(tenantOf(ctx));
    page(ctx, 200, renderReset({ brand, state: 'ask', action: selfAction(ctx, '/password-reset'), csrf: csrf.tokenFor('password-reset') }));
  });

  router.post('/', form, async (ctx) => {
    const { brand } = await brandFor(tenantOf(ctx));
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const email = typeof body.email === 'string' ? body.email.trim().slice(0, 254) : '';
    const ask = (status: number, notice: ReturnType<typeof resetTooMany>) => page(ctx, status, renderReset({ brand, state: 'ask', action: selfAction(ctx, '/password-reset'), csrf: csrf.tokenFor('password-reset'), notice }));
    if (!csrf.check('password-reset', body.csrf)) return ask(403, { kind: 'error', text: 'This form has expired; try again.' });
    if (!/^[^\s@]+@[^\s@]+$/.test(email)) return ask(400, { kind: 'error', text: 'Enter the email you sign in with.' });
    try {
      await limits.resetRequested(ctx.ip);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      ctx.set('Retry-After', String(error.retryAfterSeconds));
      return ask(429, resetTooMany(brand, error.retryAfterSeconds));
    }
    await reset.request(email, tenantOf(ctx));
    page(ctx, 200, renderReset({ brand, state: 'sent', email }));
  });

  router.get('/:token', async (ctx) => {
    const { brand } = await brandFor(tenantOf(ctx));
    const token = String(ctx.params.token);
    const email = TOKEN.test(token) ? await reset.describe(token) : undefined;
    if (!email) return page(ctx, 410, renderReset({ brand, state: 'gone' }));
    page(ctx, 200, renderReset({ brand, state: 'choose', email, action: selfAction(ctx, `/password-reset/${token}`), csrf: csrf.tokenFor(`reset:${token}`) }));
  });

  router.post('/:token', form, async (ctx) => {
    const { brand } = await brandFor(tenantOf(ctx));
    const token = String(ctx.params.token);
    const email = TOKEN.test(token) ? await reset.describe(token) : undefined;
    if (!email) return page(ctx, 410, renderReset({ brand, state: 'gone' }));
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const again = (status: number, text: string) =>
      page(ctx, status, renderReset({ brand, state: 'choose', email, action: selfAction(ctx, `/password-reset/${token}`), csrf: csrf.tokenFor(`reset:${token}`), notice: { kind: 'error', text } }));
    if (!csrf.check(`reset:${token}`, body.csrf)) return again(403, 'This form has expired; try again.');
    try {
      await reset.complete(token, typeof body.password === 'string' ? body.password : '');
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (error.status === 410) return page(ctx, 410, renderReset({ brand, state: 'gone' }));
      return again(error.status, error.message);
    }
    page(ctx, 200, renderReset({ brand, state: 'done' }));
  });
  return router;
}
