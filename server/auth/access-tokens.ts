// Verifies the admin API's access tokens (issue #7): JWTs our own OpenID
// provider issues for the admin API as a resource (RFC 8707), checked with
// jose for signature, issuer, audience, `typ: at+jwt` (RFC 9068) and the
// algorithm; and, because a JWT cannot be recalled, only while its grant
// still exists — a reused code or refresh token, a logout or a revocation
// deletes the grant, and its tokens stop working at once.
import { createLocalJWKSet, errors, jwtVerify, type JSONWebKeySet } from 'jose';
import { UnauthenticatedError } from '../admin/errors.ts';

export interface AccessTokenClaims {
  accountId: string;
  clientId: string | undefined;
  scope: string;
}

export interface AccessTokenVerifier {
  /** The token's claims; throws UnauthenticatedError for anything not acceptable. */
  verify(token: string): Promise<AccessTokenClaims>;
}

export interface AccessTokenOptions {
  issuer: string;
  audience: string;
  jwks: JSONWebKeySet;
  algorithms: string[];
  /** Whether the grant the token came from still stands. */
  grantExists(grantId: string): Promise<boolean>;
}

export function createAccessTokenVerifier(options: AccessTokenOptions): AccessTokenVerifier {
  const keys = createLocalJWKSet(options.jwks);
  return {
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, keys, { issuer: options.issuer, audience: options.audience, typ: 'at+jwt', algorithms: options.algorithms }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) throw new UnauthenticatedError('The access token has expired; refresh it.');
        if (error instanceof errors.JOSEError) throw new UnauthenticatedError('The access token is not valid for this API.');
        throw error;
      }
      const grantId = payload.gid;
      if (typeof payload.sub !== 'string' || typeof grantId !== 'string') throw new UnauthenticatedError('The access token is not valid for this API.');
      if (!(await options.grantExists(grantId))) throw new UnauthenticatedError('The access token was revoked.');
      return { accountId: payload.sub, clientId: typeof payload.client_id === 'string' ? payload.client_id : undefined, scope: typeof payload.scope === 'string' ? payload.scope : '' };
    },
  };
}
