// One outbox row as the worker hands it to a handler, and what a handler answers.

export type OutboxKind = 'event' | 'email' | 'webhook';

export interface OutboxMessage {
  /** Stable for the message's life: the email's Message-ID and the webhook's webhook-id derive from it. */
  id: string;
  tenantId: string;
  kind: OutboxKind;
  topic: string;
  dedupeKey: string;
  parentId: string | null;
  payload: Record<string, unknown>;
  /** This attempt's number (1 for the first). */
  attempt: number;
  createdAt: Date;
  /** The retry schedule's window starts here: the message's creation, or its last replay. */
  retryFrom: Date;
}

/** One attempt as the delivery log keeps it. */
export interface AttemptLog {
  /** The webhook URL, or the email's recipients. */
  target: string;
  startedAt: Date;
  durationMs: number;
  /** HTTP status, or the SMTP reply code. */
  statusCode: number | null;
  /** The start of the answer (truncated to 2 KB when stored). */
  response: string | null;
}

export type DeliveryOutcome = (
  | { status: 'delivered' }
  /** A transient failure: try again by the retry schedule. */
  | { status: 'retry'; error: string }
  /** A permanent failure: no further attempt. */
  | { status: 'failed'; error: string }
  /** Nothing to deliver any more (endpoint removed or disabled, recipient unsubscribed). */
  | { status: 'cancelled'; error: string }
) & { attempt?: AttemptLog | undefined };

/** Delivers one message of one kind. May throw: a throw counts as a transient failure. */
export type OutboxHandler = (message: OutboxMessage) => Promise<DeliveryOutcome>;
