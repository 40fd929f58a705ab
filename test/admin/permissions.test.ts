// The permission table, route by route (issue #7): every admin route, tried
// by every role of tenant A and by its secret key. Where the table says no,
// the answer is 403 forbidden; where it says yes, anything but 401/403 (the
// requests carry ids that do not exist or bodies that do not validate, so
// nothing changes). Routes come from the router table: a new route is tried
// the moment it exists.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ADMIN_PREFIX, ADMIN_ROUTES, routeName } from '../../server/admin/admin-routes.ts';
import { can, type Principal } from '../../server/admin/permissions.ts';
import { PAINTER_SECRET, withBearer } from '../helpers/admin.ts';
import { signIn } from '../helpers/sign-in.ts';
import { json, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
const bearers = new Map<Principal, { bearer: string; headers?: Record<string, string> }>();
const NOBODY = '00000000-0000-4000-8000-000000000000';

const routes = suite('permissions, route by route');
routes.before(async () => {
  app = await startTestServer();
  const owner = await signIn(app, { email: 'owner@brightside.example', password: 'brightside-demo-2026-paint' });
  // An admin, made the way a tenant makes one: an invite, accepted.
  const invite = await json(await app.call('/v1/admin/invites', withBearer(owner.accessToken, { method: 'POST', body: { email: 'admin@brightside.example', role: 'admin' } })));
  const token = new URL(invite.acceptUrl).pathname.split('/').pop();
  const accepted = await app.call(`/v1/invites/${token}/accept`, withBearer('', { method: 'POST', body: { password: 'harbour-lantern-2026-pw' } }));
  assert.is(accepted.status, 200);
  const admin = await signIn(app, { email: 'admin@brightside.example', password: 'harbour-lantern-2026-pw' });
  const editor = await signIn(app, { email: 'consultant@quotemaster.example', password: 'quotes-for-two-tenants' });
  const viewer = await signIn(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' });
  const tenant = { 'X-Tenant': 'brightside-painting' };
  bearers.set('owner', { bearer: owner.accessToken });
  bearers.set('admin', { bearer: admin.accessToken });
  bearers.set('editor', { bearer: editor.accessToken, headers: tenant });
  bearers.set('viewer', { bearer: viewer.accessToken });
  bearers.set('secret_key', { bearer: PAINTER_SECRET });
});
routes.after(async () => {
  await app.close();
});

/** A path for the route whose ids match nothing. */
function pathOf(path: string): string {
  return `${ADMIN_PREFIX}${path.replace(':key', 'no-such-service').replace(':version', '1').replace(':template', 'quote-to-visitor').replace(/:(id|accountId|messageId)/g, NOBODY)}`;
}

routes('every role and the secret key get exactly what the table gives them', async () => {
  let tried = 0;
  for (const route of ADMIN_ROUTES) {
    for (const [principal, { bearer, headers }] of bearers) {
      const method = route.method.toUpperCase();
      const body = method === 'GET' || method === 'DELETE' ? undefined : { 'not-a-field': true };
      const response = await app.call(pathOf(route.path), withBearer(bearer, { method, body, headers }));
      const what = `${principal} → ${routeName(route)} (${route.permission}) answered ${response.status}`;
      if (can(principal, route.permission)) {
        assert.ok(response.status !== 401 && response.status !== 403, what);
      } else {
        assert.is(response.status, 403, what);
        assert.is((await json(response)).error.code, 'forbidden', what);
      }
      if (!response.bodyUsed) await response.body?.cancel();
      tried++;
    }
  }
  assert.is(tried, ADMIN_ROUTES.length * 5);
});

routes('only an owner touches owners; an admin manages the rest; the last owner stays', async () => {
  const owner = bearers.get('owner')?.bearer as string;
  const admin = bearers.get('admin')?.bearer as string;
  const members = (await json(await app.call('/v1/admin/members', withBearer(owner)))).data as Array<{ accountId: string; email: string; role: string }>;
  const ownerId = members.find((m) => m.role === 'owner')?.accountId as string;
  const viewerId = members.find((m) => m.email === 'viewer@brightside.example')?.accountId as string;
  const byAdmin = await app.call(`/v1/admin/members/${ownerId}`, withBearer(admin, { method: 'PATCH', body: { role: 'viewer' } }));
  assert.is(byAdmin.status, 403);
  assert.is((await app.call(`/v1/admin/members/${viewerId}`, withBearer(admin, { method: 'PATCH', body: { role: 'owner' } }))).status, 403, 'an admin cannot make an owner');
  assert.is((await json(await app.call(`/v1/admin/members/${viewerId}`, withBearer(admin, { method: 'PATCH', body: { role: 'editor' } })))).role, 'editor');
  const last = await app.call(`/v1/admin/members/${ownerId}`, withBearer(owner, { method: 'PATCH', body: { role: 'admin' } }));
  assert.is(last.status, 409);
  assert.is((await json(last)).error.code, 'last_owner');
  assert.is((await app.call(`/v1/admin/members/${ownerId}`, withBearer(owner, { method: 'DELETE' }))).status, 409);
  assert.is((await app.call(`/v1/admin/members/${viewerId}`, withBearer(owner, { method: 'PATCH', body: { role: 'owner' } }))).status, 200, 'an owner makes another owner');
  assert.is((await app.call(`/v1/admin/members/${ownerId}`, withBearer(owner, { method: 'PATCH', body: { role: 'admin' } }))).status, 200, 'now the first owner may step down');
});

routes.run();
