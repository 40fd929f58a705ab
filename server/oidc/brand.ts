// Whose look a sign-in page takes: the tenant named by the authorization
// request's `tenant` parameter (its slug), else the platform's.
import type { Database } from '../db/database.ts';
import type { TenantDirectory } from '../tenants/tenant-directory.ts';
import { PLATFORM_BRAND, type Brand } from './pages.ts';

export type BrandFor = (slug: unknown) => Promise<{ brand: Brand; platform: boolean }>;

export function createBrandLookup({ db, tenants }: { db: Database; tenants: TenantDirectory }): BrandFor {
  return async (slug) => {
    if (typeof slug !== 'string' || !/^[a-z0-9-]{2,63}$/.test(slug)) return { brand: PLATFORM_BRAND, platform: true };
    const ref = await db.withoutTenant((tx) => tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = $1", [slug]));
    const tenant = ref ? await tenants.byId(ref.tenant_id) : undefined;
    if (!tenant) return { brand: PLATFORM_BRAND, platform: true };
    return { brand: { name: tenant.name, logoUrl: tenant.branding.logoUrl, tokens: tenant.themeTokens, locale: tenant.locale }, platform: false };
  };
}
