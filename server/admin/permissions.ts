// The one permission table (issue #7): which role may do what on the admin
// API. Every admin route names exactly one permission (admin-routes.ts); the
// table is documented in docs/permissions.md and tested route by route
// (test/admin/permissions.test.ts). Change all three together.

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'tenant:read', // profile, locale, currency, timezone, branding, theme, origins, quote expiry
  'tenant:write',
  'services:read',
  'services:write', // create, update, roll back, delete
  'quotes:read', // list, read, export
  'quotes:write', // status, notes, resend, revise
  'members:read',
  'members:write', // invite, change role, remove
  'keys:read',
  'keys:write', // create, rotate, revoke
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who holds a permission: a member's role, or a tenant's secret key. */
export type Principal = Role | 'secret_key';

const READS: Permission[] = ['tenant:read', 'services:read', 'quotes:read'];

/** role → what it may do. */
export const PERMISSION_TABLE: Readonly<Record<Principal, ReadonlySet<Permission>>> = Object.freeze({
  owner: new Set(PERMISSIONS),
  admin: new Set(PERMISSIONS),
  editor: new Set<Permission>([...READS, 'services:write', 'quotes:write']),
  viewer: new Set<Permission>(READS),
  // Server-to-server: everything about the tenant's data, but a leaked key
  // cannot add people or mint more keys, nor read who is on the team.
  secret_key: new Set<Permission>([...READS, 'tenant:write', 'services:write', 'quotes:write', 'keys:read', 'audit:read']),
});

export function can(principal: Principal, permission: Permission): boolean {
  return PERMISSION_TABLE[principal].has(permission);
}

/** Roles `actor` may give or take away: only an owner touches owners. */
export function assignableRoles(actor: Principal): readonly Role[] {
  if (actor === 'owner') return ROLES;
  if (actor === 'admin') return ['admin', 'editor', 'viewer'];
  return [];
}
