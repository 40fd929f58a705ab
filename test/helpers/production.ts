// What a production start needs that development supplies itself: tenant
// files without the development-only keys (production refuses them), and the
// OpenID provider's signing keys (development generates its own).
import { exportJWK, generateKeyPair } from 'jose';

/** Drops a tenant file's development-only keys: the demo secret key and users, and webhooks to localhost. */
export function withoutDevelopmentKeys(tenant: Record<string, unknown>): void {
  delete tenant.secretKey;
  delete tenant.devUsers;
  delete tenant.webhooks;
}

/** A fresh OIDC_JWKS value: one ES256 signing key. */
export async function productionJwks(kid = 'bench-1'): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid, alg: 'ES256', use: 'sig' }] });
}
