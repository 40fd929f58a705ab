// Builds every dependency from a Config, seeds the tenant files, and serves.
// main.ts calls it with the environment; integration tests call it with theirs.
import type { Server } from 'node:http';
import type Koa from 'koa';
import type { AddressInfo } from 'node:net';
import { applyOperators, createAdmin, identityUrls } from './admin/create-admin.ts';
import { createAccounts } from './auth/accounts.ts';
import { createIdentityMail } from './auth/identity-mail.ts';
import { createMfa } from './auth/mfa.ts';
import { createPasswordReset } from './auth/password-reset.ts';
import { createSecretBox } from './auth/secret-box.ts';
import { createOperatorTenants } from './admin/operator.ts';
import { createLoginLimits } from './auth/login-limits.ts';
import { providerPages } from './http/routes/oidc.ts';
import { createBrandLookup } from './oidc/brand.ts';
import { createOidcProvider } from './oidc/create-provider.ts';
import { createInteractionCsrf } from './oidc/interaction-csrf.ts';
import { sweepExpired } from './oidc/postgres-adapter.ts';
import { createAi } from './ai/index.ts';
import { createEventBuffer } from './analytics/event-buffer.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/open-database.ts';
import { createRateLimits } from './http/rate-limits.ts';
import { createReadiness } from './http/routes/health.ts';
import type { Logger } from './logger.ts';
import { notificationsFromConfig, type Notifications } from './notify/index.ts';
import { createPricingCache } from './pricing/index.ts';
import { createQuoteLinks } from './quotes/quote-links.ts';
import { createDiscountUsage, createQuoteSubmitter } from './quotes/submit-quote.ts';
import { resolveSigningKeys } from './oidc/signing-keys.ts';
import { resolveAppSecret } from './secrets.ts';
import { loadTenantFiles } from './tenants/load-tenant-files.ts';
import { seedTenants } from './tenants/seed-tenants.ts';
import { createMemorySnapshotStore, createRedisSnapshotStore } from './tenants/snapshot-store.ts';
import { createTenantDirectory, type TenantDirectory } from './tenants/tenant-directory.ts';
import { loadThemes } from './tenants/themes.ts';
import { toSeedTenant } from './tenants/to-seed-tenant.ts';

export interface RunningServer {
  server: Server;
  /** The Koa application being served. */
  app: Koa;
  /** http://host:port the server listens on. */
  url: string;
  tenants: TenantDirectory;
  /** The application role's connection URL. */
  databaseAppUrl: string;
  /** The outbox worker (running unless OUTBOX_WORKER=false) and the mail transport. */
  notifications: Notifications;
  /** Graceful stop: readiness turns 503, in-flight requests finish, pools close. */
  stop(): Promise<void>;
}

export async function startServer(config: Config, logger: Logger): Promise<RunningServer> {
  const presets = await loadThemes(config.themesDir);
  const files = await loadTenantFiles(config.tenantsDir, presets, { production: config.production });
  const appSecret = await resolveAppSecret(config.appSecret, config.dataDir, logger);
  const signingKeys = await resolveSigningKeys(config.identity.jwks, config.dataDir, config.production, logger);
  const opened = await openDatabase(
    { databaseUrl: config.databaseUrl, databaseAppUrl: config.databaseAppUrl, poolMax: config.databasePoolMax, dataDir: config.dataDir, appSecret },
    logger,
  );
  const closers: Array<() => Promise<void>> = [() => opened.stop()];
  try {
    const db = opened.database;
    const outcomes = await seedTenants(db, files.map((file) => toSeedTenant(file, presets)));
    logger.info({ tenants: outcomes.map((o) => `${o.slug}${o.changed ? ' (updated)' : ''}`) }, 'tenant files seeded');
    await applyOperators(db, config.identity.operatorEmails);

    const store = config.redisUrl ? await createRedisSnapshotStore(config.redisUrl) : createMemorySnapshotStore();
    closers.unshift(() => store.close());
    const tenants = createTenantDirectory({ db, store });
    for (const outcome of outcomes) if (outcome.changed) await tenants.invalidate(outcome.tenantId);

    const notifications = notificationsFromConfig(config, db, logger, appSecret);
    // Messages still in hand after the shutdown timeout keep their lease: another worker delivers them.
    closers.unshift(() => notifications.close(config.shutdownTimeoutMs));
    if (config.outboxWorker) notifications.worker.start();

    const events = createEventBuffer({ db, logger });
    closers.unshift(() => events.close());
    const ai = await createAi(config, { db, logger });
    closers.unshift(() => ai.close());
    logger.info({ candidates: ai.candidates.length > 0 ? ai.candidates : ['local'] }, 'AI providers');
    const limits = await createRateLimits({ widgetPerMinute: config.widgetRateLimit, quotesPerHour: config.quoteRateLimit }, config.redisUrl);
    closers.unshift(() => limits.close());
    const loginLimits = await createLoginLimits(
      { failuresPerIpPerDay: config.identity.loginFailuresPerIpPerDay, consecutiveFailuresPerEmailAndIp: config.identity.loginFailuresPerAccountAndIp },
      config.redisUrl,
    );
    closers.unshift(() => loginLimits.close());
    const accounts = createAccounts(db);
    const brandFor = createBrandLookup({ db, tenants });
    const csrf = createInteractionCsrf(appSecret);
    // Invites and reset links go through the outbox like every other email (decision 0019).
    const mail = createIdentityMail({ transport: notifications.transport, logger });
    const admin = createAdmin({ db, tenants, presets, keys: signingKeys, publicUrl: config.publicUrl, mail, aiPlan: { interpretations: config.ai.monthlyInterpretations, tokens: config.ai.monthlyTokens } });
    const mfa = createMfa({ db, box: createSecretBox(appSecret, 'totp') });
    const { issuer, adminAudience } = identityUrls(config.publicUrl);
    const provider = createOidcProvider({
      issuer,
      adminAudience,
      consoleRedirectUris: [`${config.publicUrl}/console/callback`],
      consolePostLogoutUris: [`${config.publicUrl}/console`],
      keys: signingKeys,
      appSecret,
      db,
      accounts,
      trustProxy: config.trustProxy,
      production: config.production,
      ...providerPages(),
    });
    const sweeper = setInterval(() => void sweepExpired(db).catch((error: unknown) => logger.warn({ err: error }, 'sweeping expired OIDC rows failed')), 3_600_000);
    sweeper.unref();
    closers.unshift(async () => clearInterval(sweeper));
    let stopping = false;
    const readiness = createReadiness({ database: () => db.ping(), ...(config.redisUrl ? { redis: () => store.ping() } : {}) }, () => stopping);
    const app = createApp({
      logger,
      readiness,
      tenants,
      pricing: createPricingCache(),
      events,
      submitQuote: createQuoteSubmitter({ db, publicUrl: config.publicUrl }),
      discountUses: createDiscountUsage(db),
      interpret: ai.interpret,
      links: createQuoteLinks({ db, secret: appSecret }),
      limits,
      trustProxy: config.trustProxy,
      production: config.production,
      admin,
      oidc: { provider, accounts, limits: loginLimits, brandFor, csrf, mfa },
      account: { auth: admin.auth, mfa, db },
      passwordReset: { reset: createPasswordReset({ db, mail, publicUrl: config.publicUrl }), limits: loginLimits, brandFor, csrf },
      operator: { auth: admin.auth, operatorTenants: createOperatorTenants({ db, onChange: (tenantId) => tenants.invalidate(tenantId) }) },
      invites: { db, tenants, csrf, consoleUrl: `${config.publicUrl}/console` },
      unsubscribe: { db, secret: appSecret },
      devMail: { mailDir: notifications.mailDir, transport: notifications.transport.description },
    });

    const server = await new Promise<Server>((listening, failed) => {
      const s = app.listen(config.port, config.host, () => listening(s));
      s.once('error', failed);
    });
    server.keepAliveTimeout = 65_000; // longer than a typical load balancer's idle timeout
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${address.port}`;

    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> =>
      (stopped ??= (async () => {
        stopping = true;
        const closed = new Promise<void>((done) => server.close(() => done()));
        server.closeIdleConnections();
        const timeout = new Promise<void>((done) => setTimeout(done, config.shutdownTimeoutMs).unref());
        await Promise.race([closed, timeout]);
        server.closeAllConnections();
        for (const close of closers) await close().catch((error: unknown) => logger.warn({ err: error }, 'error while closing'));
      })());
    return { server, app, url, tenants, databaseAppUrl: opened.appUrl, notifications, stop };
  } catch (error) {
    for (const close of closers) await close().catch(() => undefined);
    throw error;
  }
}
