// Standard Webhooks signing (https://www.standardwebhooks.com/): the
// signature is the base64 HMAC-SHA256, keyed with the base64-decoded secret
// after "whsec_", of `${webhook-id}.${webhook-timestamp}.${body}`.
import { createHmac } from 'node:crypto';

export interface WebhookHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

export function signatureOf(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

/** The three headers of one delivery attempt (the timestamp is the attempt's). */
export function signWebhook(secret: string, id: string, at: Date, body: string): WebhookHeaders {
  const timestamp = Math.floor(at.getTime() / 1000);
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureOf(secret, id, timestamp, body) };
}

/** The webhook-id of an outbox message: the same on every attempt and replay, so receivers can drop repeats. */
export function webhookIdOf(messageId: string): string {
  return `msg_${messageId.replace(/-/g, '')}`;
}
