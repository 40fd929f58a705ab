// Notifications (issue #6): the outbox worker with its three handlers —
// event fan-out, email, webhook — and the mail transport they share.
// start.ts builds it for `npm start` (worker in-process unless
// OUTBOX_WORKER=false); worker-main.ts builds it for `npm run worker`.
import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { Logger } from '../logger.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../outbox/worker.ts';
import { createEmailHandler } from './email/email-handler.ts';
import { createMailTransport, type MailTransport } from './email/mail-transport.ts';
import { createFanOut } from './fan-out.ts';
import { createWebhookHandler } from './webhooks/webhook-handler.ts';

export interface NotificationsOptions {
  db: Database;
  logger: Logger;
  publicUrl: string;
  /** The app secret: signs unsubscribe links. */
  secret: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  dataDir: string;
  /** Production refuses webhooks to private, loopback and link-local addresses. */
  production: boolean;
  leaseMs: number;
  /** Tests tune the worker (poll interval, retry schedule, clock). */
  worker?: Partial<Omit<OutboxWorkerOptions, 'db' | 'logger' | 'handlers'>>;
  webhookTimeoutMs?: number;
  disableAfterMs?: number;
}

export interface Notifications {
  worker: OutboxWorker;
  transport: MailTransport;
  /** The local mailbox folder (used when there is no SMTP). */
  mailDir: string;
  /** Stops the worker (finishing what it holds, for at most `timeoutMs`), then the transport. */
  close(timeoutMs?: number): Promise<void>;
}

export function mailDirOf(dataDir: string): string {
  return join(dataDir, 'mail');
}

/** The notifications of a process (server or worker) built from its configuration. */
export function notificationsFromConfig(config: Config, db: Database, logger: Logger, secret: string): Notifications {
  return createNotifications({
    db,
    logger,
    publicUrl: config.publicUrl,
    secret,
    smtpUrl: config.smtpUrl,
    mailFrom: config.mailFrom,
    dataDir: config.dataDir,
    production: config.production,
    leaseMs: config.outboxLeaseMs,
  });
}

export function createNotifications(options: NotificationsOptions): Notifications {
  const mailDir = mailDirOf(options.dataDir);
  const transport = createMailTransport({ smtpUrl: options.smtpUrl, fromAddress: options.mailFrom, mailDir });
  const now = options.worker?.now;
  const worker = createOutboxWorker({
    db: options.db,
    logger: options.logger,
    leaseMs: options.leaseMs,
    ...options.worker,
    handlers: {
      event: createFanOut({ db: options.db, publicUrl: options.publicUrl, secret: options.secret }),
      email: createEmailHandler(transport),
      webhook: createWebhookHandler({
        db: options.db,
        guard: options.production,
        ...(now ? { now } : {}),
        ...(options.webhookTimeoutMs ? { timeoutMs: options.webhookTimeoutMs } : {}),
        ...(options.disableAfterMs ? { disableAfterMs: options.disableAfterMs } : {}),
      }),
    },
  });
  return {
    worker,
    transport,
    mailDir,
    async close(timeoutMs) {
      await worker.stop(timeoutMs);
      await transport.close();
    },
  };
}
