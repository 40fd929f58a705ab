// Where emails go: to SMTP_URL when it is set (nodemailer, pooled), else into
// the local mailbox under DATA_DIR/mail (development; listed at /dev/mail).
import nodemailer from 'nodemailer';
import { writeMailboxEntry } from './file-mailbox.ts';
import { messageIdOf, type OutgoingEmail } from './outgoing-email.ts';

export type SendResult =
  | { ok: true; response: string; code: number | null }
  /** `permanent`: the server refused for good (5xx); else worth another try. */
  | { ok: false; permanent: boolean; error: string; code: number | null };

export interface MailTransport {
  /** "SMTP (smtp://host:port)" or "local mailbox (./.data/mail)", for logs and the start banner. */
  readonly description: string;
  send(email: OutgoingEmail): Promise<SendResult>;
  close(): Promise<void>;
}

export interface MailTransportOptions {
  smtpUrl: string | undefined;
  /** The sender's address; emails show the tenant's name with it. */
  fromAddress: string;
  /** Where the local mailbox lives when there is no SMTP. */
  mailDir: string;
}

function domainOf(address: string): string {
  return address.split('@')[1] ?? 'localhost';
}

/** The message nodemailer composes (both transports build the same one). */
function compose(email: OutgoingEmail, fromAddress: string) {
  return {
    messageId: messageIdOf(email.id, domainOf(fromAddress)),
    date: email.date,
    from: { name: email.fromName, address: fromAddress },
    to: email.to,
    ...(email.replyTo ? { replyTo: email.replyTo } : {}),
    subject: email.subject,
    text: email.text,
    html: email.html,
    headers: email.headers,
  };
}

function smtpTransport(url: string, fromAddress: string): MailTransport {
  const transport = nodemailer.createTransport(url, { pool: true, maxConnections: 5, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as never);
  const parsed = new URL(url);
  return {
    description: `SMTP (${parsed.protocol}//${parsed.host})`,
    async send(email) {
      try {
        const info = (await transport.sendMail(compose(email, fromAddress))) as { response?: string };
        const response = String(info.response ?? '');
        return { ok: true, response, code: Number(/^\d{3}/.exec(response)?.[0]) || null };
      } catch (error) {
        const code = (error as { responseCode?: number }).responseCode ?? null;
        return { ok: false, permanent: code !== null && code >= 500 && code < 600, error: (error as Error).message, code };
      }
    },
    async close() {
      transport.close();
    },
  };
}

function mailboxTransport(dir: string, fromAddress: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    description: `local mailbox (${dir})`,
    async send(email) {
      const info = (await composer.sendMail(compose(email, fromAddress))) as { message: Buffer };
      // Written under the message's id: a second delivery replaces the first, it does not add one.
      await writeMailboxEntry(dir, email, fromAddress, info.message);
      return { ok: true, response: `written to ${dir}/${email.id}.eml`, code: null };
    },
    async close() {
      composer.close();
    },
  };
}

export function createMailTransport(options: MailTransportOptions): MailTransport {
  return options.smtpUrl ? smtpTransport(options.smtpUrl, options.fromAddress) : mailboxTransport(options.mailDir, options.fromAddress);
}
