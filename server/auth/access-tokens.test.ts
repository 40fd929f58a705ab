import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { UnauthenticatedError } from '../admin/errors.ts';
import { createAccessTokenVerifier } from './access-tokens.ts';

const ISSUER = 'https://quotes.example/oidc';
const AUDIENCE = 'https://quotes.example/v1/admin';
const { privateKey, publicKey } = await generateKeyPair('ES256');
const other = await generateKeyPair('ES256');
const publicJwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
const live = new Set(['grant-1']);
const verifier = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, jwks: { keys: [publicJwk] }, algorithms: ['ES256'], grantExists: async (id) => live.has(id) });

async function token(overrides: { iss?: string; aud?: string; typ?: string; exp?: number; gid?: string | null; key?: Parameters<SignJWT["sign"]>[0]; sub?: string } = {}): Promise<string> {
  const claims: Record<string, unknown> = { scope: 'admin', client_id: 'qm-console' };
  if (overrides.gid !== null) claims.gid = overrides.gid ?? 'grant-1';
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', typ: overrides.typ ?? 'at+jwt', kid: 'k1' })
    .setIssuer(overrides.iss ?? ISSUER)
    .setAudience(overrides.aud ?? AUDIENCE)
    .setSubject(overrides.sub ?? 'account-1')
    .setIssuedAt()
    .setExpirationTime(overrides.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(overrides.key ?? privateKey);
}

async function refusal(value: string): Promise<string> {
  try {
    await verifier.verify(value);
  } catch (error) {
    assert.instance(error, UnauthenticatedError);
    return (error as Error).message;
  }
  throw new assert.Assertion({ message: 'expected a refusal', operator: 'verify', generated: false, expects: 'refusal', actual: 'claims' });
}

const verify = suite('createAccessTokenVerifier');

verify('accepts a token of our issuer for the admin API, typed at+jwt, while its grant lives', async () => {
  assert.equal(await verifier.verify(await token()), { accountId: 'account-1', clientId: 'qm-console', scope: 'admin' });
});

verify('refuses another issuer, another audience, another type, another key', async () => {
  await refusal(await token({ iss: 'https://evil.example/oidc' }));
  await refusal(await token({ aud: 'https://quotes.example/v1/other' }));
  await refusal(await token({ typ: 'JWT' }));
  await refusal(await token({ key: other.privateKey }));
});

verify('refuses another algorithm (an unsigned token, an HMAC one)', async () => {
  const [, payload] = (await token()).split('.');
  const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'at+jwt' })).toString('base64url')}.${payload}.`;
  await refusal(none);
  const hmac = await new SignJWT({ gid: 'grant-1' }).setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' }).setIssuer(ISSUER).setAudience(AUDIENCE).setSubject('a').setExpirationTime('10m').sign(new TextEncoder().encode('x'.repeat(32)));
  await refusal(hmac);
});

verify('says an expired token has expired', async () => {
  assert.match(await refusal(await token({ exp: Math.floor(Date.now() / 1000) - 120 })), 'expired');
});

verify('refuses a token without a grant id, and one whose grant was revoked', async () => {
  await refusal(await token({ gid: null }));
  assert.match(await refusal(await token({ gid: 'grant-2' })), 'revoked');
});

verify('refuses garbage', async () => {
  await refusal('not.a.token');
  await refusal('');
});

verify.run();
