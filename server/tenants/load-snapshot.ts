import type { Database } from '../db/database.ts';
import type { ServiceConfig } from '../pricing/index.ts';
import type { TenantSettings, TenantSnapshot } from './tenant-snapshot.ts';

/** Reads a tenant's snapshot from the database; undefined when the tenant does not exist. */
export async function loadTenantSnapshot(db: Database, tenantId: string): Promise<TenantSnapshot | undefined> {
  return db.withTenant(tenantId, async (tx) => {
    const tenant = await tx.row<{ id: string; slug: string; name: string; locale: string; currency: string; timezone: string; settings: TenantSettings; suspended: boolean }>(
      'SELECT id, slug, name, locale, currency, timezone, settings, suspended_at IS NOT NULL AS suspended FROM tenants WHERE id = $1',
      [tenantId],
    );
    if (!tenant) return undefined;
    const services = await tx.rows<{ id: string; key: string; version: number; config: ServiceConfig }>(
      `SELECT s.id, s.key, s.current_version AS version, v.config
         FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version
        WHERE s.deleted_at IS NULL
        ORDER BY s.position, s.key`,
    );
    const key = await tx.row<{ value: string }>("SELECT value FROM tenant_refs WHERE kind = 'publishable_key' AND tenant_id = $1 ORDER BY value LIMIT 1", [tenantId]);
    return {
      id: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      locale: tenant.locale,
      currency: tenant.currency.trim(),
      timezone: tenant.timezone,
      publishableKey: key?.value ?? null,
      allowedOrigins: tenant.settings.allowedOrigins,
      quoteExpiryDays: tenant.settings.quoteExpiryDays,
      themeTokens: tenant.settings.themeTokens,
      branding: tenant.settings.branding,
      services,
      ...(tenant.suspended ? { suspended: true } : {}),
      ...(tenant.settings.ai ? { ai: tenant.settings.ai } : {}),
    };
  });
}
