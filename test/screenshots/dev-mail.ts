// Screenshots of the development mailbox (/dev/mail) into docs/screenshots/:
//   dev-mail.png           the list after quotes on the three demo tenants
//   dev-mail-message.png   the visitor's quote email (HTML part framed, text part below)
// Run by hand after changing the emails (needs PostgreSQL as for `npm test`
// and /usr/bin/chromium or CHROMIUM):
//   node_modules/.bin/node test/screenshots/dev-mail.ts
// The real server (startTestServer, fresh database, dropped after) with its
// outbox worker and no SMTP_URL, on the demo tenants without their webhook.
// Nothing here runs in `npm test`.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tenantsDirWith, waitUntil } from '../helpers/notify.ts';
import { json, postJson, ROOT, startTestServer } from '../helpers/test-server.ts';

const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
const tenants = tenantsDirWith((_slug, tenant) => {
  delete tenant.webhooks;
});
const app = await startTestServer({ env: { TENANTS_DIR: tenants, OUTBOX_WORKER: 'true' } });

// Asynchronous: the server answering Chromium runs in this very process.
async function shoot(url: string, name: string, size: string): Promise<void> {
  const png = join(ROOT, 'docs', 'screenshots', `${name}.png`);
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  try {
    await promisify(execFile)(
      chromium,
      ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars', `--user-data-dir=${profile}`, `--window-size=${size}`, '--virtual-time-budget=3000', `--screenshot=${png}`, url],
      { timeout: 60_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`${png} (${Math.round(statSync(png).size / 1024)} KB)`);
}

try {
  const submissions = [
    { key: 'pk_test_brightside', service: 'interior-painting', fields: { rooms: 3, size: 'large', ceilings: true }, contact: { name: 'Jordan Alvarez', email: 'jordan@example.com', phone: '+1 312 555 0147' } },
    { key: 'pk_test_glanzwerk', service: 'wohnungsreinigung', fields: {}, contact: { name: 'Maximilian Müller', email: 'max@example.de' } },
    { key: 'pk_test_thamesvalley', service: 'house-removal', fields: { volume: 35, distance: 42 }, contact: { name: 'Priya Natarajan', email: 'priya@example.co.uk' } },
  ];
  for (const [i, s] of submissions.entries()) {
    const response = await app.call(`/v1/widget/${s.key}/services/${s.service}/quotes`, postJson({ fields: s.fields, contact: s.contact, consent: true, description: i === 0 ? 'Three large bedrooms, walls and ceilings.' : undefined }, { 'Idempotency-Key': `shot-${i}` }));
    if (response.status !== 201) throw new Error(`submission ${i}: ${response.status} ${JSON.stringify(await json(response))}`);
  }
  let list = '';
  await waitUntil('seven emails', async () => {
    list = await (await app.call('/dev/mail')).text();
    return (list.match(/<tr><td><time/g) ?? []).length === 7;
  });
  const row = list.split('<tr>').find((r) => r.includes('quote-to-visitor') && r.includes('jordan@example.com')) ?? '';
  const id = /\/dev\/mail\/([0-9a-f-]{36})/.exec(row)?.[1];
  await shoot(`${app.url}/dev/mail`, 'dev-mail', '1280,760');
  await shoot(`${app.url}/dev/mail/${id}`, 'dev-mail-message', '1100,1750');
} finally {
  await app.close();
}
