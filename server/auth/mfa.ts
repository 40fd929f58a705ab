// The second factor (issue #7): TOTP (RFC 6238, otpauth: SHA-1, 6 digits,
// 30 s, ±1 step) and ten single-use recovery codes. The seed is stored
// sealed (secret-box.ts); a code is accepted once (the step it matched is
// remembered); recovery codes are stored as SHA-256 hashes.
import { createHash, randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import type { Database, Tx } from '../db/database.ts';
import type { SecretBox } from './secret-box.ts';

export const ISSUER = 'Quote Master Pro';
const RECOVERY_CODES = 10;
const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // no 0/o, 1/l/i

export interface Enrolment {
  /** Base32, for typing into an app. */
  secret: string;
  /** For a QR code. */
  otpauthUrl: string;
}

export type MfaCheck = 'ok' | 'wrong' | 'replayed';

export interface Mfa {
  /** Starts (or restarts) an enrolment: a new seed, not yet in force. Undefined when a second factor is already in force. */
  begin(accountId: string, email: string): Promise<Enrolment | undefined>;
  /** Puts the pending seed in force if `code` matches it; answers the recovery codes (shown once), or null. */
  confirm(accountId: string, code: string): Promise<string[] | null>;
  /** A sign-in's second step: a current TOTP code or an unused recovery code. */
  verify(accountId: string, code: string): Promise<MfaCheck>;
  /** Turns the second factor off (after `verify`). */
  disable(accountId: string): Promise<void>;
}

function totpOf(secretBase32: string, email = ''): TOTP {
  return new TOTP({ issuer: ISSUER, label: email, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secretBase32) });
}

export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(code.toLowerCase().replace(/[^a-z0-9]/g, '')).digest('hex');
}

function recoveryCode(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

interface Row {
  totp_secret: string | null;
  enabled: boolean;
  totp_last_step: string | null;
}

export function createMfa({ db, box, now = () => Date.now() }: { db: Database; box: SecretBox; now?: () => number }): Mfa {
  const account = (tx: Tx, id: string) => tx.row<Row>('SELECT totp_secret, totp_enabled_at IS NOT NULL AS enabled, totp_last_step FROM accounts WHERE id = $1 FOR UPDATE', [id]);
  /** The step `code` matches (within ±1), or null. */
  const matchStep = (sealed: string, code: string): number | null => {
    if (!/^\d{6}$/.test(code)) return null;
    const timestamp = now();
    const delta = totpOf(box.open(sealed)).validate({ token: code, timestamp, window: 1 });
    return delta === null ? null : Math.floor(timestamp / 30_000) + delta;
  };

  return {
    async begin(accountId, email) {
      const secret = new Secret({ size: 20 }).base32;
      const started = await db.withoutTenant(async (tx) => {
        const row = await account(tx, accountId);
        if (!row || row.enabled) return false;
        await tx.exec('UPDATE accounts SET totp_secret = $2, totp_last_step = NULL, updated_at = now() WHERE id = $1', [accountId, box.seal(secret)]);
        return true;
      });
      return started ? { secret, otpauthUrl: totpOf(secret, email).toString() } : undefined;
    },

    async confirm(accountId, code) {
      const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
      return db.withoutTenant(async (tx) => {
        const row = await account(tx, accountId);
        if (!row?.totp_secret || row.enabled) return null;
        const step = matchStep(row.totp_secret, code.trim());
        if (step === null) return null;
        await tx.exec('UPDATE accounts SET totp_enabled_at = now(), totp_last_step = $2, updated_at = now() WHERE id = $1', [accountId, step]);
        await tx.exec('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
        for (const recovery of codes) await tx.exec('INSERT INTO recovery_codes (account_id, code_hash) VALUES ($1, $2)', [accountId, hashRecoveryCode(recovery)]);
        return codes;
      });
    },

    async verify(accountId, code) {
      const given = code.trim();
      return db.withoutTenant(async (tx) => {
        const row = await account(tx, accountId);
        if (!row?.enabled || !row.totp_secret) return 'wrong';
        const step = matchStep(row.totp_secret, given);
        if (step !== null) {
          if (row.totp_last_step !== null && step <= Number(row.totp_last_step)) return 'replayed';
          await tx.exec('UPDATE accounts SET totp_last_step = $2 WHERE id = $1', [accountId, step]);
          return 'ok';
        }
        const used = await tx.exec('UPDATE recovery_codes SET used_at = now() WHERE account_id = $1 AND code_hash = $2 AND used_at IS NULL', [accountId, hashRecoveryCode(given)]);
        return used > 0 ? 'ok' : 'wrong';
      });
    },

    async disable(accountId) {
      await db.withoutTenant(async (tx) => {
        await tx.exec('UPDATE accounts SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL, updated_at = now() WHERE id = $1', [accountId]);
        await tx.exec('DELETE FROM recovery_codes WHERE account_id = $1', [accountId]);
      });
    },
  };
}
