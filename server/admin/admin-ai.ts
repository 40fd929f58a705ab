// AI settings on the admin API (issue #7): the widget's fill-in on or off, and
// the tenant's own monthly caps on interpretations and tokens — at most its
// plan's (config's AI_MONTHLY_*; one plan for now). Kept in tenants.settings.ai,
// carried in the tenant snapshot (so the widget's config and the quota see a
// change at once: every replica's cache drops the tenant), audited. The usage
// of the current month (the tenant's time zone, as the quota counts it) is
// read from ai_usage.
import { z } from 'zod';
import type { Database, Tx } from '../db/database.ts';
import { effectiveLimits, tenantAiOf, type TenantAiSettings } from '../ai/tenant-ai.ts';
import type { QuotaLimits } from '../ai/quota.ts';
import { InvalidRequestError } from '../errors.ts';
import { zodIssuesToDetails } from '../pricing/zod-issues.ts';
import type { TenantSettings } from '../tenants/tenant-snapshot.ts';
import { localDate } from '../time.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';

export interface ModelUsage {
  provider: string;
  model: string;
  calls: number;
  failures: number;
  tokensIn: number;
  tokensOut: number;
  costMicroUsd: number;
}

export interface AiUsage {
  /** YYYY-MM in the tenant's time zone. */
  period: string;
  /** Interpretations answered (each ends in exactly one successful call, the local fallback included). */
  interpretations: number;
  tokens: number;
  costMicroUsd: number;
  byModel: ModelUsage[];
}

export interface AiSettingsView extends TenantAiSettings {
  plan: QuotaLimits;
  /** What the quota enforces: the tenant's caps where set, never above the plan's. */
  limits: QuotaLimits;
  usage: AiUsage;
}

export interface AdminAi {
  get(tenantId: string): Promise<AiSettingsView>;
  update(actor: Actor, meta: RequestMeta, input: unknown): Promise<AiSettingsView>;
}

const cap = z.number().int().min(0).nullable();
const patchSchema = z
  .strictObject({ interpret: z.boolean().optional(), monthlyInterpretations: cap.optional(), monthlyTokens: cap.optional() })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), 'send interpret, monthlyInterpretations or monthlyTokens');

async function tenantRow(tx: Tx, tenantId: string, lock = false): Promise<{ settings: TenantSettings; timezone: string }> {
  const row = await tx.row<{ settings: TenantSettings; timezone: string }>(`SELECT settings, timezone FROM tenants WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [tenantId]);
  if (!row) throw new Error(`tenant ${tenantId} is missing`);
  return row;
}

async function usageOf(tx: Tx, timezone: string, now: Date): Promise<AiUsage> {
  const rows = await tx.rows<{ provider: string; model: string; calls: string; failures: string; successes: string; tokens_in: string; tokens_out: string; cost: string }>(
    `SELECT provider, model, count(*) AS calls, count(*) FILTER (WHERE outcome <> 'success') AS failures, count(*) FILTER (WHERE outcome = 'success') AS successes,
            COALESCE(sum(tokens_in), 0) AS tokens_in, COALESCE(sum(tokens_out), 0) AS tokens_out, COALESCE(sum(cost_micro_usd), 0) AS cost
       FROM ai_usage
      WHERE occurred_at >= (date_trunc('month', $2::timestamptz AT TIME ZONE $1) AT TIME ZONE $1)
      GROUP BY provider, model ORDER BY provider, model`,
    [timezone, now],
  );
  const byModel = rows.map((row) => ({
    provider: row.provider,
    model: row.model,
    calls: Number(row.calls),
    failures: Number(row.failures),
    tokensIn: Number(row.tokens_in),
    tokensOut: Number(row.tokens_out),
    costMicroUsd: Number(row.cost),
  }));
  return {
    period: localDate(timezone, now).slice(0, 7),
    interpretations: rows.reduce((sum, row) => sum + Number(row.successes), 0),
    tokens: byModel.reduce((sum, m) => sum + m.tokensIn + m.tokensOut, 0),
    costMicroUsd: byModel.reduce((sum, m) => sum + m.costMicroUsd, 0),
    byModel,
  };
}

export function createAdminAi({ db, plan, onChange, now = () => new Date() }: { db: Database; plan: QuotaLimits; onChange: (tenantId: string) => Promise<void>; now?: () => Date }): AdminAi {
  const view = async (tx: Tx, settings: TenantSettings, timezone: string): Promise<AiSettingsView> => {
    const own = tenantAiOf(settings.ai);
    return { ...own, plan: { ...plan }, limits: effectiveLimits(plan, own), usage: await usageOf(tx, timezone, now()) };
  };

  return {
    async get(tenantId) {
      return db.withTenant(tenantId, async (tx) => {
        const { settings, timezone } = await tenantRow(tx, tenantId);
        return view(tx, settings, timezone);
      });
    },

    async update(actor, meta, input) {
      const parsed = patchSchema.safeParse(input, { reportInput: true });
      if (!parsed.success) throw new InvalidRequestError('The AI settings do not have the expected shape.', zodIssuesToDetails(parsed.error.issues));
      const patch = parsed.data;
      const over = [
        ...(patch.monthlyInterpretations != null && patch.monthlyInterpretations > plan.interpretations ? [{ path: 'monthlyInterpretations', message: `must be at most ${plan.interpretations} (the plan's allowance)` }] : []),
        ...(patch.monthlyTokens != null && patch.monthlyTokens > plan.tokens ? [{ path: 'monthlyTokens', message: `must be at most ${plan.tokens} (the plan's allowance)` }] : []),
      ];
      if (over.length > 0) throw new InvalidRequestError('A cap cannot be above the plan\'s allowance.', over);
      const updated = await db.withTenant(actor.tenantId, async (tx) => {
        const { settings, timezone } = await tenantRow(tx, actor.tenantId, true);
        const before = tenantAiOf(settings.ai);
        const after: TenantAiSettings = {
          interpret: patch.interpret ?? before.interpret,
          monthlyInterpretations: patch.monthlyInterpretations === undefined ? before.monthlyInterpretations : patch.monthlyInterpretations,
          monthlyTokens: patch.monthlyTokens === undefined ? before.monthlyTokens : patch.monthlyTokens,
        };
        const next = { ...settings, ai: after };
        await tx.exec('UPDATE tenants SET settings = $2, updated_at = now() WHERE id = $1', [actor.tenantId, JSON.stringify(next)]);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'ai.updated', targetType: 'tenant', targetId: actor.tenantId, before, after });
        return view(tx, next, timezone);
      });
      await onChange(actor.tenantId);
      return updated;
    },
  };
}
