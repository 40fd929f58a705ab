// The admin API's route table (issue #7): every route, its method and the
// one permission it needs. server/http/routes/admin.ts gives each a handler
// (and refuses to build if one is missing or extra); the permission suite and
// the cross-tenant isolation matrix are generated from this table.
import type { Permission } from './permissions.ts';

export const ADMIN_PREFIX = '/v1/admin';

export type AdminMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface AdminRouteSpec {
  method: AdminMethod;
  /** Relative to ADMIN_PREFIX, with :params. */
  path: string;
  permission: Permission;
}

export const ADMIN_ROUTES: readonly AdminRouteSpec[] = Object.freeze([
  { method: 'get', path: '/tenant', permission: 'tenant:read' },
  { method: 'patch', path: '/tenant', permission: 'tenant:write' },
  { method: 'get', path: '/services', permission: 'services:read' },
  { method: 'post', path: '/services', permission: 'services:write' },
  { method: 'get', path: '/services/:key', permission: 'services:read' },
  { method: 'put', path: '/services/:key', permission: 'services:write' },
  { method: 'delete', path: '/services/:key', permission: 'services:write' },
  { method: 'post', path: '/services/:key/try', permission: 'services:read' },
  { method: 'get', path: '/services/:key/versions', permission: 'services:read' },
  { method: 'get', path: '/services/:key/versions/:version', permission: 'services:read' },
  { method: 'post', path: '/services/:key/rollback', permission: 'services:write' },
  { method: 'get', path: '/quotes', permission: 'quotes:read' },
  // Before /quotes/:id, which would otherwise take "export" for an id.
  { method: 'get', path: '/quotes/export', permission: 'quotes:read' },
  { method: 'get', path: '/quotes/:id', permission: 'quotes:read' },
  { method: 'patch', path: '/quotes/:id', permission: 'quotes:write' },
  { method: 'post', path: '/quotes/:id/resend', permission: 'quotes:write' },
  { method: 'post', path: '/quotes/:id/revise', permission: 'quotes:write' },
  { method: 'get', path: '/members', permission: 'members:read' },
  { method: 'patch', path: '/members/:accountId', permission: 'members:write' },
  { method: 'delete', path: '/members/:accountId', permission: 'members:write' },
  { method: 'get', path: '/invites', permission: 'members:read' },
  { method: 'post', path: '/invites', permission: 'members:write' },
  { method: 'delete', path: '/invites/:id', permission: 'members:write' },
  { method: 'get', path: '/keys', permission: 'keys:read' },
  { method: 'post', path: '/keys', permission: 'keys:write' },
  { method: 'post', path: '/keys/:id/rotate', permission: 'keys:write' },
  { method: 'delete', path: '/keys/:id', permission: 'keys:write' },
  { method: 'get', path: '/audit', permission: 'audit:read' },
  { method: 'get', path: '/notifications', permission: 'tenant:read' },
  { method: 'patch', path: '/notifications', permission: 'tenant:write' },
  { method: 'get', path: '/webhooks', permission: 'tenant:read' },
  { method: 'post', path: '/webhooks', permission: 'tenant:write' },
  { method: 'patch', path: '/webhooks/:id', permission: 'tenant:write' },
  { method: 'delete', path: '/webhooks/:id', permission: 'tenant:write' },
  { method: 'post', path: '/webhooks/:id/enable', permission: 'tenant:write' },
  { method: 'get', path: '/webhooks/:id/deliveries', permission: 'tenant:read' },
  { method: 'post', path: '/webhooks/:id/deliveries/:messageId/replay', permission: 'tenant:write' },
  { method: 'get', path: '/ai', permission: 'tenant:read' },
  { method: 'patch', path: '/ai', permission: 'tenant:write' },
  { method: 'get', path: '/email-templates', permission: 'tenant:read' },
  { method: 'get', path: '/email-templates/:template', permission: 'tenant:read' },
  { method: 'put', path: '/email-templates/:template', permission: 'tenant:write' },
  { method: 'delete', path: '/email-templates/:template', permission: 'tenant:write' },
  { method: 'post', path: '/email-templates/:template/preview', permission: 'tenant:read' },
]);

/** POST routes that take no body (one may still come, and must then be JSON). */
export const BODYLESS_SUFFIXES: readonly string[] = ['/rotate', '/enable', '/replay', '/preview', '/resend', '/revise'];

/** `GET /v1/admin/quotes/:id` — how routes are named in tests and errors. */
export function routeName(route: Pick<AdminRouteSpec, 'method' | 'path'>): string {
  return `${route.method.toUpperCase()} ${ADMIN_PREFIX}${route.path}`;
}
