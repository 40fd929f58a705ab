// JSON Logic for `when`, `quantity` and `unitAmount`: checked against a
// whitelist of operators and the service's fields, then compiled once by
// json-logic-engine into a plain function. The engine is built with only the
// whitelisted operators, so even an expression that slipped past the checker
// could not reach anything else.
import { LogicEngine, defaultMethods } from 'json-logic-engine';
import type { ErrorDetail } from '../errors.ts';
import type { Expression } from './service-schema.ts';

/** Operators a tenant's expressions may use, with the argument counts each accepts. */
const OPERATORS: Record<string, { min: number; max: number }> = {
  var: { min: 1, max: 2 },
  if: { min: 1, max: 101 },
  '==': { min: 2, max: 2 },
  '===': { min: 2, max: 2 },
  '!=': { min: 2, max: 2 },
  '!==': { min: 2, max: 2 },
  '<': { min: 2, max: 3 },
  '<=': { min: 2, max: 3 },
  '>': { min: 2, max: 2 },
  '>=': { min: 2, max: 2 },
  '!': { min: 1, max: 1 },
  '!!': { min: 1, max: 1 },
  and: { min: 1, max: 50 },
  or: { min: 1, max: 50 },
  '+': { min: 1, max: 50 },
  '-': { min: 1, max: 2 },
  '*': { min: 1, max: 50 },
  '/': { min: 2, max: 2 },
  '%': { min: 2, max: 2 },
  min: { min: 1, max: 50 },
  max: { min: 1, max: 50 },
  in: { min: 2, max: 2 },
};

const MAX_DEPTH = 16;
const MAX_NODES = 300;

/** The kind of value each field holds, as far as expressions care. */
export type FieldKind = 'number' | 'string' | 'array' | 'boolean' | 'text';

export interface ExpressionCheck {
  issues: ErrorDetail[];
  /** Field keys the expression reads, in first-seen order. */
  vars: string[];
}

/** Checks an expression: whitelisted operators, arities, `var`s naming priceable fields, size. */
export function checkExpression(expression: Expression, path: string, fields: ReadonlyMap<string, FieldKind>): ExpressionCheck {
  const issues: ErrorDetail[] = [];
  const vars: string[] = [];
  let nodes = 0;

  const visit = (node: unknown, at: string, depth: number): void => {
    nodes += 1;
    if (depth > MAX_DEPTH) {
      issues.push({ path: at, message: `is nested too deeply (at most ${MAX_DEPTH} levels)` });
      return;
    }
    if (node === null || typeof node === 'string' || typeof node === 'boolean') return;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) issues.push({ path: at, message: 'must be a finite number' });
      return;
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}[${i}]`, depth + 1));
      return;
    }
    if (typeof node !== 'object') {
      issues.push({ path: at, message: 'is not a JSON value' });
      return;
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      issues.push({ path: at, message: `must have exactly one operator, found ${keys.length === 0 ? 'none' : keys.join(', ')}` });
      return;
    }
    const operator = keys[0] as string;
    const arity = OPERATORS[operator];
    const opPath = `${at}${pathKey(operator)}`;
    if (!Object.hasOwn(OPERATORS, operator) || !arity) {
      issues.push({ path: opPath, message: `uses "${operator}", which is not an allowed operator (allowed: ${Object.keys(OPERATORS).join(' ')})` });
      return;
    }
    const raw = (node as Record<string, unknown>)[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    if (args.length < arity.min || args.length > arity.max) {
      const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      issues.push({ path: opPath, message: `takes ${expected} argument${arity.max === 1 ? '' : 's'}, got ${args.length}` });
      return;
    }
    if (operator === 'var') {
      checkVar(args, Array.isArray(raw) ? `${opPath}[0]` : opPath);
      return;
    }
    if (Array.isArray(raw)) raw.forEach((arg, i) => visit(arg, `${opPath}[${i}]`, depth + 1));
    else visit(raw, opPath, depth + 1);
  };

  const checkVar = (args: unknown[], at: string): void => {
    const [name, fallback] = args;
    if (typeof name !== 'string') {
      issues.push({ path: at, message: 'must name a field' });
      return;
    }
    const kind = fields.get(name);
    if (kind === undefined) {
      const known = [...fields.keys()];
      issues.push({ path: at, message: `names "${name}", which is not a field of this service${known.length ? ` (fields: ${known.join(', ')})` : ''}` });
    } else if (kind === 'text') {
      issues.push({ path: at, message: `names "${name}", a text field; text is never priced` });
    } else if (!vars.includes(name)) {
      vars.push(name);
    }
    if (fallback !== undefined && fallback !== null && typeof fallback === 'object') {
      issues.push({ path: at.replace(/\[0\]$/, '[1]'), message: 'a var default must be a number, string, boolean or null' });
    }
  };

  visit(expression, path, 0);
  if (nodes > MAX_NODES) issues.push({ path, message: `is too large (${nodes} nodes, at most ${MAX_NODES})` });
  return { issues, vars };
}

function pathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

const allowedMethods = Object.fromEntries(
  Object.keys(OPERATORS).map((name) => [name, (defaultMethods as Record<string, unknown>)[name]]),
);
const engine = new LogicEngine(allowedMethods);

/** Field values as expressions see them. */
export type FieldValues = Record<string, unknown>;
/** A compiled expression. It may throw when the data makes it meaningless (e.g. division by zero). */
export type CompiledExpression = (values: FieldValues) => unknown;

/** Compiles a checked expression once; literals become constant functions. */
export function compileExpression(expression: Expression): CompiledExpression {
  if (typeof expression !== 'object' || expression === null) return () => expression;
  return engine.build(expression) as CompiledExpression;
}
