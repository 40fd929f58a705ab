import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './test-server.ts';

/** Writes copies of the tenant files into `dir` whose allowedOrigins also name `origin` (the demo tenants allow only http://localhost:3000). */
export function tenantsAllowing(origin: string, dir: string, edit: (tenant: Record<string, unknown>) => void = () => undefined): void {
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(join(ROOT, 'tenants'))) {
    if (!file.endsWith('.json') || file.endsWith('.schema.json')) continue;
    const tenant = JSON.parse(readFileSync(join(ROOT, 'tenants', file), 'utf8')) as Record<string, unknown> & { allowedOrigins?: string[] };
    if (!tenant.allowedOrigins?.includes(origin)) tenant.allowedOrigins = [...(tenant.allowedOrigins ?? []), origin];
    edit(tenant);
    writeFileSync(join(dir, file), JSON.stringify(tenant));
  }
}
