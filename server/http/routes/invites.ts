// Accepting a team invite (issue #7). The emailed link opens a page
// (/invite/{token}: one password field, a CSRF field, no script) in the
// inviting tenant's look; the same is an API for tools
// (POST /v1/invites/{token}/accept). The token is the credential.
import { bodyParser } from '@koa/bodyparser';
import Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { acceptInvite, describeInvite } from '../../admin/admin-members.ts';
import type { Database } from '../../db/database.ts';
import { InvalidRequestError, isAppError } from '../../errors.ts';
import type { InteractionCsrf } from '../../oidc/interaction-csrf.ts';
import { PLATFORM_BRAND, renderInvite, type Brand } from '../../oidc/pages.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';
import { jsonBody } from '../json-body.ts';
import { metaOf } from './admin.ts';
import { page } from './oidc.ts';

export interface InviteRouteDeps {
  db: Database;
  tenants: TenantDirectory;
  csrf: InteractionCsrf;
  /** Where "sign in to the console" points. */
  consoleUrl: string;
}

const acceptBody = z.strictObject({ password: z.string().min(1, 'is required').max(1024) });
const TOKEN = /^[A-Za-z0-9]{20,100}$/;

export function inviteRoutes({ db, tenants, csrf, consoleUrl }: InviteRouteDeps): Router {
  const router = new Router();
  const form = bodyParser({ enableTypes: ['form'], formLimit: '4kb' });

  const brandOf = async (tenantId: string | undefined): Promise<Brand> => {
    const tenant = tenantId ? await tenants.byId(tenantId) : undefined;
    return tenant ? { name: tenant.name, logoUrl: tenant.branding.logoUrl, tokens: tenant.themeTokens, locale: tenant.locale } : PLATFORM_BRAND;
  };
  const gone = (ctx: Context) => page(ctx, 410, renderInvite({ brand: PLATFORM_BRAND, role: '', state: 'gone' }));

  router.post('/v1/invites/:token/accept', jsonBody(4096), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    const parsed = acceptBody.safeParse(ctx.request.body, { reportInput: true });
    if (!parsed.success) throw new InvalidRequestError('The body does not have the expected shape.', zodIssuesToDetails(parsed.error.issues));
    const joined = await acceptInvite(db, String(ctx.params.token), parsed.data.password, metaOf(ctx));
    const tenant = await tenants.byId(joined.tenantId);
    ctx.body = { tenant: tenant?.slug ?? null, email: joined.email, role: joined.role };
  });

  router.get('/invite/:token', async (ctx) => {
    const token = String(ctx.params.token);
    const invite = TOKEN.test(token) ? await describeInvite(db, token) : undefined;
    if (!invite) return gone(ctx);
    page(ctx, 200, renderInvite({ brand: await brandOf(invite.tenantId), role: invite.role, state: 'form', action: `/invite/${token}`, csrf: csrf.tokenFor(`invite:${token}`), email: invite.email }));
  });

  router.post('/invite/:token', form, async (ctx) => {
    const token = String(ctx.params.token);
    const invite = TOKEN.test(token) ? await describeInvite(db, token) : undefined;
    if (!invite) return gone(ctx);
    const brand = await brandOf(invite.tenantId);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const again = (status: number, text: string) =>
      page(ctx, status, renderInvite({ brand, role: invite.role, state: 'form', action: `/invite/${token}`, csrf: csrf.tokenFor(`invite:${token}`), email: invite.email, notice: { kind: 'error', text } }));
    if (!csrf.check(`invite:${token}`, body.csrf)) return again(403, 'This form has expired; try again.');
    try {
      const joined = await acceptInvite(db, token, typeof body.password === 'string' ? body.password : '', metaOf(ctx));
      page(ctx, 200, renderInvite({ brand, role: joined.role, state: 'done', email: joined.email, signInUrl: consoleUrl }));
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      if (error.status === 410) return gone(ctx);
      again(error.status, error.message);
    }
  });
  return router;
}
