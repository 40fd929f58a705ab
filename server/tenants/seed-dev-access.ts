// Seeds a tenant file's development-only access (dev-access.ts): its secret
// key (stored as a hash, like a minted one) and its users (an account per
// email, a membership with the file's role). Running it twice changes nothing.
import { hashSecretKey, keyMode, visiblePrefix } from '../auth/api-keys.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Role } from '../admin/permissions.ts';
import type { Tx } from '../db/database.ts';

export interface DevUser {
  email: string;
  password: string;
  role: Role;
}

/** Makes `key` the tenant's only file-declared secret key (none when undefined); answers whether anything changed. */
export async function syncFileSecretKey(tx: Tx, tenantId: string, key: string | undefined): Promise<boolean> {
  const hash = key === undefined ? null : hashSecretKey(key);
  const stale = await tx.rows<{ id: string }>("SELECT id FROM api_keys WHERE source = 'file' AND kind = 'secret' AND secret_hash IS DISTINCT FROM $1", [hash]);
  for (const { id } of stale) {
    await tx.exec("DELETE FROM tenant_refs WHERE kind = 'secret_key' AND target_id = $1", [id]);
    await tx.exec('DELETE FROM api_keys WHERE id = $1', [id]);
  }
  if (key === undefined || hash === null) return stale.length > 0;
  const present = await tx.row("SELECT 1 FROM api_keys WHERE source = 'file' AND secret_hash = $1", [hash]);
  if (present) return stale.length > 0;
  const taken = await tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'secret_key' AND value = $1", [hash]);
  if (taken) throw new Error(`secret key ${visiblePrefix(key)} already belongs to another tenant`);
  const created = await tx.row<{ id: string }>(
    "INSERT INTO api_keys (tenant_id, kind, mode, name, source, prefix, secret_hash) VALUES ($1, 'secret', $2, 'Tenant file', 'file', $3, $4) RETURNING id",
    [tenantId, keyMode(key), visiblePrefix(key), hash],
  );
  await tx.exec("INSERT INTO tenant_refs (kind, value, tenant_id, target_id) VALUES ('secret_key', $1, $2, $3)", [hash, tenantId, created?.id]);
  return true;
}

/** Creates or updates each user's account and membership; answers whether anything changed. */
export async function syncDevUsers(tx: Tx, tenantId: string, users: readonly DevUser[]): Promise<boolean> {
  let changed = false;
  for (const user of users) {
    // Two tenants seeding the same person at once: one waits for the other.
    await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`account:${user.email}`]);
    const account = await tx.row<{ id: string; password_hash: string | null }>('SELECT id, password_hash FROM accounts WHERE lower(email) = $1', [user.email]);
    let accountId = account?.id;
    if (!account) {
      const created = await tx.row<{ id: string }>('INSERT INTO accounts (email, password_hash) VALUES ($1, $2) RETURNING id', [user.email, await hashPassword(user.password)]);
      accountId = created?.id;
      changed = true;
    } else if (account.password_hash === null || !(await verifyPassword(account.password_hash, user.password))) {
      await tx.exec('UPDATE accounts SET password_hash = $2, updated_at = now() WHERE id = $1', [account.id, await hashPassword(user.password)]);
      changed = true;
    }
    const written = await tx.exec(
      `INSERT INTO memberships (tenant_id, account_id, role) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, account_id) DO UPDATE SET role = EXCLUDED.role, updated_at = now() WHERE memberships.role <> EXCLUDED.role`,
      [tenantId, accountId, user.role],
    );
    if (written > 0) changed = true;
  }
  return changed;
}

/** Lists the file's publishable key among the tenant's API keys (source "file"), so the admin API shows and can revoke it. */
export async function syncFilePublishableKeyRow(tx: Tx, tenantId: string, key: string | undefined): Promise<void> {
  await tx.exec("DELETE FROM api_keys WHERE source = 'file' AND kind = 'publishable' AND prefix IS DISTINCT FROM $1", [key ?? null]);
  if (key === undefined) return;
  await tx.exec(
    `INSERT INTO api_keys (tenant_id, kind, mode, name, source, prefix)
     SELECT $1, 'publishable', $2, 'Tenant file', 'file', $3 WHERE NOT EXISTS (SELECT 1 FROM api_keys WHERE source = 'file' AND kind = 'publishable' AND prefix = $3)`,
    [tenantId, keyMode(key), key],
  );
}
