// The platform operator's routes (issue #7): every tenant at a glance,
// suspend and resume (a suspended tenant's widget answers 403
// tenant_suspended), and a plan override. Each change is written to the
// tenant's own audit log, with the operator as actor.
import type { Database } from '../db/database.ts';
import type { Operator, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';

export interface OperatorTenantView {
  id: string;
  slug: string;
  name: string;
  createdAt: string;
  suspended: boolean;
  suspendedAt: string | null;
  planOverride: string | null;
  members: number;
  quotes: number;
}

interface Row {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
  suspended_at: Date | null;
  plan_override: string | null;
  members: string;
  quotes: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: Row): OperatorTenantView {
  return {
    id: row.id, slug: row.slug, name: row.name, createdAt: row.created_at.toISOString(), suspended: row.suspended_at !== null,
    suspendedAt: row.suspended_at?.toISOString() ?? null, planOverride: row.plan_override, members: Number(row.members), quotes: Number(row.quotes),
  };
}

const SELECT = `SELECT t.id, t.slug, t.name, t.created_at, t.suspended_at, t.plan_override,
                       (SELECT count(*) FROM memberships) AS members, (SELECT count(*) FROM quotes) AS quotes
                  FROM tenants t WHERE t.id = $1`;

export interface OperatorTenants {
  list(): Promise<OperatorTenantView[]>;
  get(tenantId: string): Promise<OperatorTenantView | undefined>;
  setSuspended(operator: Operator, meta: RequestMeta, tenantId: string, suspended: boolean, reason?: string): Promise<OperatorTenantView | undefined>;
  setPlan(operator: Operator, meta: RequestMeta, tenantId: string, plan: string | null): Promise<OperatorTenantView | undefined>;
}

export function createOperatorTenants({ db, onChange }: { db: Database; onChange: (tenantId: string) => Promise<void> }): OperatorTenants {
  const get = async (tenantId: string): Promise<OperatorTenantView | undefined> => {
    if (!UUID.test(tenantId)) return undefined;
    const row = await db.withTenant(tenantId, (tx) => tx.row<Row>(SELECT, [tenantId]));
    return row && view(row);
  };
  const actorOf = (operator: Operator) => ({ type: 'operator' as const, id: operator.accountId, label: operator.email });
  return {
    async list() {
      // Row-level security shows one tenant at a time; the routing index lists them all (slugs hold no tenant data).
      const ids = await db.withoutTenant((tx) => tx.rows<{ tenant_id: string }>("SELECT tenant_id FROM tenant_refs WHERE kind = 'slug' ORDER BY value"));
      const tenants: OperatorTenantView[] = [];
      for (const { tenant_id } of ids) {
        const tenant = await get(tenant_id);
        if (tenant) tenants.push(tenant);
      }
      return tenants;
    },
    get,
    async setSuspended(operator, meta, tenantId, suspended, reason) {
      if (!UUID.test(tenantId)) return undefined;
      const changed = await db.withTenant(tenantId, async (tx) => {
        const before = await tx.row<Row>(SELECT, [tenantId]);
        if (!before) return undefined;
        await tx.exec(`UPDATE tenants SET suspended_at = ${suspended ? 'COALESCE(suspended_at, now())' : 'NULL'}, updated_at = now() WHERE id = $1`, [tenantId]);
        await recordAudit(tx, tenantId, actorOf(operator), meta, {
          action: suspended ? 'tenant.suspended' : 'tenant.resumed',
          targetType: 'tenant',
          targetId: tenantId,
          before: { suspended: before.suspended_at !== null },
          after: { suspended, ...(reason ? { reason } : {}) },
        });
        return true;
      });
      if (!changed) return undefined;
      await onChange(tenantId);
      return get(tenantId);
    },
    async setPlan(operator, meta, tenantId, plan) {
      if (!UUID.test(tenantId)) return undefined;
      const changed = await db.withTenant(tenantId, async (tx) => {
        const before = await tx.row<Row>(SELECT, [tenantId]);
        if (!before) return undefined;
        await tx.exec('UPDATE tenants SET plan_override = $2, updated_at = now() WHERE id = $1', [tenantId, plan]);
        await recordAudit(tx, tenantId, actorOf(operator), meta, { action: 'tenant.plan_overridden', targetType: 'tenant', targetId: tenantId, before: { planOverride: before.plan_override }, after: { planOverride: plan } });
        return true;
      });
      if (!changed) return undefined;
      await onChange(tenantId);
      return get(tenantId);
    },
  };
}
