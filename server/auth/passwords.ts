// Password hashes: argon2id (@node-rs/argon2, OWASP's parameters: 19 MiB,
// 2 passes, 1 lane), as PHC strings so the parameters travel with the hash.
import { hash, verify, type Algorithm } from '@node-rs/argon2';

const ARGON2ID = 2 as Algorithm.Argon2id; // a const enum: not importable as a value under isolatedModules

/** The PHC string of `password` under argon2id with a fresh salt. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
}

/** Whether `password` matches `phc`; false for a malformed hash rather than throwing. */
export async function verifyPassword(phc: string, password: string): Promise<boolean> {
  try {
    return await verify(phc, password);
  } catch {
    return false;
  }
}

/**
 * A hash of a password nobody has, verified against when an email is unknown,
 * so that an unknown email costs as long as a wrong password (no account enumeration by timing).
 */
let decoy: Promise<string> | undefined;
export async function verifyAgainstDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${Math.random()}`);
  await verifyPassword(await decoy, password);
  return false;
}
