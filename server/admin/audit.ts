// The audit log (issue #7): who, what, before/after, when, from which IP —
// one row per change, written in the change's own transaction so a change
// without its row (or a row without its change) cannot exist.
import type { Tx } from '../db/database.ts';
import type { Actor, RequestMeta } from './actor.ts';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string | null | undefined;
  before?: unknown;
  after?: unknown;
}

export type AuditActor = Pick<Actor, 'type' | 'id' | 'label'> | { type: 'operator' | 'system'; id: string | null; label: string };

export async function recordAudit(tx: Tx, tenantId: string, actor: AuditActor, meta: RequestMeta, entry: AuditEntry): Promise<void> {
  await tx.exec(
    `INSERT INTO audit_log (tenant_id, actor_type, actor_id, actor_label, action, target_type, target_id, before, after, ip, request_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      tenantId,
      actor.type === 'api_key' ? 'api_key' : actor.type,
      actor.id,
      actor.label,
      entry.action,
      entry.targetType,
      entry.targetId ?? null,
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      meta.ip,
      meta.requestId,
    ],
  );
}
