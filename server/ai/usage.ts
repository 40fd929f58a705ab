// One row per provider call in ai_usage: tenant, service, provider, model,
// tokens in and out, cost in µUSD from the price table, latency, outcome.
import type { Database } from '../db/database.ts';
import type { FailureKind } from './provider.ts';

export interface UsageRow {
  provider: string;
  model: string;
  tokensIn: number;
  tokensOut: number;
  costMicroUsd: number;
  latencyMs: number;
  outcome: 'success' | FailureKind;
}

export interface UsageLog {
  /** Writes the calls one interpretation made, in one transaction. */
  record(tenantId: string, serviceKey: string, rows: readonly UsageRow[]): Promise<void>;
}

export function createUsageLog(db: Database): UsageLog {
  return {
    async record(tenantId, serviceKey, rows) {
      if (rows.length === 0) return;
      const values: unknown[] = [];
      const tuples = rows.map((row, i) => {
        values.push(tenantId, serviceKey, row.provider, row.model, row.tokensIn, row.tokensOut, row.costMicroUsd, Math.round(row.latencyMs), row.outcome);
        const at = i * 9;
        return `(${Array.from({ length: 9 }, (_, j) => `$${at + j + 1}`).join(', ')})`;
      });
      await db.withTenant(tenantId, (tx) =>
        tx.exec(`INSERT INTO ai_usage (tenant_id, service_key, provider, model, tokens_in, tokens_out, cost_micro_usd, latency_ms, outcome) VALUES ${tuples.join(', ')}`, values),
      );
    },
  };
}
