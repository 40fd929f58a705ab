// Real peers for the notification suites: an SMTP server (smtp-server) that
// parses what it receives (mailparser), a webhook receiver that verifies
// signatures with the Standard Webhooks reference package, tenant folders
// pointing the demo tenants at them, and a worker with test timings.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser, type ParsedMail } from 'mailparser';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';
import { connect, createDatabase, type Database } from '../../server/db/database.ts';
import { createNotifications, type Notifications, type NotificationsOptions } from '../../server/notify/index.ts';
import type { RetrySchedule } from '../../server/outbox/retry-schedule.ts';
import { spawnEntry } from './spawn-server.ts';
import { ROOT } from './test-server.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Copies of the demo tenant files, each passed through `edit` (by slug); answers the folder. */
export function tenantsDirWith(edit: (slug: string, tenant: Json) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'qm-notify-tenants-'));
  for (const file of readdirSync(join(ROOT, 'tenants'))) {
    if (!file.endsWith('.json') || file.endsWith('.schema.json')) continue;
    const tenant = JSON.parse(readFileSync(join(ROOT, 'tenants', file), 'utf8'));
    delete tenant.$schema;
    edit(tenant.slug, tenant);
    writeFileSync(join(dir, file), JSON.stringify(tenant));
  }
  return dir;
}

export const TEST_SECRET = `whsec_${Buffer.from('quote-master-pro-test-webhook-secret!').toString('base64')}`;

export interface ReceivedMail {
  parsed: ParsedMail;
  raw: string;
  envelopeTo: string[];
}

export interface SmtpPeer {
  url: string;
  mails: ReceivedMail[];
  /** Refuse RCPT TO for addresses it answers a code for (e.g. 550). */
  refuse: (address: string) => number | null;
  /** Wait this long before accepting each message's data (to catch a worker mid-batch). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startSmtpPeer(): Promise<SmtpPeer> {
  const peer: SmtpPeer = { url: '', mails: [], refuse: () => null, delayMs: 0, close: async () => undefined };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = peer.refuse(address.address);
      if (code === null) return callback();
      callback(Object.assign(new Error(`${address.address}: mailbox unavailable`), { responseCode: code }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        setTimeout(() => {
          simpleParser(raw).then(
            (parsed) => {
              peer.mails.push({ parsed, raw, envelopeTo: session.envelope.rcptTo.map((r) => r.address) });
              callback();
            },
            (error: Error) => callback(error),
          );
        }, peer.delayMs);
      });
    },
  });
  // A client killed mid-conversation (the crash test SIGKILLs the worker) resets its connection:
  // a real mail server shrugs that off, and so does this one (unhandled, it would end the suite).
  server.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') throw error;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = (server as unknown as { server: Server }).server.address() as AddressInfo;
  peer.url = `smtp://127.0.0.1:${port}`;
  peer.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return peer;
}

export interface Delivery {
  id: string;
  timestamp: string;
  body: Json;
  raw: string;
  verified: boolean;
  headers: IncomingHttpHeaders;
}

export interface WebhookPeer {
  url: string;
  /** Every request, verified or not, in arrival order. */
  requests: Delivery[];
  /** The status to answer the n-th request with (0-based); default 200. */
  answer: (n: number, delivery: Delivery) => number;
  close(): Promise<void>;
}

export async function startWebhookPeer(secret = TEST_SECRET): Promise<WebhookPeer> {
  const verifier = new Webhook(secret);
  const peer: WebhookPeer = { url: '', requests: [], answer: () => 200, close: async () => undefined };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let verified = false;
      try {
        verifier.verify(raw, req.headers as Record<string, string>);
        verified = true;
      } catch {
        verified = false;
      }
      let body: Json = null;
      try {
        body = JSON.parse(raw);
      } catch {
        body = null;
      }
      const delivery = { id: String(req.headers['webhook-id']), timestamp: String(req.headers['webhook-timestamp']), body, raw, verified, headers: req.headers };
      const n = peer.requests.length;
      peer.requests.push(delivery);
      const status = verified ? peer.answer(n, delivery) : 401;
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status < 300 ? 'ok' : `no (${status}) `.repeat(1000));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  peer.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  peer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return peer;
}

/** Retries in tens of milliseconds instead of seconds, same shape. */
export const FAST_RETRIES: RetrySchedule = { baseMs: 30, factor: 2, capMs: 200, giveUpAfterMs: 60_000, jitter: 0.2 };

export interface TestWorker extends Notifications {
  db: Database;
  /** Stops the worker and closes its pool. */
  shutdown(): Promise<void>;
}

/** A worker (the real one) on the app role's connection, with test timings. */
export function startTestWorker(appUrl: string, options: Partial<NotificationsOptions> & { dataDir: string }): TestWorker {
  const db = createDatabase(connect(appUrl, { poolMax: 4 }));
  const notifications = createNotifications({
    db,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    publicUrl: 'http://quotes.test',
    secret: 'test-secret-test-secret-test-secret-0123',
    smtpUrl: undefined,
    mailFrom: 'quotes@quotes.test',
    production: false,
    leaseMs: 5_000,
    ...options,
    worker: { pollMs: 20, retry: FAST_RETRIES, ...options.worker },
  });
  return {
    ...notifications,
    db,
    async shutdown() {
      await notifications.close();
      await db.close();
    },
  };
}

/** Polls `check` until it answers true; fails with `what` after `timeoutMs`. */
export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Runs `node server/worker-main.ts` (what `npm run worker` runs) as a child process. */
export function spawnWorker(env: Record<string, string>) {
  return spawnEntry(join(ROOT, 'server', 'worker-main.ts'), env);
}
