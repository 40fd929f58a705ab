// tenants/tenant.schema.json is generated from the zod schemas (tenant-file.ts
// and the pricing engine's service-schema.ts), never written by hand, so the
// two cannot drift; a unit test fails when the committed file is out of date.
import { join } from 'node:path';
import { z } from 'zod';
import { serviceSchema } from '../pricing/service-schema.ts';
import { tenantFileDocumentSchema } from './tenant-file.ts';

/** Where the schema is committed. */
export const TENANT_SCHEMA_FILE = join(import.meta.dirname, '..', '..', 'tenants', 'tenant.schema.json');

/** A stable identifier, not a download address: the schema is referenced by relative path (`"$schema": "./tenant.schema.json"`). */
export const TENANT_SCHEMA_ID = 'urn:quote-master-pro:schema:tenant-file:1';

const DESCRIPTION =
  'One tenant of Quote Master Pro (api.md, "Tenants as files"): every *.json file in TENANTS_DIR is validated and seeded at start, ' +
  'inserted or updated by slug. Services follow pricing.md, format 1. ' +
  'This schema checks the shape only; the server checks more on start and names the file and path of each problem: ' +
  'that locale, currency and time zone exist, the theme preset exists and token values are safe CSS, origins are unique, ' +
  'slugs and publishable keys are unique across files, and every service passes the pricing engine (expressions name fields, ' +
  'tiers in order, unique ids, at most 6 decimals in percentages) and its own test cases. ' +
  'Generated from the zod schemas by `npm run tenants:schema`; do not edit by hand.';

/**
 * Help for the parts of a service, which the pricing engine's schema does not
 * carry: added to the generated schema at these paths (from `services.items`).
 */
const SERVICE_DESCRIPTIONS: readonly [path: string, description: string][] = [
  ['', 'One service (pricing.md, format 1): the fields a visitor fills in, the pricing rules, and test cases.'],
  ['key', 'Identifier of the service, unique within the tenant; part of the widget\'s URLs.'],
  ['name', 'Name of the service as visitors see it.'],
  ['currency', 'ISO 4217 code; must be the tenant\'s currency.'],
  ['fields', 'The form: number, area, select, multiselect, boolean and text fields. Any field or option may carry aliases (words visitors use).'],
  ['pricing', 'The rules: lines, then adjustments, discount code, minimum, tax, rounding and range, in the order of pricing.md.'],
  ['pricing.lines', 'Fixed (amount), per unit (quantity × unitAmount) or tiered (quantity + tiers + tierMode) lines; amounts in minor units.'],
  ['pricing.adjustments', 'Surcharges and reductions in listed order: percent of the subtotal, or a fixed amount; each with an optional when.'],
  ['pricing.discountCodes', 'Codes visitors may enter, matched case-insensitively; percent or amount, optional validFrom/validUntil/maxUses.'],
  ['pricing.minimum', 'Smallest net amount charged; the difference is shown as the adjustment "minimum".'],
  ['pricing.tax', 'Tax rate on the net amount, inclusive (already in the prices) or exclusive (added).'],
  ['pricing.rounding', 'Rounds the total to the nearest multiple of step (minor units).'],
  ['pricing.range', 'Shows an estimate range around the total: belowPercent and abovePercent.'],
  ['tests', 'Test cases: given fields (and optionally a discount code and a date), expect a total. Saving rules that break one is refused.'],
];

/** The JSON Schema (draft 2020-12) of a tenant file. */
export function buildTenantJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(tenantFileDocumentSchema(serviceSchema), { target: 'draft-2020-12', io: 'input' });
  const { $schema, ...rest } = generated;
  const services = subschema(rest, ['properties', 'services', 'items']);
  for (const [path, description] of SERVICE_DESCRIPTIONS) {
    const at = path === '' ? services : subschema(services, path.split('.').flatMap((key) => ['properties', key]));
    at.description = description;
  }
  return { $schema, $id: TENANT_SCHEMA_ID, title: 'Quote Master Pro tenant file', description: DESCRIPTION, ...rest };
}

/** The schema object at `path`; throws when the generated schema has no such part (the service schema changed shape). */
function subschema(schema: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  let at: unknown = schema;
  for (const key of path) {
    at = typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined;
    if (typeof at !== 'object' || at === null) throw new Error(`the generated tenant schema has nothing at ${path.join('.')}`);
  }
  return at as Record<string, unknown>;
}

/** The schema as committed: two-space JSON and a final newline. */
export function renderTenantJsonSchema(): string {
  return `${JSON.stringify(buildTenantJsonSchema(), null, 2)}\n`;
}
