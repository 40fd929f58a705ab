import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { TENANT_SCHEMA_FILE, TENANT_SCHEMA_ID, buildTenantJsonSchema, renderTenantJsonSchema } from './tenant-json-schema.ts';
import { TENANTS_DIR, exampleTenant } from './testing/tenants.ts';

// ajv (a dev dependency) checks the generated schema the way editors and other tools will read it.
const Ajv2020 = createRequire(import.meta.url)('ajv/dist/2020').default as new (options: object) => {
  compile(schema: object): ((data: unknown) => boolean) & { errors?: { instancePath: string; message?: string; params: object }[] | null };
};
const validator = (): ReturnType<InstanceType<typeof Ajv2020>['compile']> =>
  new Ajv2020({ strict: true, allErrors: true, validateFormats: false }).compile(buildTenantJsonSchema());

const build = suite('buildTenantJsonSchema');

build('is a strict draft 2020-12 schema with an $id, a title and help for editors', () => {
  const schema = buildTenantJsonSchema() as Record<string, any>;
  assert.is(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
  assert.is(schema.$id, TENANT_SCHEMA_ID);
  assert.is(schema.title, 'Quote Master Pro tenant file');
  assert.match(schema.description, /checks the shape only/);
  assert.is(schema.additionalProperties, false);
  assert.equal(schema.required, ['slug', 'name', 'locale', 'currency', 'timezone', 'allowedOrigins', 'services']);
  for (const [key, property] of Object.entries(schema.properties as Record<string, { description?: string }>)) {
    assert.type(property.description, 'string', `${key} has a description`);
  }
  const service = schema.properties.services.items;
  for (const key of ['key', 'name', 'currency', 'fields', 'pricing', 'tests']) assert.type(service.properties[key].description, 'string', `services[].${key}`);
  assert.type(service.properties.pricing.properties.tax.description, 'string');
  assert.equal(Object.keys(schema.properties.theme.properties.tokens.properties).length, 14);
});

build('accepts every committed tenant file', () => {
  const validate = validator();
  const files = readdirSync(TENANTS_DIR).filter((name) => name.endsWith('.json') && !name.endsWith('.schema.json'));
  assert.ok(files.length >= 3);
  for (const name of files) {
    const valid = validate(JSON.parse(readFileSync(join(TENANTS_DIR, name), 'utf8')));
    assert.ok(valid, `${name}: ${JSON.stringify(validate.errors)}`);
  }
});

build('refuses unknown keys, missing keys and bad shapes, in the tenant and in its services', () => {
  const validate = validator();
  const cases: [unknown, string][] = [
    [{ ...exampleTenant(), allowedOrigin: [] }, ''],
    [{ ...exampleTenant(), slug: undefined }, ''],
    [{ ...exampleTenant(), slug: 'Bad Slug' }, '/slug'],
    [{ ...exampleTenant(), theme: { tokens: { glow: 'red' } } }, '/theme/tokens'],
    [{ ...exampleTenant(), quoteExpiryDays: 0 }, '/quoteExpiryDays'],
    [{ ...exampleTenant(), services: [{ ...exampleTenant().services[0], price: 1 }] }, '/services/0'],
  ];
  for (const [input, path] of cases) {
    assert.not.ok(validate(JSON.parse(JSON.stringify(input))), JSON.stringify(input).slice(0, 80));
    assert.ok(validate.errors?.some((error) => error.instancePath === path), `${path}: ${JSON.stringify(validate.errors)}`);
  }
});

build.run();

const render = suite('renderTenantJsonSchema');

render('matches the committed tenants/tenant.schema.json (run `npm run tenants:schema` after changing a schema)', () => {
  assert.fixture(readFileSync(TENANT_SCHEMA_FILE, 'utf8'), renderTenantJsonSchema());
});

render('is two-space JSON ending in one newline', () => {
  const text = renderTenantJsonSchema();
  assert.ok(text.endsWith('}\n'));
  assert.is(text, `${JSON.stringify(JSON.parse(text), null, 2)}\n`);
});

render.run();
