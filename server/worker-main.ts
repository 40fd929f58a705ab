// `npm run worker`: the outbox worker alone, as its own process (production:
// its own deployment, any number of replicas). `npm start` runs the same
// worker in-process unless OUTBOX_WORKER=false. Stops on SIGTERM/SIGINT after
// finishing the messages it holds; a harder stop loses nothing either (their
// leases expire and another worker delivers them under the same identity).
import { isAppError } from './errors.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createLogger } from './logger.ts';
import { notificationsFromConfig } from './notify/index.ts';
import { resolveAppSecret } from './secrets.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env, { worker: true });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  if (!config.databaseUrl) {
    process.stderr.write('npm run worker needs DATABASE_URL: the embedded database belongs to `npm start`, which runs the worker itself.\n');
    process.exit(1);
  }
  if (config.production && !config.smtpUrl) {
    process.stderr.write('npm run worker needs SMTP_URL in production: the local mailbox is for development.\n');
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let opened;
  try {
    const appSecret = await resolveAppSecret(config.appSecret, config.dataDir, logger);
    opened = await openDatabase(
      { databaseUrl: config.databaseUrl, databaseAppUrl: config.databaseAppUrl, poolMax: Math.min(config.databasePoolMax, 5), dataDir: config.dataDir, appSecret },
      logger,
    );
    const notifications = notificationsFromConfig(config, opened.database, logger, appSecret);
    notifications.worker.start();
    process.stdout.write(`Quote Master Pro outbox worker ${notifications.worker.id} is running; mail goes to ${notifications.transport.description}\n`);

    const database = opened;
    let stopping = false;
    const shutdown = (signal: string): void => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'worker shutting down');
      const force = setTimeout(() => process.exit(1), config.shutdownTimeoutMs + 20_000);
      force.unref();
      notifications
        .close(config.shutdownTimeoutMs + 15_000)
        .then(() => database.stop())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'worker shutdown failed');
            process.exit(1);
          },
        );
    };
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => shutdown(signal));
  } catch (error) {
    if (isAppError(error) && error.expose) process.stderr.write(`Cannot start the worker: ${error.message}\n`);
    else logger.fatal({ err: error }, 'cannot start the worker');
    await opened?.stop().catch(() => undefined);
    process.exit(1);
  }
}

await main();
