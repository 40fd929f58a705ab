import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ConfigError, loadConfig } from './config.ts';

const load = suite('loadConfig');

const JWKS = JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', kid: 'k1', x: 'x', y: 'y', d: 'd' }] });

load('gives the embedded defaults for an empty environment', () => {
  const config = loadConfig({});
  assert.is(config.env, 'development');
  assert.is(config.port, 3000);
  assert.is(config.publicUrl, 'http://localhost:3000');
  assert.is(config.databaseUrl, undefined);
  assert.is(config.redisUrl, undefined);
  assert.is(config.tenantsDir, './tenants');
  assert.is(config.shutdownTimeoutMs, 10000);
  assert.ok(Object.isFrozen(config));
});

load('reads every variable, treating empty ones as unset', () => {
  const config = loadConfig({
    NODE_ENV: 'test', PORT: '8080', PUBLIC_URL: 'https://quotes.example.com/', DATABASE_URL: 'postgres://u@db/x', REDIS_URL: 'redis://cache:6379',
    OPENAI_API_KEY: '', ANTHROPIC_API_KEY: 'sk-ant', STRIPE_API_BASE: 'http://127.0.0.1:12111', LOG_LEVEL: 'debug', IGNORED: 'x',
  });
  assert.is(config.port, 8080);
  assert.is(config.publicUrl, 'https://quotes.example.com');
  assert.is(config.databaseUrl, 'postgres://u@db/x');
  assert.is(config.redisUrl, 'redis://cache:6379');
  assert.is(config.openai.apiKey, undefined);
  assert.is(config.anthropic.apiKey, 'sk-ant');
  assert.is(config.stripe.apiBase, 'http://127.0.0.1:12111');
  assert.is(config.logLevel, 'debug');
});

load('AI: default models and allowances; models as a comma list, empty takes the default', () => {
  const defaults = loadConfig({});
  assert.equal(defaults.openai.models, ['gpt-5-mini', 'gpt-5']);
  assert.equal(defaults.anthropic.models, ['claude-haiku-4-5', 'claude-sonnet-4-6']);
  assert.equal({ ...defaults.ai, prices: [...defaults.ai.prices], breaker: { ...defaults.ai.breaker } }, { prices: [], attemptTimeoutMs: 4000, deadlineMs: 8000, maxAttempts: 2, breaker: { minRequests: 5, failureRate: 0.5, cooldownMs: 5000, maxCooldownMs: 300_000 }, monthlyInterpretations: 1000, monthlyTokens: 2_000_000 });
  const set = loadConfig({ OPENAI_MODELS: ' gpt-5-nano , gpt-4.1 ', ANTHROPIC_MODELS: '', AI_MONTHLY_TOKENS: '5' });
  assert.equal(set.openai.models, ['gpt-5-nano', 'gpt-4.1']);
  assert.equal(set.anthropic.models, ['claude-haiku-4-5', 'claude-sonnet-4-6']);
  assert.throws(() => loadConfig({ OPENAI_MODELS: 'gpt 5; rm -rf' }), (error: Error) => error instanceof ConfigError && /OPENAI_MODELS/.test(error.message));
  assert.is(set.ai.monthlyTokens, 5);
});

load('AI: a configured model without a price refuses to start (fails closed) unless AI_PRICE_TABLE prices it', () => {
  try {
    loadConfig({ OPENAI_API_KEY: 'sk', OPENAI_MODELS: 'gpt-5-mini,gpt-9-turbo' });
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, ConfigError);
    assert.match((error as Error).message, 'OPENAI_MODELS names gpt-9-turbo, which has no price');
  }
  // without a key the models are not used, so their prices do not matter
  assert.ok(loadConfig({ OPENAI_MODELS: 'gpt-9-turbo' }));
  const priced = loadConfig({ OPENAI_API_KEY: 'sk', OPENAI_MODELS: 'gpt-9-turbo', AI_PRICE_TABLE: '[{"provider":"openai","model":"gpt-9-turbo","input":1,"output":2,"tier":"strong"}]' });
  assert.equal(priced.ai.prices, [{ provider: 'openai', model: 'gpt-9-turbo', input: 1, output: 2, tier: 'strong' }]);
  for (const table of ['not json', '[{"provider":"openai"}]', '{}']) {
    try {
      loadConfig({ AI_PRICE_TABLE: table });
      assert.unreachable(table);
    } catch (error) {
      assert.equal([...new Set((error as ConfigError).details?.map((d) => d.path))], ['AI_PRICE_TABLE'], table);
    }
  }
});

load('names every bad variable in one error', () => {
  try {
    loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', APP_SECRET: 'short' });
    assert.unreachable('should throw');
  } catch (error) {
    assert.instance(error, ConfigError);
    const paths = (error as ConfigError).details?.map((d) => d.path).sort();
    assert.equal(paths, ['APP_SECRET', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    assert.match((error as Error).message, 'PORT');
  }
});

load('requires a database, a public URL and a secret in production', () => {
  try {
    loadConfig({ NODE_ENV: 'production' });
    assert.unreachable('should throw');
  } catch (error) {
    assert.equal((error as ConfigError).details?.map((d) => d.path), ['DATABASE_URL', 'PUBLIC_URL', 'APP_SECRET', 'OIDC_JWKS', 'SMTP_URL']);
  }
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://q.example.com', APP_SECRET: 'x'.repeat(32), OIDC_JWKS: JWKS, SMTP_URL: 'smtp://mail.example.com:587' });
  assert.ok(config.production);
  assert.is(config.mailFrom, 'quotes@q.example.com');
  const webOnly = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://q.example.com', APP_SECRET: 'x'.repeat(32), OIDC_JWKS: JWKS, OUTBOX_WORKER: 'false' });
  assert.is(webOnly.outboxWorker, false, 'a web replica without the worker sends no mail and needs no SMTP_URL');
  const worker = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://q.example.com', APP_SECRET: 'x'.repeat(32), SMTP_URL: 'smtp://mail.example.com:587' }, { worker: true });
  assert.is(worker.identity.jwks, undefined, 'npm run worker signs nothing and needs no OIDC_JWKS');
});

load('reads the outbox worker switch, its lease and the sender address', () => {
  const defaults = loadConfig({});
  assert.is(defaults.outboxWorker, true);
  assert.is(defaults.outboxLeaseMs, 60_000);
  assert.is(defaults.mailFrom, 'quotes@localhost');
  const set = loadConfig({ OUTBOX_WORKER: 'false', OUTBOX_LEASE_MS: '2000', MAIL_FROM: 'hello@quotes.example' });
  assert.is(set.outboxWorker, false);
  assert.is(set.outboxLeaseMs, 2000);
  assert.is(set.mailFrom, 'hello@quotes.example');
  assert.throws(() => loadConfig({ MAIL_FROM: 'Quotes <q@x.example>' }), (e: ConfigError) => e.details?.[0]?.path === 'MAIL_FROM');
  assert.throws(() => loadConfig({ OUTBOX_LEASE_MS: '10' }), (e: ConfigError) => e.details?.[0]?.path === 'OUTBOX_LEASE_MS');
});

load('refuses an app connection without an owner connection', () => {
  assert.throws(() => loadConfig({ DATABASE_APP_URL: 'postgres://qm_app@db/x' }), (e: ConfigError) => e.details?.[0]?.path === 'DATABASE_APP_URL');
});

load.run();

const identity = suite('loadConfig: identity');

identity('reads the signing keys, the operators and the sign-in limits', () => {
  const config = loadConfig({ OIDC_JWKS: JWKS, OPERATOR_EMAILS: ' Ops@Example.com, root@example.com ', LOGIN_FAILURES_PER_IP_PER_DAY: '50' });
  assert.is(config.identity.jwks, JWKS);
  assert.equal(config.identity.operatorEmails, ['ops@example.com', 'root@example.com']);
  assert.is(config.identity.loginFailuresPerIpPerDay, 50);
  assert.is(config.identity.loginFailuresPerAccountAndIp, 10);
  assert.equal(loadConfig({}).identity.operatorEmails, []);
});

identity('refuses public keys, keys without kid, broken JSON and bad operator emails', () => {
  for (const jwks of ['{"keys":[{"kty":"EC","kid":"a","x":"x"}]}', '{"keys":[{"kty":"EC","d":"d"}]}', '{"keys":[]}', 'not json']) {
    assert.throws(() => loadConfig({ OIDC_JWKS: jwks }), (e: ConfigError) => e.details?.[0]?.path === 'OIDC_JWKS', jwks);
  }
  assert.throws(() => loadConfig({ OPERATOR_EMAILS: 'ops@example.com, nobody' }), (e: ConfigError) => e.details?.[0]?.path === 'OPERATOR_EMAILS');
});

identity.run();
