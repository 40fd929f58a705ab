// /dev/mail on the embedded defaults (no SMTP_URL): the emails of a submitted
// quote land as .eml files under DATA_DIR/mail and are listed, shown and
// downloadable there; production has no such page.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';
import { tenantsDirWith, waitUntil } from '../helpers/notify.ts';
import { productionJwks, withoutDevelopmentKeys } from '../helpers/production.ts';

let app: TestServer;
const tenants = tenantsDirWith((_slug, tenant) => {
  delete tenant.webhooks; // nothing listens for the demo's webhooks here
});

const mail = suite('/dev/mail');
mail.before(async () => {
  app = await startTestServer({ env: { TENANTS_DIR: tenants, OUTBOX_WORKER: 'true' } });
});
mail.after(async () => {
  await app.close();
});

mail('lists the local mailbox, shows each email and serves its raw message', async () => {
  const empty = await app.call('/dev/mail');
  assert.is(empty.status, 200);
  assert.match(await empty.text(), 'No mail yet');

  const response = await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms: 2 }, contact: { name: 'Ada <Lovelace>', email: 'ada@example.com' }, consent: true }, { 'Idempotency-Key': 'dev-mail-1' }),
  );
  const quote = await json(response);
  let list = '';
  await waitUntil('two emails listed', async () => {
    list = await (await app.call('/dev/mail')).text();
    return (list.match(/<tr><td><time/g) ?? []).length === 2;
  });
  assert.match(list, `Your quote ${quote.number} from Brightside Painting`);
  assert.match(list, 'owner@brightside-painting.example');
  assert.match(list, 'local mailbox');
  const ids = [...list.matchAll(/href="\/dev\/mail\/([0-9a-f-]{36})"/g)].map((m) => m[1] as string);
  assert.is(ids.length, 2);

  const visitorRow = list.split('<tr>').find((row) => row.includes('quote-to-visitor')) ?? '';
  const visitorId = /\/dev\/mail\/([0-9a-f-]{36})/.exec(visitorRow)?.[1] as string;
  assert.ok(ids.includes(visitorId));
  const page = await app.call(`/dev/mail/${visitorId}`);
  assert.is(page.status, 200);
  assert.match(page.headers.get('content-security-policy') ?? '', "frame-src 'self'");
  const html = await page.text();
  assert.match(html, `<iframe title="HTML part of the email" sandbox src="/dev/mail/${visitorId}/html">`);
  assert.not.match(html, '<Lovelace>', 'escaped');

  const part = await app.call(`/dev/mail/${visitorId}/html`);
  assert.match(part.headers.get('content-security-policy') ?? '', /^sandbox; default-src 'none'/);
  assert.match(await part.text(), '<!doctype html>');

  const raw = await app.call(`/dev/mail/${visitorId}/raw`);
  assert.is(raw.headers.get('content-type'), 'message/rfc822');
  assert.match(raw.headers.get('content-disposition') ?? '', `${visitorId}.eml`);
  const eml = await raw.text();
  assert.match(eml, `Message-ID: <${visitorId}@localhost>`);
  assert.match(eml, /Content-Type: multipart\/alternative/);

  for (const path of ['/dev/mail/00000000-0000-4000-8000-000000000000', '/dev/mail/nope/html', '/dev/mail/../../etc/raw']) {
    const missing = await app.call(path);
    assert.is(missing.status, 404, path);
  }
  assert.is((await json(await app.call('/dev/mail/00000000-0000-4000-8000-000000000000/raw'))).error.code, 'not_found');
});

mail('does not exist in production', async () => {
  // Production refuses the development-only keys of tenant files and needs the provider's signing keys.
  const productionTenants = tenantsDirWith((_slug, tenant) => withoutDevelopmentKeys(tenant));
  const jwks = await productionJwks('dev-mail-1');
  const production = await startTestServer({
    env: { NODE_ENV: 'production', PUBLIC_URL: 'https://quotes.example', SMTP_URL: 'smtp://127.0.0.1:1', TENANTS_DIR: productionTenants, OIDC_JWKS: jwks },
  });
  try {
    assert.is((await production.call('/dev/mail')).status, 404);
  } finally {
    await production.close();
  }
});

mail.run();
