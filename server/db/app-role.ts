// The application connects as its own role, which is neither owner, superuser
// nor BYPASSRLS, so PostgreSQL's row-level security applies to every query it
// makes (issue #3). Where no app connection is configured, the owner creates
// that role; grants are refreshed after every migration run.
import { QueryTypes, type Sequelize } from 'sequelize';

export const DEFAULT_APP_ROLE = 'qm_app';

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe role name: ${name}`);
  return `"${name}"`;
}

/** Creates the login role if it is missing (concurrent starts may race: a duplicate is fine) and sets its password. */
export async function ensureAppRole(owner: Sequelize, role: string, password: string): Promise<void> {
  const name = quoteIdentifier(role);
  const literal = (await owner.query('SELECT quote_literal($1) AS q', { bind: [password], type: QueryTypes.SELECT, plain: true })) as { q: string };
  await owner.query(`
    DO $$ BEGIN
      CREATE ROLE ${name} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
    END $$;
  `);
  await owner.query(`ALTER ROLE ${name} WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD ${literal.q}`);
}

/**
 * Lets the role use every table, sequence and function of the schema, and nothing more (no DDL, not the
 * migrations table). Functions: the outbox's claim (docs/decisions/0016-outbox.md) is revoked from PUBLIC.
 */
export async function grantAppRole(owner: Sequelize, role: string): Promise<void> {
  const name = quoteIdentifier(role);
  await owner.query(`
    GRANT USAGE ON SCHEMA public TO ${name};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${name};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${name};
    GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${name};
    REVOKE ALL ON TABLE migrations FROM ${name};
  `);
}
