// The OpenID provider's signing keys: from OIDC_JWKS (required in production,
// config.ts), else generated once into DATA_DIR/oidc-jwks.json with a loud
// warning, so development restarts keep issued tokens valid.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { Logger } from 'pino';

export interface SigningKeys {
  /** Private keys for oidc-provider's `jwks`. */
  privateJwks: { keys: JWK[] };
  /** The same keys without their private parts, for verifiers. */
  publicJwks: { keys: JWK[] };
}

/** The algorithm our keys sign access and ID tokens with. */
export const SIGNING_ALGORITHM = 'ES256';

export async function resolveSigningKeys(configured: string | undefined, dataDir: string, production: boolean, logger: Logger): Promise<SigningKeys> {
  if (configured) return fromPrivate(JSON.parse(configured) as { keys: JWK[] });
  if (production) throw new Error('OIDC_JWKS is required in production: generated development signing keys are refused');
  const file = join(dataDir, 'oidc-jwks.json');
  if (existsSync(file)) return fromPrivate(JSON.parse(await readFile(file, 'utf8')) as { keys: JWK[] });
  const { privateKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: `dev-${Date.now().toString(36)}`, alg: SIGNING_ALGORITHM, use: 'sig' };
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${JSON.stringify({ keys: [jwk] }, null, 2)}\n`, { mode: 0o600 });
  logger.warn(
    { file },
    '!!! OIDC_JWKS is not set: generated DEVELOPMENT signing keys for the OpenID provider. Anyone with this file can mint access tokens. Set OIDC_JWKS in production (a production start refuses to run without it). !!!',
  );
  return fromPrivate({ keys: [jwk] });
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

function fromPrivate(jwks: { keys: JWK[] }): SigningKeys {
  const publicKeys = jwks.keys.map((key) => {
    const copy: Record<string, unknown> = { ...key };
    for (const member of PRIVATE_MEMBERS) delete copy[member];
    return copy as JWK;
  });
  return { privateJwks: jwks, publicJwks: { keys: publicKeys } };
}
