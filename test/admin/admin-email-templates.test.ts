// Email template overrides on the admin API: list, read, put (checked by the
// sandbox with sample data: a broken template is 422 with the renderer's
// message), delete, preview of the default, the override and a draft; the
// override reaches the visitor's real email through the outbox; audited.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { listMailbox } from '../../server/notify/email/file-mailbox.ts';
import { PAINTER_SECRET, submitQuote, withBearer } from '../helpers/admin.ts';
import { startTestWorker, waitUntil } from '../helpers/notify.ts';
import { signIn } from '../helpers/sign-in.ts';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, startTestServer, type TestServer } from '../helpers/test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = any;

let app: TestServer;
const T = (path = '') => `/v1/admin/email-templates${path}`;
const call = async (path: string, init: Parameters<typeof withBearer>[1] = {}, bearer = PAINTER_SECRET) => {
  const response = await app.call(path, withBearer(bearer, init));
  return { status: response.status, body: response.status === 204 ? null : await json(response) };
};

const templates = suite('admin API: email templates');
templates.before(async () => {
  app = await startTestServer();
});
templates.after(async () => {
  await app.close();
});

templates('list and read: every overridable email, the default in use', async () => {
  const list = (await call(T())).body.data;
  assert.equal(list.map((t: J) => t.id), ['quote-to-visitor', 'new-quote-alert', 'decision-to-visitor', 'decision-to-tenant']);
  assert.ok(list.every((t: J) => t.overridden.length === 0));
  assert.equal((await call(T('/quote-to-visitor'))).body, { id: 'quote-to-visitor', overridden: [], override: null });
  const unknown = await call(T('/team-invite'));
  assert.is(unknown.status, 404);
  assert.match(unknown.body.error.message, /quote-to-visitor, new-quote-alert/);
});

templates('preview: the default with sample data in the tenant\'s currency and locale', async () => {
  const preview = await call(T('/quote-to-visitor/preview'), { method: 'POST' });
  assert.is(preview.status, 200);
  assert.is(preview.body.source, 'default');
  assert.is(preview.body.subject, 'Your quote Q-2026-000123 from Brightside Painting');
  assert.ok(preview.body.text.includes('$260.10') && preview.body.html.includes('$260.10'), 'the sample total, formatted');
  assert.match(preview.body.html, /^<!doctype html>/i);
});

templates('put: a broken template is 422 with the sandbox\'s message and nothing is saved', async () => {
  for (const [body, part, message] of [
    [{ subject: 'Quote {{quote.numbr}}' }, 'subject', /"quote\.numbr" not defined|numbr/],
    [{ html: '<p>{{{quote.total}}}</p>' }, 'html', /unescaped output/],
    [{ text: '{{#each quote}}' }, 'text', /not a valid template/],
    [{ text: '{{> partial}}' }, 'text', /partials are not available/],
  ] as const) {
    const refused = await call(T('/quote-to-visitor'), { method: 'PUT', body });
    assert.is(refused.status, 422, JSON.stringify(body));
    assert.is(refused.body.error.code, 'invalid_template');
    assert.is(refused.body.error.details[0].path, part);
    assert.match(refused.body.error.details[0].message, message);
  }
  assert.is((await call(T('/quote-to-visitor'), { method: 'PUT', body: {} })).status, 400);
  assert.is((await call(T('/quote-to-visitor'), { method: 'PUT', body: { footer: 'x' } })).status, 400);
  assert.is((await call(T('/quote-to-visitor'))).body.override, null);
});

templates('put, preview, a draft, delete — audited; editors and viewers may not change templates', async () => {
  const override = { subject: 'Quote {{quote.number}}: {{quote.total}}', text: 'Hello {{quote.contact.name}}, see {{quote.url}}' };
  const saved = await call(T('/quote-to-visitor'), { method: 'PUT', body: override });
  assert.is(saved.status, 200);
  assert.equal(saved.body, { id: 'quote-to-visitor', overridden: ['subject', 'text'], override });
  const preview = (await call(T('/quote-to-visitor/preview'), { method: 'POST' })).body;
  assert.is(preview.source, 'override');
  assert.is(preview.subject, 'Quote Q-2026-000123: $260.10');
  assert.match(preview.text, /^Hello Jordan Alvarez, see https?:\/\/[^/]+\/q\/SAMPLE-TOKEN\n$/, preview.text);
  assert.match(preview.html, /^<!doctype html>/i, 'the HTML part is still the default');

  const draft = (await call(T('/quote-to-visitor/preview'), { method: 'POST', body: { draft: { subject: 'Draft {{tenant.name}}' } } })).body;
  assert.equal([draft.source, draft.subject], ['draft', 'Draft Brightside Painting']);
  const brokenDraft = await call(T('/quote-to-visitor/preview'), { method: 'POST', body: { draft: { subject: '{{#if}}' } } });
  assert.is(brokenDraft.status, 422);
  assert.is(brokenDraft.body.error.code, 'invalid_template');

  const viewer = await signIn(app, { email: 'viewer@brightside.example', password: 'brightside-look-only-2026' });
  assert.is((await call(T('/quote-to-visitor/preview'), { method: 'POST' }, viewer.accessToken)).status, 200, 'a viewer may preview');
  assert.is((await call(T('/quote-to-visitor'), { method: 'PUT', body: override }, viewer.accessToken)).status, 403);

  const [audit] = await query<J>(app.database.url, "SELECT target_id, before, after FROM audit_log WHERE action = 'email_template.updated'");
  assert.equal([audit.target_id, audit.before, audit.after], ['quote-to-visitor', null, override]);

  assert.is((await call(T('/quote-to-visitor'), { method: 'DELETE' })).status, 204);
  assert.is((await call(T('/quote-to-visitor'), { method: 'DELETE' })).status, 404);
  assert.is((await call(T('/quote-to-visitor/preview'), { method: 'POST' })).body.source, 'default');
  const [deleted] = await query<J>(app.database.url, "SELECT before FROM audit_log WHERE action = 'email_template.deleted'");
  assert.equal(deleted.before, override);
});

templates('a saved override is what the visitor gets, through the outbox', async () => {
  await call(T('/quote-to-visitor'), { method: 'PUT', body: { subject: 'Your {{tenant.name}} quote {{quote.number}}' } });
  const dataDir = mkdtempSync(join(tmpdir(), 'qm-admin-templates-'));
  const worker = startTestWorker(app.databaseAppUrl, { dataDir });
  worker.worker.start();
  try {
    const quote = await submitQuote(app, PAINTER_KEY, 'interior-painting', { name: 'Ada', email: 'ada@example.com' }, { rooms: 1 });
    let subject = '';
    await waitUntil('the visitor\'s email', async () => {
      const mail = (await listMailbox(worker.mailDir)).find((m) => m.to.includes('ada@example.com') && m.template === 'quote-to-visitor');
      subject = mail?.subject ?? '';
      return subject !== '';
    });
    assert.is(subject, `Your Brightside Painting quote ${quote.number}`);
  } finally {
    await worker.shutdown();
  }
});

templates.run();
