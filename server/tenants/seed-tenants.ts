// Tenants as files (api.md): each file is inserted or updated by slug, and
// running the seed twice changes nothing. A service whose configuration
// changed gets a new version; one that left the file is marked deleted.
// A file is applied when it differs from the one applied last (its hash is
// kept in tenants.seed_hash): while a file stays the same, changes made
// through the admin API stay too; a changed file makes the tenant match it.
import { isDeepStrictEqual } from 'node:util';
import { createHash, randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import type { ServiceConfig } from '../pricing/index.ts';
import { syncDevUsers, syncFilePublishableKeyRow, syncFileSecretKey, type DevUser } from './seed-dev-access.ts';
import type { TenantSettings } from './tenant-snapshot.ts';

/** A tenant as the seed writes it (a validated tenant file with its theme resolved). */
export interface SeedTenant {
  slug: string;
  name: string;
  locale: string;
  currency: string;
  timezone: string;
  publishableKey?: string | undefined;
  /** Development only: a secret admin-API key (stored hashed). */
  secretKey?: string | undefined;
  /** Development only: people who can sign in, with their role. */
  devUsers?: readonly DevUser[] | undefined;
  settings: TenantSettings;
  services: ServiceConfig[];
}

export interface SeedOutcome {
  slug: string;
  tenantId: string;
  /** Whether anything was written. */
  changed: boolean;
}

/** Seeds every tenant, one transaction each; answers what changed. */
export async function seedTenants(db: Database, tenants: readonly SeedTenant[]): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  for (const tenant of tenants) outcomes.push(await seedTenant(db, tenant));
  return outcomes;
}

async function seedTenant(db: Database, tenant: SeedTenant): Promise<SeedOutcome> {
  let tenantId = (await lookupSlug(db, tenant.slug)) ?? randomUUID();
  // Another process may create the same slug between the lookup and the write;
  // the transaction re-checks under a lock and we retry with the winner's id.
  for (let attempt = 0; attempt < 3; attempt++) {
    const result = await db.withTenant(tenantId, async (tx) => {
      await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`seed:${tenant.slug}`]);
      const owner = await tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = $1", [tenant.slug]);
      if (owner && owner.tenant_id !== tenantId) return { retryWith: owner.tenant_id };
      const hash = seedHash(tenant);
      const applied = await tx.row<{ seed_hash: string | null }>('SELECT seed_hash FROM tenants WHERE id = $1', [tenantId]);
      if (applied?.seed_hash === hash) return { changed: false };
      const changed = await writeTenant(tx, tenantId, tenant);
      await tx.exec('UPDATE tenants SET seed_hash = $2 WHERE id = $1', [tenantId, hash]);
      return { changed };
    });
    if (result.retryWith === undefined) return { slug: tenant.slug, tenantId, changed: result.changed === true };
    tenantId = result.retryWith;
  }
  throw new Error(`could not seed tenant ${tenant.slug}: its slug kept moving`);
}

/** What identifies a tenant file's content (dev passwords included: changing one re-applies the file). */
function seedHash(tenant: SeedTenant): string {
  return createHash('sha256').update(JSON.stringify(tenant)).digest('hex');
}

async function lookupSlug(db: Database, slug: string): Promise<string | undefined> {
  const row = await db.withoutTenant((tx) => tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' AND value = $1", [slug]));
  return row?.tenant_id;
}

async function writeTenant(tx: Tx, tenantId: string, tenant: SeedTenant): Promise<boolean> {
  let changed = false;
  const existing = await tx.row<{ name: string; locale: string; currency: string; timezone: string; settings: TenantSettings }>(
    'SELECT name, locale, currency, timezone, settings FROM tenants WHERE id = $1',
    [tenantId],
  );
  const settings = JSON.parse(JSON.stringify(tenant.settings)) as TenantSettings;
  const same =
    existing &&
    existing.name === tenant.name &&
    existing.locale === tenant.locale &&
    existing.currency.trim() === tenant.currency &&
    existing.timezone === tenant.timezone &&
    isDeepStrictEqual(existing.settings, settings);
  if (!existing) {
    await tx.exec('INSERT INTO tenants (id, slug, name, locale, currency, timezone, settings) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
      tenantId, tenant.slug, tenant.name, tenant.locale, tenant.currency, tenant.timezone, JSON.stringify(settings),
    ]);
    await tx.exec("INSERT INTO tenant_refs (kind, value, tenant_id) VALUES ('slug', $1, $2)", [tenant.slug, tenantId]);
    changed = true;
  } else if (!same) {
    await tx.exec('UPDATE tenants SET name = $2, locale = $3, currency = $4, timezone = $5, settings = $6, updated_at = now() WHERE id = $1', [
      tenantId, tenant.name, tenant.locale, tenant.currency, tenant.timezone, JSON.stringify(settings),
    ]);
    changed = true;
  }
  if (await syncPublishableKey(tx, tenantId, tenant.publishableKey)) changed = true;
  if (await syncServices(tx, tenantId, tenant.services)) changed = true;
  // Not part of what the widget sees: no reason to drop the tenant from caches.
  await syncFileSecretKey(tx, tenantId, tenant.secretKey);
  await syncFilePublishableKeyRow(tx, tenantId, tenant.publishableKey);
  await syncDevUsers(tx, tenantId, tenant.devUsers ?? []);
  return changed;
}

/** Makes the file's publishable key the tenant's only file key (keys minted by the admin API, with a target_id, stay). */
async function syncPublishableKey(tx: Tx, tenantId: string, key: string | undefined): Promise<boolean> {
  const removed = await tx.exec(
    "DELETE FROM tenant_refs WHERE kind = 'publishable_key' AND tenant_id = $1 AND target_id IS NULL AND value IS DISTINCT FROM $2",
    [tenantId, key ?? null],
  );
  if (key === undefined) return removed > 0;
  const added = await tx.exec("INSERT INTO tenant_refs (kind, value, tenant_id) VALUES ('publishable_key', $1, $2) ON CONFLICT (kind, value) DO NOTHING", [key, tenantId]);
  if (added === 0) {
    const owner = await tx.row<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'publishable_key' AND value = $1", [key]);
    if (owner?.tenant_id !== tenantId) throw new Error(`publishable key ${key} already belongs to another tenant`);
  }
  return removed > 0 || added > 0;
}

async function syncServices(tx: Tx, tenantId: string, services: readonly ServiceConfig[]): Promise<boolean> {
  let changed = false;
  const rows = await tx.rows<{ id: string; key: string; position: number; current_version: number; deleted: boolean; config: ServiceConfig }>(
    `SELECT s.id, s.key, s.position, s.current_version, s.deleted_at IS NOT NULL AS deleted, v.config
       FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version`,
  );
  const byKey = new Map(rows.map((row) => [row.key, row]));
  for (const [position, service] of services.entries()) {
    const config = JSON.parse(JSON.stringify(service)) as ServiceConfig;
    const row = byKey.get(service.key);
    if (!row) {
      const created = await tx.row<{ id: string }>('INSERT INTO services (tenant_id, key, position, current_version) VALUES ($1, $2, $3, 1) RETURNING id', [
        tenantId, service.key, position,
      ]);
      await tx.exec('INSERT INTO service_versions (service_id, version, tenant_id, config) VALUES ($1, 1, $2, $3)', [created?.id, tenantId, JSON.stringify(config)]);
      changed = true;
      continue;
    }
    byKey.delete(service.key);
    const sameConfig = isDeepStrictEqual(row.config, config);
    if (!sameConfig) {
      const version = row.current_version + 1;
      await tx.exec('INSERT INTO service_versions (service_id, version, tenant_id, config) VALUES ($1, $2, $3, $4)', [row.id, version, tenantId, JSON.stringify(config)]);
      await tx.exec('UPDATE services SET current_version = $2, updated_at = now() WHERE id = $1', [row.id, version]);
    }
    if (row.position !== position || row.deleted) {
      await tx.exec('UPDATE services SET position = $2, deleted_at = NULL, updated_at = now() WHERE id = $1', [row.id, position]);
    }
    if (!sameConfig || row.position !== position || row.deleted) changed = true;
  }
  for (const gone of byKey.values()) {
    if (gone.deleted) continue;
    await tx.exec('UPDATE services SET deleted_at = now(), updated_at = now() WHERE id = $1', [gone.id]);
    changed = true;
  }
  return changed;
}
