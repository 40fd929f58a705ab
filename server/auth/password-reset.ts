// Password reset by emailed link (issue #7). Asking never tells whether an
// email has an account; the link's token is random (stored as its SHA-256),
// good for an hour and once. Setting the new password ends every session,
// grant and refresh token of the account (a thief with the old password is
// signed out everywhere).
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';
import { randomToken } from './api-keys.ts';
import { ResetNotUsableError } from './errors.ts';
import type { IdentityMail, IdentityMessage } from './identity-mail.ts';
import { passwordProblem } from './password-policy.ts';
import { hashPassword } from './passwords.ts';

export const RESET_MINUTES = 60;

const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export interface PasswordReset {
  /** Mails a link when the email has an account; answers the same either way. */
  request(email: string, tenant?: string): Promise<void>;
  /** The email a usable link is for. */
  describe(token: string): Promise<string | undefined>;
  /** Sets the new password; throws ResetNotUsableError or InvalidRequestError (the policy). */
  complete(token: string, password: string): Promise<string>;
}

export function createPasswordReset({ db, mail, publicUrl }: { db: Database; mail: IdentityMail; publicUrl: string }): PasswordReset {
  /** The tenant (id) a person's mail is queued in: the one named (slug or id) if they belong to it, else the first they joined. */
  const homeTenant = async (accountId: string, hint: string | undefined): Promise<string | undefined> => {
    const memberships = await db.withoutTenant(async (tx) => {
      await tx.exec("SELECT set_config('app.account_id', $1, true)", [accountId]);
      return tx.rows<{ tenant_id: string; slug: string }>(
        "SELECT m.tenant_id, r.value AS slug FROM memberships m JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = m.tenant_id ORDER BY m.created_at, m.tenant_id",
      );
    });
    return (memberships.find((m) => m.slug === hint || m.tenant_id === hint) ?? memberships[0])?.tenant_id;
  };
  const usable = async (token: string) =>
    db.withoutTenant((tx) =>
      tx.row<{ account_id: string; email: string }>(
        `SELECT r.account_id, a.email FROM password_resets r JOIN accounts a ON a.id = r.account_id
          WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > now() AND a.disabled_at IS NULL`,
        [hashToken(token)],
      ),
    );
  return {
    async request(email, tenant) {
      const account = await db.withoutTenant((tx) => tx.row<{ id: string; email: string }>('SELECT id, email FROM accounts WHERE lower(email) = lower($1) AND disabled_at IS NULL', [email.trim()]));
      if (!account) return;
      const token = randomToken(32);
      const resetUrl = `${publicUrl}/password-reset/${token}${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`;
      const insert = (tx: Tx) =>
        tx.row<{ expires_at: Date }>(
          `INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => ${RESET_MINUTES})) RETURNING expires_at`,
          [hashToken(token), account.id],
        );
      const message = (expiresAt: Date): IdentityMessage => ({ template: 'password-reset', to: account.email, data: { resetUrl, expiresAt } });
      // The outbox is per tenant: the mail is queued in the tenant the person asked from, if they belong to it, else their first one.
      const home = await homeTenant(account.id, tenant);
      if (!home) {
        const row = await db.withoutTenant(insert);
        await mail.sendNow(message(row?.expires_at ?? new Date()));
        return;
      }
      await db.withTenant(home, async (tx) => {
        const row = await insert(tx);
        const scope = await tx.row<{ locale: string; timezone: string }>('SELECT locale, timezone FROM tenants WHERE id = $1', [home]);
        await mail.queue(tx, { tenantId: home, locale: scope?.locale ?? 'en', timezone: scope?.timezone ?? 'UTC' }, hashToken(token), message(row?.expires_at ?? new Date()));
      });
    },

    async describe(token) {
      return (await usable(token))?.email;
    },

    async complete(token, password) {
      const found = await usable(token);
      if (!found) throw new ResetNotUsableError();
      const problem = passwordProblem(password, found.email);
      if (problem !== null) throw new InvalidRequestError(`The password ${problem}.`, [{ path: 'password', message: problem }]);
      const hash = await hashPassword(password);
      await db.withoutTenant(async (tx) => {
        const claimed = await tx.exec('UPDATE password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL', [hashToken(token)]);
        if (claimed === 0) throw new ResetNotUsableError();
        await tx.exec('UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1', [found.account_id, hash]);
        await tx.exec('DELETE FROM password_resets WHERE account_id = $1 AND used_at IS NULL', [found.account_id]);
        // Signed out everywhere: sessions, grants (so access tokens stop at once), codes and refresh tokens.
        await tx.exec("DELETE FROM oidc_payloads WHERE payload->>'accountId' = $1", [found.account_id]);
      });
      return found.email;
    },
  };
}
