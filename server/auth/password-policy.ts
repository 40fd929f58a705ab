// What a new password must be (issue #7): at least 12 characters, at most
// 256, not on the list of common passwords, and not a common word dressed up
// with digits and symbols ("Password2024!"), nor the account's own email.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

const COMMON = new Set(
  readFileSync(join(import.meta.dirname, 'common-passwords.txt'), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line !== '' && !line.startsWith('#')),
);

/** Words that top every breach list; a password that is one of them plus digits and symbols is refused. */
const COMMON_BASES = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'qwerty', 'qwertyuiop', 'asdfgh', 'asdfghjkl', 'letmein', 'welcome', 'iloveyou',
  'admin', 'administrator', 'dragon', 'monkey', 'football', 'baseball', 'sunshine', 'princess', 'abc', 'abcdef', 'master', 'login',
  'changeme', 'secret', 'test', 'guest', 'user', 'hello', 'trustno', 'shadow', 'superman', 'batman', 'starwars', 'summer', 'winter',
  'spring', 'autumn', 'quotemaster', 'quote', 'qwe', 'qaz', 'zxcvbnm',
]);

/** Why `password` may not be used, or null when it may. */
export function passwordProblem(password: string, email?: string): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return 'is one of the most common passwords; choose another';
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  if (core === '' || COMMON_BASES.has(core)) return 'is a common password with digits or symbols added; choose another';
  if (new Set(lower).size <= 2) return 'repeats one or two characters; choose another';
  const local = email?.toLowerCase().split('@')[0] ?? '';
  if (local.length >= 4 && lower.includes(local)) return 'must not contain your email address';
  return null;
}
