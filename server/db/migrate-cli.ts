// `npm run migrate` applies pending migrations; `npm run migrate -- down` reverts the last one.
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { connect } from './database.ts';
import { startEmbeddedPostgres } from './embedded-postgres.ts';
import { createMigrator } from './migrate.ts';

const direction = process.argv[2] ?? 'up';
if (direction !== 'up' && direction !== 'down') {
  process.stderr.write('usage: npm run migrate [-- up|down]\n');
  process.exit(1);
}
const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const embedded = config.databaseUrl ? null : await startEmbeddedPostgres(config.dataDir, logger);
const owner = connect(config.databaseUrl ?? (embedded?.url as string), { poolMax: 1 });
try {
  const migrator = createMigrator(owner, logger);
  const done = direction === 'up' ? await migrator.up() : await migrator.down();
  process.stdout.write(`${direction === 'up' ? 'applied' : 'reverted'}: ${done.map((m) => m.name).join(', ') || 'nothing'}\n`);
} finally {
  await owner.close();
  await embedded?.stop();
}
