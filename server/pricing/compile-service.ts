// A validated service compiled once into `price(fields, options)`: the
// pipeline of pricing.md — lines, subtotal, adjustments, discount code,
// minimum, tax, rounding, range — over precompiled closures.
import { compileExpression, isTruthy, type FieldValues } from './expressions.ts';
import { compileLine, evaluateAt } from './compile-lines.ts';
import { InvalidFieldError, InvalidServiceError } from './errors.ts';
import { createFieldReader, type FieldReader } from './field-values.ts';
import { excludingPercent, percentOf, percentUnits, roundToStep, scaledToStep } from './money.ts';
import type { DiscountRejection, PricedAdjustment, PricedLine, PricingResult } from './result.types.ts';
import type { DiscountCodeConfig, ServiceConfig } from './service-schema.ts';
import { fieldInfos, validateService } from './validate-service.ts';

export interface PriceOptions {
  /** The code the visitor typed, matched case-insensitively. */
  discountCode?: string | null | undefined;
  /** The day to judge a code's validFrom/validUntil by (YYYY-MM-DD, the tenant's local date). Default: today in UTC. */
  today?: string | undefined;
  /** Submitted quotes that used each code so far (canonical, upper-case code → count), for `maxUses`. */
  discountUses?: Readonly<Record<string, number>> | undefined;
}

export interface CompiledService {
  readonly key: string;
  readonly currency: string;
  readonly version: number;
  readonly config: ServiceConfig;
  /** Checks request values and fills defaults, without pricing. */
  readonly readFields: FieldReader;
  /** Prices request field values; throws InvalidFieldError naming each bad field. */
  price(fields: unknown, options?: PriceOptions): PricingResult;
}

const DEFAULT_TAX_LABEL = 'Tax';
const DEFAULT_MINIMUM_LABEL = 'Minimum charge';

/** Validates and compiles a service; throws InvalidServiceError with every bad path. */
export function loadService(input: unknown, version = 1, prefix = ''): CompiledService {
  const validation = validateService(input, prefix);
  if (!validation.ok) throw new InvalidServiceError(validation.issues);
  return compileService(validation.service, version);
}

/** Compiles a service that validateService accepted. */
export function compileService(service: ServiceConfig, version: number): CompiledService {
  const { pricing, currency } = service;
  const infos = fieldInfos(service.fields);
  const readFields = createFieldReader(service.fields);
  const lines = pricing.lines.map((line, i) => compileLine(line, `pricing.lines[${i}]`, infos));
  const adjustments = (pricing.adjustments ?? []).map((adjustment, i) => ({
    ...adjustment,
    units: adjustment.percent === undefined ? null : percentUnits(adjustment.percent),
    when: adjustment.when === undefined ? null : compileExpression(adjustment.when),
    whenPath: `pricing.adjustments[${i}].when`,
  }));
  const codes = new Map((pricing.discountCodes ?? []).map((d) => [d.code.toUpperCase(), { ...d, units: d.percent === undefined ? null : percentUnits(d.percent) }]));
  const { minimum, tax, rounding, range } = pricing;
  const taxUnits = tax === undefined ? 0 : percentUnits(tax.ratePercent);
  const belowUnits = range === undefined ? 0 : -percentUnits(range.belowPercent);
  const aboveUnits = range === undefined ? 0 : percentUnits(range.abovePercent);
  const step = rounding?.step ?? 1;

  const evaluate = (values: FieldValues, options: PriceOptions): PricingResult => {
    const pricedLines: PricedLine[] = [];
    let subtotal = 0;
    for (const line of lines) {
      const priced = line(values);
      if (priced !== null) {
        pricedLines.push(priced);
        subtotal += priced.amount;
      }
    }

    const pricedAdjustments: PricedAdjustment[] = [];
    let running = subtotal;
    for (const adjustment of adjustments) {
      if (adjustment.when !== null && !isTruthy(evaluateAt(adjustment.when, values, adjustment.whenPath))) continue;
      // Percent adjustments are on the subtotal, never compounded (pricing.md, step 1).
      const amount = adjustment.units !== null ? percentOf(subtotal, adjustment.units) : (adjustment.amount as number);
      if (amount === 0) continue;
      pricedAdjustments.push({ id: adjustment.id, kind: 'adjustment', label: adjustment.label, amount });
      running += amount;
    }

    let discountRejected: DiscountRejection | null = null;
    if (options.discountCode) {
      const code = codes.get(options.discountCode.trim().toUpperCase());
      discountRejected = code === undefined ? 'unknown_code' : rejection(code, options);
      if (code !== undefined && discountRejected === null) {
        const base = running > 0 ? running : 0;
        const wanted = code.units !== null ? percentOf(base, code.units) : (code.amount as number);
        const discount = wanted < base ? wanted : base; // never below 0 (step 2)
        if (discount !== 0) {
          pricedAdjustments.push({ id: code.code, kind: 'discount', label: `Code ${code.code}`, amount: -discount });
          running -= discount;
        }
      }
    }

    if (minimum !== undefined && running < minimum.amount) {
      pricedAdjustments.push({ id: 'minimum', kind: 'minimum', label: minimum.label ?? DEFAULT_MINIMUM_LABEL, amount: minimum.amount - running });
      running = minimum.amount;
    }

    const net = running;
    let total = net;
    let pricedTax: PricingResult['tax'] = null;
    if (tax !== undefined) {
      const amount = tax.inclusive ? net - excludingPercent(net, taxUnits) : percentOf(net, taxUnits);
      if (!tax.inclusive) total = net + amount;
      pricedTax = { label: tax.label ?? DEFAULT_TAX_LABEL, ratePercent: tax.ratePercent, inclusive: tax.inclusive, amount };
    }

    if (rounding !== undefined) {
      const rounded = roundToStep(total, rounding.step);
      if (rounded !== total) pricedAdjustments.push({ id: 'rounding', kind: 'rounding', label: 'Rounding', amount: rounded - total });
      total = rounded;
    }

    const priceRange =
      range === undefined
        ? null
        : {
            low: scaledToStep(total, belowUnits, step, 'floor'),
            high: scaledToStep(total, aboveUnits, step, 'ceil'),
          };

    return {
      currency,
      pricingVersion: version,
      lines: pricedLines,
      subtotal,
      adjustments: pricedAdjustments,
      tax: pricedTax,
      total,
      range: priceRange,
      discountRejected,
    };
  };

  return Object.freeze({
    key: service.key,
    currency,
    version,
    config: service,
    readFields,
    price(fields: unknown, options: PriceOptions = {}): PricingResult {
      const { values, issues } = readFields(fields);
      if (issues !== null) throw new InvalidFieldError(issues);
      return evaluate(values, options);
    },
  });
}

function rejection(code: DiscountCodeConfig, options: PriceOptions): DiscountRejection | null {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (code.validFrom !== undefined && today < code.validFrom) return 'not_yet_valid';
  if (code.validUntil !== undefined && today > code.validUntil) return 'expired';
  if (code.maxUses !== undefined && (options.discountUses?.[code.code.toUpperCase()] ?? 0) >= code.maxUses) return 'used_up';
  return null;
}
