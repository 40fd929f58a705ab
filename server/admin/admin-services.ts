// Services on the admin API: list, read, create, update, and try a draft.
// Every save is checked by the pricing engine (shape, references, the
// service's own test cases on the tenant's today) and becomes a new version
// (its pricingVersion); quotes keep the version they were priced with.
import type { Database, Tx } from '../db/database.ts';
import { InvalidRequestError } from '../errors.ts';
import {
  assertServiceTestsPass,
  compileService,
  InvalidServiceError,
  loadService,
  runServiceTests,
  UnknownServiceError,
  type PricingResult,
  type ServiceConfig,
  type TestOutcome,
} from '../pricing/index.ts';
import { validateService } from '../pricing/index.ts';
import { localDate } from '../time.ts';
import type { Actor, RequestMeta } from './actor.ts';
import { recordAudit } from './audit.ts';
import { ServiceExistsError, UnknownVersionError } from './errors.ts';
import { jsonDiff, type DiffEntry } from './json-diff.ts';

export interface ServiceSummary {
  key: string;
  name: string;
  currency: string;
  pricingVersion: number;
  position: number;
  updatedAt: string;
}

export interface ServiceDetail extends ServiceSummary {
  config: ServiceConfig;
  createdAt: string;
}

export interface TenantContext {
  id: string;
  currency: string;
  timezone: string;
}

export interface TryRequest {
  fields: Record<string, unknown>;
  discountCode?: string | null | undefined;
  /** The day discount codes are judged by (YYYY-MM-DD); default: today in the tenant's time zone. */
  date?: string | undefined;
  /** A configuration to price with instead of the saved one; nothing is saved. */
  draft?: unknown;
}

export interface TryResult {
  result: PricingResult;
  /** The service's own test cases against the configuration tried. */
  tests: TestOutcome[];
}

export interface ServiceVersionSummary {
  version: number;
  createdAt: string;
  current: boolean;
}

export interface ServiceVersionDetail extends ServiceVersionSummary {
  config: ServiceConfig;
  /** Changes from the version before (empty for version 1). */
  diff: DiffEntry[];
}

export interface AdminServices {
  list(tenantId: string): Promise<ServiceSummary[]>;
  versions(tenantId: string, key: string): Promise<ServiceVersionSummary[]>;
  version(tenantId: string, key: string, version: number): Promise<ServiceVersionDetail>;
  /** Saves an earlier version's configuration as a new version (checked like any save). */
  rollback(tenant: TenantContext, actor: Actor, meta: RequestMeta, key: string, version: number): Promise<ServiceDetail>;
  /** Takes the service off the widget; its versions and quotes stay. */
  remove(tenant: TenantContext, actor: Actor, meta: RequestMeta, key: string): Promise<void>;
  get(tenantId: string, key: string): Promise<ServiceDetail>;
  create(tenant: TenantContext, actor: Actor, meta: RequestMeta, input: unknown): Promise<ServiceDetail>;
  update(tenant: TenantContext, actor: Actor, meta: RequestMeta, key: string, input: unknown): Promise<ServiceDetail>;
  try(tenant: TenantContext, key: string, request: TryRequest): Promise<TryResult>;
}

interface ServiceRow {
  id: string;
  key: string;
  position: number;
  current_version: number;
  deleted: boolean;
  config: ServiceConfig;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT s.id, s.key, s.position, s.current_version, s.deleted_at IS NOT NULL AS deleted, v.config, s.created_at, s.updated_at
                  FROM services s JOIN service_versions v ON v.service_id = s.id AND v.version = s.current_version`;

function summary(row: ServiceRow): ServiceSummary {
  return { key: row.key, name: row.config.name, currency: row.config.currency, pricingVersion: row.current_version, position: row.position, updatedAt: row.updated_at.toISOString() };
}

function detail(row: ServiceRow): ServiceDetail {
  return { ...summary(row), config: row.config, createdAt: row.created_at.toISOString() };
}

/** Validates a configuration for this tenant: the engine's checks, the tenant's currency, the service's own tests. */
function checkConfig(tenant: TenantContext, input: unknown): ServiceConfig {
  const validation = validateService(input);
  if (!validation.ok) throw new InvalidServiceError(validation.issues);
  const service = validation.service;
  if (service.currency !== tenant.currency) throw new InvalidServiceError([{ path: 'currency', message: `must be the tenant's currency ${tenant.currency}, not ${service.currency}` }]);
  assertServiceTestsPass(compileService(service, 1), localDate(tenant.timezone));
  return JSON.parse(JSON.stringify(service)) as ServiceConfig;
}

async function findRow(tx: Tx, key: string): Promise<ServiceRow | undefined> {
  return tx.row<ServiceRow>(`${SELECT} WHERE s.key = $1`, [key]);
}

/** The live service `key`, locked for this transaction's change; UnknownServiceError when there is none. */
async function lockService(tx: Tx, key: string): Promise<ServiceRow> {
  const current = await tx.row<ServiceRow>(`${SELECT} WHERE s.key = $1 AND s.deleted_at IS NULL FOR UPDATE OF s`, [key]);
  if (!current) throw new UnknownServiceError(key);
  return current;
}

export function createAdminServices({ db, onChange }: { db: Database; onChange: (tenantId: string) => Promise<void> }): AdminServices {
  const saveVersion = async (tx: Tx, tenantId: string, row: { id: string; current_version: number }, config: ServiceConfig): Promise<void> => {
    const version = row.current_version + 1;
    await tx.exec('INSERT INTO service_versions (service_id, version, tenant_id, config) VALUES ($1, $2, $3, $4)', [row.id, version, tenantId, JSON.stringify(config)]);
    await tx.exec('UPDATE services SET current_version = $2, deleted_at = NULL, updated_at = now() WHERE id = $1', [row.id, version]);
  };
  /** Saves `config` as the next version of the locked service `current` and answers the service as it now is. */
  const saveAndReload = async (tx: Tx, tenantId: string, current: ServiceRow, config: ServiceConfig): Promise<ServiceRow> => {
    await saveVersion(tx, tenantId, current, config);
    const row = await findRow(tx, current.key);
    if (!row) throw new Error('the service just saved is missing');
    return row;
  };

  return {
    async list(tenantId) {
      const rows = await db.withTenant(tenantId, (tx) => tx.rows<ServiceRow>(`${SELECT} WHERE s.deleted_at IS NULL ORDER BY s.position, s.key`));
      return rows.map(summary);
    },

    async get(tenantId, key) {
      const row = await db.withTenant(tenantId, (tx) => findRow(tx, key));
      if (!row || row.deleted) throw new UnknownServiceError(key);
      return detail(row);
    },

    async create(tenant, actor, meta, input) {
      const config = checkConfig(tenant, input);
      const saved = await db.withTenant(tenant.id, async (tx) => {
        await tx.exec('SELECT pg_advisory_xact_lock(hashtext($1))', [`service:${tenant.id}:${config.key}`]);
        const existing = await findRow(tx, config.key);
        if (existing && !existing.deleted) throw new ServiceExistsError(config.key);
        const position = (await tx.row<{ next: number }>('SELECT COALESCE(max(position) + 1, 0) AS next FROM services WHERE deleted_at IS NULL'))?.next ?? 0;
        if (existing) {
          await saveVersion(tx, tenant.id, existing, config);
          await tx.exec('UPDATE services SET position = $2 WHERE id = $1', [existing.id, position]);
        } else {
          const created = await tx.row<{ id: string }>('INSERT INTO services (tenant_id, key, position, current_version) VALUES ($1, $2, $3, 1) RETURNING id', [tenant.id, config.key, position]);
          await tx.exec('INSERT INTO service_versions (service_id, version, tenant_id, config) VALUES ($1, 1, $2, $3)', [created?.id, tenant.id, JSON.stringify(config)]);
        }
        const row = await findRow(tx, config.key);
        if (!row) throw new Error('the service just saved is missing');
        await recordAudit(tx, tenant.id, actor, meta, { action: 'service.created', targetType: 'service', targetId: config.key, after: { pricingVersion: row.current_version, config } });
        return row;
      });
      await onChange(tenant.id);
      return detail(saved);
    },

    async update(tenant, actor, meta, key, input) {
      const body = typeof input === 'object' && input !== null && !Array.isArray(input) ? (input as Record<string, unknown>) : null;
      if (body === null) throw new InvalidRequestError('The body must be a service configuration (an object).');
      if (body.key !== undefined && body.key !== key) throw new InvalidServiceError([{ path: 'key', message: `must be "${key}" (the key in the path); a service's key cannot change` }]);
      const config = checkConfig(tenant, { ...body, key });
      const saved = await db.withTenant(tenant.id, async (tx) => {
        const current = await lockService(tx, key);
        const row = await saveAndReload(tx, tenant.id, current, config);
        await recordAudit(tx, tenant.id, actor, meta, {
          action: 'service.updated',
          targetType: 'service',
          targetId: key,
          before: { pricingVersion: current.current_version, config: current.config },
          after: { pricingVersion: row.current_version, config },
        });
        return row;
      });
      await onChange(tenant.id);
      return detail(saved);
    },

    async versions(tenantId, key) {
      const rows = await db.withTenant(tenantId, (tx) =>
        tx.rows<{ version: number; created_at: Date; current: boolean }>(
          `SELECT v.version, v.created_at, v.version = s.current_version AS current FROM services s JOIN service_versions v ON v.service_id = s.id
            WHERE s.key = $1 AND s.deleted_at IS NULL ORDER BY v.version DESC`,
          [key],
        ),
      );
      if (rows.length === 0) throw new UnknownServiceError(key);
      return rows.map((row) => ({ version: row.version, createdAt: row.created_at.toISOString(), current: row.current }));
    },

    async version(tenantId, key, version) {
      const rows = await db.withTenant(tenantId, async (tx) => {
        const service = await tx.row<{ id: string; current_version: number }>('SELECT id, current_version FROM services WHERE key = $1 AND deleted_at IS NULL', [key]);
        if (!service) throw new UnknownServiceError(key);
        const found = await tx.rows<{ version: number; created_at: Date; config: ServiceConfig }>(
          'SELECT version, created_at, config FROM service_versions WHERE service_id = $1 AND version IN ($2, $2 - 1) ORDER BY version DESC',
          [service.id, version],
        );
        return { found, current: service.current_version };
      });
      const [row, previous] = rows.found;
      if (!row || row.version !== version) throw new UnknownVersionError(key, version);
      return { version, createdAt: row.created_at.toISOString(), current: version === rows.current, config: row.config, diff: previous ? jsonDiff(previous.config, row.config) : [] };
    },

    async rollback(tenant, actor, meta, key, version) {
      const target = await this.version(tenant.id, key, version);
      const config = checkConfig(tenant, target.config);
      const saved = await db.withTenant(tenant.id, async (tx) => {
        const current = await lockService(tx, key);
        const row = await saveAndReload(tx, tenant.id, current, config);
        await recordAudit(tx, tenant.id, actor, meta, {
          action: 'service.rolled_back',
          targetType: 'service',
          targetId: key,
          before: { pricingVersion: current.current_version },
          after: { pricingVersion: row.current_version, from: version },
        });
        return row;
      });
      await onChange(tenant.id);
      return detail(saved);
    },

    async remove(tenant, actor, meta, key) {
      await db.withTenant(tenant.id, async (tx) => {
        const current = await lockService(tx, key);
        await tx.exec('UPDATE services SET deleted_at = now(), updated_at = now() WHERE id = $1', [current.id]);
        await recordAudit(tx, tenant.id, actor, meta, { action: 'service.deleted', targetType: 'service', targetId: key, before: { pricingVersion: current.current_version } });
      });
      await onChange(tenant.id);
    },

    async try(tenant, key, request) {
      let compiled;
      if (request.draft !== undefined) {
        compiled = loadService(request.draft);
        if (compiled.config.key !== key) throw new InvalidServiceError([{ path: 'draft.key', message: `must be "${key}" (the key in the path)` }]);
      } else {
        const row = await db.withTenant(tenant.id, (tx) => findRow(tx, key));
        if (!row || row.deleted) throw new UnknownServiceError(key);
        compiled = compileService(row.config, row.current_version);
      }
      const today = request.date ?? localDate(tenant.timezone);
      const result = compiled.price(request.fields, { discountCode: request.discountCode ?? undefined, today });
      return { result, tests: runServiceTests(compiled, localDate(tenant.timezone)) };
    },
  };
}
