// Mail the identity features send: team invites and password-reset links.
//
// The product sends every outbound message through a transactional outbox
// (being built on branch issue-outbox). Until it lands, this small interface
// is all identity code knows; the stand-in writes each message as a JSON file
// under DATA_DIR/identity-mail/ (a local outbox a developer can read, and
// tests do). Wiring: when the outbox exists, implement IdentityMail by
// enqueueing `{ template, to, data }` in the same transaction as the change
// (invite created, reset requested) and drop the file writer.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';

export type IdentityMessage =
  | { template: 'invite'; to: string; data: { tenantName: string; role: string; acceptUrl: string; invitedBy: string } }
  | { template: 'password_reset'; to: string; data: { resetUrl: string; expiresInMinutes: number } };

export interface IdentityMail {
  send(message: IdentityMessage): Promise<void>;
}

/** Writes `<time>-<template>-<id>.json` per message into `dir`. */
export function createFileIdentityMail(dir: string, logger: Logger): IdentityMail {
  return {
    async send(message) {
      await mkdir(dir, { recursive: true });
      const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${message.template}-${randomUUID().slice(0, 8)}.json`);
      await writeFile(file, `${JSON.stringify({ ...message, createdAt: new Date().toISOString() }, null, 2)}\n`, { mode: 0o600 });
      logger.info({ template: message.template, file }, 'identity mail written to the local outbox');
    },
  };
}

/** The directory the file stand-in writes to. */
export function identityMailDir(dataDir: string): string {
  return join(dataDir, 'identity-mail');
}
