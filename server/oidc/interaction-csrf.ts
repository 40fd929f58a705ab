// CSRF tokens of the sign-in forms: an HMAC of the interaction's uid under
// the app secret. The uid is random and also bound to the interaction cookie
// (oidc-provider checks both), so another site can neither read nor make one.
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface InteractionCsrf {
  tokenFor(uid: string): string;
  check(uid: string, given: unknown): boolean;
}

export function createInteractionCsrf(appSecret: string): InteractionCsrf {
  const tokenFor = (uid: string): string => createHmac('sha256', appSecret).update(`oidc-interaction:${uid}`).digest('base64url');
  return {
    tokenFor,
    check(uid, given) {
      if (typeof given !== 'string') return false;
      const expected = Buffer.from(tokenFor(uid));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
  };
}
