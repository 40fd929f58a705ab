import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadService, type PriceOptions } from './compile-service.ts';
import { InvalidFieldError, InvalidServiceError, PricingRuleError } from './errors.ts';
import type { PricingResult } from './result.types.ts';
import type { ServiceConfig } from './service-schema.ts';
import { serviceWith, specExampleService } from './testing/services.ts';

const TODAY = '2026-11-27';

function price(config: ServiceConfig, fields: Record<string, unknown> = {}, options: PriceOptions = {}): PricingResult {
  return loadService(config, 1).price(fields, { today: TODAY, ...options });
}

function adjustment(result: PricingResult, id: string): number | undefined {
  return result.adjustments.find((a) => a.id === id)?.amount;
}

// ---------------------------------------------------------------------------
const worked = suite('price: the worked example of pricing.md');

worked('reproduces the spec result exactly', () => {
  const result = loadService(specExampleService(), 7).price({ rooms: 2, size: 'small', timing: 'rush' }, { discountCode: 'spring10', today: TODAY });
  assert.equal(result, {
    currency: 'USD',
    pricingVersion: 7,
    lines: [
      { id: 'callout', label: 'Call-out fee', quantity: 1, unitAmount: 4900, amount: 4900, explain: 'fixed' },
      { id: 'rooms', label: 'Painting', quantity: 2, unitAmount: 12000, amount: 24000, explain: 'rooms × 12000 (size = small)' },
    ],
    subtotal: 28900,
    adjustments: [
      { id: 'rush', kind: 'adjustment', label: 'Rush', amount: 7225 },
      { id: 'SPRING10', kind: 'discount', label: 'Code SPRING10', amount: -3613 },
      { id: 'rounding', kind: 'rounding', label: 'Rounding', amount: 6 },
    ],
    tax: { label: 'Sales tax', ratePercent: 8.25, inclusive: false, amount: 2682 },
    total: 35200,
    range: { low: 31600, high: 40500 },
    discountRejected: null,
  });
});

worked('meets the spec\'s own test case: two small rooms → 31300', () => {
  assert.is(price(specExampleService(), { rooms: 2, size: 'small' }).total, 31300);
});

worked('fills missing fields from their defaults (1 medium room, flexible, no ceilings)', () => {
  const result = price(specExampleService(), {});
  assert.equal(result.lines.map((l) => [l.id, l.amount]), [['callout', 4900], ['rooms', 16000]]);
  assert.is(result.subtotal, 20900);
});

worked('adds the ceilings line only when ceilings is true', () => {
  const result = price(specExampleService(), { rooms: 3, ceilings: true });
  const ceilings = result.lines.find((l) => l.id === 'ceilings');
  assert.equal(ceilings, { id: 'ceilings', label: 'Ceilings', quantity: 3, unitAmount: 6000, amount: 18000, explain: 'rooms × 6000 (ceilings = true)' });
});

worked.run();

// ---------------------------------------------------------------------------
const lines = suite('price: lines');

lines('prices a fixed line as quantity 1 at its amount', () => {
  const result = price(serviceWith({ lines: [{ id: 'fee', label: 'Fee', amount: 2500 }] }));
  assert.equal(result.lines, [{ id: 'fee', label: 'Fee', quantity: 1, unitAmount: 2500, amount: 2500, explain: 'fixed' }]);
});

lines('rounds quantity × unitAmount half away from zero', () => {
  const config = serviceWith({ lines: [{ id: 'area', label: 'Area', quantity: { var: 'n' }, unitAmount: 333 }] });
  assert.is(price(config, { n: 12.5 }).lines[0]?.amount, 4163); // 4162.5
  assert.is(price(config, { n: 12.4 }).lines[0]?.amount, 4129); // 4129.2
});

lines('treats decimal products that land on a tie as the tie (0.285 × 100 = 28.5 → 29, though floats give 28.499…)', () => {
  const config = serviceWith({ lines: [{ id: 'x', label: 'X', quantity: { var: 'n' }, unitAmount: 100 }] });
  assert.is(price(config, { n: 0.285 }).lines[0]?.amount, 29);
});

lines('leaves out a line whose quantity is 0', () => {
  const config = serviceWith({ lines: [{ id: 'fee', label: 'Fee', amount: 100 }, { id: 'x', label: 'X', quantity: { var: 'n' }, unitAmount: 10 }] });
  assert.equal(price(config, { n: 0 }).lines.map((l) => l.id), ['fee']);
});

lines('applies `when` to fixed lines and explains the inputs it read', () => {
  const config = serviceWith({ lines: [{ id: 'fee', label: 'Fee', amount: 100 }, { id: 'extra', label: 'Extra', amount: 700, when: { var: 'flag' } }] });
  assert.equal(price(config, { flag: false }).lines.map((l) => l.id), ['fee']);
  assert.equal(price(config, { flag: true }).lines[1], { id: 'extra', label: 'Extra', quantity: 1, unitAmount: 700, amount: 700, explain: 'fixed (flag = true)' });
});

lines('evaluates `when` with JSON Logic truthiness (an empty list is false)', () => {
  const config = serviceWith(
    { lines: [{ id: 'fee', label: 'Fee', amount: 100 }, { id: 'extras', label: 'Extras', amount: 300, when: { var: 'extras' } }] },
    {
      fields: [{ key: 'extras', type: 'multiselect', label: 'Extras', options: [{ value: 'trim', label: 'Trim' }, { value: 'doors', label: 'Doors' }] }],
    },
  );
  assert.is(price(config, { extras: [] }).lines.length, 1);
  assert.is(price(config, { extras: ['trim'] }).lines.length, 2);
});

lines('prices with formula quantities (length × width) and says so', () => {
  const config = serviceWith(
    { lines: [{ id: 'floor', label: 'Floor', unit: 'm2', quantity: { '*': [{ var: 'length' }, { var: 'width' }] }, unitAmount: 1500 }] },
    {
      fields: [
        { key: 'length', type: 'number', label: 'Length', min: 0, max: 100 },
        { key: 'width', type: 'number', label: 'Width', min: 0, max: 100 },
      ],
    },
  );
  const line = price(config, { length: 3.5, width: 4.2 }).lines[0];
  assert.is(line?.quantity, 14.700000000000001);
  assert.is(line?.amount, 22050);
  assert.is(line?.explain, '14.7 × 1500 (length = 3.5, width = 4.2)');
});

lines('uses `in` on a multiselect value', () => {
  const config = serviceWith(
    { lines: [{ id: 'doors', label: 'Doors', amount: 900, when: { in: ['doors', { var: 'extras' }] } }] },
    { fields: [{ key: 'extras', type: 'multiselect', label: 'Extras', options: [{ value: 'trim', label: 'Trim' }, { value: 'doors', label: 'Doors' }] }] },
  );
  assert.is(price(config, { extras: ['trim'] }).subtotal, 0);
  assert.is(price(config, { extras: ['trim', 'doors'] }).subtotal, 900);
});

lines.run();

// ---------------------------------------------------------------------------
const tiers = suite('price: tiered lines at tier boundaries');

const tiered = (mode: 'graduated' | 'volume'): ServiceConfig =>
  serviceWith({
    lines: [
      {
        id: 'area', label: 'Area', quantity: { var: 'n' }, tierMode: mode,
        tiers: [ { upTo: 50, unitAmount: 1200 }, { upTo: 100, unitAmount: 1000 }, { upTo: null, unitAmount: 800 } ],
      },
    ],
  });

const cases: Array<[number, number, number]> = [
  // quantity, graduated, volume
  [1, 1200, 1200],
  [50, 60000, 60000],
  [51, 61000, 51000],
  [50.5, 60500, 50500],
  [100, 110000, 100000],
  [101, 110800, 80800],
  [250, 230000, 200000],
];

for (const [quantity, graduated, volume] of cases) {
  tiers(`quantity ${quantity}: graduated ${graduated}, volume ${volume}`, () => {
    assert.is(price(tiered('graduated'), { n: quantity }).lines[0]?.amount, graduated);
    assert.is(price(tiered('volume'), { n: quantity }).lines[0]?.amount, volume);
  });
}

tiers('explains each graduated band and the volume tier used', () => {
  const g = price(tiered('graduated'), { n: 75 }).lines[0];
  assert.is(g?.explain, 'graduated: 50 × 1200 + 25 × 1000 (n = 75)');
  assert.is(g?.unitAmount, null);
  const v = price(tiered('volume'), { n: 75 }).lines[0];
  assert.is(v?.explain, '75 × 1000, volume tier up to 100 (n = 75)');
  assert.is(v?.unitAmount, 1000);
  assert.is(price(tiered('volume'), { n: 500 }).lines[0]?.explain, '500 × 800, volume top tier (n = 500)');
});

tiers('rounds a graduated sum once, not per band', () => {
  const config = serviceWith({
    lines: [{ id: 'w', label: 'W', quantity: { var: 'n' }, tierMode: 'graduated', tiers: [ { upTo: 1.5, unitAmount: 1 }, { upTo: null, unitAmount: 1 } ] }],
  });
  // 1.5 × 1 + 1 × 1 = 2.5 → 3 (per-band rounding would give 2 + 1 = 3 too; 0.5+0.5 below shows the difference)
  assert.is(price(config, { n: 2.5 }).lines[0]?.amount, 3);
  const halves = serviceWith({
    lines: [{ id: 'w', label: 'W', quantity: { var: 'n' }, tierMode: 'graduated', tiers: [ { upTo: 0.5, unitAmount: 1 }, { upTo: null, unitAmount: 1 } ] }],
  });
  assert.is(price(halves, { n: 0.9 }).lines[0]?.amount, 1); // 0.5 + 0.4 = 0.9 → 1; per band 1 + 0 = 1
  assert.is(price(halves, { n: 0.4 }).lines[0]?.amount, 0); // 0.4 → 0
});

tiers.run();

// ---------------------------------------------------------------------------
const adjustments = suite('price: adjustments');

adjustments('computes every percent adjustment on the subtotal, never compounded', () => {
  const config = serviceWith({
    lines: [{ id: 'base', label: 'Base', amount: 10000 }],
    adjustments: [ { id: 'a', label: 'A', percent: 10 }, { id: 'b', label: 'B', percent: 20 } ],
  });
  const result = price(config);
  assert.equal(result.adjustments.map((a) => [a.id, a.kind, a.amount]), [['a', 'adjustment', 1000], ['b', 'adjustment', 2000]]);
  assert.is(result.total, 13000);
});

adjustments('applies negative percent and fixed adjustments', () => {
  const config = serviceWith({
    lines: [{ id: 'base', label: 'Base', amount: 28900 }],
    adjustments: [ { id: 'loyal', label: 'Loyalty', percent: -15 }, { id: 'credit', label: 'Credit', amount: -2000 } ],
  });
  const result = price(config);
  assert.is(adjustment(result, 'loyal'), -4335);
  assert.is(adjustment(result, 'credit'), -2000);
  assert.is(result.total, 22565);
});

adjustments('rounds a negative percent half away from zero (−0.5 → −1)', () => {
  const config = serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 10 }], adjustments: [ { id: 'off', label: 'Off', percent: -5 } ] });
  assert.is(adjustment(price(config), 'off'), -1);
});

adjustments('applies an adjustment only when its `when` holds', () => {
  const config = serviceWith({
    lines: [{ id: 'base', label: 'Base', amount: 10000 }],
    adjustments: [ { id: 'b', label: 'Kind B', percent: 50, when: { '==': [{ var: 'kind' }, 'b'] } } ],
  });
  assert.is(price(config, { kind: 'a' }).adjustments.length, 0);
  assert.is(adjustment(price(config, { kind: 'b' }), 'b'), 5000);
});

adjustments('leaves out adjustments whose amount is 0', () => {
  const config = serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 4 }], adjustments: [ { id: 'tiny', label: 'Tiny', percent: 10 }, { id: 'zero', label: 'Zero', amount: 0 } ] });
  assert.equal(price(config).adjustments, []); // 0.4 → 0
});

adjustments.run();

// ---------------------------------------------------------------------------
const discounts = suite('price: discount codes');

const withCodes = (codes: NonNullable<ServiceConfig['pricing']['discountCodes']>, adjustmentsList: ServiceConfig['pricing']['adjustments'] = []): ServiceConfig =>
  serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 20000 }], adjustments: adjustmentsList, discountCodes: codes });

discounts('takes a percent code on subtotal plus step-1 adjustments', () => {
  const config = withCodes([{ code: 'TEN', percent: 10 }], [{ id: 'rush', label: 'Rush', percent: 25 }]);
  const result = price(config, {}, { discountCode: 'ten' });
  assert.is(adjustment(result, 'TEN'), -2500); // 10 % of 25000
  assert.is(result.adjustments[1]?.kind, 'discount');
  assert.is(result.adjustments[1]?.label, 'Code TEN');
  assert.is(result.discountRejected, null);
});

discounts('takes a fixed-amount code as its amount', () => {
  assert.is(adjustment(price(withCodes([{ code: 'OFF15', amount: 1500 }]), {}, { discountCode: 'off15' }), 'OFF15'), -1500);
});

discounts('caps a discount at the running amount and shows the capped amount', () => {
  const config = withCodes([{ code: 'BIG', amount: 50000 }]);
  const result = price(config, {}, { discountCode: 'BIG' });
  assert.is(adjustment(result, 'BIG'), -20000);
  assert.is(result.total, 0);
});

discounts('gives nothing when the running amount is already 0 or below', () => {
  const config = withCodes([{ code: 'TEN', percent: 10 }], [{ id: 'credit', label: 'Credit', amount: -25000 }]);
  const result = price(config, {}, { discountCode: 'TEN' });
  assert.is(adjustment(result, 'TEN'), undefined);
  assert.is(result.total, -5000);
  assert.is(result.discountRejected, null);
});

discounts('reports an unknown code instead of failing', () => {
  const result = price(withCodes([{ code: 'TEN', percent: 10 }]), {}, { discountCode: 'NOPE' });
  assert.is(result.discountRejected, 'unknown_code');
  assert.is(result.total, 20000);
});

discounts('honours validFrom and validUntil inclusively', () => {
  const config = withCodes([{ code: 'WIN', percent: 10, validFrom: '2026-12-01', validUntil: '2026-12-31' }]);
  const on = (today: string): PricingResult => price(config, {}, { discountCode: 'win', today });
  assert.is(on('2026-11-30').discountRejected, 'not_yet_valid');
  assert.is(on('2026-12-01').discountRejected, null);
  assert.is(on('2026-12-31').discountRejected, null);
  assert.is(on('2027-01-01').discountRejected, 'expired');
  assert.is(adjustment(on('2027-01-01'), 'WIN'), undefined);
});

discounts('refuses a code whose maxUses are used up by submitted quotes', () => {
  const config = withCodes([{ code: 'ONCE', percent: 10, maxUses: 2 }]);
  assert.is(price(config, {}, { discountCode: 'once', discountUses: { ONCE: 1 } }).discountRejected, null);
  assert.is(price(config, {}, { discountCode: 'once', discountUses: { ONCE: 2 } }).discountRejected, 'used_up');
  assert.is(price(config, {}, { discountCode: 'once' }).discountRejected, null);
});

discounts('judges validity by today in UTC when no day is given', () => {
  const config = withCodes([{ code: 'OLD', percent: 10, validUntil: '2000-01-01' }]);
  assert.is(loadService(config).price({}, { discountCode: 'OLD' }).discountRejected, 'expired');
});

discounts('ignores an empty code', () => {
  assert.is(price(withCodes([{ code: 'TEN', percent: 10 }]), {}, { discountCode: '' }).discountRejected, null);
});

discounts.run();

// ---------------------------------------------------------------------------
const minimum = suite('price: minimum charge');

minimum('tops net up to the minimum after a large discount', () => {
  const config = serviceWith({
    lines: [{ id: 'base', label: 'Base', amount: 20000 }],
    discountCodes: [{ code: 'HALF', percent: 75 }],
    minimum: { amount: 15000, label: 'Minimum job charge' },
  });
  const result = price(config, {}, { discountCode: 'HALF' });
  assert.equal(result.adjustments, [
    { id: 'HALF', kind: 'discount', label: 'Code HALF', amount: -15000 },
    { id: 'minimum', kind: 'minimum', label: 'Minimum job charge', amount: 10000 },
  ]);
  assert.is(result.total, 15000);
});

minimum('adds nothing when net already reaches the minimum', () => {
  const config = serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 15000 }], minimum: { amount: 15000 } });
  assert.equal(price(config).adjustments, []);
});

minimum('labels the minimum "Minimum charge" when no label is configured', () => {
  const config = serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 100 }], minimum: { amount: 5000 } });
  assert.equal(price(config).adjustments, [{ id: 'minimum', kind: 'minimum', label: 'Minimum charge', amount: 4900 }]);
});

minimum.run();

// ---------------------------------------------------------------------------
const tax = suite('price: tax');

tax('adds exclusive tax on net after the minimum', () => {
  const config = serviceWith({ lines: [{ id: 'base', label: 'Base', amount: 100 }], minimum: { amount: 10000 }, tax: { label: 'VAT', ratePercent: 20, inclusive: false } });
  const result = price(config);
  assert.equal(result.tax, { label: 'VAT', ratePercent: 20, inclusive: false, amount: 2000 });
  assert.is(result.total, 12000);
});

tax('extracts inclusive tax without changing the total', () => {
  const config = (amount: number): ServiceConfig =>
    serviceWith({ lines: [{ id: 'base', label: 'Base', amount }], tax: { label: 'MwSt.', ratePercent: 19, inclusive: true } });
  assert.equal(price(config(11900)).tax, { label: 'MwSt.', ratePercent: 19, inclusive: true, amount: 1900 });
  assert.is(price(config(11900)).total, 11900);
  assert.is(price(config(1000)).tax?.amount, 160); // 1000 − round(840.34)
});

tax('rounds exclusive tax half away from zero (8.25 % of 32512 = 2682.24 → 2682; 10 % of 12345 → 1235)', () => {
  const t = (amount: number, ratePercent: number): number | undefined =>
    price(serviceWith({ lines: [{ id: 'b', label: 'B', amount }], tax: { ratePercent, inclusive: false } })).tax?.amount;
  assert.is(t(32512, 8.25), 2682);
  assert.is(t(12345, 10), 1235);
});

tax('labels tax "Tax" by default and leaves tax null when none is configured', () => {
  assert.is(price(serviceWith({ lines: [{ id: 'b', label: 'B', amount: 100 }], tax: { ratePercent: 5, inclusive: false } })).tax?.label, 'Tax');
  assert.is(price(serviceWith({ lines: [{ id: 'b', label: 'B', amount: 100 }] })).tax, null);
});

tax.run();

// ---------------------------------------------------------------------------
const rounding = suite('price: rounding and ranges');

const rounded = (amount: number, step: number): PricingResult => price(serviceWith({ lines: [{ id: 'b', label: 'B', amount }], rounding: { step } }));

rounding('rounds the total to the nearest step with ties away from zero', () => {
  assert.is(rounded(35150, 100).total, 35200);
  assert.is(adjustment(rounded(35150, 100), 'rounding'), 50);
  assert.is(rounded(35149, 100).total, 35100);
  assert.is(adjustment(rounded(35149, 100), 'rounding'), -49);
  assert.is(rounded(250, 500).total, 500);
});

rounding('rounds a negative total tie away from zero', () => {
  const config = serviceWith({ lines: [{ id: 'b', label: 'B', amount: 100 }], adjustments: [{ id: 'credit', label: 'Credit', amount: -250 }], rounding: { step: 100 } });
  assert.is(price(config).total, -200);
});

rounding('adds no rounding adjustment when the total is already a multiple', () => {
  assert.equal(rounded(35200, 100).adjustments, []);
});

rounding('computes the range with floor/ceil to the rounding step', () => {
  const config = serviceWith({ lines: [{ id: 'b', label: 'B', amount: 10000 }], rounding: { step: 100 }, range: { belowPercent: 10, abovePercent: 10 } });
  assert.equal(price(config).range, { low: 9000, high: 11000 }); // exact multiples stay put despite 1.1 not being exact in binary
});

rounding('computes the range to step 1 without rounding', () => {
  const config = serviceWith({ lines: [{ id: 'b', label: 'B', amount: 12345 }], range: { belowPercent: 12.5, abovePercent: 33.3 } });
  assert.equal(price(config).range, { low: 10801, high: 16456 }); // 10801.875 ↓, 16455.885 ↑
});

rounding('leaves range null when none is configured', () => {
  assert.is(rounded(100, 100).range, null);
});

rounding.run();

// ---------------------------------------------------------------------------
const currencies = suite('price: currencies with other exponents');

currencies('prices JPY in whole yen', () => {
  const config = serviceWith(
    { lines: [{ id: 'b', label: '基本料金', quantity: { var: 'n' }, unitAmount: 4115 }], tax: { label: '消費税', ratePercent: 10, inclusive: false }, rounding: { step: 100 } },
    { currency: 'JPY' },
  );
  const result = price(config, { n: 3 });
  assert.is(result.currency, 'JPY');
  assert.is(result.subtotal, 12345);
  assert.is(result.tax?.amount, 1235);
  assert.is(result.total, 13600);
  assert.is(adjustment(result, 'rounding'), 20);
});

currencies('prices BHD in fils (three decimals)', () => {
  const config = serviceWith(
    { lines: [{ id: 'b', label: 'Service', quantity: { var: 'n' }, unitAmount: 1250 }], tax: { label: 'VAT', ratePercent: 10, inclusive: true }, rounding: { step: 5 } },
    { currency: 'BHD' },
  );
  const result = price(config, { n: 3 }); // 3.750 BHD
  assert.is(result.subtotal, 3750);
  assert.is(result.tax?.amount, 341); // 3750 − round(3409.09)
  assert.is(result.total, 3750);
});

currencies.run();

// ---------------------------------------------------------------------------
const errors = suite('price: bad values and bad rules');

errors('refuses bad field values with one invalid_field detail per field', () => {
  try {
    price(specExampleService(), { rooms: 31, size: 'huge', colour: 'red' });
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.instance(error, InvalidFieldError);
    const e = error as InvalidFieldError;
    assert.is(e.code, 'invalid_field');
    assert.is(e.status, 422);
    assert.equal(e.details?.map((d) => d.path), ['fields.rooms', 'fields.size', 'fields.colour']);
    assert.match(e.message, 'rooms must be at most 30');
  }
});

errors('divides by a field that can never be zero', () => {
  const config = serviceWith(
    { lines: [{ id: 'tins', label: 'Paint tins', quantity: { '/': [{ var: 'area' }, { var: 'coverage' }] }, unitAmount: 2500 }] },
    {
      fields: [
        { key: 'area', type: 'area', label: 'Wall area', unit: 'm2', min: 0, max: 500, default: 40 },
        { key: 'coverage', type: 'number', label: 'Coverage per tin', unit: 'm2', min: 0.5, max: 20, default: 10 },
      ],
    },
  );
  assert.is(price(config, { area: 45 }).lines[0]?.amount, 11250); // 4.5 tins
  assert.is(price(config, { area: 45 }).lines[0]?.explain, '4.5 × 2500 (area = 45, coverage = 10)');
});

errors('counts a quantity or unit amount below zero as zero (rules cannot make a line negative)', () => {
  const extra = serviceWith({
    lines: [
      { id: 'base', label: 'Base', amount: 1000 },
      { id: 'extra', label: 'Rooms beyond two', quantity: { '-': [{ var: 'n' }, 2] }, unitAmount: 500 },
      { id: 'odd', label: 'Odd', quantity: 1, unitAmount: { '-': [100, { var: 'n' }] } },
    ],
  });
  const one = price(extra, { n: 1 });
  assert.equal(one.lines.map((l) => [l.id, l.amount]), [['base', 1000], ['odd', 99]]);
  const many = price(extra, { n: 200 });
  assert.equal(many.lines.map((l) => [l.id, l.quantity, l.amount]), [['base', 1, 1000], ['extra', 198, 99000], ['odd', 1, 0]]);
});

errors('counts true as 1 and false as 0 for a boolean quantity', () => {
  const config = serviceWith({ lines: [{ id: 'b', label: 'B', quantity: { var: 'flag' }, unitAmount: 700 }] });
  assert.is(price(config, { flag: true }).total, 700);
  assert.equal(price(config, { flag: false }).lines, []);
});

errors('refuses an amount too large to hold exactly', () => {
  const config = serviceWith({ lines: [{ id: 'b', label: 'B', quantity: { '*': [{ var: 'n' }, 1e9] }, unitAmount: 1e9 }] });
  assert.throws(() => price(config, { n: 100 }), (e: PricingRuleError) => e.code === 'pricing_rule_error' && e.details?.[0]?.path === 'pricing.lines[0]');
});

errors('refuses to load an invalid configuration, naming its paths', () => {
  const config = specExampleService();
  config.currency = 'XXQ';
  assert.throws(() => loadService(config), (e: InvalidServiceError) => e.code === 'invalid_service' && e.details?.[0]?.path === 'currency');
});

errors.run();
