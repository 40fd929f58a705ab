// Reading the audit log (owners, admins, and the tenant's secret keys):
// newest first, by pages of `limit`, optionally one kind of action.
import type { Database } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';

export interface AuditView {
  id: string;
  at: string;
  actor: { type: string; id: string | null; label: string };
  action: string;
  target: { type: string; id: string | null };
  before: unknown;
  after: unknown;
  ip: string | null;
  requestId: string | null;
}

interface AuditRow {
  id: string;
  created_at: Date;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string;
  target_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  request_id: string | null;
}

export async function listAudit(db: Database, tenantId: string, query: { limit: number; cursor?: string | undefined; action?: string | undefined }): Promise<{ data: AuditView[]; nextCursor: string | null }> {
  if (query.cursor !== undefined && !/^\d{1,18}$/.test(query.cursor)) throw new InvalidRequestError('The cursor is not one this API gave out.', [{ path: 'cursor', message: 'is not a valid cursor' }]);
  const bind: unknown[] = [query.limit + 1];
  const where: string[] = [];
  if (query.cursor !== undefined) where.push(`id < $${bind.push(query.cursor)}`);
  if (query.action !== undefined) where.push(`action = $${bind.push(query.action)}`);
  const rows = await db.withTenant(tenantId, (tx) =>
    tx.rows<AuditRow>(
      `SELECT id, created_at, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, host(ip) AS ip, request_id
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $1`,
      bind,
    ),
  );
  const page = rows.slice(0, query.limit);
  return {
    data: page.map((row) => ({
      id: String(row.id),
      at: row.created_at.toISOString(),
      actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
      action: row.action,
      target: { type: row.target_type, id: row.target_id },
      before: row.before,
      after: row.after,
      ip: row.ip,
      requestId: row.request_id,
    })),
    nextCursor: rows.length > query.limit ? String(page.at(-1)?.id) : null,
  };
}
