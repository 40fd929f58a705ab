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
    assert.equal((error as ConfigError).details?.map((d) => d.path), ['DATABASE_URL', 'PUBLIC_URL', 'APP_SECRET', 'OIDC_JWKS']);
  }
  const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: 'https://q.example.com', APP_SECRET: 'x'.repeat(32), OIDC_JWKS: JWKS });
  assert.ok(config.production);
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
