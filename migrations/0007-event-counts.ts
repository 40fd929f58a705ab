// event_counts: the high-volume analytics (widget config loads, estimates)
// as counters per tenant, type, service and minute, with the estimates'
// totals summed, instead of a row per event in `events`. A visitor's every
// change of the form is an estimate; a row each cost PostgreSQL more CPU than
// the estimate cost the server. Quote events stay one row each in `events`.
// Why: docs/decisions/0021-widget-api-before-koa.md.
//
// Up moves the rows already in `events` into counters; down expands each
// counter back into rows (each with the counter's average total).
import type { MigrationContext } from '../server/db/migrate.ts';
import { isolateByTenant } from '../server/db/row-level-security.ts';

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    CREATE TABLE event_counts (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('config_loaded', 'estimate_computed')),
      service_key text, -- null for config_loaded
      minute timestamptz NOT NULL CHECK (date_trunc('minute', minute) = minute),
      count bigint NOT NULL CHECK (count > 0),
      total_sum bigint NOT NULL DEFAULT 0, -- estimates: the sum of their totals, minor units
      CONSTRAINT event_counts_key UNIQUE NULLS NOT DISTINCT (tenant_id, type, service_key, minute)
    );

    INSERT INTO event_counts (tenant_id, type, service_key, minute, count, total_sum)
    SELECT tenant_id, type, service_key, date_trunc('minute', occurred_at), count(*), coalesce(sum((data->>'total')::bigint), 0)
    FROM events WHERE type IN ('config_loaded', 'estimate_computed')
    GROUP BY 1, 2, 3, 4;
    DELETE FROM events WHERE type IN ('config_loaded', 'estimate_computed');
  `);
  await context.sql(isolateByTenant('event_counts'));
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    INSERT INTO events (tenant_id, type, service_key, data, occurred_at)
    SELECT tenant_id, type, service_key,
           CASE WHEN type = 'estimate_computed' THEN json_build_object('total', total_sum / count) ELSE '{}'::json END,
           minute
    FROM event_counts, generate_series(1, count);
    DROP TABLE event_counts;
  `);
}
