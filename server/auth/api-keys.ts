// API keys (issue #7): publishable `pk_test_…`/`pk_live_…` (public, for the
// widget) and secret `sk_test_…`/`sk_live_…` (server to server). A secret key
// is 32 random bytes, so SHA-256 is enough to store it (no slow hash needed:
// nobody can guess 256 bits); it is shown once, and only its prefix afterwards.
import { createHash, randomBytes } from 'node:crypto';

export type KeyKind = 'secret' | 'publishable';
export type KeyMode = 'test' | 'live';

export const SECRET_KEY_PATTERN = /^sk_(test|live)_[A-Za-z0-9_]{16,200}$/;
export const PUBLISHABLE_KEY_PATTERN = /^pk_(test|live)_[A-Za-z0-9_]{6,100}$/;

/** What a bearer credential looks like, before anything is looked up. */
export function credentialKind(value: string): KeyKind | 'token' {
  if (value.startsWith('sk_')) return 'secret';
  if (value.startsWith('pk_')) return 'publishable';
  return 'token';
}

export function keyMode(key: string): KeyMode {
  return key.slice(3, 7) === 'live' ? 'live' : 'test';
}

/** The stored form of a secret key: its SHA-256, hex. */
export function hashSecretKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What may be shown of a key after it was created: `sk_live_AbCd` + the last four characters. */
export function visiblePrefix(key: string): string {
  if (key.startsWith('pk_')) return key;
  const head = key.slice(0, key.indexOf('_', 3) + 1 + 4);
  return `${head}…${key.slice(-4)}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `bytes` of randomness as base62 (no `_` or `-`, so a key double-clicks as one word). */
export function randomToken(bytes = 32): string {
  const length = Math.ceil((bytes * 8) / Math.log2(62));
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && out.length < length) out += ALPHABET[byte % 62];
    }
  }
  return out;
}

/** A fresh key of `kind` and `mode`. */
export function generateKey(kind: KeyKind, mode: KeyMode): string {
  return `${kind === 'secret' ? 'sk' : 'pk'}_${mode}_${randomToken(kind === 'secret' ? 32 : 18)}`;
}
