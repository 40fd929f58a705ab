// fast-check generators for the pricing engine's property tests: valid
// services (every field type, every line kind, adjustments, codes, minimum,
// tax, rounding, range), valid and invalid field values for them, request
// options, and random mutations of configurations.
//
// The valid-service generator keeps every expression over non-negative
// numbers (number fields have min ≥ 0; arithmetic is only `+`, `*` by a small
// literal, `if`, `min`, `max`), and keeps magnitudes far below 2^53, so a
// validated service from it must price any valid value without throwing.
import fc from 'fast-check';
import type { PriceOptions } from '../compile-service.ts';
import type {
  AdjustmentConfig,
  DiscountCodeConfig,
  Expression,
  FieldConfig,
  LineConfig,
  PricingConfig,
  ServiceConfig,
} from '../service-schema.ts';

export type FieldValues = Record<string, unknown>;

/** Drops keys whose value is undefined, so generated configurations look like parsed JSON. */
function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** An exact decimal with at most `decimals` places, as the nearest double (what JSON parsing gives). */
export function decimal(min: number, max: number, decimals: number): fc.Arbitrary<number> {
  const scale = 10 ** decimals;
  // 0.07 × 1000 is 70.00000000000001: snap float noise before ceil/floor.
  const low = Math.ceil(Number((min * scale).toFixed(6)));
  const high = Math.floor(Number((max * scale).toFixed(6)));
  if (high < low) throw new RangeError(`no ${decimals}-decimal number lies in [${min}, ${max}]`);
  return fc.integer({ min: low, max: high }).map((n) => n / scale || 0);
}

/** Rounds away float noise from a sum/product of short decimals. */
function clean(x: number): number {
  return Number(x.toFixed(9)) || 0;
}

// ---------------------------------------------------------------------------
// Fields

const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

const fieldKey = fc.stringMatching(/^[a-z][A-Za-z0-9_]{0,7}$/).filter((k) => !RESERVED_KEYS.has(k));
const label = fc.constantFrom('Rooms', 'Size', 'Extras', 'Rush job', 'Area', 'Notes', 'Floors', 'Ümlaut label', 'A');
const optionValue = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,5}$/);
const aliases = fc.option(fc.array(fc.constantFrom('rooms', 'bedrooms', 'sq ft', 'asap'), { minLength: 1, maxLength: 2 }), { nil: undefined });

/** Number or area: min ≥ 0 always (expressions stay non-negative), max ≥ min, step from short decimals. */
const numericField = fc
  .record({
    type: fc.constantFrom('number' as const, 'area' as const),
    min: decimal(0, 100, 2),
    step: fc.option(fc.constantFrom(1, 0.5, 0.25, 0.1, 0.01, 2, 5, 0.3), { nil: undefined }),
    span: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined }),
    defaultAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: undefined, freq: 2 }),
    required: fc.option(fc.boolean(), { nil: undefined }),
    unit: fc.option(fc.constantFrom('m2', 'sqft', 'km', 'm3'), { nil: undefined }),
    label,
    aliases,
  })
  .map(({ type, min, step, span, defaultAt, required, unit, label, aliases }) => {
    const unitSize = step ?? 1;
    const max = span === undefined ? undefined : clean(min + span * unitSize);
    const limit = span ?? 200;
    const dflt = defaultAt === undefined ? undefined : clean(min + Math.min(defaultAt, limit) * unitSize);
    return compact({ type, label, min, max, step, default: dflt, required, unit, aliases });
  });

const optionsArb = fc
  .uniqueArray(optionValue, { minLength: 1, maxLength: 4 })
  .map((values) => values.map((value, i) => compact({ value, label: `Option ${i + 1}`, aliases: i === 0 ? ['first choice'] : undefined })));

const selectField = fc
  .record({ options: optionsArb, defaultIndex: fc.option(fc.nat(), { nil: undefined }), required: fc.option(fc.boolean(), { nil: undefined }), label })
  .map(({ options, defaultIndex, required, label }) =>
    compact({
      type: 'select' as const,
      label,
      options,
      default: defaultIndex === undefined ? undefined : options[defaultIndex % options.length]?.value,
      required,
    }),
  );

const multiselectField = fc
  .record({ options: optionsArb, defaultMask: fc.option(fc.nat(15), { nil: undefined }), required: fc.option(fc.boolean(), { nil: undefined }), label })
  .map(({ options, defaultMask, required, label }) =>
    compact({
      type: 'multiselect' as const,
      label,
      options,
      default: defaultMask === undefined ? undefined : options.filter((_, i) => (defaultMask >> i) & 1).map((o) => o.value),
      required,
    }),
  );

const booleanField = fc
  .record({ default: fc.option(fc.boolean(), { nil: undefined }), required: fc.option(fc.boolean(), { nil: undefined }), label })
  .map(({ default: dflt, required, label }) => compact({ type: 'boolean' as const, label, default: dflt, required }));

const textField = fc
  .record({ maxLength: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }), default: fc.option(fc.constant('hello'), { nil: undefined }), label })
  .map(({ maxLength, default: dflt, label }) =>
    compact({ type: 'text' as const, label, maxLength, default: dflt !== undefined && maxLength !== undefined ? dflt.slice(0, maxLength) : dflt }),
  );

type FieldWithoutKey = { [K in FieldConfig['type']]: Omit<Extract<FieldConfig, { type: K }>, 'key'> }[FieldConfig['type']];

const fieldBody: fc.Arbitrary<FieldWithoutKey> = fc.oneof(
  { arbitrary: numericField as fc.Arbitrary<FieldWithoutKey>, weight: 3 },
  { arbitrary: selectField, weight: 2 },
  { arbitrary: multiselectField, weight: 1 },
  { arbitrary: booleanField, weight: 2 },
  { arbitrary: textField, weight: 1 },
);

/** 0–6 fields with unique keys, at least one of them numeric. */
export const fieldsArb: fc.Arbitrary<FieldConfig[]> = fc
  .tuple(fc.uniqueArray(fieldKey, { minLength: 1, maxLength: 6 }), fc.array(fieldBody, { minLength: 6, maxLength: 6 }), numericField)
  .map(([keys, bodies, firstNumeric]) => keys.map((key, i) => ({ key, ...(i === 0 ? firstNumeric : (bodies[i] as FieldWithoutKey)) }) as FieldConfig));

// ---------------------------------------------------------------------------
// Expressions

type NumericField = Extract<FieldConfig, { type: 'number' | 'area' }>;
type ChoiceField = Extract<FieldConfig, { type: 'select' | 'multiselect' }>;

/** What expressions may read: the service's fields by kind. */
interface Scope {
  /** Numeric fields that always hold a number (they have a default or are required). */
  numbers: NumericField[];
  /** Numeric fields that hold null when left out (optional, no default). */
  nullableNumbers: NumericField[];
  selects: ChoiceField[];
  multiselects: ChoiceField[];
  booleans: string[];
}

function scopeOf(fields: readonly FieldConfig[]): Scope {
  const numeric = fields.filter((f): f is NumericField => f.type === 'number' || f.type === 'area');
  return {
    numbers: numeric.filter((f) => f.default !== undefined || f.required === true),
    nullableNumbers: numeric.filter((f) => f.default === undefined && f.required !== true),
    selects: fields.filter((f): f is ChoiceField => f.type === 'select'),
    multiselects: fields.filter((f): f is ChoiceField => f.type === 'multiselect'),
    booleans: fields.filter((f) => f.type === 'boolean').map((f) => f.key),
  };
}

const smallLiteral = fc.oneof(fc.integer({ min: 0, max: 100 }), decimal(0, 100, 2));

/** A numeric expression that is ≥ 0 for every valid value, bounded by about 1e4 × 10^depth. */
function numericExpression(scope: Scope, depth: number): fc.Arbitrary<Expression> {
  const leaves: fc.Arbitrary<Expression>[] = [smallLiteral];
  const numbers = [...scope.numbers, ...scope.nullableNumbers];
  if (numbers.length > 0) {
    // A nullable field left out is null: 0 as a quantity or unit amount, and in arithmetic.
    leaves.push(fc.constantFrom(...numbers).map((f) => ({ var: f.key })));
    leaves.push(fc.tuple(fc.constantFrom(...numbers), smallLiteral).map(([f, d]) => ({ var: [f.key, d] })));
  }
  if (scope.nullableNumbers.length > 0) {
    leaves.push(fc.tuple(fc.constantFrom(...scope.nullableNumbers), smallLiteral).map(([f, d]) => ({ '+': [{ var: f.key }, d] })));
  }
  const leaf = fc.oneof(...leaves);
  if (depth <= 0) return leaf;
  const inner = numericExpression(scope, depth - 1);
  const cond = condition(scope, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.array(inner, { minLength: 1, maxLength: 3 }).map((args) => ({ '+': args })), weight: 1 },
    { arbitrary: fc.tuple(inner, fc.oneof(fc.integer({ min: 0, max: 10 }), decimal(0, 10, 2))).map(([a, k]) => ({ '*': [a, k] })), weight: 1 },
    { arbitrary: fc.tuple(cond, inner, inner).map(([c, a, b]) => ({ if: [c, a, b] })), weight: 1 },
    { arbitrary: fc.tuple(cond, inner, cond, inner, inner).map(([c, a, d, b, e]) => ({ if: [c, a, d, b, e] })), weight: 1 },
    { arbitrary: fc.tuple(fc.constantFrom('min', 'max'), fc.array(inner, { minLength: 1, maxLength: 3 })).map(([op, args]) => ({ [op]: args })), weight: 1 },
  );
}

/** A condition over the fields (for `when` and `if`); never throws for valid values. */
function condition(scope: Scope, depth: number): fc.Arbitrary<Expression> {
  const leaves: fc.Arbitrary<Expression>[] = [fc.boolean()];
  if (scope.booleans.length > 0) {
    const b = fc.constantFrom(...scope.booleans);
    leaves.push(b.map((k) => ({ var: k })), fc.tuple(b, fc.boolean()).map(([k, v]) => ({ '==': [{ var: k }, v] })));
  }
  if (scope.selects.length > 0) {
    const pick = fc.constantFrom(...scope.selects).chain((f) => fc.tuple(fc.constant(f.key), fc.constantFrom(...f.options.map((o) => o.value))));
    leaves.push(pick.chain(([k, v]) => fc.constantFrom({ '==': [{ var: k }, v] }, { '!=': [{ var: k }, v] }, { '===': [{ var: k }, v] })));
  }
  if (scope.multiselects.length > 0) {
    const m = fc.constantFrom(...scope.multiselects);
    leaves.push(m.map((f) => ({ var: f.key })));
    leaves.push(m.chain((f) => fc.constantFrom(...f.options.map((o) => o.value)).map((v) => ({ in: [v, { var: f.key }] }))));
  }
  const numbers = [...scope.numbers, ...scope.nullableNumbers];
  if (numbers.length > 0) {
    const n = fc.constantFrom(...numbers);
    leaves.push(
      fc.tuple(fc.constantFrom('<', '<=', '>', '>=', '==', '!='), n, smallLiteral).map(([op, f, x]) => ({ [op]: [{ var: f.key }, x] })),
      fc.tuple(n, smallLiteral, smallLiteral).map(([f, a, b]) => ({ '<=': [Math.min(a, b), { var: f.key }, Math.max(a, b)] })),
    );
  }
  const leaf = fc.oneof(...leaves);
  if (depth <= 0) return leaf;
  const inner = condition(scope, depth - 1);
  return fc.oneof(
    { arbitrary: leaf, weight: 4 },
    { arbitrary: fc.tuple(fc.constantFrom('and', 'or'), fc.array(inner, { minLength: 1, maxLength: 3 })).map(([op, args]) => ({ [op]: args })), weight: 1 },
    { arbitrary: inner.map((c) => ({ '!': c })), weight: 1 },
    { arbitrary: inner.map((c) => ({ '!!': [c] })), weight: 1 },
  );
}

/** A unit amount: a literal (≤ 1e5), or a shallow expression (≤ about 2e5). */
function unitAmountExpression(scope: Scope): fc.Arbitrary<Expression> {
  const literal = fc.oneof(fc.integer({ min: 0, max: 100000 }), decimal(0, 1000, 4));
  const leaves: fc.Arbitrary<Expression>[] = [literal];
  const numbers = [...scope.numbers, ...scope.nullableNumbers];
  if (numbers.length > 0) leaves.push(fc.constantFrom(...numbers).map((f) => ({ var: f.key })));
  if (scope.nullableNumbers.length > 0) leaves.push(fc.constantFrom(...scope.nullableNumbers).map((f) => ({ '*': [{ var: f.key }, 3] })));
  const leaf = fc.oneof(...leaves);
  return fc.oneof(
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.tuple(condition(scope, 1), literal, literal).map(([c, a, b]) => ({ if: [c, a, b] })), weight: 1 },
    { arbitrary: fc.array(literal, { minLength: 1, maxLength: 2 }).chain((ls) => leaf.map((l) => ({ '+': [l, ...ls] }))), weight: 1 },
  );
}

// ---------------------------------------------------------------------------
// Lines and pricing

/** One valid line (without its id) over `fields`. */
export function lineForArb(fields: readonly FieldConfig[]): fc.Arbitrary<Omit<LineConfig, 'id'>> {
  return lineArb(scopeOf(fields));
}

/** One valid adjustment (without its id) over `fields`. */
export function adjustmentForArb(fields: readonly FieldConfig[]): fc.Arbitrary<Omit<AdjustmentConfig, 'id'>> {
  return adjustmentArb(scopeOf(fields));
}

/** A condition over `fields` that is true or false depending on the values. */
export function conditionForArb(fields: readonly FieldConfig[], depth = 2): fc.Arbitrary<Expression> {
  return condition(scopeOf(fields), depth);
}

function lineArb(scope: Scope): fc.Arbitrary<Omit<LineConfig, 'id'>> {
  const when = fc.option(condition(scope, 2), { nil: undefined, freq: 2 });
  const quantity = fc.oneof(
    { arbitrary: numericExpression(scope, 3), weight: 4 },
    { arbitrary: fc.oneof(fc.integer({ min: 0, max: 50 }), decimal(0, 50, 3)), weight: 1 },
  );
  const fixed = fc.record({ label, when, amount: fc.oneof(fc.integer({ min: 0, max: 1000000 }), fc.constant(0)) }).map(compact);
  const perUnit = fc
    .record({ label, when, quantity, unitAmount: unitAmountExpression(scope), unit: fc.option(fc.constantFrom('room', 'm2', 'hour'), { nil: undefined }) })
    .map(compact);
  const tiers = fc
    .array(fc.tuple(decimal(0.01, 100, 2), fc.oneof(fc.integer({ min: 0, max: 100000 }), decimal(0, 1000, 4))), { minLength: 1, maxLength: 4 })
    .map((steps) => {
      let upTo = 0;
      return steps.map(([width, unitAmount], i) => {
        upTo = clean(upTo + width);
        return { upTo: i === steps.length - 1 ? null : upTo, unitAmount };
      });
    });
  const tiered = fc
    .record({ label, when, quantity, tiers, tierMode: fc.constantFrom('graduated' as const, 'volume' as const) })
    .map(compact);
  return fc.oneof(fixed, perUnit, tiered);
}

function adjustmentArb(scope: Scope): fc.Arbitrary<Omit<AdjustmentConfig, 'id'>> {
  const when = fc.option(condition(scope, 2), { nil: undefined, freq: 2 });
  return fc.oneof(
    fc.record({ label, when, percent: decimal(-100, 1000, 4) }).map(compact),
    fc.record({ label, when, amount: fc.integer({ min: -200000, max: 200000 }) }).map(compact),
  );
}

const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2025, 0, 1);
/** A day between 2025-01-01 and 2027-12-31, as YYYY-MM-DD. */
export const dayArb: fc.Arbitrary<string> = fc.integer({ min: 0, max: 3 * 365 }).map((n) => new Date(FIRST_DAY + n * DAY_MS).toISOString().slice(0, 10));

const discountCodesArb: fc.Arbitrary<DiscountCodeConfig[]> = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/), { maxLength: 3, selector: (code) => code.toUpperCase() })
  .chain((codes) =>
    fc.tuple(
      ...codes.map((code) =>
        fc
          .record({
            value: fc.oneof(fc.record({ percent: decimal(0.0001, 100, 4) }), fc.record({ amount: fc.integer({ min: 1, max: 500000 }) })),
            from: fc.option(dayArb, { nil: undefined, freq: 2 }),
            until: fc.option(dayArb, { nil: undefined, freq: 2 }),
            maxUses: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined, freq: 2 }),
          })
          .map(({ value, from, until, maxUses }) => {
            const [validFrom, validUntil] = from !== undefined && until !== undefined && until < from ? [until, from] : [from, until];
            return compact({ code, ...value, validFrom, validUntil, maxUses }) as DiscountCodeConfig;
          }),
      ),
    ),
  );

export interface ServiceOptions {
  /** Forces `rounding` on (true) or off (false); random when left out. */
  rounding?: boolean;
}

function pricingArb(fields: FieldConfig[], options: ServiceOptions): fc.Arbitrary<PricingConfig> {
  const scope = scopeOf(fields);
  const taxArb = fc.option(
    fc
      .record({ label: fc.option(fc.constantFrom('Sales tax', 'VAT'), { nil: undefined }), ratePercent: decimal(0, 100, 4), inclusive: fc.boolean() })
      .map(compact),
    { nil: undefined, freq: 3 },
  );
  const roundingArb = fc.oneof(fc.constantFrom(1, 5, 10, 25, 50, 100, 500, 1000), fc.integer({ min: 1, max: 100000 })).map((step) => ({ step }));
  return fc
    .record({
      lines: fc.array(lineArb(scope), { minLength: 1, maxLength: 5 }),
      adjustments: fc.option(fc.array(adjustmentArb(scope), { maxLength: 3 }), { nil: undefined }),
      discountCodes: fc.option(discountCodesArb, { nil: undefined }),
      minimum: fc.option(
        fc.record({ amount: fc.integer({ min: 0, max: 1000000 }), label: fc.option(fc.constant('Minimum job'), { nil: undefined }) }).map(compact),
        { nil: undefined },
      ),
      tax: taxArb,
      rounding: options.rounding === false ? fc.constant(undefined) : options.rounding ? roundingArb : fc.option(roundingArb, { nil: undefined }),
      range: fc.option(fc.record({ belowPercent: decimal(0, 100, 2), abovePercent: decimal(0, 1000, 2) }), { nil: undefined }),
    })
    .map(({ lines, adjustments, ...rest }) =>
      compact({
        lines: lines.map((line, i) => ({ id: `line${i}`, ...line }) as LineConfig),
        adjustments: adjustments?.map((adjustment, i) => ({ id: `adj${i}`, ...adjustment }) as AdjustmentConfig),
        ...rest,
      }),
    );
}

/** A service that validates under pricing.md, with every field type and line kind. */
export function validServiceArb(options: ServiceOptions = {}): fc.Arbitrary<ServiceConfig> {
  return fieldsArb.chain((fields) =>
    fc
      .record({
        currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'GBP', 'CHF'),
        pricing: pricingArb(fields, options),
        tests: fc.option(valuesArb(fields).map((values) => [{ name: 'a generated case', fields: values, expectTotal: 0 }]), { nil: undefined, freq: 2 }),
        description: fc.option(fc.constant('Generated'), { nil: undefined }),
      })
      .map(({ currency, pricing, tests, description }) => compact({ key: 'generated', name: 'Generated service', description, currency, fields, pricing, tests })),
  );
}

// ---------------------------------------------------------------------------
// Field values

/** A valid value for one field. */
export function validValueArb(field: FieldConfig): fc.Arbitrary<unknown> {
  switch (field.type) {
    case 'number':
    case 'area': {
      const base = field.min ?? 0;
      if (field.step !== undefined) {
        const step = field.step;
        const count = field.max === undefined ? 1000 : Math.floor(clean((field.max - base) / step));
        return fc.integer({ min: 0, max: Math.max(0, count) }).map((k) => clean(base + k * step));
      }
      const top = field.max ?? base + 10000;
      return fc.oneof(
        fc.constantFrom(base, top),
        decimal(base, top, 3).filter((v) => v >= base && v <= top), // min and max have at most 2 decimals
        fc.double({ min: base, max: top, noNaN: true, noDefaultInfinity: true }).map((v) => v || 0),
      );
    }
    case 'select':
      return fc.constantFrom(...field.options.map((o) => o.value));
    case 'multiselect':
      return fc.shuffledSubarray(field.options.map((o) => o.value));
    case 'boolean':
      return fc.boolean();
    case 'text':
      return fc.string({ maxLength: field.maxLength ?? 40 });
  }
}

/** Valid request values: each optional field may be left out or null (then it takes its default). */
export function valuesArb(fields: readonly FieldConfig[]): fc.Arbitrary<FieldValues> {
  const entries = fields.map((field) => {
    const value = validValueArb(field);
    if (field.required === true) return value;
    return fc.oneof({ arbitrary: value, weight: 4 }, { arbitrary: fc.constant(undefined), weight: 1 }, { arbitrary: fc.constant(null), weight: 1 });
  });
  return fc.tuple(...entries).map((values) => {
    const out: FieldValues = {};
    fields.forEach((field, i) => {
      if (values[i] !== undefined) out[field.key] = values[i];
    });
    return out;
  });
}

/** A value the field must refuse (wrong type, out of bounds, off step, not an option, too long). Never null: null means "left out". */
export function invalidValueArb(field: FieldConfig): fc.Arbitrary<unknown> {
  const wrongTypes = [fc.constant('5'), fc.constant(true), fc.constant([]), fc.constant({}), fc.constant('yes')];
  switch (field.type) {
    case 'number':
    case 'area': {
      const bad: fc.Arbitrary<unknown>[] = [...wrongTypes, fc.constantFrom(Number.NaN, Infinity, -Infinity)];
      const min = field.min;
      if (min !== undefined) bad.push(decimal(0.001, 1000, 3).map((d) => min - d));
      if (field.max !== undefined) {
        const max = field.max;
        bad.push(decimal(0.001, 1000, 3).map((d) => max + d));
      }
      if (field.step !== undefined) {
        const base = field.min ?? 0;
        const step = field.step;
        const count = field.max === undefined ? 1000 : Math.floor(clean((field.max - base) / step));
        // Halfway between two allowed values (only when that still lies inside [min, max]).
        if (count >= 1) bad.push(fc.integer({ min: 0, max: count - 1 }).map((k) => base + (k + 0.5) * step));
      }
      return fc.oneof(...bad);
    }
    case 'select': {
      const values = field.options.map((o) => o.value);
      // Option values may look like '5' or 'yes': those are not wrong here.
      return fc.oneof(...wrongTypes, fc.constant('definitely-not-an-option'), fc.constant(values)).filter((v) => !(typeof v === 'string' && values.includes(v)));
    }
    case 'multiselect': {
      const first = field.options[0]?.value ?? 'x';
      return fc.oneof(fc.constant(first), fc.constant(true), fc.constant({}), fc.constant(['definitely-not-an-option']), fc.constant([first, first]), fc.constant([1]));
    }
    case 'boolean':
      return fc.oneof(fc.constant('true'), fc.constant(1), fc.constant(0), fc.constant([]), fc.constant({}));
    case 'text':
      return fc.oneof(fc.constant(5), fc.constant(true), fc.constant(['a']), fc.constant('x'.repeat((field.maxLength ?? 2000) + 1)));
  }
}

export interface InvalidValues {
  values: FieldValues;
  /** The keys that must be named (`fields.<key>`) in the refusal. */
  bad: string[];
}

/** Valid values with some fields made invalid, required fields left out, or unknown keys added; at least one problem. */
export function invalidValuesArb(fields: readonly FieldConfig[]): fc.Arbitrary<InvalidValues> {
  const known = new Set(fields.map((f) => f.key));
  const unknownKey = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'rooms2', 'Extra')).filter((k) => !known.has(k));
  const corruptions = fields.map((field) =>
    fc.oneof(
      { arbitrary: fc.constant({ kind: 'keep' as const }), weight: 2 },
      { arbitrary: invalidValueArb(field).map((value) => ({ kind: 'bad' as const, value })), weight: 2 },
      // Left out is only an error for a required field without a default (a default fills it).
      ...(field.required === true && field.default === undefined ? [{ arbitrary: fc.constant({ kind: 'missing' as const }), weight: 1 }] : []),
    ),
  );
  return fc
    .tuple(valuesArb(fields), fc.tuple(...corruptions), fc.uniqueArray(unknownKey, { maxLength: 2 }))
    .filter(([, changes, extra]) => extra.length > 0 || changes.some((c) => c.kind !== 'keep'))
    .map(([valid, changes, extra]) => {
      const values: FieldValues = { ...valid };
      const bad: string[] = [];
      fields.forEach((field, i) => {
        const change = changes[i];
        if (change === undefined || change.kind === 'keep') return;
        if (change.kind === 'missing') delete values[field.key];
        else values[field.key] = change.value;
        bad.push(field.key);
      });
      for (const key of extra) {
        // defineProperty, so `__proto__` becomes an own key as JSON.parse would make it.
        Object.defineProperty(values, key, { value: 1, enumerable: true, configurable: true, writable: true });
        bad.push(key);
      }
      return { values, bad };
    });
}

/** Request options: no code, a configured code in any case with stray spaces, or an unknown one; a day; uses so far. */
export function priceOptionsArb(service: ServiceConfig): fc.Arbitrary<PriceOptions> {
  const codes = (service.pricing.discountCodes ?? []).map((d) => d.code);
  const configured = codes.length === 0 ? [] : [fc.tuple(fc.constantFrom(...codes), fc.boolean(), fc.boolean()).map(([c, lower, pad]) => `${pad ? ' ' : ''}${lower ? c.toLowerCase() : c}`)];
  return fc.record({
    discountCode: fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.constant('NOPE-NOT-A-CODE'), ...configured, ...configured),
    today: dayArb,
    discountUses: fc.option(fc.dictionary(fc.constantFrom(...codes.map((c) => c.toUpperCase()), 'OTHER'), fc.integer({ min: 0, max: 6 })), { nil: undefined }),
  });
}

/** A valid service, valid values for it and request options. */
export function pricedCaseArb(options: ServiceOptions = {}): fc.Arbitrary<{ service: ServiceConfig; values: FieldValues; options: PriceOptions }> {
  return validServiceArb(options).chain((service) =>
    fc.record({ service: fc.constant(service), values: valuesArb(service.fields), options: priceOptionsArb(service) }),
  );
}

// ---------------------------------------------------------------------------
// Configuration mutations

export type PathSegment = string | number;

/** Every node of a JSON value, as paths from the root (the root is `[]`). */
export function allPaths(value: unknown, path: PathSegment[] = [], out: PathSegment[][] = []): PathSegment[][] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => allPaths(item, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) allPaths(v, [...path, k], out);
  return out;
}

export type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'unknownKey'; at: number; key: string; value: unknown }
  | { op: 'retype'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'expression'; at: number; value: unknown };

/** Values that tend to break validators: edge numbers, odd strings, wrong shapes, JSON Logic. */
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, 1e12 + 1, 2 ** 53, 1e308, -1e308, Number.NaN, Infinity),
  fc.constantFrom('', ' ', '__proto__', 'constructor', 'toString', 'x'.repeat(300), '2027-02-30', 'usd', 'XXX', 'graduated', 'volume', 'a.b', 'a[0]'),
  fc.constantFrom(null, true, false, [], {}, [null], { var: 'nope' }, { var: '' }, { var: ['__proto__'] }, { var: 'constructor' }),
  fc.constantFrom({ '/': [1, 0] }, { '-': [0, 5] }, { if: [] }, { if: { var: 'x' } }, { '+': 'a' }, { eval: '1' }, { a: 1, b: 2 }, { '<': [1, 2, 3, 4] }),
);

const OPERATORS = ['var', 'if', '==', '===', '!=', '!==', '<', '<=', '>', '>=', '!', '!!', 'and', 'or', '+', '-', '*', '/', '%', 'min', 'max', 'in'];
/** `$0`, `$1`, `$2` stand for the configuration's own field keys (bound when the mutation is applied). */
const VAR_NAMES = ['$0', '$1', '$2', '$0', '$1', '$2', 'rooms', 'size', 'n', 'kind', 'nope', '', '__proto__', 'constructor', 'rooms.x'];

/** Replaces the `$i` placeholders of `var`s with the i-th field key (modulo the number of fields). */
function bindVars(expression: unknown, keys: readonly string[]): unknown {
  if (Array.isArray(expression)) return expression.map((item) => bindVars(item, keys));
  if (expression === null || typeof expression !== 'object') return expression;
  return Object.fromEntries(
    Object.entries(expression).map(([op, args]) => {
      if (op !== 'var') return [op, bindVars(args, keys)];
      const bind = (name: unknown): unknown => {
        const match = typeof name === 'string' ? /^\$(\d)$/.exec(name) : null;
        return match === null || keys.length === 0 ? name : keys[Number(match[1]) % keys.length];
      };
      return [op, Array.isArray(args) ? [bind(args[0]), ...args.slice(1)] : bind(args)];
    }),
  );
}

/** Argument counts each whitelisted operator takes (as in expressions.ts), to get the arity right most of the time. */
const ARITY: Record<string, [number, number]> = {
  var: [1, 2], if: [1, 5], '==': [2, 2], '===': [2, 2], '!=': [2, 2], '!==': [2, 2], '<': [2, 3], '<=': [2, 3], '>': [2, 2], '>=': [2, 2],
  '!': [1, 1], '!!': [1, 1], and: [1, 3], or: [1, 3], '+': [1, 3], '-': [1, 2], '*': [1, 3], '/': [2, 2], '%': [2, 2], min: [1, 3], max: [1, 3], in: [2, 2],
};

function wildExpression(depth: number, top = false): fc.Arbitrary<unknown> {
  const names = fc.oneof({ arbitrary: fc.constantFrom('$0', '$1', '$2'), weight: 6 }, { arbitrary: fc.constantFrom(...VAR_NAMES), weight: 1 });
  const fallback = fc.oneof({ arbitrary: fc.jsonValue({ maxDepth: 0 }), weight: 5 }, { arbitrary: fc.jsonValue({ maxDepth: 1 }), weight: 1 });
  const leaf = fc.oneof(
    fc.integer({ min: -5, max: 50 }),
    fc.constantFrom(0, 0, 1, 0.5, -0.5, 'small', 'rush', '', '3', true, false, null),
    // Finite literals that overflow to ±Infinity in one or two operations.
    fc.constantFrom(1e308, -1e308, Number.MAX_VALUE, 1e200, 2 ** 53 + 2, 1e-320),
    names.map((name) => ({ var: name })),
    fc.tuple(names, fallback).map(([name, value]) => ({ var: [name, value] })),
  );
  if (depth <= 0) return leaf;
  const inner = wildExpression(depth - 1);
  const operator = fc.oneof({ arbitrary: fc.constantFrom(...OPERATORS.filter((op) => op !== 'var')), weight: 29 }, { arbitrary: fc.constantFrom('cat', 'substr', 'map', 'log', 'eval'), weight: 1 });
  const node = operator.chain((op) => {
    const [min, max] = ARITY[op] ?? [1, 3];
    const args = fc.oneof(
      { arbitrary: fc.array(inner, { minLength: min, maxLength: max }), weight: 12 },
      { arbitrary: inner, weight: 1 },
      { arbitrary: fc.array(inner, { maxLength: 5 }), weight: 1 },
    );
    return args.map((a) => ({ [op]: a }));
  });
  if (top) return node;
  return fc.oneof({ arbitrary: leaf, weight: 3 }, { arbitrary: node, weight: 2 }, { arbitrary: fc.array(inner, { maxLength: 3 }), weight: 1 });
}

/** JSON Logic of any shape over the whitelisted operators (and a few others): right and wrong arities, odd arguments, known and unknown vars. */
export const wildExpressionArb: fc.Arbitrary<unknown> = wildExpression(3, true);

/** Replaces one `when` / `quantity` / `unitAmount` of a line or adjustment with a wild expression. */
export const expressionMutationArb: fc.Arbitrary<Mutation> = fc.record({ op: fc.constant('expression' as const), at: fc.nat(), value: wildExpressionArb });

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  expressionMutationArb,
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: nastyValue }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({
    op: fc.constant('unknownKey' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'extra', 'a.b', '0', 'x y', '', 'a[0]', 'é')),
    value: fc.jsonValue({ maxDepth: 1 }),
  }),
  fc.record({ op: fc.constant('retype' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }),
);

function retype(value: unknown): unknown {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value === '' || Number.isNaN(Number(value)) ? [value] : Number(value);
  if (typeof value === 'boolean') return value ? 'true' : 0;
  if (value === null || value === undefined) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  return Object.values(value as object);
}

/** Applies a mutation to a deep copy of `config` (path choice modulo the node count). */
export function mutate(config: unknown, mutation: Mutation): unknown {
  const root: { value: unknown } = { value: structuredClone(config) };
  let paths = allPaths(root.value);
  if (mutation.op === 'unknownKey') {
    // Unknown keys go into objects (an object in the input, or a value replaced by one when there is none).
    const objects = paths.filter((p) => {
      const node = resolvePath(root.value, p).value;
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    if (objects.length > 0) paths = objects;
  }
  const path = paths[mutation.at % paths.length] as PathSegment[];
  let parent: Record<PropertyKey, unknown> = root as Record<PropertyKey, unknown>;
  let key: PathSegment = 'value';
  for (const segment of path) {
    parent = parent[key] as Record<PropertyKey, unknown>;
    key = segment;
  }
  const node = parent[key];
  if (mutation.op === 'expression') {
    // Into a when / quantity / unitAmount slot of a line or adjustment, if the configuration still has one.
    const pricing = (root.value as { pricing?: { lines?: unknown; adjustments?: unknown } } | null)?.pricing;
    const slots: [Record<string, unknown>, string][] = [];
    for (const list of [pricing?.lines, pricing?.adjustments]) {
      if (!Array.isArray(list)) continue;
      for (const item of list) {
        if (item === null || typeof item !== 'object' || Array.isArray(item)) continue;
        const record = item as Record<string, unknown>;
        // `when` anywhere; quantity / unitAmount only where the line already has one (else the shape is wrong anyway).
        for (const slot of ['when', 'quantity', 'unitAmount']) if (slot === 'when' || record[slot] !== undefined) slots.push([record, slot]);
      }
    }
    const fields = (root.value as { fields?: unknown } | null)?.fields;
    const keys = Array.isArray(fields) ? fields.map((f: unknown) => (f as { key?: unknown } | null)?.key).filter((k): k is string => typeof k === 'string') : [];
    const chosen = slots[mutation.at % Math.max(1, slots.length)];
    if (chosen !== undefined) chosen[0][chosen[1]] = bindVars(mutation.value, keys);
    return root.value;
  }
  switch (mutation.op) {
    case 'set':
      parent[key] = structuredClone(mutation.value);
      break;
    case 'delete':
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 'unknownKey':
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        Object.defineProperty(node, mutation.key, { value: mutation.value, enumerable: true, configurable: true, writable: true });
      } else {
        parent[key] = { [mutation.key]: mutation.value };
      }
      break;
    case 'retype':
      parent[key] = retype(node);
      break;
    case 'duplicate':
      if (Array.isArray(parent)) parent.push(structuredClone(node));
      else if (Array.isArray(node)) node.push(structuredClone(node[0]));
      else parent[key] = [node, node];
      break;
  }
  return root.value;
}

/** Parses an issue path (`pricing.lines[2].tiers[1].upTo`, `fields["a b"]`) into segments, or null when it is not one. */
export function parsePath(path: string): PathSegment[] | null {
  const segments: PathSegment[] = [];
  const token = /^(?:\.?([A-Za-z_$][\w$-]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\])/;
  let rest = path;
  let first = true;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (match === null || (!first && match[1] !== undefined && !rest.startsWith('.'))) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(JSON.parse(match[3] as string) as string);
    rest = rest.slice(match[0].length);
    first = false;
  }
  return segments;
}

/** The node at `path` in `value`, through own keys only; `{ found: false }` when there is none. */
export function resolvePath(value: unknown, path: readonly PathSegment[]): { found: boolean; value?: unknown } {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return { found: false };
    node = (node as Record<PropertyKey, unknown>)[segment];
  }
  return { found: true, value: node };
}

// ---------------------------------------------------------------------------
// Conditions with a known outcome, and candidate values for any field

/** A `when` that is false for these (default-filled) values. */
export function falseWhenArb(fields: readonly FieldConfig[], values: Readonly<FieldValues>): fc.Arbitrary<Expression> {
  const any = conditionForArb(fields, 1);
  const options: fc.Arbitrary<Expression>[] = [
    fc.constant(false),
    fc.constant(0),
    any.map((c) => ({ and: [c, false] })),
    any.map((c) => ({ '!': { or: [true, c] } })),
  ];
  for (const field of fields) {
    const key = field.key;
    const value = values[key];
    if ((field.type === 'number' || field.type === 'area') && typeof value === 'number') {
      options.push(fc.constantFrom({ '<': [{ var: key }, value] }, { '>': [{ var: key }, value] }, { '!=': [{ var: key }, value] }));
    } else if (field.type === 'select' && typeof value === 'string') {
      options.push(fc.constant({ '!=': [{ var: key }, value] }));
      const others = field.options.map((o) => o.value).filter((v) => v !== value);
      if (others.length > 0) options.push(fc.constantFrom(...others).map((other) => ({ '==': [{ var: key }, other] })));
    } else if (field.type === 'boolean' && typeof value === 'boolean') {
      options.push(fc.constant(value ? { '!': { var: key } } : { var: key }), fc.constant({ '==': [{ var: key }, !value] }));
    } else if (field.type === 'multiselect' && Array.isArray(value)) {
      if (value.length === 0) options.push(fc.constant({ var: key }));
      const absent = field.options.map((o) => o.value).filter((v) => !value.includes(v));
      if (absent.length > 0) options.push(fc.constantFrom(...absent).map((v) => ({ in: [v, { var: key }] })));
    }
  }
  return fc.oneof(...options);
}

/** Plausible values for any field, valid or not (a test keeps the ones the reader accepts). */
export function candidateValues(field: FieldConfig): unknown[] {
  switch (field.type) {
    case 'number':
    case 'area': {
      const base = field.min ?? 0;
      const list = [field.default, field.min, field.max, base + (field.step ?? 1), base + 2 * (field.step ?? 1), 0, 1, 2.5, 10, 1000];
      return list.filter((v) => typeof v === 'number' && Number.isFinite(v));
    }
    case 'select':
      return field.options.map((o) => o.value);
    case 'multiselect':
      return [[], field.options.slice(0, 1).map((o) => o.value), field.options.map((o) => o.value)];
    case 'boolean':
      return [true, false];
    case 'text':
      return ['', 'abc'];
  }
}
