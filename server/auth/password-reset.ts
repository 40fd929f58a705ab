// Password reset by emailed link (issue #7). Asking never tells whether an
// email has an account; the link's token is random (stored as its SHA-256),
// good for an hour and once. Setting the new password ends every session,
// grant and refresh token of the account (a thief with the old password is
// signed out everywhere).
import { createHash } from 'node:crypto';
import type { Database } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';
import { randomToken } from './api-keys.ts';
import { ResetNotUsableError } from './errors.ts';
import type { IdentityMail } from './identity-mail.ts';
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
      await db.withoutTenant((tx) =>
        tx.exec(`INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, now() + make_interval(mins => ${RESET_MINUTES}))`, [hashToken(token), account.id]),
      );
      const resetUrl = `${publicUrl}/password-reset/${token}${tenant ? `?tenant=${encodeURIComponent(tenant)}` : ''}`;
      await mail.send({ template: 'password_reset', to: account.email, data: { resetUrl, expiresInMinutes: RESET_MINUTES } });
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
