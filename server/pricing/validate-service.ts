// A service is checked in two passes: its shape (zod), then what the shape
// cannot say — references between parts, order, uniqueness — each problem
// reported with the path of the offending value.
import type { ErrorDetail } from '../errors.ts';
import { checkExpression, isNumeric, type FieldInfo } from './check-expression.ts';
import { checkFieldValue, createFieldReader } from './field-values.ts';
import { isCurrencyCode } from './money.ts';
import { MAX_FIELD_MAGNITUDE, serviceSchema, type Expression, type FieldConfig, type LineConfig, type ServiceConfig } from './service-schema.ts';
import { zodIssuesToDetails } from './zod-issues.ts';

export type ServiceValidation = { ok: true; service: ServiceConfig } | { ok: false; issues: ErrorDetail[] };

/** Ids the engine itself gives to adjustments. */
const RESERVED_ADJUSTMENT_IDS = new Set(['minimum', 'rounding']);
/** Field keys that would reach Object.prototype through `var`. */
const RESERVED_FIELD_KEYS = new Set(['__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf']);

/** Validates a whole service (fields, pricing, tests). Issue paths start with `prefix` (e.g. `services[0]`). */
export function validateService(input: unknown, prefix = ''): ServiceValidation {
  const parsed = serviceSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) return { ok: false, issues: zodIssuesToDetails(parsed.error.issues, prefix) };
  const service = parsed.data;
  const issues: ErrorDetail[] = [];
  const at = (path: string): string => (prefix ? `${prefix}.${path}` : path);
  const report = (path: string, message: string): void => {
    issues.push({ path: at(path), message });
  };

  if (!isCurrencyCode(service.currency)) report('currency', `"${service.currency}" is not an ISO 4217 currency code`);
  checkFields(service.fields, report);
  const infos = fieldInfos(service.fields);
  checkLines(service.pricing.lines, infos, report, at, issues);
  checkAdjustments(service, infos, report, at, issues);
  checkDiscountCodes(service, report);
  checkTests(service, report, at, issues);

  return issues.length > 0 ? { ok: false, issues } : { ok: true, service };
}

type Report = (path: string, message: string) => void;

function checkFields(fields: readonly FieldConfig[], report: Report): void {
  const keys = new Set<string>();
  fields.forEach((field, i) => {
    const path = `fields[${i}]`;
    if (keys.has(field.key)) report(`${path}.key`, `"${field.key}" is used by another field`);
    if (RESERVED_FIELD_KEYS.has(field.key)) report(`${path}.key`, `"${field.key}" is reserved`);
    keys.add(field.key);
    if ((field.type === 'number' || field.type === 'area') && field.min !== undefined && field.max !== undefined && field.max < field.min) {
      report(`${path}.max`, `must be at least min (${field.min})`);
    }
    if (field.type === 'select' || field.type === 'multiselect') {
      const seen = new Set<string>();
      field.options.forEach((option, j) => {
        if (seen.has(option.value)) report(`${path}.options[${j}].value`, `"${option.value}" is used by another option`);
        seen.add(option.value);
      });
    }
    if (field.default !== undefined) {
      const problem = checkFieldValue(field, field.default);
      if (problem !== null) report(`${path}.default`, problem);
    }
  });
}

/** Field key → what expressions get from it. A later field with the same key wins (duplicates are refused anyway). */
export function fieldInfos(fields: readonly FieldConfig[]): Map<string, FieldInfo> {
  return new Map(fields.map((field) => [field.key, infoOf(field)]));
}

function infoOf(field: FieldConfig): FieldInfo {
  const set = field.required === true || field.default !== undefined;
  switch (field.type) {
    case 'number':
    case 'area':
      return { kind: 'number', alwaysSet: set, min: field.min, bound: Math.max(Math.abs(field.min ?? MAX_FIELD_MAGNITUDE), Math.abs(field.max ?? MAX_FIELD_MAGNITUDE)) };
    case 'select':
      return { kind: 'string', alwaysSet: set, bound: 0 };
    case 'multiselect':
      return { kind: 'array', alwaysSet: true, bound: 0 };
    case 'boolean':
      return { kind: 'boolean', alwaysSet: true, bound: 1 };
    case 'text':
      return { kind: 'text', alwaysSet: set, bound: 0 };
  }
}

/** Checks an expression; `numeric` ones (quantities, unit amounts) must always give a number. */
function checkExpressionAt(
  expression: Expression | undefined,
  path: string,
  infos: ReadonlyMap<string, FieldInfo>,
  at: (path: string) => string,
  issues: ErrorDetail[],
  numeric = false,
): void {
  if (expression === undefined) return;
  const check = checkExpression(expression, at(path), infos);
  issues.push(...check.issues);
  if (numeric && check.issues.length === 0 && !isNumeric(check.types)) {
    issues.push({ path: at(path), message: 'must always give a number, but can give text or a list' });
  }
}

/** The kind of a line, told by which keys it has. */
export function lineKind(line: LineConfig): 'fixed' | 'perUnit' | 'tiered' {
  if (line.tiers !== undefined) return 'tiered';
  if (line.amount !== undefined) return 'fixed';
  return 'perUnit';
}

function checkLines(
  lines: readonly LineConfig[],
  infos: ReadonlyMap<string, FieldInfo>,
  report: Report,
  at: (path: string) => string,
  issues: ErrorDetail[],
): void {
  const ids = new Set<string>();
  lines.forEach((line, i) => {
    const path = `pricing.lines[${i}]`;
    if (ids.has(line.id)) report(`${path}.id`, `"${line.id}" is used by another line`);
    ids.add(line.id);
    const kind = lineKind(line);
    const present = (['amount', 'unitAmount', 'tiers'] as const).filter((k) => line[k] !== undefined);
    if (present.length > 1) {
      report(path, `must have only one of amount, unitAmount or tiers (has ${present.join(' and ')})`);
      return;
    }
    if (kind === 'fixed') {
      for (const key of ['quantity', 'tierMode', 'unit'] as const) {
        if (line[key] !== undefined) report(`${path}.${key}`, 'is not allowed on a fixed line (one with amount)');
      }
    } else {
      if (line.quantity === undefined) report(`${path}.quantity`, 'is required');
      else if (typeof line.quantity === 'number' && line.quantity < 0) report(`${path}.quantity`, 'must not be negative');
      else if (typeof line.quantity === 'boolean') report(`${path}.quantity`, 'must be a number or an expression');
    }
    if (kind === 'perUnit') {
      if (line.unitAmount === undefined) report(path, 'needs amount (fixed), quantity and unitAmount (per unit), or quantity and tiers (tiered)');
      else if (typeof line.unitAmount === 'number' && line.unitAmount < 0) report(`${path}.unitAmount`, 'must not be negative');
      else if (typeof line.unitAmount === 'boolean') report(`${path}.unitAmount`, 'must be a number or an expression');
      if (line.tierMode !== undefined) report(`${path}.tierMode`, 'is only allowed with tiers');
    }
    if (kind === 'tiered') {
      if (line.tierMode === undefined) report(`${path}.tierMode`, 'is required with tiers: "graduated" or "volume"');
      checkTiers(line.tiers ?? [], `${path}.tiers`, report);
    }
    checkExpressionAt(line.when, `${path}.when`, infos, at, issues);
    if (typeof line.quantity === 'object') checkExpressionAt(line.quantity, `${path}.quantity`, infos, at, issues, true);
    if (typeof line.unitAmount === 'object') checkExpressionAt(line.unitAmount, `${path}.unitAmount`, infos, at, issues, true);
  });
}

function checkTiers(tiers: readonly { upTo: number | null }[], path: string, report: Report): void {
  let previous = 0;
  tiers.forEach((tier, i) => {
    const last = i === tiers.length - 1;
    if (tier.upTo === null) {
      if (!last) report(`${path}[${i}].upTo`, 'may be null only on the last tier');
      return;
    }
    if (last) report(`${path}[${i}].upTo`, 'must be null on the last tier (it covers everything above)');
    if (tier.upTo <= previous) report(`${path}[${i}].upTo`, `must be greater than the previous tier's upTo (${previous})`);
    else previous = tier.upTo;
  });
}

function checkAdjustments(
  service: ServiceConfig,
  infos: ReadonlyMap<string, FieldInfo>,
  report: Report,
  at: (path: string) => string,
  issues: ErrorDetail[],
): void {
  const ids = new Set<string>();
  (service.pricing.adjustments ?? []).forEach((adjustment, i) => {
    const path = `pricing.adjustments[${i}]`;
    if (ids.has(adjustment.id)) report(`${path}.id`, `"${adjustment.id}" is used by another adjustment`);
    if (RESERVED_ADJUSTMENT_IDS.has(adjustment.id)) report(`${path}.id`, `"${adjustment.id}" is reserved for the engine's own adjustment`);
    ids.add(adjustment.id);
    if ((adjustment.percent === undefined) === (adjustment.amount === undefined)) report(path, 'must have exactly one of percent or amount');
    checkExpressionAt(adjustment.when, `${path}.when`, infos, at, issues);
  });
}

function checkDiscountCodes(service: ServiceConfig, report: Report): void {
  const codes = new Set<string>();
  (service.pricing.discountCodes ?? []).forEach((discount, i) => {
    const path = `pricing.discountCodes[${i}]`;
    const canonical = discount.code.toUpperCase();
    if (codes.has(canonical)) report(`${path}.code`, `"${discount.code}" is used by another code (codes match case-insensitively)`);
    codes.add(canonical);
    if ((discount.percent === undefined) === (discount.amount === undefined)) report(path, 'must have exactly one of percent or amount');
    if (discount.validFrom !== undefined && discount.validUntil !== undefined && discount.validUntil < discount.validFrom) {
      report(`${path}.validUntil`, `must not be before validFrom (${discount.validFrom})`);
    }
  });
}

function checkTests(service: ServiceConfig, report: Report, at: (path: string) => string, issues: ErrorDetail[]): void {
  const names = new Set<string>();
  const read = createFieldReader(service.fields);
  (service.tests ?? []).forEach((test, i) => {
    const path = `tests[${i}]`;
    if (names.has(test.name)) report(`${path}.name`, `"${test.name}" is used by another test`);
    names.add(test.name);
    const { issues: fieldIssues } = read(test.fields, at(`${path}.fields`));
    if (fieldIssues) issues.push(...fieldIssues);
  });
}
