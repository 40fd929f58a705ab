// Accounts for sign-in: a person, identified by email (case-insensitive),
// with an argon2id password hash. An unknown email costs as long as a wrong
// password, so sign-in timing does not tell which emails exist.
import type { Database } from '../db/database.ts';
import { verifyAgainstDecoy, verifyPassword } from './passwords.ts';

export interface Account {
  id: string;
  email: string;
  operator: boolean;
  /** Whether sign-in asks for a TOTP code after the password. */
  mfa: boolean;
}

interface AccountRow {
  id: string;
  email: string;
  operator: boolean;
  mfa: boolean;
  password_hash: string | null;
}

const SELECT = 'SELECT id, email, operator, totp_enabled_at IS NOT NULL AS mfa, password_hash FROM accounts WHERE disabled_at IS NULL';

export interface Accounts {
  /** The account whose email and password these are, or null. */
  verifyLogin(email: string, password: string): Promise<Account | null>;
  byId(id: string): Promise<Account | null>;
}

function accountOf(row: AccountRow): Account {
  return { id: row.id, email: row.email, operator: row.operator, mfa: row.mfa };
}

export function createAccounts(db: Database): Accounts {
  return {
    async verifyLogin(email, password) {
      const row = await db.withoutTenant((tx) => tx.row<AccountRow>(`${SELECT} AND lower(email) = lower($1)`, [email.trim()]));
      if (!row?.password_hash) return verifyAgainstDecoy(password).then(() => null);
      return (await verifyPassword(row.password_hash, password)) ? accountOf(row) : null;
    },
    async byId(id) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const row = await db.withoutTenant((tx) => tx.row<AccountRow>(`${SELECT} AND id = $1`, [id]));
      return row ? accountOf(row) : null;
    },
  };
}
