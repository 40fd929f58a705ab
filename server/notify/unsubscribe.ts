// List-Unsubscribe for the business's alerts (RFC 2369, one-click per RFC
// 8058): the link carries the tenant and the address, signed with the app
// secret; following it (POST) stops alerts to that address for that tenant.
// Emails to visitors answer their own request and carry no such link.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Database } from '../db/database.ts';

function mac(secret: string, payload: string): string {
  return createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url').slice(0, 32);
}

export function unsubscribeToken(secret: string, tenantId: string, email: string): string {
  const payload = Buffer.from(JSON.stringify([tenantId, email.toLowerCase()])).toString('base64url');
  return `${payload}.${mac(secret, payload)}`;
}

/** The tenant and address of a token, or null when it is not one we signed. */
export function readUnsubscribeToken(secret: string, token: string): { tenantId: string; email: string } | null {
  const match = /^([A-Za-z0-9_-]{10,800})\.([A-Za-z0-9_-]{32})$/.exec(token);
  if (!match?.[1] || !match[2]) return null;
  const expected = Buffer.from(mac(secret, match[1]));
  const given = Buffer.from(match[2]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [tenantId, email] = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) as [unknown, unknown];
    return typeof tenantId === 'string' && typeof email === 'string' ? { tenantId, email } : null;
  } catch {
    return null;
  }
}

/** Stops alerts to `email` for the tenant (again: no change). */
export async function suppressAlerts(db: Database, tenantId: string, email: string): Promise<void> {
  await db.withTenant(tenantId, (tx) =>
    tx.exec('INSERT INTO email_suppressions (tenant_id, email) VALUES ($1, $2) ON CONFLICT DO NOTHING', [tenantId, email.toLowerCase()]),
  );
}
