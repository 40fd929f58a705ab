// The process configuration: read once from the environment, validated, frozen.
// main.ts is the only caller; everything else receives a Config.
import { z } from 'zod';
import { createPriceTable, modelPriceSchema, UnpricedModelError, type ModelPrice } from './ai/price-table.ts';
import { AppError } from './errors.ts';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const optionalUrl = (protocols: RegExp, what: string) =>
  optionalText.refine((value) => value === undefined || (URL.canParse(value) && protocols.test(new URL(value).protocol)), `must be a ${what} URL`);

/** A comma-separated list of model names; unset or empty: `fallback`. */
const modelList = (fallback: string) =>
  optionalText
    .transform((text) => (text ?? fallback).split(',').map((m) => m.trim()).filter((m) => m !== ''))
    .pipe(z.array(z.string().regex(/^[\w.:/-]{1,100}$/, 'must be model names separated by commas')).min(1).max(10));

const schema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: optionalUrl(/^https?:$/, 'http(s)'),
  DATA_DIR: z.string().min(1).default('./.data'),
  DATABASE_URL: optionalUrl(/^postgres(ql)?:$/, 'postgres://'),
  DATABASE_APP_URL: optionalUrl(/^postgres(ql)?:$/, 'postgres://'),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  REDIS_URL: optionalUrl(/^rediss?:$/, 'redis://'),
  TENANTS_DIR: z.string().min(1).default('./tenants'),
  THEMES_DIR: z.string().min(1).default('./themes'),
  APP_SECRET: optionalText.refine((value) => value === undefined || value.length >= 32, 'must be at least 32 characters'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60000).default(10000),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  WIDGET_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(600),
  QUOTE_RATE_LIMIT: z.coerce.number().int().min(0).max(1_000_000).default(60),
  SMTP_URL: optionalUrl(/^smtps?:$/, 'smtp://'),
  MAIL_FROM: optionalText.refine((value) => value === undefined || /^[^\s@<>"]+@[^\s@<>"]+$/.test(value), 'must be a plain address like quotes@example.com'),
  OUTBOX_WORKER: z.enum(['true', 'false']).default('true'),
  OUTBOX_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalUrl(/^https?:$/, 'http(s)'),
  OPENAI_MODELS: modelList('gpt-5-mini,gpt-5'),
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalUrl(/^https?:$/, 'http(s)'),
  ANTHROPIC_MODELS: modelList('claude-haiku-4-5,claude-sonnet-4-6'),
  AI_PRICE_TABLE: z
    .string()
    .trim()
    .default('[]')
    .transform((text, ctx) => {
      try {
        return JSON.parse(text === '' ? '[]' : text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array of { provider, model, input, output, tier }' });
        return z.NEVER;
      }
    })
    .pipe(z.array(modelPriceSchema).max(200)),
  AI_ATTEMPT_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(4000),
  AI_DEADLINE_MS: z.coerce.number().int().min(100).max(300_000).default(8000),
  AI_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(5).default(2),
  AI_BREAKER_MIN_REQUESTS: z.coerce.number().int().min(1).max(1_000_000).default(5),
  AI_BREAKER_FAILURE_RATE: z.coerce.number().gt(0).max(1).default(0.5),
  AI_BREAKER_COOLDOWN_MS: z.coerce.number().int().min(100).max(3_600_000).default(5000),
  AI_BREAKER_MAX_COOLDOWN_MS: z.coerce.number().int().min(100).max(86_400_000).default(300_000),
  AI_MONTHLY_INTERPRETATIONS: z.coerce.number().int().min(0).max(1e9).default(1000),
  AI_MONTHLY_TOKENS: z.coerce.number().int().min(0).max(1e12).default(2_000_000),
  STRIPE_SECRET_KEY: optionalText,
  STRIPE_WEBHOOK_SECRET: optionalText,
  STRIPE_API_BASE: optionalUrl(/^https?:$/, 'http(s)'),
  // Identity (issue #7)
  OIDC_JWKS: optionalText.refine((value) => value === undefined || isPrivateJwks(value), 'must be a JSON Web Key Set ({"keys":[…]}) of private signing keys (each with "d" and a "kid")'),
  OPERATOR_EMAILS: optionalText.refine(
    (value) => value === undefined || value.split(',').every((email) => z.email().safeParse(email.trim()).success),
    'must be email addresses separated by commas',
  ),
  LOGIN_FAILURES_PER_IP_PER_DAY: z.coerce.number().int().min(1).max(1_000_000).default(100),
  LOGIN_FAILURES_PER_ACCOUNT_AND_IP: z.coerce.number().int().min(1).max(1000).default(10),
});

/** A JWKS whose every key is a private key with a kid (the provider signs with them). */
function isPrivateJwks(value: string): boolean {
  try {
    const parsed = JSON.parse(value) as { keys?: unknown };
    return Array.isArray(parsed.keys) && parsed.keys.length > 0 && parsed.keys.every((key) => typeof key === 'object' && key !== null && 'd' in key && typeof (key as { kid?: unknown }).kid === 'string');
  } catch {
    return false;
  }
}

type Env = z.infer<typeof schema>;

export interface Config {
  readonly env: Env['NODE_ENV'];
  readonly production: boolean;
  readonly host: string;
  readonly port: number;
  /** The origin the product is reached at, without a trailing slash. */
  readonly publicUrl: string;
  readonly dataDir: string;
  /** Owner connection (migrations, grants); unset: the embedded PostgreSQL. */
  readonly databaseUrl: string | undefined;
  /** The application's own connection (a role that is subject to row-level security); unset: derived from databaseUrl. */
  readonly databaseAppUrl: string | undefined;
  readonly databasePoolMax: number;
  readonly redisUrl: string | undefined;
  readonly tenantsDir: string;
  readonly themesDir: string;
  /** Signs CSRF tokens; unset outside production: generated once under dataDir. */
  readonly appSecret: string | undefined;
  readonly logLevel: Env['LOG_LEVEL'];
  readonly shutdownTimeoutMs: number;
  /** Trust X-Forwarded-For from a load balancer for the client IP. */
  readonly trustProxy: boolean;
  /** Widget requests per minute per visitor IP and tenant (0: no limit). */
  readonly widgetRateLimit: number;
  /** Quote submissions per hour per visitor IP and tenant (0: no limit). */
  readonly quoteRateLimit: number;
  readonly smtpUrl: string | undefined;
  /** The sender address of every email (shown with the tenant's name); default quotes@ the public URL's host. */
  readonly mailFrom: string;
  /** Whether this process delivers the outbox too (`npm start`); `npm run worker` is the worker alone. */
  readonly outboxWorker: boolean;
  /** How long a worker holds a claimed message before another worker may take it over. */
  readonly outboxLeaseMs: number;
  readonly openai: AiProviderConfig;
  readonly anthropic: AiProviderConfig;
  readonly ai: {
    /** Price table entries laid over the built-in one (USD per million tokens). */
    readonly prices: readonly ModelPrice[];
    readonly attemptTimeoutMs: number;
    readonly deadlineMs: number;
    readonly maxAttempts: number;
    /** Circuit breakers: open at this failure rate over at least this many calls in a minute; cooldowns from base, doubling, up to max. */
    readonly breaker: { readonly minRequests: number; readonly failureRate: number; readonly cooldownMs: number; readonly maxCooldownMs: number };
    /** Every tenant's monthly allowance (the default plan's). */
    readonly monthlyInterpretations: number;
    readonly monthlyTokens: number;
  };
  readonly stripe: { readonly secretKey: string | undefined; readonly webhookSecret: string | undefined; readonly apiBase: string | undefined };
  readonly identity: {
    /** The OpenID provider's private signing keys (JWKS JSON); unset outside production: generated once under dataDir. */
    readonly jwks: string | undefined;
    /** Accounts with these emails are the platform's operators. */
    readonly operatorEmails: readonly string[];
    /** Failed sign-ins allowed per client IP per day. */
    readonly loginFailuresPerIpPerDay: number;
    /** Consecutive failed sign-ins allowed per email and IP (reset by a success). */
    readonly loginFailuresPerAccountAndIp: number;
  };
}

export interface AiProviderConfig {
  /** Unset: the provider is off. */
  readonly apiKey: string | undefined;
  readonly baseUrl: string | undefined;
  /** Models to route between (each must have a price). */
  readonly models: readonly string[];
}

/** Every variable that is wrong, named. */
export class ConfigError extends AppError {
  override name = 'ConfigError';
  constructor(problems: Array<{ path: string; message: string }>) {
    super(500, 'invalid_config', `Invalid environment: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}`, { details: problems });
  }
}

/** Reads and validates the environment once; unknown variables are ignored. */
/** `worker`: the config of `npm run worker`, which serves no sign-in and so needs no OIDC_JWKS. */
export function loadConfig(env: Record<string, string | undefined>, options: { worker?: boolean } = {}): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })));
  }
  const e = parsed.data;
  const problems: Array<{ path: string; message: string }> = [];
  if (e.NODE_ENV === 'production') {
    if (!e.DATABASE_URL) problems.push({ path: 'DATABASE_URL', message: 'is required in production (the embedded database is for development)' });
    if (!e.PUBLIC_URL) problems.push({ path: 'PUBLIC_URL', message: 'is required in production' });
    if (!e.APP_SECRET) problems.push({ path: 'APP_SECRET', message: 'is required in production' });
    if (!e.OIDC_JWKS && !options.worker) problems.push({ path: 'OIDC_JWKS', message: 'is required in production (generated development keys are refused)' });
    // A web replica with OUTBOX_WORKER=false sends nothing; `npm run worker` checks for itself.
    if (!e.SMTP_URL && e.OUTBOX_WORKER === 'true') {
      problems.push({ path: 'SMTP_URL', message: 'is required in production where the outbox worker runs (OUTBOX_WORKER=true); the local mailbox is for development' });
    }
  }
  if (e.DATABASE_APP_URL && !e.DATABASE_URL) problems.push({ path: 'DATABASE_APP_URL', message: 'needs DATABASE_URL (the owner connection for migrations) too' });
  // A model without a price is never called: refuse to start rather than run up an unknown bill.
  const prices = createPriceTable(e.AI_PRICE_TABLE);
  for (const [provider, key, models, variable] of [['openai', e.OPENAI_API_KEY, e.OPENAI_MODELS, 'OPENAI_MODELS'], ['anthropic', e.ANTHROPIC_API_KEY, e.ANTHROPIC_MODELS, 'ANTHROPIC_MODELS']] as const) {
    if (key === undefined) continue;
    for (const model of models) {
      try {
        prices.priceOf(provider, model);
      } catch (error) {
        if (!(error instanceof UnpricedModelError)) throw error;
        problems.push({ path: variable, message: `names ${model}, which has no price: add it to AI_PRICE_TABLE` });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    env: e.NODE_ENV,
    production: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    databaseAppUrl: e.DATABASE_APP_URL,
    databasePoolMax: e.DATABASE_POOL_MAX,
    redisUrl: e.REDIS_URL,
    tenantsDir: e.TENANTS_DIR,
    themesDir: e.THEMES_DIR,
    appSecret: e.APP_SECRET,
    logLevel: e.LOG_LEVEL,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    trustProxy: e.TRUST_PROXY === 'true',
    widgetRateLimit: e.WIDGET_RATE_LIMIT,
    quoteRateLimit: e.QUOTE_RATE_LIMIT,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM ?? `quotes@${new URL(publicUrl).hostname}`,
    outboxWorker: e.OUTBOX_WORKER === 'true',
    outboxLeaseMs: e.OUTBOX_LEASE_MS,
    openai: Object.freeze({ apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, models: Object.freeze(e.OPENAI_MODELS) }),
    anthropic: Object.freeze({ apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL, models: Object.freeze(e.ANTHROPIC_MODELS) }),
    ai: Object.freeze({
      prices: Object.freeze(e.AI_PRICE_TABLE),
      attemptTimeoutMs: e.AI_ATTEMPT_TIMEOUT_MS,
      deadlineMs: e.AI_DEADLINE_MS,
      maxAttempts: e.AI_MAX_ATTEMPTS,
      breaker: Object.freeze({ minRequests: e.AI_BREAKER_MIN_REQUESTS, failureRate: e.AI_BREAKER_FAILURE_RATE, cooldownMs: e.AI_BREAKER_COOLDOWN_MS, maxCooldownMs: e.AI_BREAKER_MAX_COOLDOWN_MS }),
      monthlyInterpretations: e.AI_MONTHLY_INTERPRETATIONS,
      monthlyTokens: e.AI_MONTHLY_TOKENS,
    }),
    stripe: Object.freeze({ secretKey: e.STRIPE_SECRET_KEY, webhookSecret: e.STRIPE_WEBHOOK_SECRET, apiBase: e.STRIPE_API_BASE }),
    identity: Object.freeze({
      jwks: e.OIDC_JWKS,
      operatorEmails: Object.freeze((e.OPERATOR_EMAILS ?? '').split(',').map((email) => email.trim().toLowerCase()).filter((email) => email !== '')),
      loginFailuresPerIpPerDay: e.LOGIN_FAILURES_PER_IP_PER_DAY,
      loginFailuresPerAccountAndIp: e.LOGIN_FAILURES_PER_ACCOUNT_AND_IP,
    }),
  });
}
