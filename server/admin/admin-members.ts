// Members and invites on the admin API (issue #7). A member is an account
// with a role in this tenant. Only an owner gives or takes the owner role,
// and a tenant always keeps at least one owner. An invite is a link with a
// random token (stored as its SHA-256) for an email and a role, valid for
// 7 days; accepting it makes (or finds) the account and adds the membership.
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import { randomToken } from '../auth/api-keys.ts';
import type { IdentityMail } from '../auth/identity-mail.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { passwordProblem } from '../auth/password-policy.ts';
import { InvalidRequestError } from '../errors.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { AlreadyMemberError, ForbiddenError, InviteNotUsableError, LastOwnerError, UnauthenticatedError } from './errors.ts';
import { assignableRoles, type Role } from './permissions.ts';

export const INVITE_DAYS = 7;

export interface MemberView {
  accountId: string;
  email: string;
  role: Role;
  mfa: boolean;
  createdAt: string;
}

export interface InviteView {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedInvite extends InviteView {
  /** The link to send; shown in this answer only (and sent by email). */
  acceptUrl: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());
export const hashInviteToken = (token: string): string => createHash('sha256').update(token).digest('hex');

interface MemberRow { account_id: string; email: string; role: Role; mfa: boolean; created_at: Date }
interface InviteRow { id: string; email: string; role: Role; created_at: Date; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }

const memberView = (r: MemberRow): MemberView => ({ accountId: r.account_id, email: r.email, role: r.role, mfa: r.mfa, createdAt: r.created_at.toISOString() });
const inviteView = (r: InviteRow): InviteView => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at.toISOString(), acceptedAt: iso(r.accepted_at), revokedAt: iso(r.revoked_at) });

const MEMBER_SELECT = `SELECT m.account_id, a.email, m.role, a.totp_enabled_at IS NOT NULL AS mfa, m.created_at FROM memberships m JOIN accounts a ON a.id = m.account_id`;
const INVITE_COLUMNS = 'id, email, role, created_at, expires_at, accepted_at, revoked_at';


export interface AdminMembers {
  list(tenantId: string): Promise<MemberView[]>;
  changeRole(actor: Actor, meta: RequestMeta, accountId: string, role: Role): Promise<MemberView | undefined>;
  remove(actor: Actor, meta: RequestMeta, accountId: string): Promise<boolean>;
  invites(tenantId: string): Promise<InviteView[]>;
  invite(actor: Actor, meta: RequestMeta, tenantName: string, input: { email: string; role: Role }): Promise<CreatedInvite>;
  revokeInvite(actor: Actor, meta: RequestMeta, id: string): Promise<InviteView | undefined>;
}

function checkAssignable(actor: Actor, role: Role): void {
  if (!assignableRoles(actor.principal).includes(role)) throw new ForbiddenError(`Only an owner may give or take the ${role} role.`);
}

async function ownerCount(tx: Tx): Promise<number> {
  return Number((await tx.row<{ n: string }>("SELECT count(*) AS n FROM memberships WHERE role = 'owner'"))?.n ?? 0);
}

export function createAdminMembers({ db, publicUrl, mail }: { db: Database; publicUrl: string; mail: IdentityMail }): AdminMembers {
  return {
    async list(tenantId) {
      return (await db.withTenant(tenantId, (tx) => tx.rows<MemberRow>(`${MEMBER_SELECT} ORDER BY m.created_at, a.email`))).map(memberView);
    },

    async changeRole(actor, meta, accountId, role) {
      if (!UUID.test(accountId)) return undefined;
      return db.withTenant(actor.tenantId, async (tx) => {
        const current = await tx.row<MemberRow>(`${MEMBER_SELECT} WHERE m.account_id = $1 FOR UPDATE OF m`, [accountId]);
        if (!current) return undefined;
        checkAssignable(actor, current.role);
        checkAssignable(actor, role);
        // Serialise changes of the owner set: two owners demoting each other at once must not leave none.
        await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`owners:${actor.tenantId}`]);
        if (current.role === 'owner' && role !== 'owner' && (await ownerCount(tx)) <= 1) throw new LastOwnerError();
        await tx.exec('UPDATE memberships SET role = $2, updated_at = now() WHERE account_id = $1', [accountId, role]);
        const after = { ...current, role };
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'member.role_changed', targetType: 'member', targetId: accountId, before: { email: current.email, role: current.role }, after: { email: current.email, role } });
        return memberView(after);
      });
    },

    async remove(actor, meta, accountId) {
      if (!UUID.test(accountId)) return false;
      return db.withTenant(actor.tenantId, async (tx) => {
        const current = await tx.row<MemberRow>(`${MEMBER_SELECT} WHERE m.account_id = $1 FOR UPDATE OF m`, [accountId]);
        if (!current) return false;
        checkAssignable(actor, current.role);
        await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`owners:${actor.tenantId}`]);
        if (current.role === 'owner' && (await ownerCount(tx)) <= 1) throw new LastOwnerError();
        await tx.exec('DELETE FROM memberships WHERE account_id = $1', [accountId]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'member.removed', targetType: 'member', targetId: accountId, before: { email: current.email, role: current.role } });
        return true;
      });
    },

    async invites(tenantId) {
      return (await db.withTenant(tenantId, (tx) => tx.rows<InviteRow>(`SELECT ${INVITE_COLUMNS} FROM invites ORDER BY created_at DESC`))).map(inviteView);
    },

    async invite(actor, meta, tenantName, input) {
      checkAssignable(actor, input.role);
      const email = input.email.toLowerCase();
      const token = randomToken(32);
      const acceptUrl = `${publicUrl}/invite/${token}`;
      const created = await db.withTenant(actor.tenantId, async (tx) => {
        const member = await tx.row(`${MEMBER_SELECT} WHERE lower(a.email) = $1`, [email]);
        if (member) throw new AlreadyMemberError(email);
        // A new invite for the same email replaces an open one.
        await tx.exec('UPDATE invites SET revoked_at = now() WHERE lower(email) = $1 AND accepted_at IS NULL AND revoked_at IS NULL', [email]);
        const row = await tx.row<InviteRow>(
          `INSERT INTO invites (tenant_id, email, role, token_hash, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => ${INVITE_DAYS})) RETURNING ${INVITE_COLUMNS}`,
          [actor.tenantId, email, input.role, hashInviteToken(token), actor.type === 'account' ? actor.id : null],
        );
        if (!row) throw new Error('the invite just made is missing');
        await tx.exec("DELETE FROM tenant_refs WHERE kind = 'invite_token' AND target_id IN (SELECT id FROM invites WHERE revoked_at IS NOT NULL)");
        await tx.exec("INSERT INTO tenant_refs (kind, value, tenant_id, target_id) VALUES ('invite_token', $1, $2, $3)", [hashInviteToken(token), actor.tenantId, row.id]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'invite.created', targetType: 'invite', targetId: row.id, after: { email, role: input.role } });
        // The mail is queued with the invite: both commit, or neither.
        const tenant = await tx.row<{ locale: string; timezone: string }>('SELECT locale, timezone FROM tenants WHERE id = $1', [actor.tenantId]);
        await mail.queue(tx, { tenantId: actor.tenantId, locale: tenant?.locale ?? 'en', timezone: tenant?.timezone ?? 'UTC' }, row.id, {
          template: 'team-invite',
          to: email,
          data: { tenantName, role: input.role, acceptUrl, invitedBy: actor.label, expiresAt: row.expires_at },
        });
        return inviteView(row);
      });
      return { ...created, acceptUrl };
    },

    async revokeInvite(actor, meta, id) {
      if (!UUID.test(id)) return undefined;
      return db.withTenant(actor.tenantId, async (tx) => {
        const row = await tx.row<InviteRow>(`UPDATE invites SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${INVITE_COLUMNS}`, [id]);
        if (!row) return undefined;
        await tx.exec("DELETE FROM tenant_refs WHERE kind = 'invite_token' AND target_id = $1", [id]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'invite.revoked', targetType: 'invite', targetId: id, before: { email: row.email, role: row.role } });
        return inviteView(row);
      });
    },
  };
}

/**
 * Accepting an invite (no sign-in needed: the token is the credential). A
 * new email gets an account with this password (which must pass the policy);
 * an existing account must give its own password. The invite is used once.
 */
export async function acceptInvite(db: Database, token: string, password: string, meta: RequestMeta): Promise<{ tenantId: string; email: string; role: Role }> {
  const hash = hashInviteToken(token);
  const ref = await db.withoutTenant((tx) => tx.row<{ tenant_id: string; target_id: string }>("SELECT tenant_id, target_id FROM tenant_refs WHERE kind = 'invite_token' AND value = $1", [hash]));
  if (!ref) throw new InviteNotUsableError();
  return db.withTenant(ref.tenant_id, async (tx) => {
    const invite = await tx.row<InviteRow & { usable: boolean }>(
      `SELECT ${INVITE_COLUMNS}, (accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()) AS usable FROM invites WHERE id = $1 FOR UPDATE`,
      [ref.target_id],
    );
    if (!invite?.usable) throw new InviteNotUsableError();
    await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`account:${invite.email}`]);
    let account = await tx.row<{ id: string; password_hash: string | null }>('SELECT id, password_hash FROM accounts WHERE lower(email) = $1', [invite.email]);
    if (account) {
      if (!account.password_hash || !(await verifyPassword(account.password_hash, password))) {
        throw new UnauthenticatedError(`${invite.email} already has an account: give its password to join.`);
      }
    } else {
      const problem = passwordProblem(password, invite.email);
      if (problem !== null) throw new InvalidRequestError(`The password ${problem}.`, [{ path: 'password', message: problem }]);
      account = await tx.row<{ id: string; password_hash: string | null }>('INSERT INTO accounts (email, password_hash) VALUES ($1, $2) RETURNING id, password_hash', [invite.email, await hashPassword(password)]);
    }
    if (!account) throw new Error('the account just made is missing');
    const joined = await tx.exec('INSERT INTO memberships (tenant_id, account_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [ref.tenant_id, account.id, invite.role]);
    if (joined === 0) throw new AlreadyMemberError(invite.email);
    await tx.exec('UPDATE invites SET accepted_at = now() WHERE id = $1', [invite.id]);
    await tx.exec("DELETE FROM tenant_refs WHERE kind = 'invite_token' AND target_id = $1", [invite.id]);
    await recordAudit(tx, ref.tenant_id, { type: 'account', id: account.id, label: invite.email }, meta, {
      action: 'invite.accepted',
      targetType: 'member',
      targetId: account.id,
      after: { email: invite.email, role: invite.role },
    });
    return { tenantId: ref.tenant_id, email: invite.email, role: invite.role };
  });
}

/** What an invite link is for, for its page; undefined when the link is not usable. */
export async function describeInvite(db: Database, token: string): Promise<{ tenantId: string; email: string; role: Role } | undefined> {
  const ref = await db.withoutTenant((tx) => tx.row<{ tenant_id: string; target_id: string }>("SELECT tenant_id, target_id FROM tenant_refs WHERE kind = 'invite_token' AND value = $1", [hashInviteToken(token)]));
  if (!ref) return undefined;
  const invite = await db.withTenant(ref.tenant_id, (tx) =>
    tx.row<{ email: string; role: Role }>('SELECT email, role FROM invites WHERE id = $1 AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > now()', [ref.target_id]),
  );
  return invite && { tenantId: ref.tenant_id, ...invite };
}
