// The tenant's own email templates on the admin API (issue #7): list, read,
// put, delete one per overridable email, and a preview. Kept where tenant
// files put them (settings.notifications.templates). A template is accepted
// only when the sandbox both compiles it and renders it with sample data (in
// strict mode a misspelt name fails there, not in a visitor's email); its
// message comes back as 422 invalid_template. Changes are audited.
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import { InvalidRequestError, NotFoundError } from '../errors.ts';
import {
  decisionToTenantView,
  decisionToVisitorView,
  newQuoteAlertView,
  overrideContext,
  OVERRIDABLE_TEMPLATES,
  quoteToVisitorView,
  type EmailBrand,
  type EmailDecision,
  type EmailQuote,
  type EmailView,
  type OverridableTemplateId,
} from '../notify/email/email-view.ts';
import { renderDefault, renderWithOverride, type EmailContent, type EmailOverride } from '../notify/email/render-email.ts';
import { SOURCE_LIMITS } from '../notify/email/sandbox.ts';
import { loadNoticeTenant } from '../notify/quote-for-notice.ts';
import type { PricingResult } from '../pricing/result.types.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { InvalidTemplateError } from './errors.ts';

export interface TemplateSummary {
  id: OverridableTemplateId;
  /** Which parts the tenant wrote (the rest come from the default). */
  overridden: Array<'subject' | 'text' | 'html'>;
}

export interface TemplateDetail extends TemplateSummary {
  override: EmailOverride | null;
}

export interface TemplatePreview extends EmailContent {
  id: OverridableTemplateId;
  /** Whether the tenant's template (or the draft sent) was used, or the default. */
  source: 'override' | 'draft' | 'default';
}

const overrideBody = z
  .strictObject({
    subject: z.string().max(SOURCE_LIMITS.subject).optional(),
    text: z.string().max(SOURCE_LIMITS.text).optional(),
    html: z.string().max(SOURCE_LIMITS.html).optional(),
  })
  .refine((body) => body.subject !== undefined || body.text !== undefined || body.html !== undefined, 'send at least one of subject, text, html');

const previewBody = z.strictObject({ draft: overrideBody.optional() });

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value, { reportInput: true });
  if (parsed.success) return parsed.data;
  throw new InvalidRequestError(`The ${what} does not have the expected shape.`, zodIssuesToDetails(parsed.error.issues));
}

function templateId(value: string): OverridableTemplateId {
  if ((OVERRIDABLE_TEMPLATES as readonly string[]).includes(value)) return value as OverridableTemplateId;
  throw new NotFoundError(`There is no email template "${value}" (templates: ${OVERRIDABLE_TEMPLATES.join(', ')}).`);
}

function partsOf(override: EmailOverride | undefined): TemplateSummary['overridden'] {
  return (['subject', 'text', 'html'] as const).filter((part) => override?.[part] !== undefined);
}

/** A quote that looks like the tenant's own: its currency, its locale's formats. */
function sampleQuote(currency: string, publicUrl: string): { quote: EmailQuote; decision: EmailDecision } {
  const pricing: PricingResult = {
    currency,
    pricingVersion: 1,
    lines: [
      { id: 'callout', label: 'Call-out fee', quantity: 1, unitAmount: 4900, amount: 4900, explain: 'fixed' },
      { id: 'rooms', label: 'Rooms', quantity: 2, unitAmount: 12000, amount: 24000, explain: 'rooms × 12000' },
    ],
    subtotal: 28900,
    adjustments: [{ id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -2890 }],
    tax: null,
    total: 26010,
    range: null,
    discountRejected: null,
  };
  const createdAt = new Date('2026-03-04T16:20:00Z');
  return {
    quote: {
      number: 'Q-2026-000123',
      serviceName: 'Sample service',
      url: `${publicUrl}/q/SAMPLE-TOKEN`,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 30 * 86_400_000),
      pricing,
      contact: { name: 'Jordan Alvarez', email: 'jordan@example.com', phone: '+1 312 555 0147' },
      description: 'Two bedrooms, walls and ceilings',
    },
    decision: { outcome: 'accepted', name: 'Jordan Alvarez', at: new Date('2026-03-05T10:00:00Z') },
  };
}

interface Sample {
  view: EmailView;
  context: Record<string, unknown>;
}

/** The default view of a template and what an override of it gets, for sample data. */
export function sampleOf(id: OverridableTemplateId, brand: EmailBrand, currency: string, publicUrl: string): Sample {
  const { quote, decision } = sampleQuote(currency, publicUrl);
  const recipient = { email: 'owner@example.com', unsubscribeUrl: `${publicUrl}/unsubscribe/SAMPLE`, notices: [] };
  const withLink = id === 'quote-to-visitor' || id === 'decision-to-visitor';
  const view =
    id === 'quote-to-visitor'
      ? quoteToVisitorView(brand, quote)
      : id === 'new-quote-alert'
        ? newQuoteAlertView(brand, quote, recipient)
        : id === 'decision-to-visitor'
          ? decisionToVisitorView(brand, quote, decision)
          : decisionToTenantView(brand, quote, decision, recipient);
  return { view, context: overrideContext(view, brand, quote, id.startsWith('decision') ? decision : null, { withLink }) };
}

/** Renders `override` with sample data; throws InvalidTemplateError with the sandbox's message when a part fails. */
function renderChecked(sample: Sample, override: EmailOverride): EmailContent {
  const result = renderWithOverride(sample.view, override, sample.context);
  if (result.failure) throw new InvalidTemplateError(result.failure.part, result.failure.error);
  return result.content;
}

export interface AdminEmailTemplates {
  list(tenantId: string): Promise<TemplateSummary[]>;
  get(tenantId: string, id: string): Promise<TemplateDetail>;
  put(actor: Actor, meta: RequestMeta, id: string, input: unknown): Promise<TemplateDetail>;
  remove(actor: Actor, meta: RequestMeta, id: string): Promise<void>;
  preview(tenantId: string, id: string, input: unknown): Promise<TemplatePreview>;
}

async function settingsOf(tx: Tx, tenantId: string, lock = false): Promise<{ settings: TenantSettings; currency: string }> {
  const row = await tx.row<{ settings: TenantSettings; currency: string }>(`SELECT settings, currency FROM tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
  if (!row) throw new Error(`tenant ${tenantId} is missing`);
  return { settings: row.settings, currency: row.currency.trim() };
}

export function createAdminEmailTemplates({ db, publicUrl }: { db: Database; publicUrl: string }): AdminEmailTemplates {
  const sampleFor = async (tx: Tx, tenantId: string, id: OverridableTemplateId, currency: string): Promise<Sample> => {
    const tenant = await loadNoticeTenant(tx, tenantId);
    if (!tenant) throw new Error(`tenant ${tenantId} is missing`);
    return sampleOf(id, tenant.brand, currency, publicUrl);
  };

  return {
    async list(tenantId) {
      const { settings } = await db.withTenant(tenantId, (tx) => settingsOf(tx, tenantId));
      return OVERRIDABLE_TEMPLATES.map((id) => ({ id, overridden: partsOf(settings.notifications?.templates?.[id]) }));
    },

    async get(tenantId, value) {
      const id = templateId(value);
      const { settings } = await db.withTenant(tenantId, (tx) => settingsOf(tx, tenantId));
      const override = settings.notifications?.templates?.[id];
      return { id, overridden: partsOf(override), override: override ? { ...override } : null };
    },

    async put(actor, meta, value, input) {
      const id = templateId(value);
      const body = parse(overrideBody, input, 'body');
      const override: EmailOverride = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
      return db.withTenant(actor.tenantId, async (tx) => {
        const { settings, currency } = await settingsOf(tx, actor.tenantId, true);
        renderChecked(await sampleFor(tx, actor.tenantId, id, currency), override);
        const notifications = settings.notifications ?? { emails: [] };
        const before = notifications.templates?.[id] ?? null;
        const next: TenantSettings = { ...settings, notifications: { ...notifications, templates: { ...notifications.templates, [id]: override } } };
        await tx.exec('UPDATE tenants SET settings = $2, updated_at = now() WHERE id = $1', [actor.tenantId, JSON.stringify(next)]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'email_template.updated', targetType: 'email_template', targetId: id, before, after: override });
        return { id, overridden: partsOf(override), override: { ...override } };
      });
    },

    async remove(actor, meta, value) {
      const id = templateId(value);
      await db.withTenant(actor.tenantId, async (tx) => {
        const { settings } = await settingsOf(tx, actor.tenantId, true);
        const before = settings.notifications?.templates?.[id];
        if (!before || !settings.notifications) throw new NotFoundError(`This tenant has no template of its own for "${id}"; the default is in use.`);
        const templates = { ...settings.notifications.templates };
        delete templates[id];
        const notifications = { ...settings.notifications, templates };
        if (Object.keys(templates).length === 0) delete (notifications as { templates?: unknown }).templates;
        await tx.exec('UPDATE tenants SET settings = $2, updated_at = now() WHERE id = $1', [actor.tenantId, JSON.stringify({ ...settings, notifications })]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'email_template.deleted', targetType: 'email_template', targetId: id, before });
      });
    },

    async preview(tenantId, value, input) {
      const id = templateId(value);
      const { draft } = parse(previewBody, input ?? {}, 'body');
      return db.withTenant(tenantId, async (tx) => {
        const { settings, currency } = await settingsOf(tx, tenantId);
        const sample = await sampleFor(tx, tenantId, id, currency);
        const stored = settings.notifications?.templates?.[id];
        if (draft) return { id, source: 'draft' as const, ...renderChecked(sample, Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== undefined))) };
        if (stored) return { id, source: 'override' as const, ...renderChecked(sample, stored) };
        return { id, source: 'default' as const, ...renderDefault(sample.view) };
      });
    },
  };
}
