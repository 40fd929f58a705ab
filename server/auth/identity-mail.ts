// Mail the identity features send: team invites and password-reset links.
//
// They go the way of every other email (decision 0016): rendered now from the
// platform's templates (notify/email/email-view.ts), written to the outbox in
// the same transaction as the invite or reset they carry — so a link is
// mailed if and only if it exists — and delivered by the outbox worker to
// SMTP_URL, or to the local mailbox listed at /dev/mail in development.
// The outbox is per tenant; a person of no tenant (an operator asking for a
// password reset) is mailed at once through the transport instead.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Tx } from '../db/database.ts';
import { passwordResetView, teamInviteView } from '../notify/email/email-view.ts';
import type { MailTransport } from '../notify/email/mail-transport.ts';
import type { EmailPayload } from '../notify/email/outgoing-email.ts';
import { renderDefault } from '../notify/email/render-email.ts';
import { enqueue } from '../outbox/enqueue.ts';

export type IdentityMessage =
  | { template: 'team-invite'; to: string; data: { tenantName: string; role: string; acceptUrl: string; invitedBy: string; expiresAt: Date } }
  | { template: 'password-reset'; to: string; data: { resetUrl: string; expiresAt: Date } };

/** The tenant a message is queued in, and the language and time zone it is written in. */
export interface MailScope {
  tenantId: string;
  locale: string;
  timezone: string;
}

export interface IdentityMail {
  /** Writes the message to the outbox in `tx` (a transaction in `scope`'s tenant): sent once `tx` commits; `key` makes it once. */
  queue(tx: Tx, scope: MailScope, key: string, message: IdentityMessage): Promise<void>;
  /** Sends at once, outside any transaction (no tenant to queue in); a failure is logged, never thrown. */
  sendNow(message: IdentityMessage): Promise<void>;
}

/** The platform's own emails carry no tenant's brand. */
const FROM_NAME = 'Quote Master Pro';

/** The outbox payload of a message: the default layout, in `locale` and `timezone`. */
export function renderIdentityMail(message: IdentityMessage, locale: string, timezone: string): EmailPayload {
  const view =
    message.template === 'team-invite'
      ? teamInviteView({ locale, timezone, tenantName: message.data.tenantName, inviterName: message.data.invitedBy, role: message.data.role, acceptUrl: message.data.acceptUrl, expiresAt: message.data.expiresAt })
      : passwordResetView({ locale, timezone, email: message.to, resetUrl: message.data.resetUrl, expiresAt: message.data.expiresAt });
  return { template: message.template, fromName: FROM_NAME, to: [message.to], replyTo: null, headers: { 'Auto-Submitted': 'auto-generated' }, ...renderDefault(view) };
}

export function createIdentityMail({ transport, logger, now = () => new Date() }: { transport: MailTransport; logger: Logger; now?: () => Date }): IdentityMail {
  return {
    async queue(tx, scope, key, message) {
      const payload = renderIdentityMail(message, scope.locale, scope.timezone);
      await enqueue(tx, [{ tenantId: scope.tenantId, kind: 'email', topic: message.template, dedupeKey: `${message.template}:${key}`, payload: { ...payload }, at: now() }]);
    },

    async sendNow(message) {
      const payload = renderIdentityMail(message, 'en', 'UTC');
      const result = await transport.send({ ...payload, id: randomUUID(), date: now() }).catch((error: unknown) => ({ ok: false as const, error: (error as Error).message }));
      if (result.ok) logger.info({ template: message.template }, 'identity mail sent');
      else logger.error({ template: message.template, error: result.error }, 'identity mail could not be sent');
    },
  };
}
