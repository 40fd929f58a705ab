// A quote's link token: 24 random bytes (192 bits), base64url. Tokens are cut
// from a pooled buffer refilled 4 KB at a time (crypto.randomUUID pools its
// entropy the same way): one randomBytes call per token took 27 µs here, 7 % of
// a submission's CPU (docs/performance.md, "HTTP"). No byte is used twice.
import { randomFillSync } from 'node:crypto';

const TOKEN_BYTES = 24;
const pool = Buffer.alloc(TOKEN_BYTES * 171);
let offset = pool.length;

/** A new, unguessable quote token (32 base64url characters). */
export function newQuoteToken(): string {
  if (offset + TOKEN_BYTES > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const token = pool.toString('base64url', offset, offset + TOKEN_BYTES);
  offset += TOKEN_BYTES;
  return token;
}
