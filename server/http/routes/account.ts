// A person's own account (issue #7): who am I, and the second factor
// (start a TOTP enrolment, confirm it with a code and get recovery codes
// once, turn it off with a code). Bearer: the person's access token.
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import { z } from 'zod';
import type { Authenticator } from '../../admin/authenticate.ts';
import type { Mfa } from '../../auth/mfa.ts';
import type { Database } from '../../db/database.ts';
import { MfaEnabledError, WrongCodeError } from '../../auth/errors.ts';
import { InvalidRequestError } from '../../errors.ts';
import { zodIssuesToDetails } from '../../pricing/zod-issues.ts';
import { jsonBody } from '../json-body.ts';
import { challenge } from './admin.ts';

export interface AccountRouteDeps {
  auth: Authenticator;
  mfa: Mfa;
  db: Database;
}

const codeBody = z.strictObject({ code: z.string().trim().min(1, 'is required').max(20) });

export function accountRoutes({ auth, mfa, db }: AccountRouteDeps): Router {
  const router = new Router({ prefix: '/v1/account' });
  const body = jsonBody(4096);
  const guard: Middleware = async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.state.person = await auth.person(ctx.get('Authorization') || undefined).catch(challenge(ctx));
    await next();
  };
  const personOf = (ctx: Context) => ctx.state.person as { accountId: string; email: string };
  const codeOf = (ctx: Context): string => {
    const parsed = codeBody.safeParse(ctx.request.body, { reportInput: true });
    if (!parsed.success) throw new InvalidRequestError('The body does not have the expected shape.', zodIssuesToDetails(parsed.error.issues));
    return parsed.data.code;
  };

  router.get('/', guard, async (ctx) => {
    const { accountId, email } = personOf(ctx);
    const [row, tenants] = await db.withoutTenant(async (tx) => {
      await tx.exec("SELECT set_config('app.account_id', $1, true)", [accountId]);
      return Promise.all([
        tx.row<{ mfa: boolean }>('SELECT totp_enabled_at IS NOT NULL AS mfa FROM accounts WHERE id = $1', [accountId]),
        tx.rows<{ slug: string; role: string }>("SELECT r.value AS slug, m.role FROM memberships m JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = m.tenant_id ORDER BY r.value"),
      ]);
    });
    ctx.body = { id: accountId, email, mfa: row?.mfa ?? false, tenants };
  });

  router.post('/mfa/totp', guard, async (ctx) => {
    const { accountId, email } = personOf(ctx);
    const enrolment = await mfa.begin(accountId, email);
    if (!enrolment) throw new MfaEnabledError();
    ctx.status = 201;
    ctx.body = enrolment;
  });

  router.post('/mfa/totp/confirm', guard, body, async (ctx) => {
    const codes = await mfa.confirm(personOf(ctx).accountId, codeOf(ctx));
    if (!codes) throw new WrongCodeError();
    ctx.body = { recoveryCodes: codes };
  });

  router.delete('/mfa', guard, body, async (ctx) => {
    const { accountId } = personOf(ctx);
    if ((await mfa.verify(accountId, codeOf(ctx))) !== 'ok') throw new WrongCodeError();
    await mfa.disable(accountId);
    ctx.status = 204;
  });

  return router;
}
