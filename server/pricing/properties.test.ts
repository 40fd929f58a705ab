// Property tests of the pricing engine against pricing.md: invariants that
// must hold for every valid service and every valid request, found by
// generating thousands of them (generators in testing/arbitraries.ts).
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { InvalidFieldError, PricingRuleError, loadService, roundHalfAwayFromZero, validateService, type PricingResult, type ServiceConfig } from './index.ts';
import {
  adjustmentForArb,
  candidateValues,
  falseWhenArb,
  invalidValuesArb,
  lineForArb,
  expressionMutationArb,
  mutate,
  mutationArb,
  parsePath,
  pricedCaseArb,
  resolvePath,
  validServiceArb,
  type FieldValues,
} from './testing/arbitraries.ts';
import { serviceWith, specExampleService } from './testing/services.ts';
import type { PriceOptions } from './compile-service.ts';

// Show each failing assertion's own message next to the counterexample.
fc.configureGlobal({ includeErrorInReport: true });

interface PricedCase {
  service: ServiceConfig;
  values: FieldValues;
  options: PriceOptions;
}

const priceCase = ({ service, values, options }: PricedCase): PricingResult => loadService(service, 1).price(values, options);

/** Σ of the adjustments of the given kinds. */
const sumOf = (result: PricingResult, keep: (kind: string) => boolean): number =>
  result.adjustments.filter((a) => keep(a.kind)).reduce((sum, a) => sum + a.amount, 0);

// ---------------------------------------------------------------------------
// Exact rational reference arithmetic (BigInt), for "round half away from zero" and floor/ceil.

/** round(num / den), half away from zero; den > 0. */
function roundRational(num: bigint, den: bigint): bigint {
  const negative = num < 0n;
  const magnitude = negative ? -num : num;
  const quotient = magnitude / den;
  const rounded = 2n * (magnitude % den) >= den ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** floor(num / den); den > 0. */
function floorRational(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

/** ceil(num / den); den > 0. */
function ceilRational(num: bigint, den: bigint): bigint {
  return -floorRational(-num, den);
}

/** x⁻¹ mod m (x and m coprime). */
function inverseMod(x: bigint, m: bigint): bigint {
  let [a, b, u, v] = [((x % m) + m) % m, m, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b, u, v] = [b, a - q * b, v, u - q * v];
  }
  return ((u % m) + m) % m;
}

const MILLION = 1_000_000n;

/** Integers of 1..max that are coprime to 10 (so invertible modulo powers of ten). */
const coprimeToTen = (max: number): fc.Arbitrary<number> =>
  fc.tuple(fc.integer({ min: 0, max: Math.floor(max / 10) - 1 }), fc.constantFrom(1, 3, 7, 9)).map(([tens, unit]) => tens * 10 + unit);

/**
 * An amount a in [0, max] and a 4-decimal percent P/10⁴ with sign, where a × P / 10⁶ sits within
 * `delta` millionths of a tie (x.5): the only inputs where rounding can go wrong.
 */
function nearTiePercent(maxAmount: number, maxP: number, allowNegativeP: boolean): fc.Arbitrary<{ amount: number; p: number }> {
  return fc
    .record({ p: coprimeToTen(maxP), delta: fc.integer({ min: -3, max: 3 }), m: fc.nat(), negative: allowNegativeP ? fc.boolean() : fc.constant(false) })
    .map(({ p, delta, m, negative }) => {
      const base = ((BigInt(500_000 + delta) * inverseMod(BigInt(p), MILLION)) % MILLION + MILLION) % MILLION;
      const blocks = BigInt(Math.max(0, Math.floor((maxAmount - Number(base)) / 1e6)) + 1);
      const amount = Number(base + (BigInt(m) % blocks) * MILLION);
      return { amount: amount > maxAmount ? Number(base) : amount, p: negative ? -p : p };
    });
}

/** A 4-decimal percent as the nearest double, as JSON gives it. */
const percent = (p: number): number => p / 1e4;

// ---------------------------------------------------------------------------
const integers = suite('price: every amount is an integer');

integers('total, subtotal, line, adjustment and tax amounts and range bounds are safe integers for valid services and values', () => {
  fc.assert(
    fc.property(pricedCaseArb(), (input) => {
      const result = priceCase(input);
      const amounts: [string, number][] = [
        ['total', result.total],
        ['subtotal', result.subtotal],
        ...result.lines.map((l): [string, number] => [`line ${l.id}`, l.amount]),
        ...result.adjustments.map((a): [string, number] => [`adjustment ${a.id}`, a.amount]),
      ];
      if (result.tax) amounts.push(['tax', result.tax.amount]);
      if (result.range) amounts.push(['range.low', result.range.low], ['range.high', result.range.high]);
      for (const [what, amount] of amounts) assert.ok(Number.isSafeInteger(amount), `${what} = ${amount} is not an integer`);
    }),
    { numRuns: 800 },
  );
});

integers.run();

// ---------------------------------------------------------------------------
const identity = suite('price: the total adds up from its parts');

identity('subtotal = Σ lines; exclusive tax: total = net + tax + rounding; inclusive or none: total = net + rounding', () => {
  fc.assert(
    fc.property(pricedCaseArb(), (input) => {
      const result = priceCase(input);
      assert.is(result.subtotal, result.lines.reduce((sum, l) => sum + l.amount, 0), 'subtotal is the sum of the lines');
      const net = result.subtotal + sumOf(result, (kind) => kind !== 'rounding');
      const rounding = sumOf(result, (kind) => kind === 'rounding');
      const tax = result.tax !== null && !result.tax.inclusive ? result.tax.amount : 0;
      assert.is(result.total, net + tax + rounding);
      assert.is(result.tax === null, input.service.pricing.tax === undefined, 'tax is shown exactly when configured');
      assert.ok(result.adjustments.every((a) => a.amount !== 0), 'adjustments of 0 are left out');
    }),
    { numRuns: 800 },
  );
});

identity.run();

// ---------------------------------------------------------------------------
const stepRounding = suite('price: rounding to a step and the range');

stepRounding('with rounding.step the total and both range bounds are multiples of step, and the range brackets a non-negative total', () => {
  fc.assert(
    fc.property(pricedCaseArb({ rounding: true }), (input) => {
      const result = priceCase(input);
      const step = input.service.pricing.rounding?.step ?? 1;
      // `=== 0`, not assert.is: a negative multiple gives −0, which Object.is tells apart from 0.
      assert.ok(result.total % step === 0, `total ${result.total} is a multiple of ${step}`);
      const roundingAdjustments = result.adjustments.filter((a) => a.kind === 'rounding');
      assert.ok(roundingAdjustments.length <= 1, 'at most one rounding adjustment');
      assert.ok(Math.abs(roundingAdjustments[0]?.amount ?? 0) * 2 <= step, 'rounding moves the total by at most half a step');
      if (result.range !== null) {
        assert.ok(result.range.low % step === 0, `low ${result.range.low} is a multiple of ${step}`);
        assert.ok(result.range.high % step === 0, `high ${result.range.high} is a multiple of ${step}`);
        // For a negative total pricing.md's formulas give low > total > high (−2000, 10 %/15 % → −1800…−2300): only a total ≥ 0 is bracketed.
        if (result.total >= 0) assert.ok(result.range.low <= result.total && result.total <= result.range.high, `${result.range.low} ≤ ${result.total} ≤ ${result.range.high}`);
      }
    }),
    { numRuns: 800 },
  );
});

stepRounding('without rounding the range (step 1) brackets a non-negative total', () => {
  fc.assert(
    fc.property(pricedCaseArb({ rounding: false }), (input) => {
      const result = priceCase(input);
      if (result.range !== null && result.total >= 0) assert.ok(result.range.low <= result.total && result.total <= result.range.high);
    }),
    { numRuns: 300 },
  );
});

stepRounding.run();

// ---------------------------------------------------------------------------
const absent = suite('price: a line or adjustment whose `when` is false');

const withFalseRule = pricedCaseArb().chain((input) => {
  const resolved = loadService(input.service, 1).readFields(input.values).values;
  return fc.record({
    input: fc.constant(input),
    when: falseWhenArb(input.service.fields, resolved),
    line: lineForArb(input.service.fields),
    lineAt: fc.nat({ max: input.service.pricing.lines.length }),
    adjustment: fc.option(adjustmentForArb(input.service.fields), { nil: undefined }),
    adjustmentAt: fc.nat({ max: input.service.pricing.adjustments?.length ?? 0 }),
  });
});

absent('changes nothing in the result, wherever it is inserted', () => {
  fc.assert(
    fc.property(withFalseRule, ({ input, when, line, lineAt, adjustment, adjustmentAt }) => {
      const before = priceCase(input);
      const service = structuredClone(input.service);
      service.pricing.lines.splice(lineAt, 0, { ...line, id: 'neverThere', when });
      if (adjustment !== undefined) {
        service.pricing.adjustments = service.pricing.adjustments ?? [];
        service.pricing.adjustments.splice(adjustmentAt, 0, { ...adjustment, id: 'neverApplied', when });
      }
      assert.equal(priceCase({ ...input, service }), before);
    }),
    { numRuns: 500 },
  );
});

absent.run();

// ---------------------------------------------------------------------------
const order = suite('price: field order');

const reordered = pricedCaseArb().chain((input) =>
  fc.record({
    input: fc.constant(input),
    entries: fc.shuffledSubarray(Object.entries(input.values), { minLength: Object.keys(input.values).length }),
    fields: fc.shuffledSubarray(input.service.fields, { minLength: input.service.fields.length }),
  }),
);

order('neither the order of the request keys nor the order of the service fields changes the result', () => {
  fc.assert(
    fc.property(reordered, ({ input, entries, fields }) => {
      const before = priceCase(input);
      assert.equal(priceCase({ ...input, values: Object.fromEntries(entries) }), before, 'request keys shuffled');
      assert.equal(priceCase({ ...input, service: { ...input.service, fields } }), before, 'service fields permuted');
    }),
    { numRuns: 500 },
  );
});

order.run();

// ---------------------------------------------------------------------------
const validation = suite('validateService and loadService: any configuration');

const specOrGenerated = fc.oneof(
  { arbitrary: validServiceArb(), weight: 3 },
  { arbitrary: fc.constant(null).map(() => specExampleService()), weight: 1 },
  { arbitrary: fc.constant(null).map(() => serviceWith({ lines: [{ id: 'a', label: 'A', quantity: { var: 'n' }, unitAmount: 100 }] })), weight: 1 },
);

const mutatedConfig: fc.Arbitrary<unknown> = fc
  .tuple(specOrGenerated, fc.array(mutationArb, { minLength: 1, maxLength: 3 }))
  .map(([config, mutations]) => mutations.reduce<unknown>((current, mutation) => mutate(current, mutation), config));

/** Valid services whose rules are replaced by JSON Logic of any shape over their own fields: many of these still validate. */
const expressionMutatedConfig: fc.Arbitrary<unknown> = fc
  .tuple(specOrGenerated, fc.array(expressionMutationArb, { minLength: 1, maxLength: 2 }))
  .map(([config, mutations]) => mutations.reduce<unknown>((current, mutation) => mutate(current, mutation), config));

const mostlyValidConfig = fc.oneof({ arbitrary: expressionMutatedConfig, weight: 3 }, { arbitrary: mutatedConfig, weight: 1 });

const anyConfig: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: expressionMutatedConfig, weight: 2 },
  { arbitrary: mutatedConfig, weight: 6 },
  { arbitrary: fc.jsonValue(), weight: 1 },
  { arbitrary: fc.record({ key: fc.constant('svc'), name: fc.constant('S'), currency: fc.constant('USD'), fields: fc.jsonValue(), pricing: fc.jsonValue() }), weight: 1 },
);

/** Why an issue is malformed, or null. */
function issueProblem(input: unknown, prefix: string, issue: unknown): string | null {
  if (issue === null || typeof issue !== 'object') return 'is not an object';
  const { path, message } = issue as { path?: unknown; message?: unknown };
  if (typeof message !== 'string' || message.trim() === '') return 'has no message';
  if (typeof path !== 'string') return 'has no path';
  if (!path.startsWith(prefix)) return `path ${JSON.stringify(path)} does not start with the prefix ${JSON.stringify(prefix)}`;
  const segments = parsePath(path.slice(prefix.length).replace(/^\./, ''));
  if (segments === null) return `path ${JSON.stringify(path)} is not a path`;
  if (segments.length > 0 && !resolvePath(input, segments.slice(0, -1)).found) return `the parent of ${JSON.stringify(path)} is not in the input`;
  return null;
}

validation('validates or is refused with issues that each carry a message and a path whose parent is in the input; never throws', () => {
  fc.assert(
    fc.property(anyConfig, fc.constantFrom('', 'services[3]'), (input, prefix) => {
      const outcome = validateService(input, prefix);
      if (outcome.ok) return;
      assert.ok(outcome.issues.length > 0, 'a refusal lists at least one issue');
      for (const issue of outcome.issues) {
        const problem = issueProblem(input, prefix, issue);
        assert.ok(problem === null, `issue ${JSON.stringify(issue)} ${problem}`);
      }
    }),
    { numRuns: 2500 },
  );
});

/** An error for a message: AppErrors and Errors by name and message, anything else (a thrown NaN or plain object) as JSON. */
function describeThrown(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return `${typeof error} ${JSON.stringify(error) ?? String(error)}`;
}

validation('a configuration that validates also compiles: loadService never throws on it', () => {
  fc.assert(
    fc.property(mostlyValidConfig, (input) => {
      if (!validateService(input).ok) return;
      try {
        loadService(input, 1);
      } catch (error) {
        assert.unreachable(`validated, but loadService threw ${describeThrown(error)}`);
      }
    }),
    { numRuns: 1200 },
  );
});

validation('a validated configuration prices valid values to integers; the only refusal is a line amount beyond 2^53', () => {
  fc.assert(
    fc.property(mostlyValidConfig, fc.infiniteStream(fc.nat()), (input, choices) => {
      if (!validateService(input).ok) return;
      let service: ReturnType<typeof loadService>;
      try {
        service = loadService(input, 1);
      } catch {
        return; // the property above
      }
      const picks = choices[Symbol.iterator]();
      const next = (): number => picks.next().value as number;
      const values: FieldValues = {};
      for (const field of service.config.fields) {
        const candidates = candidateValues(field);
        const i = next() % (candidates.length + 1);
        if (i < candidates.length) values[field.key] = candidates[i];
      }
      for (const issue of service.readFields(values).issues ?? []) delete values[issue.path.replace(/^fields\./, '')];
      if (service.readFields(values).issues !== null) return; // a required field with no valid candidate
      let result: PricingResult;
      try {
        result = service.price(values, { today: '2026-06-01', discountCode: service.config.pricing.discountCodes?.[0]?.code });
      } catch (error) {
        // Evaluation never fails on valid values (docs/decisions/0003), except an amount that cannot be held
        // exactly: PricingRuleError at the line's own path.
        const amountTooLarge = error instanceof PricingRuleError && /^pricing\.lines\[\d+\]$/.test(error.details?.[0]?.path ?? '');
        assert.ok(amountTooLarge, `pricing threw ${describeThrown(error)}`);
        return;
      }
      const amounts = [result.total, result.subtotal, ...result.lines.map((l) => l.amount), ...result.adjustments.map((a) => a.amount)];
      if (result.tax) amounts.push(result.tax.amount);
      if (result.range) amounts.push(result.range.low, result.range.high);
      for (const amount of amounts) assert.ok(Number.isInteger(amount), `amount ${amount} is an integer`);
    }),
    { numRuns: 2000 },
  );
});

/** Arithmetic over the field `n` of serviceWith and literals of any finite size. */
const bigArithmetic: fc.Arbitrary<unknown> = fc.letrec<{ expr: unknown }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    fc.oneof(
      fc.constant({ var: 'n' }),
      fc.integer({ min: 0, max: 100 }),
      fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
      fc.constantFrom(1e308, Number.MAX_VALUE, 1e200, 2 ** 53),
    ),
    fc.tuple(fc.constantFrom('+', '*', '-', 'min', 'max'), fc.array(tie('expr'), { minLength: 2, maxLength: 3 })).map(([op, args]) => ({ [op]: op === '-' ? args.slice(0, 2) : args })),
    fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => ({ if: [{ '>': [a, 1] }, b, c] })),
  ),
})).expr;

validation('a validated expression with large literals never fails on valid values (the only refusal is a line amount beyond 2^53)', () => {
  fc.assert(
    fc.property(
      fc.constantFrom('when', 'quantity', 'unitAmount'),
      bigArithmetic,
      fc.integer({ min: 0, max: 1_000_000 }),
      (slot, expression, n) => {
        const line: Record<string, unknown> = { id: 'a', label: 'A', quantity: { var: 'n' }, unitAmount: 100, [slot]: expression };
        const config = serviceWith({ lines: [line as ServiceConfig['pricing']['lines'][number]] });
        if (!validateService(config).ok) return;
        try {
          loadService(config, 1).price({ n });
        } catch (error) {
          const amountTooLarge = error instanceof PricingRuleError && error.details?.[0]?.path === 'pricing.lines[0]';
          assert.ok(amountTooLarge, `pricing threw ${describeThrown(error)}`);
        }
      },
    ),
    { numRuns: 1000 },
  );
});

validation.run();

// ---------------------------------------------------------------------------
const robust = suite('price: validated services and field values');

robust('a generated valid service prices any valid values without throwing (optional fields left out included)', () => {
  fc.assert(
    fc.property(pricedCaseArb(), (input) => {
      const service = loadService(input.service, 1);
      assert.is(service.readFields(input.values).issues, null, 'the generated values are valid');
      try {
        service.price(input.values, input.options);
      } catch (error) {
        assert.unreachable(`pricing threw: ${(error as Error).message}`);
      }
    }),
    { numRuns: 800 },
  );
});

const invalidCase = validServiceArb().chain((service) => fc.record({ service: fc.constant(service), invalid: invalidValuesArb(service.fields) }));

robust('values out of bounds, of the wrong type, left out when required or unknown are refused with InvalidFieldError naming exactly those fields', () => {
  fc.assert(
    fc.property(invalidCase, ({ service, invalid }) => {
      let caught: unknown;
      try {
        loadService(service, 1).price(invalid.values, { today: '2026-06-01' });
      } catch (error) {
        caught = error;
      }
      assert.instance(caught, InvalidFieldError);
      const error = caught as InvalidFieldError;
      assert.is(error.code, 'invalid_field');
      assert.is(error.status, 422);
      // `fields.rooms`, or `fields["a b"]` for a key that is not an identifier.
      const named = new Set((error.details ?? []).map((d) => JSON.stringify(parsePath(d.path))));
      const expected = new Set(invalid.bad.map((key) => JSON.stringify(['fields', key])));
      assert.equal(named, expected, `named ${(error.details ?? []).map((d) => d.path).join(', ')}; bad: ${invalid.bad.map((k) => JSON.stringify(k)).join(', ')}`);
      assert.ok((error.details ?? []).every((d) => d.message.trim() !== ''), 'every detail says what is wrong');
    }),
    { numRuns: 800 },
  );
});

robust.run();

// ---------------------------------------------------------------------------
const exact = suite('price: percent arithmetic is exact (round half away from zero of the exact decimal)');

/** Uniform inputs, plus inputs constructed to land within a few millionths of a tie. */
const amountAndPercent = (maxAmount: number, minP: number, maxP: number): fc.Arbitrary<{ amount: number; p: number }> =>
  fc.oneof(
    fc.record({ amount: fc.integer({ min: 0, max: maxAmount }), p: fc.integer({ min: minP, max: maxP }) }),
    fc.record({ amount: fc.integer({ min: 0, max: 10_000 }), p: fc.integer({ min: minP, max: maxP }) }),
    nearTiePercent(maxAmount, Math.max(-minP, maxP), minP < 0).filter(({ p }) => p >= minP && p <= maxP),
  );

exact('a percent adjustment is round(subtotal × percent / 100) for amounts up to 1e9 and percents with 4 decimals', () => {
  fc.assert(
    fc.property(amountAndPercent(1e9, -1_000_000, 10_000_000), ({ amount, p }) => {
      const result = loadService(serviceWith({ lines: [{ id: 'a', label: 'A', amount }], adjustments: [{ id: 'p', label: 'P', percent: percent(p) }] }), 1).price({});
      const expected = roundRational(BigInt(amount) * BigInt(p), MILLION);
      const actual = result.adjustments.find((a) => a.id === 'p')?.amount ?? 0;
      assert.is(String(actual), String(expected), `round(${amount} × ${percent(p)} / 100) is ${expected}, got ${actual}`);
    }),
    { numRuns: 5000 },
  );
});

exact('a percent discount code is −round(running × percent / 100)', () => {
  fc.assert(
    fc.property(amountAndPercent(1e10, 1, 1_000_000), ({ amount, p }) => {
      const config = serviceWith({ lines: [{ id: 'a', label: 'A', amount }], discountCodes: [{ code: 'CODE', percent: percent(p) }] });
      const result = loadService(config, 1).price({}, { discountCode: 'code', today: '2026-06-01' });
      const expected = -roundRational(BigInt(amount) * BigInt(p), MILLION);
      const actual = result.adjustments.find((a) => a.kind === 'discount')?.amount ?? 0;
      assert.is(String(actual), String(expected), `−round(${amount} × ${percent(p)} / 100) is ${expected}, got ${actual}`);
    }),
    { numRuns: 3000 },
  );
});

/** A service whose net is exactly `net` (a fixed line of 0 plus an amount adjustment, so net may be negative). */
const netService = (net: number, tax: { ratePercent: number; inclusive: boolean }): ServiceConfig =>
  serviceWith({ lines: [{ id: 'zero', label: 'Zero', amount: 0 }], adjustments: [{ id: 'net', label: 'Net', amount: net }], tax });

const signedAmountAndRate = amountAndPercent(1e10, 0, 1_000_000).chain(({ amount, p }) => fc.boolean().map((negative) => ({ net: negative ? -amount : amount, p })));

exact('exclusive tax is round(net × rate / 100), for positive and negative net', () => {
  fc.assert(
    fc.property(signedAmountAndRate, ({ net, p }) => {
      const result = loadService(netService(net, { ratePercent: percent(p), inclusive: false }), 1).price({});
      const expected = roundRational(BigInt(net) * BigInt(p), MILLION);
      assert.is(String(result.tax?.amount), String(expected), `round(${net} × ${percent(p)} / 100) is ${expected}, got ${result.tax?.amount}`);
      assert.is(String(result.total), String(BigInt(net) + expected));
    }),
    { numRuns: 3000 },
  );
});

/** net and a 4-decimal rate where net / (1 + rate/100) sits within a few millionths of a tie. */
const nearTieInclusive = fc
  .record({ r: coprimeToTen(1_000_000), delta: fc.constantFrom(-3, -1, 1, 3), m: fc.nat(), negative: fc.boolean() })
  .map(({ r, delta, m, negative }) => {
    const d = MILLION + BigInt(r); // odd and coprime to 10, so 10⁶ is invertible mod d
    const base = ((((d + BigInt(delta)) / 2n) * inverseMod(MILLION, d)) % d + d) % d;
    const net = Number(base + (BigInt(m) % (10_000_000_000n / d)) * d);
    return { net: negative ? -net : net, p: r };
  });

exact('inclusive tax is net − round(net / (1 + rate / 100)), and the total stays net', () => {
  fc.assert(
    fc.property(fc.oneof(signedAmountAndRate, nearTieInclusive), ({ net, p }) => {
      const result = loadService(netService(net, { ratePercent: percent(p), inclusive: true }), 1).price({});
      const expected = BigInt(net) - roundRational(BigInt(net) * MILLION, MILLION + BigInt(p));
      assert.is(String(result.tax?.amount), String(expected), `${net} − round(${net} / (1 + ${percent(p)} / 100)) is ${expected}, got ${result.tax?.amount}`);
      assert.is(result.total, net);
    }),
    { numRuns: 3000 },
  );
});

/** A non-negative total and 4-decimal range percents where total × (1 ∓ p/100) sits a few millionths off an integer. */
const nearIntegerRange = fc
  .record({ b: coprimeToTen(1_000_000), delta: fc.integer({ min: 1, max: 3 }), m: fc.nat(10_000) })
  .map(({ b, delta, m }) => ({ total: Number((BigInt(delta) * inverseMod(BigInt(b), MILLION)) % MILLION + BigInt(m) * MILLION), below: b, above: b, step: 1 }));

const rangeCase = fc.oneof(
  fc.record({ total: fc.integer({ min: 0, max: 1e10 }), below: fc.integer({ min: 0, max: 1_000_000 }), above: fc.integer({ min: 0, max: 10_000_000 }), step: fc.constantFrom(1, 5, 100, 1000, 7) }),
  nearIntegerRange,
);

exact('range bounds are floor(total × (1 − below/100) / step) × step and ceil(total × (1 + above/100) / step) × step', () => {
  fc.assert(
    fc.property(rangeCase, ({ total, below, above, step }) => {
      const config = serviceWith({ lines: [{ id: 'a', label: 'A', amount: total }], rounding: { step }, range: { belowPercent: percent(below), abovePercent: percent(above) } });
      const result = loadService(config, 1).price({});
      const s = BigInt(step);
      const rounded = roundRational(BigInt(total), s) * s;
      assert.is(String(result.total), String(rounded), 'total rounded to the step');
      const low = floorRational(rounded * (MILLION - BigInt(below)), MILLION * s) * s;
      const high = ceilRational(rounded * (MILLION + BigInt(above)), MILLION * s) * s;
      assert.equal(
        { low: String(result.range?.low), high: String(result.range?.high) },
        { low: String(low), high: String(high) },
        `total ${rounded}, below ${percent(below)} %, above ${percent(above)} %, step ${step}: range is ${low}–${high}, got ${result.range?.low}–${result.range?.high}`,
      );
    }),
    { numRuns: 3000 },
  );
});

/**
 * k / 10^d with at most 15 significant digits (|k| < 10^15): the decimals money.ts promises to round
 * exactly (docs/decisions/0002-rounding.md). Uniform, large, integers past 2^48, and constructed near ties.
 */
const FIFTEEN_DIGITS = 10n ** 15n;
const decimalInput = fc.oneof(
  fc.record({ k: fc.integer({ min: -1e6, max: 1e6 }), d: fc.integer({ min: 0, max: 6 }) }),
  fc.record({ k: fc.integer({ min: -(1e15 - 1), max: 1e15 - 1 }), d: fc.integer({ min: 0, max: 15 }) }),
  fc.record({ k: fc.integer({ min: 2 ** 48, max: 1e15 - 1 }), d: fc.constant(0) }),
  // (j + ½)·10^d + δ: a tie, or δ units of the last digit either side of one.
  fc
    .record({ j: fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.nat()), d: fc.integer({ min: 1, max: 14 }), delta: fc.integer({ min: -2, max: 2 }), negative: fc.boolean() })
    .map(({ j, d, delta, negative }) => {
      const unit = 5n * 10n ** BigInt(d - 1);
      const k = ((2n * BigInt(j) + 1n) * unit) % (FIFTEEN_DIGITS - 10n * unit) + BigInt(delta);
      return { k: Number(negative ? -k : k), d };
    }),
);

exact('roundHalfAwayFromZero(k / 10^d) is the exact decimal rounded half away from zero, for decimals of up to 15 significant digits', () => {
  fc.assert(
    fc.property(decimalInput, ({ k, d }) => {
      const expected = roundRational(BigInt(k), 10n ** BigInt(d));
      const actual = roundHalfAwayFromZero(k / 10 ** d);
      assert.is(String(actual), String(expected), `round(${k} / 10^${d}) is ${expected}, got ${actual}`);
    }),
    { numRuns: 20000 },
  );
});

exact.run();

// ---------------------------------------------------------------------------
const determinism = suite('price: determinism');

determinism('pricing the same input twice, or with a fresh compile, gives deep-equal results that survive a JSON round trip', () => {
  fc.assert(
    fc.property(pricedCaseArb(), (input) => {
      const service = loadService(input.service, 1);
      const first = service.price(structuredClone(input.values), input.options);
      const second = service.price(structuredClone(input.values), input.options);
      const fresh = loadService(structuredClone(input.service), 1).price(structuredClone(input.values), input.options);
      assert.equal(second, first);
      assert.equal(fresh, first);
      assert.equal(JSON.parse(JSON.stringify(first)), first, 'the result is plain JSON (a stored quote carries it)');
    }),
    { numRuns: 500 },
  );
});

determinism.run();
