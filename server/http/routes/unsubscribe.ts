// /unsubscribe/{token}: the List-Unsubscribe link of the business's alert
// emails. GET asks (link scanners follow links; they must not unsubscribe
// anyone); POST unsubscribes — the form's, and mail clients' one-click
// (RFC 8058, body "List-Unsubscribe=One-Click").
import Router from '@koa/router';
import type { Context } from 'koa';
import type { Database } from '../../db/database.ts';
import { renderUnsubscribe, type UnsubscribeState } from '../../notify/pages.ts';
import { readUnsubscribeToken, suppressAlerts } from '../../notify/unsubscribe.ts';
import type { TenantDirectory } from '../../tenants/tenant-directory.ts';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

export function unsubscribeRoutes({ db, secret, tenants }: { db: Database; secret: string; tenants: TenantDirectory }): Router {
  const router = new Router({ prefix: '/unsubscribe' });

  const answer = (ctx: Context, status: number, state: UnsubscribeState): void => {
    ctx.status = status;
    ctx.set('Content-Security-Policy', CSP);
    ctx.set('Cache-Control', 'no-store');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    ctx.type = 'html';
    ctx.body = renderUnsubscribe(state);
  };

  /** The token's tenant and address, when the token is ours and the tenant exists. */
  const read = async (ctx: Context) => {
    const token = String(ctx.params.token);
    const claim = readUnsubscribeToken(secret, token);
    const tenant = claim && (await tenants.byId(claim.tenantId));
    return claim && tenant ? { ...claim, tenantName: tenant.name, token } : null;
  };

  router.get('/:token', async (ctx) => {
    const found = await read(ctx);
    if (!found) return answer(ctx, 404, { kind: 'invalid' });
    answer(ctx, 200, { kind: 'confirm', email: found.email, tenant: found.tenantName, action: `/unsubscribe/${found.token}` });
  });

  router.post('/:token', async (ctx) => {
    const found = await read(ctx);
    if (!found) return answer(ctx, 404, { kind: 'invalid' });
    await suppressAlerts(db, found.tenantId, found.email);
    answer(ctx, 200, { kind: 'done', email: found.email, tenant: found.tenantName });
  });

  return router;
}
