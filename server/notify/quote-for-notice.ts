// A quote and its tenant as notifications need them, read in the tenant's scope.
import type { Tx } from '../db/database.ts';
import type { PricingResult } from '../pricing/result.types.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import type { EmailBrand } from './email/email-view.ts';

export interface NoticeTenant {
  id: string;
  slug: string;
  brand: EmailBrand;
  settings: TenantSettings;
}

export interface NoticeQuote {
  id: string;
  number: string;
  status: string;
  serviceKey: string;
  serviceName: string;
  token: string;
  createdAt: Date;
  expiresAt: Date;
  pricing: PricingResult;
  contact: { name: string; email: string; phone: string | null };
  description: string | null;
  decision: { name: string | null; at: Date } | null;
}

export async function loadNoticeTenant(tx: Tx, tenantId: string): Promise<NoticeTenant | undefined> {
  const row = await tx.row<{ id: string; slug: string; name: string; locale: string; timezone: string; settings: TenantSettings }>(
    'SELECT id, slug, name, locale, timezone, settings FROM tenants WHERE id = $1',
    [tenantId],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    slug: row.slug,
    settings: row.settings,
    brand: {
      name: row.name,
      locale: row.locale,
      timezone: row.timezone,
      website: row.settings.branding?.website,
      logoUrl: row.settings.branding?.logoUrl,
      color: row.settings.themeTokens?.['color-primary'],
    },
  };
}

export async function loadNoticeQuote(tx: Tx, quoteId: string): Promise<NoticeQuote | undefined> {
  const row = await tx.row<{
    id: string; number: string; status: string; service_key: string; service_name: string; token: string; created_at: Date; expires_at: Date;
    pricing: PricingResult; contact_name: string; contact_email: string; contact_phone: string | null; description: string | null;
    decision_name: string | null; decided_at: Date | null;
  }>(
    `SELECT q.id, q.number, q.status, q.service_key, COALESCE(v.config->>'name', q.service_key) AS service_name, q.token, q.created_at, q.expires_at,
            q.pricing, q.contact_name, q.contact_email, q.contact_phone, q.description, q.decision_name, q.decided_at
       FROM quotes q LEFT JOIN service_versions v ON v.service_id = q.service_id AND v.version = q.pricing_version
      WHERE q.id = $1`,
    [quoteId],
  );
  if (!row) return undefined;
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    serviceKey: row.service_key,
    serviceName: row.service_name,
    token: row.token,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    pricing: row.pricing,
    contact: { name: row.contact_name, email: row.contact_email, phone: row.contact_phone },
    description: row.description,
    decision: row.decided_at ? { name: row.decision_name, at: new Date(row.decided_at) } : null,
  };
}
