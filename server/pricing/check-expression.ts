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
  /** The largest magnitude the field's value can have, for number fields. */
  bound: number;
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

/**
 * The largest magnitude any part of an expression may reach. Field values are
 * within ±1e9; bounding every intermediate keeps results finite and far from
 * where floats stop holding integers.
 */
export const MAX_EXPRESSION_MAGNITUDE = 1e15;

/** What the checker knows of a node's value: its possible types and a bound on its magnitude as a number. */
interface Shape {
  types: Set<ValueType>;
  bound: number;
}

const nothing = (): Shape => ({ types: new Set(), bound: 0 });
const shapeOf = (type: ValueType, bound = 0): Shape => ({ types: new Set([type]), bound });

/** Checks an expression found at `path` against the service's fields. */
export function checkExpression(expression: Expression, path: string, fields: ReadonlyMap<string, FieldInfo>): ExpressionCheck {
  const issues: ErrorDetail[] = [];
  const vars: string[] = [];
  let nodes = 0;

  const visit = (node: unknown, at: string, depth: number): Shape => {
    nodes += 1;
    if (depth > MAX_DEPTH) {
      issues.push({ path: at, message: `is nested too deeply (at most ${MAX_DEPTH} levels)` });
      return nothing();
    }
    if (node === null) return shapeOf('null');
    if (typeof node === 'string') return shapeOf('string');
    if (typeof node === 'boolean') return shapeOf('boolean', 1);
    if (typeof node === 'number') {
      if (Number.isFinite(node)) return bounded(shapeOf('number', Math.abs(node)), at, 'is');
      issues.push({ path: at, message: 'must be a finite number' });
      return shapeOf('number');
    }
    if (Array.isArray(node)) {
      node.forEach((item, i) => visit(item, `${at}[${i}]`, depth + 1));
      return shapeOf('array');
    }
    if (typeof node !== 'object') {
      issues.push({ path: at, message: 'is not a JSON value' });
      return nothing();
    }
    const keys = Object.keys(node);
    if (keys.length !== 1) {
      issues.push({ path: at, message: `must have exactly one operator, found ${keys.length === 0 ? 'none' : keys.join(', ')}` });
      return nothing();
    }
    const operator = keys[0] as string;
    const opPath = `${at}${pathKey(operator)}`;
    const arity = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
    if (arity === undefined) {
      issues.push({ path: opPath, message: `uses "${operator}", which is not an allowed operator (allowed: ${Object.keys(OPERATORS).join(' ')})` });
      return nothing();
    }
    const raw = (node as Record<string, unknown>)[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    const argPath = (i: number): string => (Array.isArray(raw) ? `${opPath}[${i}]` : opPath);
    if (args.length < arity.min || args.length > arity.max) {
      const expected = arity.min === arity.max ? `${arity.min}` : `${arity.min} to ${arity.max}`;
      issues.push({ path: opPath, message: `takes ${expected} argument${arity.max === 1 ? '' : 's'}, got ${args.length}` });
      return nothing();
    }
    if (operator === 'var') return checkVar(args, argPath(0));

    const shapes = args.map((arg, i) => visit(arg, argPath(i), depth + 1));
    if (ARITHMETIC.has(operator) || ORDERING.has(operator)) {
      shapes.forEach(({ types }, i) => {
        if (!isNumeric(types)) issues.push({ path: argPath(i), message: `can be ${describeTypes(types)}, which "${operator}" cannot use as a number` });
      });
    }
    if (BOOLEAN_RESULT.has(operator)) return shapeOf('boolean', 1);
    if (ARITHMETIC.has(operator)) return bounded(shapeOf('number', arithmeticBound(operator, shapes, args[1], argPath(1))), opPath, 'can reach');
    if (operator === 'if') {
      const result = nothing();
      shapes.forEach((shape, i) => {
        if (i % 2 === 0 && i !== shapes.length - 1) return; // a condition
        for (const t of shape.types) result.types.add(t);
        result.bound = Math.max(result.bound, shape.bound);
      });
      if (shapes.length % 2 === 0) result.types.add('null');
      return result;
    }
    return { types: new Set(shapes.flatMap((shape) => [...shape.types])), bound: Math.max(...shapes.map((shape) => shape.bound)) }; // and, or
  };

  /** Reports a magnitude beyond the limit once, where it first appears. */
  const bounded = (shape: Shape, at: string, verb: string): Shape => {
    if (shape.bound <= MAX_EXPRESSION_MAGNITUDE) return shape;
    issues.push({ path: at, message: `${verb} ${shape.bound.toPrecision(3)} at most in size, beyond the ${MAX_EXPRESSION_MAGNITUDE} an expression may compute` });
    return { types: shape.types, bound: 0 };
  };

  const arithmeticBound = (operator: string, shapes: Shape[], divisor: unknown, divisorPath: string): number => {
    const bounds = shapes.map((shape) => shape.bound);
    switch (operator) {
      case '*':
        return bounds.reduce((a, b) => a * b, 1);
      case '/':
        return (bounds[0] ?? 0) / smallestDivisor(divisor, divisorPath);
      case '%':
        smallestDivisor(divisor, divisorPath);
        return bounds[0] ?? 0;
      case 'min':
      case 'max':
        return Math.max(...bounds);
      default: // + and -
        return bounds.reduce((a, b) => a + b, 0);
    }
  };

  const checkVar = (args: unknown[], at: string): Shape => {
    const [name, fallback] = args;
    if (typeof name !== 'string') {
      issues.push({ path: at, message: 'must name a field' });
      return nothing();
    }
    if (fallback !== undefined && fallback !== null && typeof fallback === 'object') {
      issues.push({ path: at.replace(/\[0\]$/, '[1]'), message: 'a var default must be a number, string, boolean or null' });
    }
    const field = fields.get(name);
    if (field === undefined) {
      const known = [...fields.keys()];
      issues.push({ path: at, message: `names "${name}", which is not a field of this service${known.length ? ` (fields: ${known.join(', ')})` : ''}` });
      return nothing();
    }
    if (field.kind === 'text') {
      issues.push({ path: at, message: `names "${name}", a text field; text is never priced` });
      return nothing();
    }
    if (!vars.includes(name)) vars.push(name);
    const shape = shapeOf(field.kind, field.kind === 'number' ? field.bound : field.kind === 'boolean' ? 1 : 0);
    if (!field.alwaysSet) {
      if (fallback === undefined || fallback === null) shape.types.add('null');
      else {
        shape.types.add(typeof fallback as ValueType);
        if (typeof fallback === 'number') shape.bound = Math.max(shape.bound, Math.abs(fallback));
      }
    }
    return shape;
  };

  /**
   * A divisor must never be 0: a non-zero literal, or a number field whose
   * minimum is above 0 and that always has a value. Answers the smallest
   * magnitude it can have (1 after reporting a bad one, so bounds stay finite).
   */
  const smallestDivisor = (divisor: unknown, at: string): number => {
    if (typeof divisor === 'number') {
      if (divisor !== 0) return Math.abs(divisor);
      issues.push({ path: at, message: 'divides by zero' });
      return 1;
    }
    const ref = divisor !== null && typeof divisor === 'object' ? (divisor as { var?: unknown }).var : undefined;
    const [name, fallback] = Array.isArray(ref) ? ref : [ref];
    const field = typeof name === 'string' ? fields.get(name) : undefined;
    const min = field?.kind === 'number' ? field.min : undefined;
    if (min !== undefined && min > 0 && (field?.alwaysSet || (typeof fallback === 'number' && fallback > 0))) {
      return typeof fallback === 'number' && !field?.alwaysSet ? Math.min(min, fallback) : min;
    }
    issues.push({ path: at, message: 'must be a non-zero number, or a number field with a minimum above 0 that always has a value, so it can never divide by zero' });
    return 1;
  };

  const { types } = visit(expression, path, 0);
  if (nodes > MAX_NODES) issues.push({ path, message: `is too large (${nodes} nodes, at most ${MAX_NODES})` });
  return { issues, vars, types };
}

function pathKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}
