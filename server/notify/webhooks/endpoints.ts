// What delivery learns about each webhook endpoint: when it started failing
// (reset by any success), and whether it was disabled for failing five days
// running — then the business is told by email and a notice.
import type { Database, Tx } from '../../db/database.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { renderDefault } from '../email/render-email.ts';
import { webhookDisabledView } from '../email/email-view.ts';
import { emailLang, tenantWords } from '../email/messages.ts';
import { urlKey } from '../fan-out.ts';
import type { NoticeTenant } from '../quote-for-notice.ts';

/** An endpoint failing this long without a single success is disabled. */
export const DISABLE_AFTER_MS = 5 * 86_400_000;

export interface EndpointState {
  failingSince: Date | null;
  disabledAt: Date | null;
}

export async function endpointState(tx: Tx, url: string): Promise<EndpointState> {
  const row = await tx.row<{ failing_since: Date | null; disabled_at: Date | null }>('SELECT failing_since, disabled_at FROM webhook_endpoints WHERE url = $1', [url]);
  return { failingSince: row?.failing_since ? new Date(row.failing_since) : null, disabledAt: row?.disabled_at ? new Date(row.disabled_at) : null };
}

/** A success: the endpoint is healthy again (written only when it was failing). */
export async function recordSuccess(tx: Tx, url: string): Promise<void> {
  await tx.exec('UPDATE webhook_endpoints SET failing_since = NULL WHERE url = $1 AND failing_since IS NOT NULL', [url]);
}

/**
 * A failure at `at`: starts (or continues) the endpoint's failing streak, and disables it when the
 * streak has lasted DISABLE_AFTER_MS — telling the business once. Answers whether it is now disabled.
 */
export async function recordFailure(tx: Tx, tenant: NoticeTenant, url: string, at: Date, error: string, disableAfterMs = DISABLE_AFTER_MS): Promise<boolean> {
  const row = await tx.row<{ failing_since: Date; disabled_at: Date | null }>(
    `INSERT INTO webhook_endpoints (tenant_id, url, failing_since) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, url) DO UPDATE SET failing_since = COALESCE(webhook_endpoints.failing_since, EXCLUDED.failing_since)
     RETURNING failing_since, disabled_at`,
    [tenant.id, url, at],
  );
  if (!row) return false;
  if (row.disabled_at) return true;
  const failingSince = new Date(row.failing_since);
  if (at.getTime() - failingSince.getTime() < disableAfterMs) return false;

  await tx.exec('UPDATE webhook_endpoints SET disabled_at = $2 WHERE url = $1', [url, at]);
  const key = `webhook-disabled:${urlKey(url)}:${failingSince.toISOString()}`;
  const view = webhookDisabledView(tenant.brand, { url, failingSince, lastError: error });
  await tx.exec(
    `INSERT INTO tenant_notices (tenant_id, kind, dedupe_key, message, data, created_at)
     VALUES ($1, 'webhook_endpoint_disabled', $2, $3, $4, $5) ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`,
    [tenant.id, key, tenantWords(emailLang(tenant.brand.locale)).words.webhookDisabled(url, failingSince.toISOString()), JSON.stringify({ url, failingSince, lastError: error }), at],
  );
  const content = renderDefault(view);
  await enqueue(
    tx,
    (tenant.settings.notifications?.emails ?? []).map((address) => ({
      tenantId: tenant.id,
      kind: 'email' as const,
      topic: 'webhook-disabled',
      dedupeKey: `${key}:email:${address.toLowerCase()}`,
      payload: { template: 'webhook-disabled', fromName: 'Quote Master Pro', to: [address], replyTo: null, headers: { 'Auto-Submitted': 'auto-generated' }, ...content },
      at,
    })),
  );
  return true;
}

/** Turns a disabled endpoint back on in `tx` (the admin API's enable, with its audit row); its failing streak starts afresh. */
export async function enableWebhookEndpointIn(tx: Tx, url: string): Promise<boolean> {
  return (await tx.exec('UPDATE webhook_endpoints SET disabled_at = NULL, failing_since = NULL WHERE url = $1 AND disabled_at IS NOT NULL', [url])) > 0;
}

/** Turns a disabled endpoint back on; its failing streak starts afresh. */
export async function enableWebhookEndpoint(db: Database, tenantId: string, url: string): Promise<boolean> {
  return db.withTenant(tenantId, (tx) => enableWebhookEndpointIn(tx, url));
}
