// The worker's handler for webhook rows: sign the stored body for this
// attempt (Standard Webhooks), POST it, and learn from the answer — the
// endpoint's health, and in the end its disabling.
import type { Database } from '../../db/database.ts';
import type { DeliveryOutcome, OutboxHandler } from '../../outbox/outbox-message.types.ts';
import { loadNoticeTenant } from '../quote-for-notice.ts';
import { DISABLE_AFTER_MS, endpointState, recordFailure, recordSuccess } from './endpoints.ts';
import { postWebhook, WEBHOOK_TIMEOUT_MS } from './post-webhook.ts';
import { signWebhook, webhookIdOf } from './signature.ts';

export interface WebhookHandlerDeps {
  db: Database;
  /** Refuse private, loopback and link-local targets (production). */
  guard: boolean;
  now?: () => Date;
  timeoutMs?: number;
  disableAfterMs?: number;
}

export function createWebhookHandler({ db, guard, now = () => new Date(), timeoutMs = WEBHOOK_TIMEOUT_MS, disableAfterMs = DISABLE_AFTER_MS }: WebhookHandlerDeps): OutboxHandler {
  return async (message): Promise<DeliveryOutcome> => {
    const url = String(message.payload.url);
    const body = String(message.payload.body);
    const config = await db.withTenant(message.tenantId, async (tx) => {
      const tenant = await loadNoticeTenant(tx, message.tenantId);
      const hook = tenant?.settings.webhooks?.find((candidate) => candidate.url === url);
      return { tenant, hook, state: await endpointState(tx, url) };
    });
    if (!config.tenant || !config.hook) return { status: 'cancelled', error: 'the endpoint is no longer configured' };
    if (config.state.disabledAt) return { status: 'cancelled', error: 'the endpoint is disabled' };
    const tenant = config.tenant;

    const startedAt = now();
    const headers = signWebhook(config.hook.secret, webhookIdOf(message.id), startedAt, body);
    const answer = await postWebhook({ url, body, headers: { ...headers }, guard, timeoutMs });
    const attempt = { target: url, startedAt, durationMs: answer.durationMs, statusCode: answer.statusCode, response: answer.response };
    if (answer.ok) {
      await db.withTenant(message.tenantId, (tx) => recordSuccess(tx, url));
      return { status: 'delivered', attempt };
    }
    const error = answer.error ?? 'failed';
    const disabled = await db.withTenant(message.tenantId, (tx) => recordFailure(tx, tenant, url, startedAt, error, disableAfterMs));
    return disabled ? { status: 'cancelled', error: `${error}; the endpoint is disabled after failing for days`, attempt } : { status: 'retry', error, attempt };
  };
}
