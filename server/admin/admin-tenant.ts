// The tenant's own settings on the admin API: profile, locale, currency,
// timezone, theme, branding, allowed origins, quote expiry. Changes are
// validated by the same schema as tenant files, audited with before/after,
// and dropped from every replica's cache so the widget sees them at once.
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import { tenantFileSchema } from '../tenants/tenant-file.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import { DEFAULT_PRESET, resolveThemeTokens, type ThemePresets } from '../tenants/themes.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';

export interface TenantProfile {
  id: string;
  slug: string;
  name: string;
  locale: string;
  currency: string;
  timezone: string;
  theme: { preset: string; tokens: Record<string, string> };
  themeTokens: Record<string, string>;
  branding: { logoUrl?: string | undefined; website?: string | undefined };
  allowedOrigins: string[];
  quoteExpiryDays: number;
  suspended: boolean;
  updatedAt: string;
}

/** What PATCH /v1/admin/tenant takes: any of these keys, validated as in a tenant file. */
export const tenantPatchSchema = tenantFileSchema
  .pick({ name: true, locale: true, currency: true, timezone: true, theme: true, branding: true, allowedOrigins: true, quoteExpiryDays: true })
  .partial();

export type TenantPatch = z.output<typeof tenantPatchSchema>;

interface TenantRow {
  id: string;
  slug: string;
  name: string;
  locale: string;
  currency: string;
  timezone: string;
  settings: TenantSettings;
  suspended_at: Date | null;
  updated_at: Date;
}

function profileOf(row: TenantRow): TenantProfile {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    locale: row.locale,
    currency: row.currency.trim(),
    timezone: row.timezone,
    theme: { preset: row.settings.theme?.preset ?? DEFAULT_PRESET, tokens: row.settings.theme?.tokens ?? {} },
    themeTokens: row.settings.themeTokens,
    branding: row.settings.branding,
    allowedOrigins: row.settings.allowedOrigins,
    quoteExpiryDays: row.settings.quoteExpiryDays,
    suspended: row.suspended_at !== null,
    updatedAt: row.updated_at.toISOString(),
  };
}

const SELECT = 'SELECT id, slug, name, locale, currency, timezone, settings, suspended_at, updated_at FROM tenants WHERE id = $1';

export interface AdminTenant {
  get(tenantId: string): Promise<TenantProfile>;
  update(actor: Actor, meta: RequestMeta, input: unknown): Promise<TenantProfile>;
}

async function readRow(tx: Tx, tenantId: string, lock = false): Promise<TenantRow> {
  const row = await tx.row<TenantRow>(lock ? `${SELECT} FOR UPDATE` : SELECT, [tenantId]);
  if (!row) throw new Error(`tenant ${tenantId} is missing`);
  return row;
}

export function createAdminTenant({ db, presets, onChange }: { db: Database; presets: ThemePresets; onChange: (tenantId: string) => Promise<void> }): AdminTenant {
  return {
    async get(tenantId) {
      return profileOf(await db.withTenant(tenantId, (tx) => readRow(tx, tenantId)));
    },

    async update(actor, meta, input) {
      const parsed = tenantPatchSchema.safeParse(input, { reportInput: true });
      if (!parsed.success) throw new InvalidRequestError('The settings do not validate.', zodIssuesToDetails(parsed.error.issues));
      // Only the keys sent: the file schema's defaults (theme, quoteExpiryDays) must not creep into a partial change.
      const sent = new Set(Object.keys(input as object));
      const patch = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => sent.has(key))) as TenantPatch;
      if (Object.keys(patch).length === 0) throw new InvalidRequestError('Send at least one setting to change.');
      const updated = await db.withTenant(actor.tenantId, async (tx) => {
        const row = await readRow(tx, actor.tenantId, true);
        const before = profileOf(row);
        if (patch.currency !== undefined && patch.currency !== before.currency) {
          const other = await tx.row<{ key: string }>("SELECT s.key FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version WHERE s.deleted_at IS NULL AND v.config->>'currency' <> $1 LIMIT 1", [patch.currency]);
          if (other) throw new InvalidRequestError('Change the currency of every service first.', [{ path: 'currency', message: `the service "${other.key}" prices in ${before.currency}` }]);
        }
        const theme = patch.theme ? { preset: patch.theme.preset, ...(patch.theme.tokens ? { tokens: { ...patch.theme.tokens } as Record<string, string> } : {}) } : row.settings.theme;
        const settings: TenantSettings = {
          ...row.settings,
          allowedOrigins: patch.allowedOrigins ?? row.settings.allowedOrigins,
          quoteExpiryDays: patch.quoteExpiryDays ?? row.settings.quoteExpiryDays,
          branding: patch.branding ? { ...patch.branding } : row.settings.branding,
          themeTokens: patch.theme ? { ...resolveThemeTokens(presets, patch.theme) } : row.settings.themeTokens,
          ...(theme ? { theme } : {}),
        };
        await tx.exec('UPDATE tenants SET name = $2, locale = $3, currency = $4, timezone = $5, settings = $6, updated_at = now() WHERE id = $1', [
          actor.tenantId,
          patch.name ?? row.name,
          patch.locale ?? row.locale,
          patch.currency ?? before.currency,
          patch.timezone ?? row.timezone,
          JSON.stringify(settings),
        ]);
        const after = profileOf(await readRow(tx, actor.tenantId));
        const changed = Object.keys(patch) as Array<keyof TenantPatch>;
        await recordAudit(tx, actor.tenantId, actor, meta, {
          action: 'tenant.updated',
          targetType: 'tenant',
          targetId: actor.tenantId,
          before: Object.fromEntries(changed.map((key) => [key, before[key]])),
          after: Object.fromEntries(changed.map((key) => [key, after[key]])),
        });
        return after;
      });
      await onChange(actor.tenantId);
      return updated;
    },
  };
}
