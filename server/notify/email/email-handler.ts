// The worker's handler for email rows: send the stored message through the
// transport. A 5xx refusal is final; anything else is tried again.
import type { DeliveryOutcome, OutboxHandler } from '../../outbox/outbox-message.types.ts';
import type { MailTransport } from './mail-transport.ts';
import type { EmailPayload } from './outgoing-email.ts';

export function createEmailHandler(transport: MailTransport): OutboxHandler {
  return async (message): Promise<DeliveryOutcome> => {
    const payload = message.payload as unknown as EmailPayload;
    const startedAt = new Date();
    const started = performance.now();
    const result = await transport.send({ ...payload, id: message.id, date: message.createdAt });
    const attempt = {
      target: payload.to.join(', '),
      startedAt,
      durationMs: performance.now() - started,
      statusCode: result.code,
      response: result.ok ? result.response : null,
    };
    if (result.ok) return { status: 'delivered', attempt };
    return { status: result.permanent ? 'failed' : 'retry', error: result.error, attempt };
  };
}
