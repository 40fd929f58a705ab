// The worker's handler for event rows: one change of a quote becomes the
// tenant's messages — emails to the visitor and the business, one webhook per
// subscribed endpoint — written to the outbox in one transaction. Their dedupe
// keys derive from the event's, so fanning the same event out twice (a crash
// before the event is marked done) adds nothing.
import { createHash } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import { enqueue, QUOTE_RESENT, type OutboxEntry, type QuoteEventType } from '../outbox/enqueue.ts';
import type { DeliveryOutcome, OutboxHandler, OutboxMessage } from '../outbox/outbox-message.types.ts';
import { localDate } from '../time.ts';
import {
  decisionToTenantView,
  decisionToVisitorView,
  newQuoteAlertView,
  overrideContext,
  quoteToVisitorView,
  type EmailDecision,
  type EmailQuote,
  type EmailView,
  type OverridableTemplateId,
} from './email/email-view.ts';
import { emailLang, tenantWords } from './email/messages.ts';
import type { EmailPayload } from './email/outgoing-email.ts';
import { renderWithOverride } from './email/render-email.ts';
import { loadNoticeQuote, loadNoticeTenant, type NoticeQuote, type NoticeTenant } from './quote-for-notice.ts';
import { unsubscribeToken } from './unsubscribe.ts';

export interface FanOutDeps {
  db: Database;
  publicUrl: string;
  /** Signs unsubscribe links. */
  secret: string;
}

/** Sent on emails nobody should auto-reply to (RFC 3834). */
const AUTO = { 'Auto-Submitted': 'auto-generated' };

export function urlKey(url: string): string {
  return createHash('sha256').update(url).digest('hex').slice(0, 32);
}

/** The webhook body of a quote event (Standard Webhooks: type, timestamp, data). */
export function webhookBody(type: QuoteEventType, at: Date, tenant: NoticeTenant, quote: NoticeQuote, publicUrl: string): string {
  const status = type === 'quote.created' ? 'sent' : type === 'quote.viewed' ? 'viewed' : type === 'quote.accepted' ? 'accepted' : 'declined';
  return JSON.stringify({
    type,
    timestamp: at.toISOString(),
    data: {
      id: quote.id,
      tenant: tenant.slug,
      number: quote.number,
      status,
      service: quote.serviceKey,
      serviceName: quote.serviceName,
      total: quote.pricing.total,
      currency: quote.pricing.currency,
      range: quote.pricing.range,
      url: `${publicUrl}/q/${quote.token}`,
      createdAt: quote.createdAt.toISOString(),
      expiresAt: quote.expiresAt.toISOString(),
      contact: quote.contact,
      description: quote.description,
      decision: type === 'quote.accepted' || type === 'quote.declined' ? { name: quote.decision?.name ?? null, at: (quote.decision?.at ?? at).toISOString() } : null,
    },
  });
}

export function createFanOut({ db, publicUrl, secret }: FanOutDeps): OutboxHandler {
  return async (message: OutboxMessage): Promise<DeliveryOutcome> => {
    // A resend is the visitor's quote email again, and nothing else.
    const resent = message.topic === QUOTE_RESENT;
    const type = (resent ? 'quote.created' : message.topic) as QuoteEventType;
    const quoteId = String(message.payload.quoteId ?? '');
    return db.withTenant(message.tenantId, async (tx) => {
      const tenant = await loadNoticeTenant(tx, message.tenantId);
      const quote = tenant && (await loadNoticeQuote(tx, quoteId));
      if (!tenant || !quote) return { status: 'cancelled', error: 'the quote no longer exists' };
      const entries = resent
        ? await emails(tx, message, type, tenant, quote, true)
        : [...(await emails(tx, message, type, tenant, quote)), ...(await webhooks(tx, message, type, tenant, quote))];
      await enqueue(tx, entries);
      return { status: 'delivered' };
    });
  };

  async function emails(tx: Tx, event: OutboxMessage, type: QuoteEventType, tenant: NoticeTenant, quote: NoticeQuote, visitorOnly = false): Promise<OutboxEntry[]> {
    if (type === 'quote.viewed') return [];
    const notifications = tenant.settings.notifications;
    const suppressed = new Set((await tx.rows<{ email: string }>('SELECT email FROM email_suppressions')).map((row) => row.email));
    const alertTo = (notifications?.emails ?? []).filter((email) => !suppressed.has(email.toLowerCase()));
    const replyTo = notifications?.replyTo ?? notifications?.emails[0] ?? null;
    const emailQuote: EmailQuote = {
      number: quote.number,
      serviceName: quote.serviceName,
      url: `${publicUrl}/q/${quote.token}`,
      createdAt: quote.createdAt,
      expiresAt: quote.expiresAt,
      pricing: quote.pricing,
      contact: quote.contact,
      description: quote.description,
    };
    const decision: EmailDecision | null =
      type === 'quote.accepted' || type === 'quote.declined' ? { outcome: type === 'quote.accepted' ? 'accepted' : 'declined', name: quote.decision?.name ?? null, at: quote.decision?.at ?? event.createdAt } : null;
    const notices: string[] = [];

    /** Renders with the tenant's override, if any; a failure is noted for the business and the default is used. */
    const render = async (id: OverridableTemplateId, view: EmailView, withLink: boolean) => {
      const override = notifications?.templates?.[id];
      const result = renderWithOverride(view, override, override ? overrideContext(view, tenant.brand, emailQuote, decision, { withLink }) : {});
      if (result.failure) {
        const text = tenantWords(emailLang(tenant.brand.locale)).words.templateFailed(`${id} (${result.failure.part})`, result.failure.error);
        if (!notices.includes(text)) notices.push(text);
        await tx.exec(
          `INSERT INTO tenant_notices (tenant_id, kind, dedupe_key, message, data, created_at)
           VALUES ($1, 'email_template_failed', $2, $3, $4, $5) ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`,
          [tenant.id, `template:${id}:${result.failure.part}:${localDate(tenant.brand.timezone, event.createdAt)}`, text, JSON.stringify({ template: id, ...result.failure }), event.createdAt],
        );
      }
      return result.content;
    };

    const entry = (role: string, template: OverridableTemplateId, payload: Omit<EmailPayload, 'template'>): OutboxEntry => ({
      tenantId: tenant.id,
      kind: 'email',
      topic: template,
      dedupeKey: `${event.dedupeKey}:email:${role}`,
      payload: { template, ...payload },
      at: event.createdAt,
      parentId: event.id,
    });

    const out: OutboxEntry[] = [];
    // The visitor's email first: a failure of its template is then told in the business's alert.
    const visitorTemplate: OverridableTemplateId = type === 'quote.created' ? 'quote-to-visitor' : 'decision-to-visitor';
    const visitorView = type === 'quote.created' ? quoteToVisitorView(tenant.brand, emailQuote) : decisionToVisitorView(tenant.brand, emailQuote, decision as EmailDecision);
    const visitorContent = await render(visitorTemplate, visitorView, true);
    out.push(entry('visitor', visitorTemplate, { fromName: tenant.brand.name, to: [quote.contact.email], replyTo, headers: { ...AUTO }, ...visitorContent }));
    if (visitorOnly) return out;

    const tenantTemplate: OverridableTemplateId = type === 'quote.created' ? 'new-quote-alert' : 'decision-to-tenant';
    for (const address of alertTo) {
      const unsubscribeUrl = `${publicUrl}/unsubscribe/${unsubscribeToken(secret, tenant.id, address)}`;
      const recipient = { email: address, unsubscribeUrl, notices };
      const view = type === 'quote.created' ? newQuoteAlertView(tenant.brand, emailQuote, recipient) : decisionToTenantView(tenant.brand, emailQuote, decision as EmailDecision, recipient);
      const content = await render(tenantTemplate, view, false);
      out.push(
        entry(`tenant:${address.toLowerCase()}`, tenantTemplate, {
          fromName: `${tenant.brand.name} · Quote Master Pro`,
          to: [address],
          replyTo: quote.contact.email,
          headers: { ...AUTO, 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
          ...content,
        }),
      );
    }
    return out;
  }

  async function webhooks(tx: Tx, event: OutboxMessage, type: QuoteEventType, tenant: NoticeTenant, quote: NoticeQuote): Promise<OutboxEntry[]> {
    const hooks = (tenant.settings.webhooks ?? []).filter((hook) => hook.events.includes(type));
    if (hooks.length === 0) return [];
    const disabled = new Set((await tx.rows<{ url: string }>('SELECT url FROM webhook_endpoints WHERE disabled_at IS NOT NULL')).map((row) => row.url));
    const body = webhookBody(type, event.createdAt, tenant, quote, publicUrl);
    return hooks
      .filter((hook) => !disabled.has(hook.url))
      .map((hook) => ({
        tenantId: tenant.id,
        kind: 'webhook' as const,
        topic: type,
        dedupeKey: `${event.dedupeKey}:webhook:${urlKey(hook.url)}`,
        payload: { url: hook.url, body },
        at: event.createdAt,
        parentId: event.id,
      }));
  }
}
