// submit_quotes(): a batch of a tenant's widget submissions claimed, numbered
// and stored by one call, so a batch costs one round trip and one transaction
// of its own instead of four round trips (BEGIN, claim, store, COMMIT). It runs
// with the caller's rights (row-level security applies) and sets the tenant for
// its own transaction first. Why: docs/decisions/0020-one-call-per-batch.md.
//
// The idempotency row is written with the answer when the key is claimed, its
// number left null (the number is assigned later in the same statement, and a
// statement cannot update a row it inserted); a replay takes the number from
// the quote the answer names.
import type { MigrationContext } from '../server/db/migrate.ts';

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    CREATE FUNCTION submit_quotes(
      p_tenant uuid, p_year integer,
      p_keys text[], p_hashes text[], p_ids uuid[], p_service_ids uuid[], p_service_keys text[], p_versions integer[],
      p_fields text[], p_pricing text[], p_totals bigint[], p_currencies text[], p_discount_codes text[],
      p_names text[], p_emails text[], p_phones text[], p_descriptions text[], p_at timestamptz[],
      p_tokens text[], p_token_hashes text[], p_expires timestamptz[], p_answers text[], p_event_data text[])
    RETURNS TABLE (key text, fresh boolean, number text, request_hash text, status_code integer, response json)
    LANGUAGE plpgsql
    AS $fn$
    #variable_conflict use_column
    DECLARE
      stored integer;
    BEGIN
      PERFORM set_config('app.tenant_id', p_tenant::text, true);

      RETURN QUERY
      WITH input AS (
        SELECT * FROM unnest(p_keys, p_hashes, p_ids, p_service_ids, p_service_keys, p_versions, p_fields, p_pricing, p_totals,
                             p_currencies, p_discount_codes, p_names, p_emails, p_phones, p_descriptions, p_at, p_tokens,
                             p_token_hashes, p_expires, p_answers, p_event_data) WITH ORDINALITY
          AS t(key, hash, id, service_id, service_key, pricing_version, fields, pricing, total, currency, discount_code,
               contact_name, contact_email, contact_phone, description, at, token, token_hash, expires_at, answer, event_data, ord)
      ), claimed AS (
        -- A key another transaction holds is skipped, after waiting for that transaction if it is still in flight.
        INSERT INTO idempotency_keys (tenant_id, key, request_hash, status_code, response)
        SELECT p_tenant, input.key, input.hash, 201, input.answer::json FROM input
        ON CONFLICT DO NOTHING
        RETURNING idempotency_keys.key
      ), fresh AS (
        SELECT input.*, row_number() OVER (ORDER BY input.ord) AS seq, count(*) OVER () AS how_many
          FROM input JOIN claimed USING (key)
      ), counter AS (
        -- The row lock that keeps numbers gap-free: held from here to the commit, once per batch.
        INSERT INTO quote_counters (tenant_id, year, last_value)
        SELECT p_tenant, p_year, count(*) FROM fresh HAVING count(*) > 0
        ON CONFLICT (tenant_id, year) DO UPDATE SET last_value = quote_counters.last_value + excluded.last_value
        RETURNING last_value
      ), numbered AS (
        SELECT fresh.*, 'Q-' || p_year || '-' || lpad(n::text, greatest(6, length(n::text)), '0') AS number
          FROM fresh CROSS JOIN counter CROSS JOIN LATERAL (SELECT counter.last_value - fresh.how_many + fresh.seq AS n) AS seq
      ), quote AS (
        INSERT INTO quotes (id, tenant_id, number, service_id, service_key, pricing_version, fields, pricing, total, currency,
                            discount_code, status, contact_name, contact_email, contact_phone, description, consent_at, token,
                            expires_at, created_at, updated_at)
        SELECT id, p_tenant, number, service_id, service_key, pricing_version, fields::json, pricing::json, total, currency,
               discount_code, 'sent', contact_name, contact_email, contact_phone, description, at, token, expires_at, at, at
          FROM numbered
      ), ref AS (
        INSERT INTO tenant_refs (kind, value, tenant_id, target_id) SELECT 'quote_token', token_hash, p_tenant, id FROM fresh
      ), event AS (
        INSERT INTO events (tenant_id, type, service_key, quote_id, data, occurred_at)
        SELECT p_tenant, 'quote_submitted', service_key, id, event_data::json, at FROM fresh
      ), outboxed AS (
        -- The notifications' outbox row (server/outbox/enqueue.ts quoteEvent): committed with the quote or not at all.
        INSERT INTO outbox (tenant_id, kind, topic, dedupe_key, payload, run_at, created_at)
        SELECT p_tenant, 'event', 'quote.created', 'quote.created:' || id, jsonb_build_object('quoteId', id), at, at FROM fresh
      )
      SELECT numbered.key, true, numbered.number, NULL::text, NULL::integer, NULL::json FROM numbered;

      GET DIAGNOSTICS stored = ROW_COUNT;
      IF stored = cardinality(p_keys) THEN
        RETURN;
      END IF;
      -- The keys other requests hold, with their stored answers: a statement of its
      -- own, so that it sees a twin which committed while the claim waited for it.
      RETURN QUERY
      SELECT k.key, false, q.number, k.request_hash, k.status_code, k.response
        FROM idempotency_keys k
        LEFT JOIN quotes q ON q.tenant_id = p_tenant AND q.id = (k.response ->> 'id')::uuid
       WHERE k.tenant_id = p_tenant AND k.key = ANY (p_keys)
         AND (k.response IS NULL OR (k.response ->> 'id')::uuid <> ALL (p_ids));
    END
    $fn$;
  `);
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  // The code before this migration replays stored answers as they are: give them their numbers back.
  // (It must see every tenant's rows: run as the owner, which row-level security does not limit when it is a superuser.)
  await context.sql(`
    UPDATE idempotency_keys k
       SET response = json_build_object('id', k.response -> 'id', 'number', q.number, 'status', k.response -> 'status',
                                        'total', k.response -> 'total', 'currency', k.response -> 'currency', 'url', k.response -> 'url')
      FROM quotes q
     WHERE q.id = (k.response ->> 'id')::uuid AND k.response ->> 'number' IS NULL;
    DROP FUNCTION submit_quotes;
  `);
}
