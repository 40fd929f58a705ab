// Each configured line becomes one closure: (field values) → priced line, or
// null when the line is absent (its `when` is false or its quantity is 0).
import { checkExpression, type FieldInfo } from './check-expression.ts';
import { compileExpression, ExpressionError, isTruthy, type CompiledExpression, type FieldValues } from './expressions.ts';
import { PricingRuleError } from './errors.ts';
import { describeInputs, formatNumber } from './explain.ts';
import { roundHalfAwayFromZero } from './money.ts';
import type { PricedLine } from './result.types.ts';
import type { Expression, LineConfig } from './service-schema.ts';
import { lineKind } from './validate-service.ts';

export type CompiledLine = (values: FieldValues) => PricedLine | null;

/** Runs a compiled expression, turning a failure into a PricingRuleError at `path`. */
export function evaluateAt(expression: CompiledExpression, values: FieldValues, path: string): unknown {
  try {
    return expression(values);
  } catch (error) {
    if (error instanceof ExpressionError) throw new PricingRuleError(path, `could not be evaluated: ${error.message}`, error);
    throw error;
  }
}

/**
 * A quantity or unit amount as a number ≥ 0. Rules cannot make a line
 * negative: below zero counts as zero (so `rooms − 2` prices no extra rooms
 * for one room); null and false count as 0, true as 1. Validation guarantees
 * a number-like value, so the throw is only a guard.
 */
function toAmount(value: unknown, path: string): number {
  if (typeof value === 'number') return value > 0 ? value : 0;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  throw new PricingRuleError(path, `gave ${JSON.stringify(value) ?? 'nothing'}, which is not a number`);
}

/** The one failure a validated rule can meet: an amount beyond 2^53 minor units cannot be held exactly. */
function checkedAmount(amount: number, path: string): number {
  if (!Number.isSafeInteger(amount)) throw new PricingRuleError(path, `gave an amount too large to price (${amount})`);
  return amount;
}

function varsOf(expression: Expression | undefined, fields: ReadonlyMap<string, FieldInfo>): string[] {
  if (expression === undefined || typeof expression !== 'object') return [];
  return checkExpression(expression, '', fields).vars;
}

function bareVar(expression: Expression | undefined): string | null {
  if (expression === undefined || typeof expression !== 'object' || Object.keys(expression).length !== 1) return null;
  const name = (expression as { var?: unknown }).var;
  if (typeof name === 'string') return name;
  return Array.isArray(name) && name.length === 1 && typeof name[0] === 'string' ? name[0] : null;
}

/** Compiles one validated line found at `path` (`pricing.lines[2]`); `fields` describes the service's fields. */
export function compileLine(line: LineConfig, path: string, fields: ReadonlyMap<string, FieldInfo>): CompiledLine {
  const when = line.when === undefined ? null : compileExpression(line.when);
  const whenPath = `${path}.when`;
  const present = when === null ? () => true : (values: FieldValues) => isTruthy(evaluateAt(when, values, whenPath));
  const { id, label } = line;
  const kind = lineKind(line);

  if (kind === 'fixed') {
    const amount = line.amount as number;
    const whenVars = varsOf(line.when, fields);
    return (values) => {
      if (!present(values)) return null;
      return { id, label, quantity: 1, unitAmount: amount, amount, explain: `fixed${describeInputs(whenVars, values)}` };
    };
  }

  const quantity = compileExpression(line.quantity as Expression);
  const quantityPath = `${path}.quantity`;
  const quantityVar = bareVar(line.quantity);
  const inputs = [...new Set([...varsOf(line.quantity, fields), ...varsOf(line.unitAmount, fields), ...varsOf(line.when, fields)])].filter((v) => v !== quantityVar);
  const quantityText = (q: number): string => quantityVar ?? formatNumber(q);

  if (kind === 'perUnit') {
    const unitAmount = compileExpression(line.unitAmount as Expression);
    const unitPath = `${path}.unitAmount`;
    return (values) => {
      if (!present(values)) return null;
      const q = toAmount(evaluateAt(quantity, values, quantityPath), quantityPath);
      if (q === 0) return null;
      const rate = toAmount(evaluateAt(unitAmount, values, unitPath), unitPath);
      const amount = checkedAmount(roundHalfAwayFromZero(q * rate), path);
      return { id, label, quantity: q, unitAmount: rate, amount, explain: `${quantityText(q)} × ${formatNumber(rate)}${describeInputs(inputs, values)}` };
    };
  }

  const tiers = line.tiers ?? [];
  const explainInputs = quantityVar === null ? inputs : [quantityVar, ...inputs];
  if (line.tierMode === 'volume') {
    return (values) => {
      if (!present(values)) return null;
      const q = toAmount(evaluateAt(quantity, values, quantityPath), quantityPath);
      if (q === 0) return null;
      const tier = tiers.find((t) => t.upTo === null || q <= t.upTo) ?? (tiers[tiers.length - 1] as (typeof tiers)[number]);
      const amount = checkedAmount(roundHalfAwayFromZero(q * tier.unitAmount), path);
      const band = tier.upTo === null ? 'top tier' : `tier up to ${formatNumber(tier.upTo)}`;
      return {
        id, label, quantity: q, unitAmount: tier.unitAmount, amount,
        explain: `${formatNumber(q)} × ${formatNumber(tier.unitAmount)}, volume ${band}${describeInputs(explainInputs, values)}`,
      };
    };
  }

  return (values) => {
    if (!present(values)) return null;
    const q = toAmount(evaluateAt(quantity, values, quantityPath), quantityPath);
    if (q === 0) return null;
    let exact = 0;
    let from = 0;
    let explain = '';
    for (const tier of tiers) {
      const upTo = tier.upTo === null ? q : Math.min(q, tier.upTo);
      const units = upTo - from;
      if (units <= 0) break;
      exact += units * tier.unitAmount;
      explain += `${explain ? ' + ' : ''}${formatNumber(units)} × ${formatNumber(tier.unitAmount)}`;
      from = upTo;
    }
    const amount = checkedAmount(roundHalfAwayFromZero(exact), path);
    return { id, label, quantity: q, unitAmount: null, amount, explain: `graduated: ${explain}${describeInputs(explainInputs, values)}` };
  };
}
