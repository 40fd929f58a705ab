// Identity and the admin API (issue #7): accounts and their second factor,
// memberships with a role per tenant, invites, API keys, the audit log, the
// OpenID provider's storage, and a tenant's suspension and plan override.
//
// Tenant tables (memberships, invites, api_keys, audit_log) get row-level
// security like those of 0001. Platform tables (accounts, recovery_codes,
// password_resets, oidc_payloads) hold no tenant's data: an account is a
// person who may belong to several tenants. A membership is also visible to
// its own account (app.account_id), so sign-in can list a person's tenants
// without a tenant in context; it can still only be written in its tenant's.
// See docs/decisions/0019-identity-and-admin-api.md.
import type { MigrationContext } from '../server/db/migrate.ts';
import { isolateByTenant } from '../server/db/row-level-security.ts';

const TENANT_TABLES = ['invites', 'api_keys', 'audit_log'];
const CURRENT_ACCOUNT = "NULLIF(current_setting('app.account_id', true), '')::uuid";
const REF_KINDS_BEFORE = "'slug', 'publishable_key', 'quote_token'";

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    ALTER TABLE tenants
      ADD COLUMN suspended_at timestamptz,
      ADD COLUMN plan_override text,
      ADD COLUMN seed_hash text; -- the tenant file last applied: an unchanged file leaves admin-API changes alone
    ALTER TABLE quotes ADD COLUMN notes text; -- the team's own notes (admin API), never shown to the visitor

    -- Secret keys and invite tokens are found by their SHA-256 (never the secret itself).
    ALTER TABLE tenant_refs DROP CONSTRAINT tenant_refs_kind_check;
    ALTER TABLE tenant_refs ADD CONSTRAINT tenant_refs_kind_check CHECK (kind IN (${REF_KINDS_BEFORE}, 'secret_key', 'invite_token'));

    CREATE TABLE accounts (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      email text NOT NULL,
      name text,
      password_hash text,
      operator boolean NOT NULL DEFAULT false,
      totp_secret text,              -- encrypted with a key derived from APP_SECRET; set before it is confirmed
      totp_enabled_at timestamptz,   -- when the second factor was confirmed (NULL: not in use)
      totp_last_step bigint,         -- the last 30-second step a code was accepted for: a code works once
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE UNIQUE INDEX accounts_email ON accounts (lower(email));

    CREATE TABLE recovery_codes (
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (account_id, code_hash)
    );

    CREATE TABLE password_resets (
      token_hash text PRIMARY KEY,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE memberships (
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      account_id uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, account_id)
    );
    CREATE INDEX memberships_account ON memberships (account_id);

    CREATE TABLE invites (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      email text NOT NULL,
      role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'viewer')),
      token_hash text NOT NULL UNIQUE,
      invited_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
      expires_at timestamptz NOT NULL,
      accepted_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX invites_tenant ON invites (tenant_id, created_at DESC);

    CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      kind text NOT NULL CHECK (kind IN ('secret', 'publishable')),
      mode text NOT NULL CHECK (mode IN ('test', 'live')),
      name text NOT NULL DEFAULT '',
      source text NOT NULL CHECK (source IN ('file', 'api')),
      prefix text NOT NULL,          -- what may be shown: sk_live_AbCd… / the whole publishable key
      secret_hash text UNIQUE,       -- SHA-256 of a secret key; NULL for publishable keys
      created_by uuid REFERENCES accounts (id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      expires_at timestamptz,        -- set when rotated: the old key works until then
      revoked_at timestamptz,
      CHECK ((kind = 'secret') = (secret_hash IS NOT NULL))
    );
    CREATE INDEX api_keys_tenant ON api_keys (tenant_id, created_at DESC);

    CREATE TABLE audit_log (
      id bigserial PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      actor_type text NOT NULL CHECK (actor_type IN ('account', 'api_key', 'operator', 'system')),
      actor_id text,
      actor_label text NOT NULL,
      action text NOT NULL,
      target_type text NOT NULL,
      target_id text,
      before jsonb,
      after jsonb,
      ip inet,
      request_id text,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id DESC);

    -- oidc-provider's models (sessions, interactions, grants, codes, tokens…), one row each.
    CREATE TABLE oidc_payloads (
      type text NOT NULL,
      id text NOT NULL,
      payload jsonb NOT NULL,
      grant_id text,
      user_code text,
      uid text,
      expires_at timestamptz,
      consumed_at timestamptz,
      PRIMARY KEY (type, id)
    );
    CREATE INDEX oidc_payloads_grant ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL;
    CREATE INDEX oidc_payloads_uid ON oidc_payloads (uid) WHERE uid IS NOT NULL;
    CREATE INDEX oidc_payloads_user_code ON oidc_payloads (user_code) WHERE user_code IS NOT NULL;
    CREATE INDEX oidc_payloads_expires ON oidc_payloads (expires_at) WHERE expires_at IS NOT NULL;
  `);

  await context.sql(TENANT_TABLES.map((table) => isolateByTenant(table)).join('\n'));
  await context.sql(`
    ${isolateByTenant('memberships')}
    CREATE POLICY own_memberships ON memberships FOR SELECT USING (account_id = ${CURRENT_ACCOUNT});
  `);
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    DROP TABLE oidc_payloads, audit_log, api_keys, invites, memberships, password_resets, recovery_codes, accounts CASCADE;
    DELETE FROM tenant_refs WHERE kind IN ('secret_key', 'invite_token');
    ALTER TABLE tenant_refs DROP CONSTRAINT tenant_refs_kind_check;
    ALTER TABLE tenant_refs ADD CONSTRAINT tenant_refs_kind_check CHECK (kind IN (${REF_KINDS_BEFORE}));
    ALTER TABLE tenants DROP COLUMN suspended_at, DROP COLUMN plan_override, DROP COLUMN seed_hash;
    ALTER TABLE quotes DROP COLUMN notes;
  `);
}
