// Who is calling the admin API (issue #7). The bearer is either a tenant's
// secret key (sk_…; found by its SHA-256 in the routing index, then checked
// in its tenant: not revoked, not past its rotation deadline) or an access
// token from our OpenID provider (access-tokens.ts), whose account must be a
// member of the tenant it names in X-Tenant (id or slug; optional when the
// account belongs to exactly one). A publishable key is never enough.
import type { AccessTokenVerifier } from '../auth/access-tokens.ts';
import { credentialKind, hashSecretKey } from '../auth/api-keys.ts';
import type { Database } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';
import type { Actor, Operator } from './actor.ts';
import { ForbiddenError, UnauthenticatedError } from './errors.ts';
import type { Role } from './permissions.ts';

export interface Authenticator {
  /** The actor of a tenant-scoped admin request. */
  tenantActor(authorization: string | undefined, tenantHint: string | undefined): Promise<Actor>;
  /** The operator of an operator request (an access token of an operator account). */
  operator(authorization: string | undefined): Promise<Operator>;
  /** The person behind an access token, for their own account's routes. */
  person(authorization: string | undefined): Promise<{ accountId: string; email: string }>;
}

export interface AuthenticatorDeps {
  db: Database;
  tokens: AccessTokenVerifier;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function bearerOf(authorization: string | undefined): string {
  const match = /^Bearer[ ]+([\x21-\x7e]+)[ ]*$/i.exec(authorization ?? '');
  if (!match?.[1]) throw new UnauthenticatedError();
  return match[1];
}

export function createAuthenticator({ db, tokens }: AuthenticatorDeps): Authenticator {
  const secretKeyActor = async (key: string): Promise<Actor> => {
    const hash = hashSecretKey(key);
    const ref = await db.withoutTenant((tx) =>
      tx.row<{ tenant_id: string; target_id: string }>("SELECT tenant_id, target_id FROM tenant_refs WHERE kind = 'secret_key' AND value = $1", [hash]),
    );
    if (!ref) throw new UnauthenticatedError('This secret key is not known; it may have been revoked.');
    const row = await db.withTenant(ref.tenant_id, async (tx) => {
      const found = await tx.row<{ id: string; prefix: string; usable: boolean }>(
        'SELECT id, prefix, (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS usable FROM api_keys WHERE id = $1 AND secret_hash = $2',
        [ref.target_id, hash],
      );
      // last_used_at at most once a minute per key: no write on every request.
      if (found?.usable) await tx.exec("UPDATE api_keys SET last_used_at = now() WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')", [found.id]);
      return found;
    });
    if (!row?.usable) throw new UnauthenticatedError('This secret key was revoked or has expired.');
    return { tenantId: ref.tenant_id, principal: 'secret_key', type: 'api_key', id: row.id, label: row.prefix };
  };

  const accountOf = async (token: string): Promise<{ id: string; email: string; operator: boolean }> => {
    const claims = await tokens.verify(token);
    const account = await db.withoutTenant((tx) =>
      tx.row<{ id: string; email: string; operator: boolean }>('SELECT id, email, operator FROM accounts WHERE id = $1 AND disabled_at IS NULL', [claims.accountId]),
    );
    if (!account) throw new UnauthenticatedError('The account of this access token is gone or disabled.');
    return account;
  };

  const memberActor = async (token: string, hint: string | undefined): Promise<Actor> => {
    const account = await accountOf(token);
    const memberships = await db.withoutTenant(async (tx) => {
      await tx.exec("SELECT set_config('app.account_id', $1, true)", [account.id]);
      return tx.rows<{ tenant_id: string; role: Role; slug: string }>(
        "SELECT m.tenant_id, m.role, r.value AS slug FROM memberships m JOIN tenant_refs r ON r.kind = 'slug' AND r.tenant_id = m.tenant_id",
      );
    });
    let membership;
    if (hint) {
      membership = memberships.find((m) => (UUID.test(hint) ? m.tenant_id === hint.toLowerCase() : m.slug === hint));
      if (!membership) throw new ForbiddenError(`You are not a member of the tenant "${hint}".`);
    } else if (memberships.length === 1) {
      membership = memberships[0];
    } else if (memberships.length === 0) {
      throw new ForbiddenError('You are not a member of any tenant.');
    } else {
      throw new InvalidRequestError(`You belong to ${memberships.length} tenants: name one in the X-Tenant header (its slug or id).`);
    }
    if (!membership) throw new ForbiddenError('You are not a member of any tenant.');
    return { tenantId: membership.tenant_id, principal: membership.role, type: 'account', id: account.id, label: account.email };
  };

  return {
    async tenantActor(authorization, hint) {
      const bearer = bearerOf(authorization);
      const kind = credentialKind(bearer);
      if (kind === 'publishable') throw new UnauthenticatedError('A publishable key (pk_…) is for the widget only; the admin API takes a secret key (sk_…) or an access token.');
      if (kind === 'secret') return secretKeyActor(bearer);
      return memberActor(bearer, hint?.trim() || undefined);
    },
    async person(authorization) {
      const bearer = bearerOf(authorization);
      if (credentialKind(bearer) !== 'token') throw new UnauthenticatedError('Your account\'s routes take your access token, not a key.');
      const account = await accountOf(bearer);
      return { accountId: account.id, email: account.email };
    },
    async operator(authorization) {
      const bearer = bearerOf(authorization);
      if (credentialKind(bearer) !== 'token') throw new UnauthenticatedError('Operator routes take an access token of an operator account, not a key.');
      const account = await accountOf(bearer);
      if (!account.operator) throw new ForbiddenError('Only the platform\'s operators may do this.');
      return { accountId: account.id, email: account.email };
    },
  };
}
