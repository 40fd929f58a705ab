// oidc-provider's storage on PostgreSQL (table oidc_payloads of migration
// 0004): sessions, interactions, grants, codes and refresh tokens survive
// restarts and are shared by every replica. One class per model name, as the
// provider asks; expired rows are never answered (and swept by sweepExpired).
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../db/database.ts';

interface Row {
  payload: AdapterPayload;
  consumed: number | null;
}

const SELECT = `SELECT payload, extract(epoch FROM consumed_at)::bigint AS consumed FROM oidc_payloads
                 WHERE type = $1 AND %COLUMN% = $2 AND (expires_at IS NULL OR expires_at > now())`;

function answer(row: Row | undefined): AdapterPayload | undefined {
  if (!row) return undefined;
  return row.consumed === null ? row.payload : { ...row.payload, consumed: Number(row.consumed) };
}

export function createPostgresAdapter(db: Database): new (name: string) => Adapter {
  const one = (name: string, column: 'id' | 'uid' | 'user_code', value: string) =>
    db.withoutTenant((tx) => tx.row<Row>(SELECT.replace('%COLUMN%', column), [name, value])).then(answer);

  return class PostgresAdapter implements Adapter {
    readonly name: string;

    constructor(name: string) {
      this.name = name;
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
      await db.withoutTenant((tx) =>
        tx.exec(
          `INSERT INTO oidc_payloads (type, id, payload, grant_id, user_code, uid, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7::int IS NULL THEN NULL ELSE now() + make_interval(secs => $7::int) END)
           ON CONFLICT (type, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, user_code = EXCLUDED.user_code,
             uid = EXCLUDED.uid, expires_at = EXCLUDED.expires_at`,
          [this.name, id, JSON.stringify(payload), payload.grantId ?? null, payload.userCode ?? null, payload.uid ?? null, expiresIn ?? null],
        ),
      );
    }

    find(id: string): Promise<AdapterPayload | undefined> {
      return one(this.name, 'id', id);
    }

    findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return one(this.name, 'uid', uid);
    }

    findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return one(this.name, 'user_code', userCode);
    }

    async consume(id: string): Promise<void> {
      await db.withoutTenant((tx) => tx.exec('UPDATE oidc_payloads SET consumed_at = now() WHERE type = $1 AND id = $2', [this.name, id]));
    }

    async destroy(id: string): Promise<void> {
      await db.withoutTenant((tx) => tx.exec('DELETE FROM oidc_payloads WHERE type = $1 AND id = $2', [this.name, id]));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await db.withoutTenant((tx) => tx.exec('DELETE FROM oidc_payloads WHERE type = $1 AND grant_id = $2', [this.name, grantId]));
    }
  };
}

/** Deletes expired rows; answers how many. */
export function sweepExpired(db: Database): Promise<number> {
  return db.withoutTenant((tx) => tx.exec('DELETE FROM oidc_payloads WHERE expires_at < now()'));
}
