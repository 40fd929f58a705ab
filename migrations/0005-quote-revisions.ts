// Quote revisions (admin API, issue #7): a revision is a new quote row with a
// link of its own, pointing at the quote it revises; the revised quote points
// at its successor and can no longer be accepted. Numbers: the first quote's
// number with -R2, -R3… (docs/decisions/0019-identity-and-admin-api.md).
import type { MigrationContext } from '../server/db/migrate.ts';

export async function up({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    ALTER TABLE quotes
      ADD COLUMN revision integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
      ADD COLUMN revision_of uuid REFERENCES quotes (id) ON DELETE SET NULL,
      ADD COLUMN superseded_by uuid REFERENCES quotes (id) ON DELETE SET NULL;
    CREATE UNIQUE INDEX quotes_one_successor ON quotes (revision_of) WHERE revision_of IS NOT NULL;
  `);
}

export async function down({ context }: { context: MigrationContext }): Promise<void> {
  await context.sql(`
    DROP INDEX quotes_one_successor;
    ALTER TABLE quotes DROP COLUMN superseded_by, DROP COLUMN revision_of, DROP COLUMN revision;
  `);
}
