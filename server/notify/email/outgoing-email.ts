// An email as the outbox stores it (rendered once, when the event is fanned
// out) and as transports send it: every retry sends the same message under
// the same Message-ID, which is how receivers drop a repeat.

export interface OutgoingEmail {
  /** The outbox message id; the Message-ID header is `<id@domain>`. */
  id: string;
  template: string;
  fromName: string;
  to: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** The Date header: when the message was written (the same on every attempt). */
  date: Date;
}

/** The payload of an outbox row of kind `email` (everything but id and date, which the row has). */
export type EmailPayload = Omit<OutgoingEmail, 'id' | 'date'>;

export function messageIdOf(id: string, domain: string): string {
  return `<${id}@${domain}>`;
}
