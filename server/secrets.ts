// The app secret signs CSRF tokens and derives the app database role's
// password. Production must set APP_SECRET; elsewhere one is made once and
// kept under DATA_DIR so restarts keep working links and connections.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

export async function resolveAppSecret(configured: string | undefined, dataDir: string, logger: Logger): Promise<string> {
  if (configured) return configured;
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return (await readFile(file, 'utf8')).trim();
  await mkdir(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  await writeFile(file, `${secret}\n`, { mode: 0o600 });
  logger.warn({ file }, 'APP_SECRET is not set: generated a development secret. Set APP_SECRET in production.');
  return secret;
}
