// The one shape of tenant isolation in PostgreSQL, used by every migration
// that adds a tenant table (docs/decisions/0007-tenant-isolation-and-data.md).

/** The transaction's tenant (set by Database.withTenant); NULL without one, so no row matches. */
export const CURRENT_TENANT = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

/** SQL putting `table` under row-level security, ENABLEd and FORCEd, with one policy: `column` is the transaction's tenant. */
export function isolateByTenant(table: string, column = 'tenant_id'): string {
  return `
    ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
    ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
    CREATE POLICY tenant_isolation ON ${table} USING (${column} = ${CURRENT_TENANT}) WITH CHECK (${column} = ${CURRENT_TENANT});`;
}
