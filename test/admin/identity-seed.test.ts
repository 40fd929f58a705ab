// The development-only access of tenant files (issue #7) as the seed writes
// it: accounts with argon2id hashes, memberships with the file's role, the
// secret key stored only as a hash; a second start changes nothing; and a
// membership is visible to its own account without a tenant in context.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { hashSecretKey } from '../../server/auth/api-keys.ts';
import { createTestDatabase, query, type TestDatabase } from '../helpers/test-database.ts';
import { startTestServer } from '../helpers/test-server.ts';

const seed = suite('seeding development access from the tenant files');
let database: TestDatabase;

seed.before(async () => {
  database = await createTestDatabase();
  const first = await startTestServer({ database });
  await first.close();
});
seed.after(async () => {
  await database.drop();
});

seed('each dev user has one account with an argon2id hash and a membership per tenant with the file\'s role', async () => {
  const rows = await query<{ email: string; password_hash: string; slug: string; role: string }>(
    database.url,
    `SELECT a.email, a.password_hash, t.slug, m.role FROM accounts a JOIN memberships m ON m.account_id = a.id JOIN tenants t ON t.id = m.tenant_id ORDER BY a.email, t.slug`,
  );
  assert.equal(
    rows.map((r) => `${r.email} ${r.slug} ${r.role}`),
    [
      'consultant@quotemaster.example brightside-painting editor',
      'consultant@quotemaster.example thames-valley-removals admin',
      'inhaber@glanzwerk.example glanzwerk-reinigung owner',
      'owner@brightside.example brightside-painting owner',
      'owner@thamesvalley.example thames-valley-removals owner',
      'viewer@brightside.example brightside-painting viewer',
    ],
  );
  for (const row of rows) assert.match(row.password_hash, /^\$argon2id\$/);
  const [accounts] = await query<{ n: string }>(database.url, 'SELECT count(*) AS n FROM accounts');
  assert.is(Number(accounts?.n), 5);
});

seed('the secret key is stored as its SHA-256 with a visible prefix, never in clear', async () => {
  const key = 'sk_test_brightside_0000000000000000';
  const rows = await query<{ prefix: string; secret_hash: string; source: string; kind: string; mode: string }>(database.url, "SELECT prefix, secret_hash, source, kind, mode FROM api_keys WHERE kind = 'secret' ORDER BY prefix");
  assert.is(rows.length, 3);
  const brightside = rows.find((r) => r.secret_hash === hashSecretKey(key));
  assert.equal(brightside && { prefix: brightside.prefix, source: brightside.source, mode: brightside.mode }, { prefix: 'sk_test_brig…0000', source: 'file', mode: 'test' });
  const everything = JSON.stringify(await query(database.url, 'SELECT * FROM api_keys')) + JSON.stringify(await query(database.url, 'SELECT * FROM tenant_refs'));
  assert.not.ok(everything.includes(key));
  const [ref] = await query<{ slug: string }>(database.url, "SELECT t.slug FROM tenant_refs r JOIN tenants t ON t.id = r.tenant_id WHERE r.kind = 'secret_key' AND r.value = $1", [hashSecretKey(key)]);
  assert.is(ref?.slug, 'brightside-painting');
});

seed('a second start rewrites nothing', async () => {
  const before = await query(database.url, 'SELECT a.id, a.password_hash, a.updated_at, m.role, m.updated_at AS m_updated FROM accounts a JOIN memberships m ON m.account_id = a.id ORDER BY 1, 4');
  const keys = await query(database.url, 'SELECT id, secret_hash FROM api_keys ORDER BY id');
  const again = await startTestServer({ database });
  await again.close();
  assert.equal(await query(database.url, 'SELECT a.id, a.password_hash, a.updated_at, m.role, m.updated_at AS m_updated FROM accounts a JOIN memberships m ON m.account_id = a.id ORDER BY 1, 4'), before);
  assert.equal(await query(database.url, 'SELECT id, secret_hash FROM api_keys ORDER BY id'), keys);
});

seed('the app role sees an account\'s memberships with app.account_id and none without', async () => {
  const running = await startTestServer({ database });
  try {
    const [account] = await query<{ id: string }>(database.url, "SELECT id FROM accounts WHERE email = 'consultant@quotemaster.example'");
    const none = await query(running.databaseAppUrl, 'SELECT * FROM memberships');
    assert.is(none.length, 0);
    const own = await query<{ role: string }>(
      running.databaseAppUrl,
      "WITH _ AS (SELECT set_config('app.account_id', $1, false)) SELECT m.role FROM _, memberships m ORDER BY m.role",
      [account?.id],
    );
    assert.equal(own.map((r) => r.role), ['admin', 'editor']);
    try {
      await query(running.databaseAppUrl, `BEGIN; SELECT set_config('app.account_id', '${account?.id}', true); UPDATE memberships SET role = 'owner'; COMMIT;`);
    } catch {
      // refused or a no-op: either way nothing changed
    }
    const roles = await query<{ role: string }>(database.url, 'SELECT role FROM memberships WHERE account_id = $1 ORDER BY role', [account?.id]);
    assert.equal(roles.map((r) => r.role), ['admin', 'editor']);
  } finally {
    await running.close();
  }
});

seed.run();
