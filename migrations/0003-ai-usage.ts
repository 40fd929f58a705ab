// The AI layer's records: one row per provider call (ai_usage: who, which
// model, tokens, cost in µUSD, latency, outcome — billing and analytics read
// it later), and each tenant's monthly counters (ai_quota_usage) that the
// quota is enforced on when there is no Redis. Row-level security as on every
// tenant table (docs/decisions/0007-tenant-isolation-and-data.md).
import type { MigrationContext } from '../server/db/migrate.ts';
import { isolateByTenant } from '../server/db/row-level-security.ts';


export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    CREATE TABLE ai_usage (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      service_key text NOT NULL,
      provider text NOT NULL,
      model text NOT NULL,
      tokens_in integer NOT NULL CHECK (tokens_in >= 0),
      tokens_out integer NOT NULL CHECK (tokens_out >= 0),
      cost_micro_usd bigint NOT NULL CHECK (cost_micro_usd >= 0), -- USD × 10^6, from the price table
      latency_ms integer NOT NULL CHECK (latency_ms >= 0),
      outcome text NOT NULL CHECK (outcome IN ('success', 'rate_limited', 'quota', 'server', 'timeout', 'network', 'invalid_answer', 'bad_request')),
      occurred_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX ai_usage_tenant_time ON ai_usage (tenant_id, occurred_at);

    CREATE TABLE ai_quota_usage (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      period char(7) NOT NULL, -- YYYY-MM in the tenant's time zone
      interpretations integer NOT NULL CHECK (interpretations >= 0),
      tokens bigint NOT NULL CHECK (tokens >= 0),
      PRIMARY KEY (tenant_id, period)
    );
  `);
  await context.sql(['ai_usage', 'ai_quota_usage'].map((table) => isolateByTenant(table)).join('\n'));
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql('DROP TABLE ai_quota_usage, ai_usage');
}
