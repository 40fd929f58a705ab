// A tenant's own AI settings (admin API, issue #7), kept in tenants.settings.ai
// and carried in the tenant snapshot: whether the widget offers the fill-in
// from a description at all, and monthly allowances of the tenant's own that
// can only be lower than its plan's. Absent: on, with the plan's allowances.
import type { QuotaLimits } from './quota.ts';

export interface TenantAiSettings {
  /** The widget's "describe the job" fill-in (config's features.interpret). */
  interpret: boolean;
  /** The tenant's own monthly cap on interpretations; null: the plan's. */
  monthlyInterpretations: number | null;
  /** The tenant's own monthly cap on model tokens; null: the plan's. */
  monthlyTokens: number | null;
}

export const DEFAULT_TENANT_AI: TenantAiSettings = Object.freeze({ interpret: true, monthlyInterpretations: null, monthlyTokens: null });

export function tenantAiOf(stored: Partial<TenantAiSettings> | undefined): TenantAiSettings {
  return {
    interpret: stored?.interpret ?? true,
    monthlyInterpretations: stored?.monthlyInterpretations ?? null,
    monthlyTokens: stored?.monthlyTokens ?? null,
  };
}

/** What the quota enforces for the tenant: its own caps where set, never more than the plan's. */
export function effectiveLimits(plan: QuotaLimits, tenant: Partial<TenantAiSettings> | undefined): QuotaLimits {
  const own = tenantAiOf(tenant);
  return {
    interpretations: Math.min(plan.interpretations, own.monthlyInterpretations ?? plan.interpretations),
    tokens: Math.min(plan.tokens, own.monthlyTokens ?? plan.tokens),
  };
}
