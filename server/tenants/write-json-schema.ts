// `npm run tenants:schema [-- OUT]`: writes tenants/tenant.schema.json (or OUT)
// from the zod schemas. Run it after changing tenant-file.ts or the service schema.
import { writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { renderTenantJsonSchema, TENANT_SCHEMA_FILE } from './tenant-json-schema.ts';

const out = process.argv[2] ?? TENANT_SCHEMA_FILE;
await writeFile(out, renderTenantJsonSchema());
process.stdout.write(`wrote ${relative(process.cwd(), out) || out}\n`);
