// The demo sites (/demo, /demo/{slug}) and the config's HTTP caching (ETag,
// 304), over real HTTP against the real server and database.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { DEMO_SITES } from '../../server/demo/demo-sites.ts';
import { DEMO_CSP } from '../../server/http/routes/demo.ts';
import { json, PAINTER_KEY, PAINTER_ORIGIN, ROOT, startTestServer, type TestServer } from '../helpers/test-server.ts';

interface TenantFileView {
  slug: string;
  name: string;
  locale: string;
  publishableKey: string;
  services: Array<{ key: string }>;
}

const TENANT_FILES: TenantFileView[] = readdirSync(join(ROOT, 'tenants'))
  .filter((file) => file.endsWith('.json') && file !== 'tenant.schema.json')
  .map((file) => JSON.parse(readFileSync(join(ROOT, 'tenants', file), 'utf8')) as TenantFileView);

let app: TestServer;

// ---------------------------------------------------------------------------
const demo = suite('demo sites');
demo.before(async () => {
  app = await startTestServer();
});
demo.after(async () => {
  await app.close();
});

demo('there is a demo site for every demo tenant, with the key of its tenant file', () => {
  assert.equal(DEMO_SITES.map((s) => s.slug).sort(), TENANT_FILES.map((t) => t.slug).sort());
  for (const tenant of TENANT_FILES) {
    assert.is(DEMO_SITES.find((s) => s.slug === tenant.slug)?.publishableKey, tenant.publishableKey, tenant.slug);
  }
});

demo('each /demo/{slug} is an HTML page that embeds the widget as a tenant would', async () => {
  for (const tenant of TENANT_FILES) {
    const response = await app.call(`/demo/${tenant.slug}`);
    assert.is(response.status, 200, tenant.slug);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.is(response.headers.get('content-security-policy'), DEMO_CSP);
    assert.is(response.headers.get('cache-control'), 'no-store');
    const html = await response.text();
    assert.ok(html.includes(`<script async src="/embed.js" data-key="${tenant.publishableKey}"></script>`), `${tenant.slug}: the embed snippet`);
    assert.ok(html.includes(`<qm-widget service="${tenant.services[0]!.key}"></qm-widget>`), `${tenant.slug}: the inline widget`);
    assert.ok(html.includes(`<html lang="${tenant.locale}"`), `${tenant.slug}: the page is in the tenant's language`);
    assert.ok(html.includes(tenant.name), `${tenant.slug}: the business's name`);
    const launcherSnippet = `&lt;script async src&#x3D;&quot;${app.url}/embed.js&quot; data-key&#x3D;&quot;${tenant.publishableKey}&quot; data-mode&#x3D;&quot;launcher&quot;&gt;&lt;/script&gt;`;
    assert.ok(html.includes(launcherSnippet), `${tenant.slug}: the launcher snippet is shown as text, with this server's address`);
    // Styled with the tenant's theme tokens; nothing loaded from elsewhere.
    assert.match(html, /--qm-color-primary: #[0-9a-f]{6};/i);
    assert.not.match(html, /(?:src|href)="(?:https?:)?\/\//, `${tenant.slug}: a third-party asset`);
  }
  const painter = await (await app.call('/demo/brightside-painting')).text();
  assert.ok(painter.includes('--qm-color-primary: #0b6e4f;'), 'the tenant override of its preset');
  const cleaner = await (await app.call('/demo/glanzwerk-reinigung')).text();
  assert.ok(cleaner.includes('Unsere Leistungen') && cleaner.includes('Zum Inhalt springen'), 'German copy');
});

demo('?mode=launcher puts data-mode="launcher" on the one script tag and keeps the inline widget', async () => {
  const response = await app.call('/demo/thames-valley-removals?mode=launcher');
  assert.is(response.status, 200);
  const html = await response.text();
  assert.ok(html.includes('<script async src="/embed.js" data-key="pk_test_thamesvalley" data-mode="launcher"></script>'));
  assert.is(html.match(/<script /g)?.length, 1, 'one script tag');
  assert.ok(html.includes('<qm-widget service="house-removal"></qm-widget>'));
  assert.ok(html.includes('href="/demo/thames-valley-removals"'), 'a link back to the inline-only page');
});

demo('an unknown slug is a 404 page', async () => {
  for (const slug of ['nobody', 'Brightside-Painting', '..%2Fq']) {
    const response = await app.call(`/demo/${slug}`);
    assert.is(response.status, 404, slug);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    const html = await response.text();
    assert.ok(html.includes('There is no such demo'));
    assert.not.ok(html.includes('embed.js'), 'no widget on the 404 page');
  }
});

demo('/demo lists every demo site', async () => {
  const response = await app.call('/demo');
  assert.is(response.status, 200);
  assert.is(response.headers.get('content-security-policy'), DEMO_CSP);
  const html = await response.text();
  for (const tenant of TENANT_FILES) {
    assert.ok(html.includes(`href="/demo/${tenant.slug}"`), tenant.slug);
    assert.ok(html.includes(tenant.name), tenant.name);
  }
});

demo.run();

// ---------------------------------------------------------------------------
const caching = suite('GET /v1/widget/{pk}/config: ETag and 304');
caching.before(async () => {
  app = await startTestServer();
});
caching.after(async () => {
  await app.close();
});

const CONFIG = `/v1/widget/${PAINTER_KEY}/config`;
// fetch adds Cache-Control: no-cache to a conditional request unless it has one: a revalidation has max-age=0.
const revalidate = (etag: string, headers: Record<string, string> = {}) => app.call(CONFIG, { headers: { 'If-None-Match': etag, 'Cache-Control': 'max-age=0', ...headers } });

caching('a strong ETag that is the hash of the body, stable across requests', async () => {
  const first = await app.call(CONFIG, { headers: { Origin: PAINTER_ORIGIN } });
  assert.is(first.status, 200);
  const etag = first.headers.get('etag') ?? '';
  assert.match(etag, /^"[A-Za-z0-9_-]{27}"$/, 'strong (no W/)');
  assert.is(first.headers.get('cache-control'), 'public, max-age=60');
  assert.is(first.headers.get('vary'), 'Origin');
  assert.match(first.headers.get('content-type') ?? '', /^application\/json/);
  const body = await first.text();
  const { createHash } = await import('node:crypto');
  assert.is(etag, `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`);
  const second = await app.call(CONFIG);
  assert.is(second.headers.get('etag'), etag);
  assert.is(await second.text(), body);
  // Another tenant has another validator.
  const other = await app.call('/v1/widget/pk_test_glanzwerk/config');
  assert.is.not(other.headers.get('etag'), etag);
});

caching('a matching If-None-Match answers 304 with no body, keeping the cache headers and CORS', async () => {
  const etag = (await app.call(CONFIG)).headers.get('etag') ?? '';
  const notModified = await revalidate(etag, { Origin: PAINTER_ORIGIN });
  assert.is(notModified.status, 304);
  assert.is(await notModified.text(), '');
  assert.is(notModified.headers.get('etag'), etag);
  assert.is(notModified.headers.get('cache-control'), 'public, max-age=60');
  assert.is(notModified.headers.get('vary'), 'Origin');
  assert.is(notModified.headers.get('access-control-allow-origin'), PAINTER_ORIGIN);
  assert.is((await revalidate(`"other", ${etag}`)).status, 304, 'one of a list');
});

caching('a stale or foreign If-None-Match gets the full body; an origin that is not allowed still gets 403', async () => {
  const etag = (await app.call(CONFIG)).headers.get('etag') ?? '';
  const stale = await revalidate('"not-the-current-one"');
  assert.is(stale.status, 200);
  assert.is((await json(stale)).name, 'Brightside Painting');
  const weak = await revalidate(`W/${etag}`);
  assert.is(weak.status, 304, 'If-None-Match compares weakly (RFC 9110)');
  const refused = await revalidate(etag, { Origin: 'https://evil.example' });
  assert.is(refused.status, 403);
});

caching.run();
