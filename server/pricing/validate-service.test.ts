import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { ErrorDetail } from '../errors.ts';
import { lineKind, validateService } from './validate-service.ts';
import { serviceWith, specExampleService } from './testing/services.ts';

/** The issues of an invalid configuration (fails the test if it validates). */
function issuesOf(input: unknown, prefix?: string): ErrorDetail[] {
  const result = validateService(input, prefix);
  if (result.ok) throw new assert.Assertion({ message: 'expected the configuration to be refused', operator: 'issuesOf', generated: false, expects: 'refused', actual: 'ok' });
  return result.issues;
}

function paths(input: unknown): string[] {
  return issuesOf(input).map((issue) => issue.path);
}

function issueAt(input: unknown, path: string): string {
  const issue = issuesOf(input).find((i) => i.path === path);
  if (!issue) throw new assert.Assertion({ message: `no issue at ${path}; got ${JSON.stringify(issuesOf(input))}`, operator: 'issueAt', generated: false, expects: path, actual: '' });
  return issue.message;
}

// ---------------------------------------------------------------------------
const accepts = suite('validateService: accepts');

accepts('the example service of pricing.md', () => {
  const result = validateService(specExampleService());
  assert.ok(result.ok);
});

accepts('every field type with its options', () => {
  const result = validateService(
    serviceWith(
      { lines: [{ id: 'a', label: 'A', quantity: { '+': [{ var: 'area' }, { var: 'n' }] }, unitAmount: 10 }] },
      {
        fields: [
          { key: 'n', type: 'number', label: 'N', min: 0, max: 10, step: 0.5, unit: 'km', default: 1, help: 'How far' },
          { key: 'area', type: 'area', label: 'Area', unit: 'm2', min: 0 },
          { key: 's', type: 'select', label: 'S', options: [{ value: 'x', label: 'X', aliases: ['ex'] }], aliases: ['size'] },
          { key: 'm', type: 'multiselect', label: 'M', options: [{ value: 'x', label: 'X' }], default: ['x'] },
          { key: 'b', type: 'boolean', label: 'B', default: true },
          { key: 'notes', type: 'text', label: 'Notes', maxLength: 500 },
        ],
      },
    ),
  );
  assert.ok(result.ok, JSON.stringify(result));
});

accepts.run();

// ---------------------------------------------------------------------------
const shape = suite('validateService: shape errors carry paths');

shape('refuses unknown keys at each level, one issue per key at the key itself', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  config.colour = 'blue';
  config.pricing.lines[0].discount = 5;
  config.fields[1].options[0].price = 1;
  assert.equal(paths(config).sort(), ['colour', 'fields[1].options[0].price', 'pricing.lines[0].discount']);
  assert.is(issueAt(config, 'colour'), 'is not a known key');
});

shape('says a required key is required', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  delete config.pricing.lines[0].label;
  assert.is(issueAt(config, 'pricing.lines[0].label'), 'is required');
});

shape('names the wrong type and what it got', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  config.fields[0].min = 'one';
  assert.is(issueAt(config, 'fields[0].min'), 'must be a number, not string "one"');
});

shape('refuses an unknown field type, listing the known ones', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  config.fields[0].type = 'slider';
  assert.match(issueAt(config, 'fields[0].type'), '"number", "area", "select", "multiselect", "boolean", "text"');
});

shape('refuses a non-object', () => {
  assert.equal(paths(42), ['']);
  assert.equal(paths(null), ['']);
});

shape('prefixes every path, e.g. with the service\'s place in a tenant file', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  config.pricing.lines[1].tiers = [{ upTo: 'ten', unitAmount: 1 }];
  assert.equal(issuesOf(config, 'services[0]').map((i) => i.path), ['services[0].pricing.lines[1].tiers[0].upTo']);
  config.pricing.lines[1].tiers = [{ upTo: 10, unitAmount: 1 }, { upTo: 5, unitAmount: 1 }, { upTo: null, unitAmount: 1 }];
  delete config.pricing.lines[1].unitAmount;
  config.pricing.lines[1].tierMode = 'volume';
  assert.equal(issuesOf(config, 'services[0]').map((i) => i.path), ['services[0].pricing.lines[1].tiers[1].upTo']);
});

shape('refuses percent out of range on adjustments, codes, tax and range', () => {
  const config = serviceWith({
    lines: [{ id: 'a', label: 'A', amount: 1 }],
    adjustments: [{ id: 'x', label: 'X', percent: 1001 }],
    discountCodes: [{ code: 'A', percent: 0 }, { code: 'B', percent: 101 }],
    tax: { ratePercent: -1, inclusive: false },
    range: { belowPercent: 101, abovePercent: 10 },
  });
  assert.equal(paths(config).sort(), [
    'pricing.adjustments[0].percent',
    'pricing.discountCodes[0].percent',
    'pricing.discountCodes[1].percent',
    'pricing.range.belowPercent',
    'pricing.tax.ratePercent',
  ]);
  assert.is(issueAt(config, 'pricing.adjustments[0].percent'), 'must be at most 1000');
  assert.is(issueAt(config, 'pricing.discountCodes[0].percent'), 'must be more than 0');
});

shape('refuses negative and fractional money amounts', () => {
  const config = serviceWith({
    lines: [{ id: 'a', label: 'A', amount: -1 }, { id: 'b', label: 'B', amount: 1.5 }, { id: 'c', label: 'C', quantity: 1, tierMode: 'volume', tiers: [{ upTo: null, unitAmount: -5 }] }],
  });
  assert.equal(paths(config).sort(), ['pricing.lines[0].amount', 'pricing.lines[1].amount', 'pricing.lines[2].tiers[0].unitAmount']);
  assert.is(issueAt(config, 'pricing.lines[1].amount'), 'must be a whole number of minor units');
});

shape('refuses a service without lines and an invalid code or date', () => {
  const config = serviceWith({ lines: [], discountCodes: [{ code: 'no spaces', percent: 5, validUntil: '30/06/2027' }] });
  assert.equal(paths(config).sort(), ['pricing.discountCodes[0].code', 'pricing.discountCodes[0].validUntil', 'pricing.lines']);
  assert.is(issueAt(config, 'pricing.lines'), 'must have at least 1 item');
});

shape.run();

// ---------------------------------------------------------------------------
const meaning = suite('validateService: references, order and uniqueness');

meaning('refuses a currency that is not ISO 4217', () => {
  assert.is(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', amount: 1 }] }, { currency: 'usd' }), 'currency'), '"usd" is not an ISO 4217 currency code');
  assert.ok(paths(serviceWith({ lines: [{ id: 'a', label: 'A', amount: 1 }] }, { currency: 'ABC' })).includes('currency'));
  assert.ok(validateService(serviceWith({ lines: [{ id: 'a', label: 'A', amount: 1 }] }, { currency: 'BHD' })).ok);
});

meaning('refuses a var that names no field, pointing into the expression', () => {
  const config = specExampleService() as unknown as Record<string, any>;
  config.pricing.lines[1].unitAmount.if[0]['=='][0].var = 'sise';
  assert.equal(paths(config), ['pricing.lines[1].unitAmount.if[0]["=="][0].var']);
  assert.match(issueAt(config, 'pricing.lines[1].unitAmount.if[0]["=="][0].var'), 'names "sise", which is not a field of this service (fields: rooms, size, ceilings, timing)');
});

meaning('refuses tiers out of order, a null before the end, and a last tier that is not null', () => {
  const line = (tiers: unknown[]): unknown => serviceWith({ lines: [{ id: 't', label: 'T', quantity: { var: 'n' }, tierMode: 'graduated', tiers } as never] });
  assert.equal(paths(line([{ upTo: 50, unitAmount: 1 }, { upTo: 50, unitAmount: 1 }, { upTo: null, unitAmount: 1 }])), ['pricing.lines[0].tiers[1].upTo']);
  assert.equal(paths(line([{ upTo: null, unitAmount: 1 }, { upTo: null, unitAmount: 1 }])), ['pricing.lines[0].tiers[0].upTo']);
  assert.equal(paths(line([{ upTo: 10, unitAmount: 1 }, { upTo: 20, unitAmount: 1 }])), ['pricing.lines[0].tiers[1].upTo']);
  assert.match(issueAt(line([{ upTo: 10, unitAmount: 1 }]), 'pricing.lines[0].tiers[0].upTo'), 'must be null on the last tier');
});

meaning('refuses negative literal quantities and unit amounts', () => {
  const config = serviceWith({ lines: [{ id: 'a', label: 'A', quantity: -1, unitAmount: -5 }] });
  assert.equal(paths(config).sort(), ['pricing.lines[0].quantity', 'pricing.lines[0].unitAmount']);
  assert.is(issueAt(config, 'pricing.lines[0].unitAmount'), 'must not be negative');
});

meaning('refuses lines that mix or miss the keys of their kind', () => {
  assert.match(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', amount: 5, unitAmount: 5 }] }), 'pricing.lines[0]'), 'only one of amount, unitAmount or tiers');
  assert.match(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', quantity: 2 }] }), 'pricing.lines[0]'), 'needs amount');
  assert.is(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', unitAmount: 2 }] }), 'pricing.lines[0].quantity'), 'is required');
  assert.match(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', amount: 5, quantity: 2 }] }), 'pricing.lines[0].quantity'), 'not allowed on a fixed line');
  assert.match(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', quantity: 1, tiers: [{ upTo: null, unitAmount: 1 }] }] }), 'pricing.lines[0].tierMode'), 'is required with tiers');
  assert.is(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', quantity: 1, unitAmount: 1, tierMode: 'volume' }] }), 'pricing.lines[0].tierMode'), 'is only allowed with tiers');
  assert.is(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', quantity: true, unitAmount: false }] }), 'pricing.lines[0].quantity'), 'must be a number or an expression');
  assert.is(issueAt(serviceWith({ lines: [{ id: 'a', label: 'A', quantity: 1, unitAmount: false }] }), 'pricing.lines[0].unitAmount'), 'must be a number or an expression');
});

meaning('refuses duplicate ids, keys, option values, codes and test names', () => {
  const config = serviceWith(
    {
      lines: [{ id: 'a', label: 'A', amount: 1 }, { id: 'a', label: 'A2', amount: 1 }],
      adjustments: [{ id: 'x', label: 'X', percent: 1 }, { id: 'x', label: 'X2', percent: 1 }, { id: 'rounding', label: 'R', amount: 1 }],
      discountCodes: [{ code: 'Spring', percent: 5 }, { code: 'SPRING', percent: 5 }],
    },
    {
      fields: [
        { key: 'n', type: 'number', label: 'N' },
        { key: 'n', type: 'select', label: 'N2', options: [{ value: 'x', label: 'X' }, { value: 'x', label: 'X again' }] },
      ],
      tests: [{ name: 't', fields: {}, expectTotal: 1 }, { name: 't', fields: {}, expectTotal: 1 }],
    },
  );
  assert.equal(paths(config).sort(), [
    'fields[1].key',
    'fields[1].options[1].value',
    'pricing.adjustments[1].id',
    'pricing.adjustments[2].id',
    'pricing.discountCodes[1].code',
    'pricing.lines[1].id',
    'tests[1].name',
  ]);
  assert.match(issueAt(config, 'pricing.discountCodes[1].code'), 'case-insensitively');
  assert.match(issueAt(config, 'pricing.adjustments[2].id'), 'reserved');
});

meaning('refuses adjustments and codes with both or neither of percent and amount', () => {
  const config = serviceWith({
    lines: [{ id: 'a', label: 'A', amount: 1 }],
    adjustments: [{ id: 'x', label: 'X', percent: 1, amount: 1 }, { id: 'y', label: 'Y' }],
    discountCodes: [{ code: 'A' }],
  });
  assert.equal(paths(config).sort(), ['pricing.adjustments[0]', 'pricing.adjustments[1]', 'pricing.discountCodes[0]']);
});

meaning('refuses a code valid until before it is valid from', () => {
  const config = serviceWith({ lines: [{ id: 'a', label: 'A', amount: 1 }], discountCodes: [{ code: 'A', percent: 1, validFrom: '2027-01-02', validUntil: '2027-01-01' }] });
  assert.is(issueAt(config, 'pricing.discountCodes[0].validUntil'), 'must not be before validFrom (2027-01-02)');
});

meaning('refuses reserved field keys, max below min and defaults that break their field', () => {
  const config = serviceWith(
    { lines: [{ id: 'a', label: 'A', amount: 1 }] },
    {
      fields: [
        { key: 'constructor', type: 'boolean', label: 'C' },
        { key: 'n', type: 'number', label: 'N', min: 5, max: 1 },
        { key: 'm', type: 'number', label: 'M', min: 1, max: 10, default: 0 },
        { key: 's', type: 'select', label: 'S', options: [{ value: 'x', label: 'X' }], default: 'y' },
      ],
    },
  );
  assert.equal(paths(config).sort(), ['fields[0].key', 'fields[1].max', 'fields[2].default', 'fields[3].default']);
  assert.is(issueAt(config, 'fields[2].default'), 'must be at least 1');
});

meaning('refuses pricing on a text field', () => {
  const config = serviceWith(
    { lines: [{ id: 'a', label: 'A', amount: 1, when: { var: 'notes' } }] },
    { fields: [{ key: 'notes', type: 'text', label: 'Notes' }] },
  );
  assert.match(issueAt(config, 'pricing.lines[0].when.var'), 'a text field; text is never priced');
});

meaning('checks expressions on adjustments too', () => {
  const config = serviceWith({ lines: [{ id: 'a', label: 'A', amount: 1 }], adjustments: [{ id: 'x', label: 'X', percent: 5, when: { method: ['n', 'toString'] } }] });
  assert.match(issueAt(config, 'pricing.adjustments[0].when.method'), 'not an allowed operator');
});

meaning('refuses quantities and unit amounts that can give text or a list', () => {
  const config = serviceWith({ lines: [{ id: 'a', label: 'A', quantity: 1, unitAmount: { var: 'kind' } }, { id: 'b', label: 'B', quantity: { if: [{ var: 'flag' }, 'two', 1] }, unitAmount: 5 }] });
  assert.equal(issuesOf(config), [
    { path: 'pricing.lines[0].unitAmount', message: 'must always give a number, but can give text or a list' },
    { path: 'pricing.lines[1].quantity', message: 'must always give a number, but can give text or a list' },
  ]);
});

meaning('refuses a division that could divide by zero, at the divisor', () => {
  const config = serviceWith({ lines: [{ id: 'a', label: 'A', quantity: { '/': [100, { var: 'n' }] }, unitAmount: 1 }] });
  assert.match(issueAt(config, 'pricing.lines[0].quantity["/"][1]'), 'can never divide by zero');
});

meaning('refuses percentages with more than 6 decimals and number bounds beyond ±1e9', () => {
  const config = serviceWith(
    { lines: [{ id: 'a', label: 'A', amount: 1 }], adjustments: [{ id: 'x', label: 'X', percent: 1 / 3 }] },
    { fields: [{ key: 'n', type: 'number', label: 'N', max: 1e10 }] },
  );
  assert.equal(issuesOf(config), [
    { path: 'fields[0].max', message: 'must be at most 1000000000' },
    { path: 'pricing.adjustments[0].percent', message: 'must have at most 6 decimals' },
  ]);
});

meaning('refuses test cases whose fields do not fit, at the test\'s path', () => {
  const config = specExampleService();
  config.tests = [{ name: 'too many', fields: { rooms: 99 }, expectTotal: 1 }];
  assert.equal(issuesOf(config), [{ path: 'tests[0].fields.rooms', message: 'must be at most 30' }]);
});

meaning.run();

// ---------------------------------------------------------------------------
const kinds = suite('lineKind');

kinds('tells fixed, per-unit and tiered lines apart by their keys', () => {
  assert.is(lineKind({ id: 'a', label: 'A', amount: 1 }), 'fixed');
  assert.is(lineKind({ id: 'a', label: 'A', quantity: 1, unitAmount: 1 }), 'perUnit');
  assert.is(lineKind({ id: 'a', label: 'A', quantity: 1, tiers: [], tierMode: 'volume' }), 'tiered');
});

kinds.run();
