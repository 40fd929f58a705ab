// Who is making an admin request, once authenticated: a member of the tenant
// (through an access token) or the tenant's secret key.
import type { Principal, Role } from './permissions.ts';

export interface Actor {
  tenantId: string;
  /** What the permission table is asked about. */
  principal: Principal;
  type: 'account' | 'api_key';
  /** The account's or the key's id. */
  id: string;
  /** For people reading the audit log: an email or a key prefix. */
  label: string;
}

/** A platform operator (no tenant). */
export interface Operator {
  accountId: string;
  email: string;
}

/** Where a change came from, for the audit log. */
export interface RequestMeta {
  ip: string | null;
  requestId: string | null;
}

export function isRole(principal: Principal): principal is Role {
  return principal !== 'secret_key';
}
