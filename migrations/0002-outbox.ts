// The transactional outbox (issue #6): every outbound message is a row written
// in the transaction of the change that causes it, delivered by workers that
// lease due rows with FOR UPDATE SKIP LOCKED. Plus what delivery needs to
// remember: each attempt, the state of each webhook endpoint, notices for the
// tenant, and addresses that unsubscribed from alerts.
// Why the claim is a SECURITY DEFINER function: docs/decisions/0016-outbox.md.
import type { MigrationContext } from '../server/db/migrate.ts';
import { isolateByTenant } from '../server/db/row-level-security.ts';

const TENANT_TABLES = ['outbox', 'delivery_attempts', 'webhook_endpoints', 'tenant_notices', 'email_suppressions'];

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(), -- the message's identity: email Message-ID, webhook-id
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('event', 'email', 'webhook')),
      topic text NOT NULL,              -- event: quote.created …; email: its template; webhook: its event type
      dedupe_key text NOT NULL,         -- one message per cause and recipient, however often it is enqueued
      parent_id uuid REFERENCES outbox (id) ON DELETE CASCADE,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      run_at timestamptz NOT NULL,      -- due from then (retries move it)
      locked_until timestamptz,         -- a worker's lease
      locked_by text,
      last_error text,
      created_at timestamptz NOT NULL,
      retry_from timestamptz,           -- a replay restarts the retry window (null: from created_at)
      delivered_at timestamptz,
      UNIQUE (tenant_id, dedupe_key)
    );
    CREATE INDEX outbox_due ON outbox (run_at) WHERE status = 'pending';
    CREATE INDEX outbox_parent ON outbox (parent_id) WHERE parent_id IS NOT NULL;

    -- The delivery log: one row per attempt (webhooks and emails).
    CREATE TABLE delivery_attempts (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      message_id uuid NOT NULL REFERENCES outbox (id) ON DELETE CASCADE,
      attempt integer NOT NULL,
      target text NOT NULL,             -- the webhook URL, or the email's recipients
      attempted_at timestamptz NOT NULL,
      duration_ms integer NOT NULL,
      ok boolean NOT NULL,
      status_code integer,              -- HTTP status, or the SMTP reply code
      error text,
      response text                     -- the first 2 KB of the answer
    );
    CREATE INDEX delivery_attempts_message ON delivery_attempts (message_id, id);

    -- Endpoints are configured in tenant files; what delivery learns about each lives here.
    CREATE TABLE webhook_endpoints (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      url text NOT NULL,
      failing_since timestamptz,        -- first failure since the last success
      disabled_at timestamptz,
      PRIMARY KEY (tenant_id, url)
    );

    -- What the tenant must be told (a broken template override, a disabled endpoint); the console lists them.
    CREATE TABLE tenant_notices (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('email_template_failed', 'webhook_endpoint_disabled')),
      dedupe_key text NOT NULL,
      message text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL,
      UNIQUE (tenant_id, dedupe_key)
    );

    -- Alert recipients who unsubscribed (List-Unsubscribe); lower-case addresses.
    CREATE TABLE email_suppressions (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      email text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, email)
    );
  `);

  await context.sql(TENANT_TABLES.map((table) => isolateByTenant(table)).join('\n'));

  // Workers find due messages across tenants through this one function. It runs as its
  // owner (the migration role), which FORCE subjects to row-level security too, so the
  // owner gets a policy of its own on the outbox — the application role does not.
  // It answers ids only: the message itself is read in its tenant's scope.
  await context.sql(`
    DO $$ BEGIN
      EXECUTE format('CREATE POLICY outbox_claim ON outbox TO %I USING (true) WITH CHECK (true)', current_user);
    END $$;

    -- p_now NULL (as workers call it): the database's clock, one clock for every machine's leases.
    CREATE FUNCTION outbox_claim(p_worker text, p_limit integer, p_lease_ms integer, p_now timestamptz)
    RETURNS TABLE (id uuid, tenant_id uuid, kind text, attempts integer)
    LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $fn$
      UPDATE public.outbox o
         SET locked_until = COALESCE(p_now, now()) + make_interval(secs => greatest(p_lease_ms, 1000) / 1000.0),
             locked_by = p_worker,
             attempts = o.attempts + 1
       WHERE o.id IN (
               SELECT c.id FROM public.outbox c
                WHERE c.status = 'pending' AND c.run_at <= COALESCE(p_now, now())
                  AND (c.locked_until IS NULL OR c.locked_until <= COALESCE(p_now, now()))
                ORDER BY c.run_at
                LIMIT least(greatest(p_limit, 1), 500)
                  FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.tenant_id, o.kind, o.attempts
    $fn$;
    REVOKE ALL ON FUNCTION outbox_claim(text, integer, integer, timestamptz) FROM PUBLIC;
  `);
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    DROP FUNCTION outbox_claim(text, integer, integer, timestamptz);
    DROP TABLE email_suppressions, tenant_notices, webhook_endpoints, delivery_attempts, outbox CASCADE;
  `);
}
