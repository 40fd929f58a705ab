// The hosted quote page: first view, accept with a typed name, decline,
// closed and expired quotes, CSRF, unknown tokens — all without JavaScript.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { query } from '../helpers/test-database.ts';
import { json, PAINTER_KEY, postJson, startTestServer, type TestServer } from '../helpers/test-server.ts';

let app: TestServer;
let n = 0;

async function newQuote(): Promise<{ id: string; path: string; token: string }> {
  const response = await app.call(
    `/v1/widget/${PAINTER_KEY}/services/interior-painting/quotes`,
    postJson({ fields: { rooms: 3 }, contact: { name: 'Grace Hopper', email: 'grace@example.com' }, consent: true }, { 'Idempotency-Key': `page-${Date.now()}-${++n}` }),
  );
  const body = await json(response);
  const path = new URL(body.url).pathname;
  return { id: body.id, path, token: path.split('/').pop() as string };
}

function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('no csrf field on the page');
  return match[1];
}

const form = (fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
  redirect: 'manual',
});

const status = async (id: string) =>
  (await query<{ status: string; decision_name: string | null; decision_ip: string | null; decision_user_agent: string | null; viewed_at: Date | null }>(
    app.database.url,
    'SELECT status, decision_name, decision_ip::text, decision_user_agent, viewed_at FROM quotes WHERE id = $1',
    [id],
  ))[0];

const events = async (id: string) => (await query<{ type: string }>(app.database.url, 'SELECT type FROM events WHERE quote_id = $1 ORDER BY id', [id])).map((e) => e.type);

const page = suite('GET /q/{token}');
page.before(async () => {
  app = await startTestServer();
});
page.after(async () => {
  await app.close();
});

page('renders the branded quote with its lines and forms, and marks the first view', async () => {
  const quote = await newQuote();
  assert.is((await status(quote.id))?.status, 'sent');
  const response = await app.call(quote.path);
  assert.is(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', 'text/html');
  assert.is(response.headers.get('referrer-policy'), 'no-referrer');
  assert.match(response.headers.get('content-security-policy') ?? '', "default-src 'none'");
  assert.is(response.headers.get('cache-control'), 'no-store');
  const html = await response.text();
  for (const text of ['Brightside Painting', 'Interior painting', 'Grace Hopper', 'Call-out fee', 'Painting', '$']) assert.ok(html.includes(text), `page lacks ${text}`);
  assert.match(html, /<form[^>]+action="\/q\/[^"]+\/accept"/);
  assert.match(html, /<form[^>]+action="\/q\/[^"]+\/decline"/);
  assert.not.match(html, /<script/i);
  const after = await status(quote.id);
  assert.is(after?.status, 'viewed');
  assert.ok(after?.viewed_at);
  await app.call(quote.path);
  assert.equal(await events(quote.id), ['quote_submitted', 'quote_viewed']);
});

page('answers an unknown or malformed token with a 404 page', async () => {
  for (const path of ['/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '/q/x', '/q/%3Cscript%3E']) {
    const response = await app.call(path);
    assert.is(response.status, 404, path);
    assert.match(response.headers.get('content-type') ?? '', 'text/html');
  }
});

page.run();

const decide = suite('POST /q/{token}/accept and /decline');
decide.before(async () => {
  app = await startTestServer();
});
decide.after(async () => {
  await app.close();
});

decide('accepts with the typed name, storing name, time, IP and user agent, then shows it', async () => {
  const quote = await newQuote();
  const csrf = csrfOf(await (await app.call(quote.path)).text());
  const response = await app.call(`${quote.path}/accept`, form({ name: '  Grace   Hopper ', csrf }, { 'User-Agent': 'TestBrowser/1.0' }));
  assert.is(response.status, 303);
  assert.is(response.headers.get('location'), `${quote.path}?done=accepted`);
  const stored = await status(quote.id);
  assert.is(stored?.status, 'accepted');
  assert.is(stored?.decision_name, 'Grace Hopper');
  assert.is(stored?.decision_ip, '127.0.0.1/32');
  assert.is(stored?.decision_user_agent, 'TestBrowser/1.0');
  const html = await (await app.call(`${quote.path}?done=accepted`)).text();
  assert.ok(html.includes('Grace Hopper'));
  assert.not.match(html, /action="[^"]+\/accept"/);
  assert.equal(await events(quote.id), ['quote_submitted', 'quote_viewed', 'quote_accepted']);
});

decide('asks again for a name that is missing, without changing the quote', async () => {
  const quote = await newQuote();
  const csrf = csrfOf(await (await app.call(quote.path)).text());
  const response = await app.call(`${quote.path}/accept`, form({ name: ' ', csrf }));
  assert.is(response.status, 422);
  assert.match(await response.text(), /full name/);
  assert.is((await status(quote.id))?.status, 'viewed');
});

decide('refuses a post without the page\'s CSRF token', async () => {
  const quote = await newQuote();
  const response = await app.call(`${quote.path}/accept`, form({ name: 'Mallory', csrf: 'forged' }));
  assert.is(response.status, 403);
  assert.is((await status(quote.id))?.status, 'viewed');
});

decide('declines, and a decided quote cannot change again', async () => {
  const quote = await newQuote();
  const csrf = csrfOf(await (await app.call(quote.path)).text());
  const declined = await app.call(`${quote.path}/decline`, form({ csrf }));
  assert.is(declined.status, 303);
  assert.is((await status(quote.id))?.status, 'declined');
  const late = await app.call(`${quote.path}/accept`, form({ name: 'Grace Hopper', csrf }));
  assert.is(late.status, 409);
  assert.is((await status(quote.id))?.status, 'declined');
  assert.equal(await events(quote.id), ['quote_submitted', 'quote_viewed', 'quote_declined']);
});

decide('expires a quote past its date: shown as expired, cannot be accepted', async () => {
  const quote = await newQuote();
  const csrf = csrfOf(await (await app.call(quote.path)).text());
  await query(app.database.url, "UPDATE quotes SET expires_at = now() - interval '1 minute' WHERE id = $1", [quote.id]);
  const html = await (await app.call(quote.path)).text();
  assert.not.match(html, /action="[^"]+\/accept"/);
  assert.is((await status(quote.id))?.status, 'expired');
  const response = await app.call(`${quote.path}/accept`, form({ name: 'Grace Hopper', csrf }));
  assert.is(response.status, 409);
  assert.is((await status(quote.id))?.status, 'expired');
});

decide.run();
