// Checks a JSON Logic expression before it is saved: whitelisted operators
// and arities, `var`s that name priceable fields, size, and the types that
// flow through it — so that a validated expression always gives a value for
// valid field values (no text in arithmetic, no division by zero).
import type { ErrorDetail } from '../errors.ts';
import type { Expression } from './service-schema.ts';

/** Operators a tenant's expressions may use, with the argument counts each accepts. */
export const OPERATORS: Readonly<Record<string, { min: number; max: number }>> = {
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

const ARITHMETIC = new Set(['+', '-', '*', '/', '%', 'min', 'max']);
const ORDERING = new Set(['<', '<=', '>', '>=']);
const BOOLEAN_RESULT = new Set(['==', '===', '!=', '!==', '!', '!!', 'in', ...ORDERING]);

const MAX_DEPTH = 16;
const MAX_NODES = 300;

/** What a field gives an expression. */
export interface FieldInfo {
  kind: 'number' | 'string' | 'array' | 'boolean' | 'text';
  /** False when the field can be left out and has no default (its value is then null). */
  alwaysSet: boolean;
  /** The field's lower bound, for number fields. */
  min?: number | undefined;
}

/** The types a value can have at run time. */
export type ValueType = 'number' | 'boolean' | 'string' | 'array' | 'null';

export interface ExpressionCheck {
  issues: ErrorDetail[];
  /** Field keys the expression reads, in first-seen order. */
  vars: string[];
  /** Every type the expression's value can have. */
  types: Set<ValueType>;
}

const NUMERIC: ReadonlySet<ValueType> = new Set(['number', 'boolean', 'null']);

/** Whether every type in `types` works as a number (booleans are 0/1, null is 0). */
export function isNumeric(types: ReadonlySet<ValueType>): boolean {
  for (const type of types) if (!NUMERIC.has(type)) return false;
  return true;
}

function describeTypes(types: ReadonlySet<ValueType>): string {
  const odd = [...types].filter((t) => !NUMERIC.has(t)).map((t) => (t === 'array' ? 'a list' : 'text'));
  return [...new Set(odd)].join(' or ');
}

/** Checks an expression found at `path` against the service's fields. */
export function checkExpression(expression: Expression, path: string, fields: ReadonlyMap<string, FieldInfo>): ExpressionCheck {
  const issues: ErrorDetail[] = [];
  const vars: string[] = [];
  let nodes = 0;

  const visit = (node: unknown, at: string, depth: number): Set<ValueType> => {
    nodes += 1;
    if (depth > MAX_DEPTH) {
      issues.push({ path: at, message: `is nested too deeply (at most ${MAX_DEPTH} levels)` });
      return new Set();
    }
    if (node === null) return new Set(['null']);
    if (typeof node === 'string') return new Set(['string']);
    if (typeof node === 'boolean') return new Set(['boolean']);
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) issues.push({ path: at, message: 'must be a finite number' });
      return new Set(['number']);
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}[${i}]`, depth + 1));
      return new Set(['array']);
    }
    if (typeof node !== 'object') {
      issues.push({ path: at, message: 'is not a JSON value' });
      return new Set();
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      issues.push({ path: at, message: `must have exactly one operator, found ${keys.length === 0 ? 'none' : keys.join(', ')}` });
      return new Set();
    }
    const operator = keys[0] as string;
    const opPath = `${at}${pathKey(operator)}`;
    const arity = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (arity === undefined) {
      issues.push({ path: opPath, message: `uses "${operator}", which is not an allowed operator (allowed: ${Object.keys(OPERATORS).join(' ')})` });
      return new Set();
    }
    const raw = (node as Record<string, unknown>)[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number): string => (Array.isArray(raw) ? `${opPath}[${i}]` : opPath);
    if (args.length < arity.min || args.length > arity.max) {
      const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      issues.push({ path: opPath, message: `takes ${expected} argument${arity.max === 1 ? '' : 's'}, got ${args.length}` });
      return new Set();
    }
    if (operator === 'var') return checkVar(args, argPath(0));

    const argTypes = args.map((arg, i) => visit(arg, argPath(i), depth + 1));
    if (ARITHMETIC.has(operator) || ORDERING.has(operator)) {
      argTypes.forEach((types, i) => {
        if (!isNumeric(types)) issues.push({ path: argPath(i), message: `can be ${describeTypes(types)}, which "${operator}" cannot use as a number` });
      });
      if (operator === '/' || operator === '%') checkDivisor(args[1], argPath(1));
    }
    if (BOOLEAN_RESULT.has(operator)) return new Set(['boolean']);
    if (ARITHMETIC.has(operator)) return new Set(['number']);
    if (operator === 'if') {
      const result = new Set<ValueType>();
      argTypes.forEach((types, i) => {
        if (i % 2 === 1 || i === argTypes.length - 1) for (const t of types) result.add(t);
      });
      if (argTypes.length % 2 === 0) result.add('null');
      return result;
    }
    return new Set(argTypes.flatMap((types) => [...types])); // and, or
  };

  const checkVar = (args: unknown[], at: string): Set<ValueType> => {
    const [name, fallback] = args;
    if (typeof name !== 'string') {
      issues.push({ path: at, message: 'must name a field' });
      return new Set();
    }
    if (fallback !== undefined && fallback !== null && typeof fallback === 'object') {
      issues.push({ path: at.replace(/\[0\]$/, '[1]'), message: 'a var default must be a number, string, boolean or null' });
    }
    const field = fields.get(name);
    if (field === undefined) {
      const known = [...fields.keys()];
      issues.push({ path: at, message: `names "${name}", which is not a field of this service${known.length ? ` (fields: ${known.join(', ')})` : ''}` });
      return new Set();
    }
    if (field.kind === 'text') {
      issues.push({ path: at, message: `names "${name}", a text field; text is never priced` });
      return new Set();
    }
    if (!vars.includes(name)) vars.push(name);
    const types = new Set<ValueType>([field.kind]);
    if (!field.alwaysSet) types.add(fallback === undefined || fallback === null ? 'null' : (typeof fallback as ValueType));
    return types;
  };

  /** A divisor must never be 0: a non-zero literal, or a number field whose minimum is above 0 and that always has a value. */
  const checkDivisor = (divisor: unknown, at: string): void => {
    if (typeof divisor === 'number') {
      if (divisor === 0) issues.push({ path: at, message: 'divides by zero' });
      return;
    }
    const ref = divisor !== null && typeof divisor === 'object' ? (divisor as { var?: unknown }).var : undefined;
    const [name, fallback] = Array.isArray(ref) ? ref : [ref];
    const field = typeof name === 'string' ? fields.get(name) : undefined;
    const positive = field?.kind === 'number' && field.min !== undefined && field.min > 0 && (field.alwaysSet || (typeof fallback === 'number' && fallback > 0));
    if (!positive) {
      issues.push({ path: at, message: 'must be a non-zero number, or a number field with a minimum above 0 that always has a value, so it can never divide by zero' });
    }
  };

  const types = visit(expression, path, 0);
  if (nodes > MAX_NODES) issues.push({ path, message: `is too large (${nodes} nodes, at most ${MAX_NODES})` });
  return { issues, vars, types };
}

function pathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
