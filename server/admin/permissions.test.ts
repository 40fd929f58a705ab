import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assignableRoles, can, PERMISSION_TABLE, PERMISSIONS, ROLES } from './permissions.ts';

const table = suite('permission table');

table('owners and admins may do everything on a tenant', () => {
  for (const permission of PERMISSIONS) {
    assert.ok(can('owner', permission), permission);
    assert.ok(can('admin', permission), permission);
  }
});

table('editors change services and quotes, and read the rest, but not members, keys or the audit log', () => {
  assert.ok(can('editor', 'services:write'));
  assert.ok(can('editor', 'quotes:write'));
  assert.not.ok(can('editor', 'tenant:write'));
  for (const permission of ['members:read', 'members:write', 'keys:read', 'keys:write', 'audit:read'] as const) assert.not.ok(can('editor', permission), permission);
});

table('viewers only read services, quotes and the tenant', () => {
  assert.equal([...PERMISSION_TABLE.viewer].sort(), ['quotes:read', 'services:read', 'tenant:read']);
});

table('a secret key cannot touch members or mint keys', () => {
  assert.not.ok(can('secret_key', 'members:read'));
  assert.not.ok(can('secret_key', 'members:write'));
  assert.not.ok(can('secret_key', 'keys:write'));
  assert.ok(can('secret_key', 'services:write'));
});

table('only an owner gives or takes the owner role', () => {
  assert.equal(assignableRoles('owner'), ROLES);
  assert.not.ok(assignableRoles('admin').includes('owner'));
  assert.equal(assignableRoles('editor'), []);
  assert.equal(assignableRoles('secret_key'), []);
});

table.run();
