// API keys on the admin API (issue #7): list (prefixes only), create
// (the secret shown once), rotate with an overlap (the old key keeps working
// until its deadline), revoke. Publishable keys minted here enter the routing
// index so the widget finds the tenant by them; revoking one removes it.
import type { Database, Tx } from '../db/database.ts';
import { generateKey, hashSecretKey, visiblePrefix, type KeyKind, type KeyMode } from '../auth/api-keys.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { KeyNotActiveError } from './errors.ts';

export interface ApiKeyView {
  id: string;
  kind: KeyKind;
  mode: KeyMode;
  name: string;
  /** All of a publishable key; the first and last characters of a secret one. */
  prefix: string;
  source: 'file' | 'api';
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
  active: boolean;
}

export interface CreatedKey extends ApiKeyView {
  /** The key itself; shown in this answer only. */
  key: string;
}

interface KeyRow {
  id: string;
  kind: KeyKind;
  mode: KeyMode;
  name: string;
  prefix: string;
  source: 'file' | 'api';
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  active: boolean;
}

const COLUMNS = 'id, kind, mode, name, prefix, source, created_at, last_used_at, expires_at, revoked_at, (revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())) AS active';
const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

function view(row: KeyRow): ApiKeyView {
  return {
    id: row.id, kind: row.kind, mode: row.mode, name: row.name, prefix: row.prefix, source: row.source,
    createdAt: row.created_at.toISOString(), lastUsedAt: iso(row.last_used_at), expiresAt: iso(row.expires_at), revokedAt: iso(row.revoked_at), active: row.active,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AdminKeys {
  list(tenantId: string): Promise<ApiKeyView[]>;
  create(actor: Actor, meta: RequestMeta, input: { kind: KeyKind; mode: KeyMode; name: string }): Promise<CreatedKey>;
  /** A new key like this one; this one keeps working for `overlapHours`. Undefined when there is no such key. */
  rotate(actor: Actor, meta: RequestMeta, id: string, overlapHours: number): Promise<CreatedKey | undefined>;
  revoke(actor: Actor, meta: RequestMeta, id: string): Promise<ApiKeyView | undefined>;
}

async function insertKey(tx: Tx, actor: Actor, kind: KeyKind, mode: KeyMode, name: string): Promise<CreatedKey> {
  const key = generateKey(kind, mode);
  const hash = kind === 'secret' ? hashSecretKey(key) : null;
  const row = await tx.row<KeyRow>(
    `INSERT INTO api_keys (tenant_id, kind, mode, name, source, prefix, secret_hash, created_by)
     VALUES ($1, $2, $3, $4, 'api', $5, $6, $7) RETURNING ${COLUMNS}`,
    [actor.tenantId, kind, mode, name, visiblePrefix(key), hash, actor.type === 'account' ? actor.id : null],
  );
  if (!row) throw new Error('the key just created is missing');
  await tx.exec('INSERT INTO tenant_refs (kind, value, tenant_id, target_id) VALUES ($1, $2, $3, $4)', [kind === 'secret' ? 'secret_key' : 'publishable_key', hash ?? key, actor.tenantId, row.id]);
  return { ...view(row), key };
}

export function createAdminKeys({ db, onChange }: { db: Database; onChange: (tenantId: string) => Promise<void> }): AdminKeys {
  return {
    async list(tenantId) {
      const rows = await db.withTenant(tenantId, (tx) => tx.rows<KeyRow>(`SELECT ${COLUMNS} FROM api_keys ORDER BY created_at DESC, id`));
      return rows.map(view);
    },

    async create(actor, meta, input) {
      const created = await db.withTenant(actor.tenantId, async (tx) => {
        const key = await insertKey(tx, actor, input.kind, input.mode, input.name);
        const { key: _secret, ...shown } = key;
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'key.created', targetType: 'api_key', targetId: key.id, after: shown });
        return key;
      });
      if (created.kind === 'publishable') await onChange(actor.tenantId);
      return created;
    },

    async rotate(actor, meta, id, overlapHours) {
      if (!UUID.test(id)) return undefined;
      const created = await db.withTenant(actor.tenantId, async (tx) => {
        const old = await tx.row<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
        if (!old) return undefined;
        if (!old.active) throw new KeyNotActiveError();
        const fresh = await insertKey(tx, actor, old.kind, old.mode, old.name);
        const expired = await tx.row<KeyRow>(
          `UPDATE api_keys SET expires_at = LEAST(COALESCE(expires_at, 'infinity'), now() + make_interval(hours => $2::int)) WHERE id = $1 RETURNING ${COLUMNS}`,
          [id, overlapHours],
        );
        if (overlapHours === 0) await dropRef(tx, old);
        const { key: _secret, ...shown } = fresh;
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'key.rotated', targetType: 'api_key', targetId: id, before: view(old), after: { old: expired && view(expired), new: shown } });
        return fresh;
      });
      if (created) await onChange(actor.tenantId);
      return created;
    },

    async revoke(actor, meta, id) {
      if (!UUID.test(id)) return undefined;
      const revoked = await db.withTenant(actor.tenantId, async (tx) => {
        const old = await tx.row<KeyRow>(`SELECT ${COLUMNS} FROM api_keys WHERE id = $1 FOR UPDATE`, [id]);
        if (!old) return undefined;
        const row = await tx.row<KeyRow>(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now()) WHERE id = $1 RETURNING ${COLUMNS}`, [id]);
        await dropRef(tx, old);
        await recordAudit(tx, actor.tenantId, actor, meta, { action: 'key.revoked', targetType: 'api_key', targetId: id, before: view(old), after: row && view(row) });
        return row && view(row);
      });
      if (revoked) await onChange(actor.tenantId);
      return revoked;
    },
  };
}

/** A publishable key leaves the routing index (the widget stops knowing it); a secret key's entry stays so its refusal can say "revoked". */
async function dropRef(tx: Tx, key: KeyRow): Promise<void> {
  if (key.kind === 'publishable') await tx.exec("DELETE FROM tenant_refs WHERE kind = 'publishable_key' AND target_id = $1", [key.id]);
  if (key.kind === 'publishable' && key.source === 'file') await tx.exec("DELETE FROM tenant_refs WHERE kind = 'publishable_key' AND value = $1", [key.prefix]);
}
