// Tenants, services and their versions, quotes, idempotency keys, events.
// Every tenant-scoped table has row-level security, enabled and forced, on
// the transaction-local setting app.tenant_id (docs/decisions/0007-tenant-isolation-and-data.md).
import type { MigrationContext } from '../server/db/migrate.ts';
import { isolateByTenant } from '../server/db/row-level-security.ts';

const TENANT_TABLES = ['services', 'service_versions', 'quote_counters', 'quotes', 'discount_code_uses', 'idempotency_keys', 'events'];

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    CREATE TABLE tenants (
      id uuid PRIMARY KEY,
      slug text NOT NULL UNIQUE,
      name text NOT NULL,
      locale text NOT NULL,
      currency char(3) NOT NULL,
      timezone text NOT NULL,
      settings jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );

    -- Routing index from public identifiers to tenants. Holds no tenant data
    -- (quote tokens only as SHA-256 hashes), so it is readable without tenant context.
    CREATE TABLE tenant_refs (
      kind text NOT NULL CHECK (kind IN ('slug', 'publishable_key', 'quote_token')),
      value text NOT NULL,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      target_id uuid,
      PRIMARY KEY (kind, value)
    );
    CREATE INDEX tenant_refs_tenant ON tenant_refs (tenant_id);

    CREATE TABLE services (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      key text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      current_version integer NOT NULL,
      deleted_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, key)
    );

    CREATE TABLE service_versions (
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      version integer NOT NULL CHECK (version > 0),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      config jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (service_id, version)
    );

    CREATE TABLE quote_counters (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      year integer NOT NULL,
      last_value integer NOT NULL,
      PRIMARY KEY (tenant_id, year)
    );

    CREATE TABLE quotes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      number text NOT NULL,
      service_id uuid NOT NULL REFERENCES services (id),
      service_key text NOT NULL,
      pricing_version integer NOT NULL,
      fields json NOT NULL, -- json, not jsonb: stored as written, never queried inside (cheaper to write)
      pricing json NOT NULL,
      total bigint NOT NULL,
      currency char(3) NOT NULL,
      discount_code text,
      status text NOT NULL CHECK (status IN ('sent', 'viewed', 'accepted', 'declined', 'expired')),
      contact_name text NOT NULL,
      contact_email text NOT NULL,
      contact_phone text,
      description text,
      consent_at timestamptz NOT NULL,
      token text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      viewed_at timestamptz,
      decided_at timestamptz,
      decision_name text,
      decision_ip inet,
      decision_user_agent text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (tenant_id, number)
    );
    CREATE INDEX quotes_tenant_created ON quotes (tenant_id, created_at DESC);

    CREATE TABLE discount_code_uses (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      service_id uuid NOT NULL REFERENCES services (id) ON DELETE CASCADE,
      code text NOT NULL,
      uses integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, service_id, code)
    );

    CREATE TABLE idempotency_keys (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      key text NOT NULL,
      request_hash text NOT NULL,
      status_code integer,
      response json, -- json, not jsonb: a replay answers byte for byte what the first answer said
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, key)
    );

    CREATE TABLE events (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      type text NOT NULL CHECK (type IN ('config_loaded', 'estimate_computed', 'quote_submitted', 'quote_viewed', 'quote_accepted', 'quote_declined')),
      service_key text,
      quote_id uuid,
      data json NOT NULL DEFAULT '{}',
      occurred_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX events_tenant_time ON events (tenant_id, occurred_at);
  `);

  await context.sql([isolateByTenant('tenants', 'id'), ...TENANT_TABLES.map((table) => isolateByTenant(table))].join('\n'));
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`DROP TABLE ${['events', 'idempotency_keys', 'discount_code_uses', 'quotes', 'quote_counters', 'service_versions', 'services', 'tenant_refs', 'tenants'].join(', ')} CASCADE`);
}
