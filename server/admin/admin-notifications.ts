// Notification settings on the admin API: where alerts go (notifications.emails,
// replyTo) and the webhook endpoints, kept in tenants.settings as a tenant file
// has them. An endpoint's id is derived from its URL (urlKey, as the outbox's
// dedupe keys are), so endpoints from files and from the API are addressed
// alike; changing the URL gives a new id. The signing secret is shown once,
// when the endpoint is created, and never again. What delivery learned (failing
// since, disabled) lives in webhook_endpoints; the delivery log in
// delivery_attempts. Every change is audited in its own transaction.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import { InvalidRequestError, NotFoundError } from '../errors.ts';
import { urlKey } from '../notify/fan-out.ts';
import { notificationsSchema, webhooksSchema, type NotificationSettings, type WebhookEndpointConfig } from '../notify/notification-settings.ts';
import { enableWebhookEndpointIn } from '../notify/webhooks/endpoints.ts';
import { QUOTE_EVENT_TYPES } from '../outbox/enqueue.ts';
import { replayMessageIn } from '../outbox/replay.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { MessagePendingError } from './errors.ts';

export interface NotificationEmails {
  emails: string[];
  replyTo: string | null;
}

export interface WebhookEndpointView {
  id: string;
  url: string;
  events: string[];
  /** active; failing (no success since failingSince); disabled (after failing five days running: enable it). */
  state: 'active' | 'failing' | 'disabled';
  failingSince: string | null;
  disabledAt: string | null;
}

export interface CreatedWebhookEndpoint extends WebhookEndpointView {
  /** Shown this once. */
  secret: string;
}

export interface DeliveryAttemptView {
  id: string;
  messageId: string;
  event: string;
  messageStatus: string;
  attempt: number;
  attemptedAt: string;
  durationMs: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  /** The start of the endpoint's answer (at most RESPONSE_PREVIEW_CHARS). */
  response: string | null;
}

export const RESPONSE_PREVIEW_CHARS = 500;

const emailsPatch = z
  .strictObject({
    emails: z.array(z.email('must be an email address').max(254)).max(20).optional(),
    replyTo: z.email('must be an email address').max(254).nullable().optional(),
  })
  .refine((patch) => patch.emails !== undefined || patch.replyTo !== undefined, 'send emails or replyTo');

const events = z
  .array(z.enum(QUOTE_EVENT_TYPES))
  .min(1)
  .refine((list) => new Set(list).size === list.length, 'must not name an event twice');

const createBody = z.strictObject({ url: z.string().max(2000), events, secret: z.string().max(200).optional() });
const updateBody = z.strictObject({ url: z.string().max(2000).optional(), events: events.optional() }).refine((patch) => patch.url !== undefined || patch.events !== undefined, 'send url or events');
const deliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().regex(/^[1-9]\d{0,18}$/, 'is not a cursor this API gave out').optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError(`The ${what} does not have the expected shape.`, zodIssuesToDetails(parsed.error.issues));
}

/** A Standard Webhooks secret: whsec_ and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

interface EndpointStateRow {
  url: string;
  failing_since: Date | null;
  disabled_at: Date | null;
}

function viewOf(hook: WebhookEndpointConfig, state: EndpointStateRow | undefined): WebhookEndpointView {
  const disabledAt = state?.disabled_at ? new Date(state.disabled_at).toISOString() : null;
  const failingSince = state?.failing_since ? new Date(state.failing_since).toISOString() : null;
  return { id: urlKey(hook.url), url: hook.url, events: [...hook.events], state: disabledAt ? 'disabled' : failingSince ? 'failing' : 'active', failingSince, disabledAt };
}

/** Without the secret: what the audit log keeps of an endpoint. */
function audited(hook: WebhookEndpointConfig): { url: string; events: string[] } {
  return { url: hook.url, events: [...hook.events] };
}

const NOT_FOUND = 'This tenant has no webhook endpoint with that id.';

export interface AdminNotifications {
  emails(tenantId: string): Promise<NotificationEmails>;
  updateEmails(actor: Actor, meta: RequestMeta, input: unknown): Promise<NotificationEmails>;
  webhooks(tenantId: string): Promise<WebhookEndpointView[]>;
  createWebhook(actor: Actor, meta: RequestMeta, input: unknown): Promise<CreatedWebhookEndpoint>;
  updateWebhook(actor: Actor, meta: RequestMeta, id: string, input: unknown): Promise<WebhookEndpointView>;
  deleteWebhook(actor: Actor, meta: RequestMeta, id: string): Promise<void>;
  enableWebhook(actor: Actor, meta: RequestMeta, id: string): Promise<WebhookEndpointView>;
  deliveries(tenantId: string, id: string, query: unknown): Promise<{ data: DeliveryAttemptView[]; nextCursor: string | null }>;
  replay(actor: Actor, meta: RequestMeta, id: string, messageId: string): Promise<{ messageId: string; status: 'pending' }>;
}

async function settingsOf(tx: Tx, tenantId: string, lock = false): Promise<TenantSettings> {
  const row = await tx.row<{ settings: TenantSettings }>(`SELECT settings FROM tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
  if (!row) throw new Error(`tenant ${tenantId} is missing`);
  return row.settings;
}

async function saveSettings(tx: Tx, tenantId: string, settings: TenantSettings): Promise<void> {
  await tx.exec('UPDATE tenants SET settings = $2, updated_at = now() WHERE id = $1', [tenantId, JSON.stringify(settings)]);
}

async function stateOf(tx: Tx, url: string): Promise<EndpointStateRow | undefined> {
  return tx.row<EndpointStateRow>('SELECT url, failing_since, disabled_at FROM webhook_endpoints WHERE url = $1', [url]);
}

/** The endpoints after a change, validated as a tenant file's (URL shape, at most 10, URLs unique). */
function validated(hooks: WebhookEndpointConfig[]): WebhookEndpointConfig[] {
  const parsed = webhooksSchema.safeParse(hooks, { reportInput: true });
  if (parsed.success) return parsed.data as WebhookEndpointConfig[];
  // Paths name the list's index; the caller sent one endpoint, so keep only the field.
  const details = zodIssuesToDetails(parsed.error.issues).map((detail) => ({ ...detail, path: detail.path.replace(/^\[?\d+\]?\.?/, '') || 'webhooks' }));
  throw new InvalidRequestError('The webhook endpoint does not validate.', details);
}

function emailsOf(notifications: NotificationSettings | undefined): NotificationEmails {
  return { emails: [...(notifications?.emails ?? [])], replyTo: notifications?.replyTo ?? null };
}

export function createAdminNotifications({ db, onChange }: { db: Database; onChange: (tenantId: string) => Promise<void> }): AdminNotifications {
  /** Runs `work` on the tenant's endpoint with this id, inside a transaction holding the tenant row. */
  const withEndpoint = async <T>(actor: Actor, id: string, work: (tx: Tx, settings: TenantSettings, hooks: WebhookEndpointConfig[], index: number) => Promise<T>): Promise<T> => {
    const result = await db.withTenant(actor.tenantId, async (tx) => {
      const settings = await settingsOf(tx, actor.tenantId, true);
      const hooks = settings.webhooks ?? [];
      const index = hooks.findIndex((hook) => urlKey(hook.url) === id);
      if (index < 0) throw new NotFoundError(NOT_FOUND);
      return work(tx, settings, hooks, index);
    });
    await onChange(actor.tenantId);
    return result;
  };

  return {
    async emails(tenantId) {
      return emailsOf((await db.withTenant(tenantId, (tx) => settingsOf(tx, tenantId))).notifications);
    },

    async updateEmails(actor, meta, input) {
      const patch = parse(emailsPatch, input, 'body');
      const after = await db.withTenant(actor.tenantId, async (tx) => {
        const settings = await settingsOf(tx, actor.tenantId, true);
        const before = emailsOf(settings.notifications);
        const next = { ...(settings.notifications ?? { emails: [] }), emails: patch.emails ?? before.emails } as Record<string, unknown>;
        if (patch.replyTo === null) delete next.replyTo;
        else if (patch.replyTo !== undefined) next.replyTo = patch.replyTo;
        const checked = notificationsSchema.safeParse(next, { reportInput: true });
        if (!checked.success) throw new InvalidRequestError('The notification settings do not validate.', zodIssuesToDetails(checked.error.issues));
        await saveSettings(tx, actor.tenantId, { ...settings, notifications: checked.data });
        const after = emailsOf(checked.data);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'notifications.updated', targetType: 'tenant', targetId: actor.tenantId, before, after });
        return after;
      });
      await onChange(actor.tenantId);
      return after;
    },

    async webhooks(tenantId) {
      return db.withTenant(tenantId, async (tx) => {
        const hooks = (await settingsOf(tx, tenantId)).webhooks ?? [];
        const states = new Map((await tx.rows<EndpointStateRow>('SELECT url, failing_since, disabled_at FROM webhook_endpoints')).map((row) => [row.url, row]));
        return hooks.map((hook) => viewOf(hook, states.get(hook.url)));
      });
    },

    async createWebhook(actor, meta, input) {
      const body = parse(createBody, input, 'body');
      const hook: WebhookEndpointConfig = { url: body.url, secret: body.secret ?? newWebhookSecret(), events: body.events };
      const created = await db.withTenant(actor.tenantId, async (tx) => {
        const settings = await settingsOf(tx, actor.tenantId, true);
        const hooks = validated([...(settings.webhooks ?? []), hook]);
        await saveSettings(tx, actor.tenantId, { ...settings, webhooks: hooks });
        // An endpoint made again under a URL that was disabled before starts afresh.
        await tx.exec('DELETE FROM webhook_endpoints WHERE url = $1', [hook.url]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'webhook.created', targetType: 'webhook_endpoint', targetId: urlKey(hook.url), after: audited(hook) });
        return { ...viewOf(hook, undefined), secret: hook.secret };
      });
      await onChange(actor.tenantId);
      return created;
    },

    async updateWebhook(actor, meta, id, input) {
      const patch = parse(updateBody, input, 'body');
      return withEndpoint(actor, id, async (tx, settings, hooks, index) => {
        const before = hooks[index] as WebhookEndpointConfig;
        const after: WebhookEndpointConfig = { url: patch.url ?? before.url, secret: before.secret, events: patch.events ?? before.events };
        const next = validated(hooks.map((hook, i) => (i === index ? after : hook)));
        await saveSettings(tx, actor.tenantId, { ...settings, webhooks: next });
        // A new URL is a new endpoint to delivery: what was learned about the old one goes.
        if (after.url !== before.url) await tx.exec('DELETE FROM webhook_endpoints WHERE url = ANY($1::text[])', [[before.url, after.url]]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'webhook.updated', targetType: 'webhook_endpoint', targetId: id, before: audited(before), after: audited(after) });
        return viewOf(after, await stateOf(tx, after.url));
      });
    },

    async deleteWebhook(actor, meta, id) {
      await withEndpoint(actor, id, async (tx, settings, hooks, index) => {
        const gone = hooks[index] as WebhookEndpointConfig;
        await saveSettings(tx, actor.tenantId, { ...settings, webhooks: hooks.filter((_, i) => i !== index) });
        await tx.exec('DELETE FROM webhook_endpoints WHERE url = $1', [gone.url]);
        // Messages still queued for it would go to an endpoint the tenant removed.
        await tx.exec("UPDATE outbox SET status = 'cancelled', last_error = 'the endpoint was deleted', locked_until = NULL, locked_by = NULL WHERE kind = 'webhook' AND status = 'pending' AND payload->>'url' = $1", [gone.url]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'webhook.deleted', targetType: 'webhook_endpoint', targetId: id, before: audited(gone) });
      });
    },

    async enableWebhook(actor, meta, id) {
      return withEndpoint(actor, id, async (tx, _settings, hooks, index) => {
        const hook = hooks[index] as WebhookEndpointConfig;
        const before = await stateOf(tx, hook.url);
        if (await enableWebhookEndpointIn(tx, hook.url)) {
          await recordAudit(tx, actor.tenantId, actor, meta, {
            action: 'webhook.enabled',
            targetType: 'webhook_endpoint',
            targetId: id,
            before: { url: hook.url, disabledAt: before?.disabled_at ?? null, failingSince: before?.failing_since ?? null },
            after: { url: hook.url, disabledAt: null, failingSince: null },
          });
        }
        return viewOf(hook, await stateOf(tx, hook.url));
      });
    },

    async deliveries(tenantId, id, query) {
      const { limit, cursor } = parse(deliveriesQuery, query, 'query');
      return db.withTenant(tenantId, async (tx) => {
        const hook = ((await settingsOf(tx, tenantId)).webhooks ?? []).find((h) => urlKey(h.url) === id);
        if (!hook) throw new NotFoundError(NOT_FOUND);
        const rows = await tx.rows<{
          id: string; message_id: string; topic: string; status: string; attempt: number; attempted_at: Date; duration_ms: number; ok: boolean; status_code: number | null; error: string | null; response: string | null;
        }>(
          `SELECT a.id::text AS id, a.message_id, o.topic, o.status, a.attempt, a.attempted_at, a.duration_ms, a.ok, a.status_code, a.error, left(a.response, ${RESPONSE_PREVIEW_CHARS}) AS response
             FROM delivery_attempts a JOIN outbox o ON o.id = a.message_id
            WHERE o.kind = 'webhook' AND o.payload->>'url' = $1 AND ($2::bigint IS NULL OR a.id < $2::bigint)
            ORDER BY a.id DESC LIMIT $3`,
          [hook.url, cursor ?? null, limit + 1],
        );
        const page = rows.slice(0, limit);
        return {
          data: page.map((row) => ({
            id: row.id,
            messageId: row.message_id,
            event: row.topic,
            messageStatus: row.status,
            attempt: row.attempt,
            attemptedAt: new Date(row.attempted_at).toISOString(),
            durationMs: row.duration_ms,
            ok: row.ok,
            statusCode: row.status_code,
            error: row.error,
            response: row.response,
          })),
          nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
        };
      });
    },

    async replay(actor, meta, id, messageId) {
      return withEndpoint(actor, id, async (tx, _settings, hooks, index) => {
        const hook = hooks[index] as WebhookEndpointConfig;
        const message = /^[0-9a-f-]{36}$/i.test(messageId)
          ? await tx.row<{ status: string; topic: string }>("SELECT status, topic FROM outbox WHERE id = $1 AND kind = 'webhook' AND payload->>'url' = $2", [messageId, hook.url])
          : undefined;
        if (!message) throw new NotFoundError('This endpoint has no message with that id.');
        if (!(await replayMessageIn(tx, messageId))) throw new MessagePendingError();
        await recordAudit(tx, actor.tenantId, actor, meta, {
          action: 'webhook.replayed',
          targetType: 'outbox_message',
          targetId: messageId,
          before: { status: message.status },
          after: { status: 'pending', endpoint: hook.url, event: message.topic },
        });
        return { messageId, status: 'pending' as const };
      });
    },
  };
}
