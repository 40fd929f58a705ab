// The shape of a service (pricing spec, format 1). Structure only: the
// cross-references (a `var` naming a field, tiers in order, unique ids) are
// checked by validate-service.ts once the shape is known to be right.
import { z } from 'zod';
import { hasPercentPrecision } from './money.ts';

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,63}$/, 'must start with a letter and use only letters, digits, "-" and "_" (at most 64)');
const label = z.string().trim().min(1).max(200);
const aliases = z.array(z.string().trim().min(1).max(100)).max(50);
const isoDate = z.iso.date('must be a date like 2027-06-30');
const money = z.number().int('must be a whole number of minor units').min(0).max(1e12);
const signedMoney = z.number().int('must be a whole number of minor units').min(-1e12).max(1e12);
const finite = z.number().finite();
/** Largest magnitude of a number field's bounds and values; keeps every product of fields well inside exact float range. */
export const MAX_FIELD_MAGNITUDE = 1e9;
const fieldNumber = z.number().finite().min(-MAX_FIELD_MAGNITUDE).max(MAX_FIELD_MAGNITUDE);
/** A percentage with at most 6 decimals (held exactly as millionths), within [min, max]. */
const percent = (min: number, max: number, exclusiveMin = false) =>
  (exclusiveMin ? finite.gt(min) : finite.min(min)).max(max).refine(hasPercentPrecision, 'must have at most 6 decimals');

/** `when`, `quantity`, `unitAmount`: a literal or a JSON Logic expression (checked later). */
const expression = z.union([z.number().finite(), z.boolean(), z.record(z.string(), z.unknown())], {
  error: 'must be a number, a boolean or a JSON Logic expression object',
});

const fieldBase = {
  key: identifier,
  label,
  help: z.string().max(500).optional(),
  required: z.boolean().optional(),
  aliases: aliases.optional(),
};

const optionValue = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'must start with a letter or digit and use only letters, digits, ".", "-" and "_" (at most 64)');
const option = z.strictObject({ value: optionValue, label, aliases: aliases.optional() });

const numberField = z.strictObject({
  ...fieldBase,
  type: z.literal('number'),
  min: fieldNumber.optional(),
  max: fieldNumber.optional(),
  step: fieldNumber.positive().optional(),
  unit: z.string().min(1).max(20).optional(),
  default: fieldNumber.optional(),
});

const areaField = numberField.extend({ type: z.literal('area') });

const selectField = z.strictObject({
  ...fieldBase,
  type: z.literal('select'),
  options: z.array(option).min(1).max(200),
  default: z.string().optional(),
});

const multiselectField = z.strictObject({
  ...fieldBase,
  type: z.literal('multiselect'),
  options: z.array(option).min(1).max(200),
  default: z.array(z.string()).optional(),
});

const booleanField = z.strictObject({ ...fieldBase, type: z.literal('boolean'), default: z.boolean().optional() });

const textField = z.strictObject({
  ...fieldBase,
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(10000).optional(),
  default: z.string().optional(),
});

export const fieldSchema = z.discriminatedUnion('type', [numberField, areaField, selectField, multiselectField, booleanField, textField]);

const tier = z.strictObject({ upTo: z.number().positive().finite().nullable(), unitAmount: finite.min(0) });

/** One line: fixed (`amount`), per unit (`quantity` × `unitAmount`) or tiered (`quantity` + `tiers`); which one is decided by the keys present. */
const line = z.strictObject({
  id: identifier,
  label,
  when: expression.optional(),
  amount: money.optional(),
  quantity: expression.optional(),
  unitAmount: expression.optional(),
  unit: z.string().min(1).max(20).optional(),
  tiers: z.array(tier).min(1).max(50).optional(),
  tierMode: z.enum(['graduated', 'volume']).optional(),
});

const adjustment = z.strictObject({
  id: identifier,
  label,
  when: expression.optional(),
  percent: percent(-100, 1000).optional(),
  amount: signedMoney.optional(),
});

const discountCode = z.strictObject({
  code: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1 to 40 letters, digits, "-" or "_"'),
  percent: percent(0, 100, true).optional(),
  amount: money.positive().optional(),
  validFrom: isoDate.optional(),
  validUntil: isoDate.optional(),
  maxUses: z.number().int().positive().optional(),
});

export const pricingSchema = z.strictObject({
  lines: z.array(line).min(1).max(200),
  adjustments: z.array(adjustment).max(100).optional(),
  discountCodes: z.array(discountCode).max(1000).optional(),
  minimum: z.strictObject({ amount: money, label: label.optional() }).optional(),
  tax: z.strictObject({ label: label.optional(), ratePercent: percent(0, 100), inclusive: z.boolean() }).optional(),
  rounding: z.strictObject({ step: z.number().int().positive().max(1e9) }).optional(),
  range: z.strictObject({ belowPercent: percent(0, 100), abovePercent: percent(0, 1000) }).optional(),
});

const serviceTest = z.strictObject({
  name: z.string().trim().min(1).max(200),
  fields: z.record(z.string(), z.unknown()),
  discountCode: z.string().max(40).optional(),
  date: isoDate.optional(),
  expectTotal: signedMoney,
});

export const serviceSchema = z.strictObject({
  key: identifier,
  name: label,
  description: z.string().max(2000).optional(),
  currency: z.string(),
  fields: z.array(fieldSchema).max(100),
  pricing: pricingSchema,
  tests: z.array(serviceTest).max(500).optional(),
});

export type FieldConfig = z.infer<typeof fieldSchema>;
export type LineConfig = z.infer<typeof line>;
export type AdjustmentConfig = z.infer<typeof adjustment>;
export type DiscountCodeConfig = z.infer<typeof discountCode>;
export type PricingConfig = z.infer<typeof pricingSchema>;
export type ServiceTestConfig = z.infer<typeof serviceTest>;
export type ServiceConfig = z.infer<typeof serviceSchema>;
/** A literal or a JSON Logic expression. */
export type Expression = z.infer<typeof expression>;
