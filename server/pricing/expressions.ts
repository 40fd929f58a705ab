// JSON Logic for `when`, `quantity` and `unitAmount`: checked against a
// whitelist of operators and the service's fields, then compiled once into
// closures. Only the whitelisted operators exist in the compiler, so even an
// expression that slipped past the checker could not reach anything else.
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

/** Field values as expressions see them. */
export type FieldValues = Record<string, unknown>;
/** A compiled expression. It throws ExpressionError when the data makes it meaningless (e.g. division by zero). */
export type CompiledExpression = (values: FieldValues) => unknown;

/** An expression that cannot give a value for these field values. */
export class ExpressionError extends Error {
  override name = 'ExpressionError';
}

/**
 * Compiles a checked expression once into plain closures, one per node.
 * No code is generated from tenant input (pricing.md: no eval, no Function);
 * see docs/decisions/0004-expression-compiler.md for the semantics.
 */
export function compileExpression(expression: Expression): CompiledExpression {
  return compileNode(expression);
}

function compileNode(node: unknown): CompiledExpression {
  if (node === null || typeof node !== 'object') return () => node;
  if (Array.isArray(node)) {
    const items = node.map(compileNode);
    return (values) => items.map((item) => item(values));
  }
  const operator = Object.keys(node)[0] as string;
  const raw = (node as Record<string, unknown>)[operator];
  const rawArgs = Array.isArray(raw) ? raw : [raw];
  if (operator === 'var') return compileVar(rawArgs);
  const build = OPERATOR_BUILDERS[operator];
  if (build === undefined || !Object.hasOwn(OPERATOR_BUILDERS, operator)) {
    throw new ExpressionError(`"${operator}" is not an allowed operator`);
  }
  return build(rawArgs.map(compileNode));
}

function compileVar([name, fallback]: unknown[]): CompiledExpression {
  const key = String(name);
  const otherwise = fallback === undefined ? null : fallback;
  return (values) => {
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    return value === undefined || value === null ? otherwise : value;
  };
}

/** JSON Logic truthiness: an empty list is false, like 0, "" and null. */
export function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** Arithmetic operand: numbers as they are, booleans as 0/1, null as 0; anything else has no number. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === null) return 0;
  throw new ExpressionError(`${JSON.stringify(value)} is not a number`);
}

function finite(result: number): number {
  if (!Number.isFinite(result)) throw new ExpressionError('the result is not a finite number');
  return result;
}

type Args = CompiledExpression[];
const at = (args: Args, i: number): CompiledExpression => args[i] as CompiledExpression;

function comparison(test: (a: number, b: number) => boolean): (args: Args) => CompiledExpression {
  return (args) => {
    const [a, b, c] = [at(args, 0), at(args, 1), args[2]];
    if (c === undefined) return (v) => test(toNumber(a(v)), toNumber(b(v)));
    return (v) => {
      const middle = toNumber(b(v));
      return test(toNumber(a(v)), middle) && test(middle, toNumber(c(v)));
    };
  };
}

function fold(step: (total: number, next: number) => number): (args: Args) => CompiledExpression {
  return (args) => {
    const [first, ...rest] = args as [CompiledExpression, ...Args];
    return (v) => {
      let total = toNumber(first(v));
      for (const arg of rest) total = step(total, toNumber(arg(v)));
      return finite(total);
    };
  };
}

const OPERATOR_BUILDERS: Record<string, (args: Args) => CompiledExpression> = {
  if: (args) => {
    const last = args.length - 1;
    return (v) => {
      let i = 0;
      for (; i < last; i += 2) if (isTruthy(at(args, i)(v))) return at(args, i + 1)(v);
      return i === last ? at(args, last)(v) : null;
    };
  },
  // Loose equality, as JSON Logic defines "==" and "!=".
  '==': ([a, b]) => (v) => (a as CompiledExpression)(v) == (b as CompiledExpression)(v), // eslint-disable-line eqeqeq
  '!=': ([a, b]) => (v) => (a as CompiledExpression)(v) != (b as CompiledExpression)(v), // eslint-disable-line eqeqeq
  '===': ([a, b]) => (v) => (a as CompiledExpression)(v) === (b as CompiledExpression)(v),
  '!==': ([a, b]) => (v) => (a as CompiledExpression)(v) !== (b as CompiledExpression)(v),
  '<': comparison((a, b) => a < b),
  '<=': comparison((a, b) => a <= b),
  '>': comparison((a, b) => a > b),
  '>=': comparison((a, b) => a >= b),
  '!': ([a]) => (v) => !isTruthy((a as CompiledExpression)(v)),
  '!!': ([a]) => (v) => isTruthy((a as CompiledExpression)(v)),
  and: (args) => (v) => {
    let value: unknown;
    for (const arg of args) if (!isTruthy((value = arg(v)))) return value;
    return value;
  },
  or: (args) => (v) => {
    let value: unknown;
    for (const arg of args) if (isTruthy((value = arg(v)))) return value;
    return value;
  },
  '+': fold((a, b) => a + b),
  '*': fold((a, b) => a * b),
  '-': (args) => {
    const [a, b] = [at(args, 0), args[1]];
    if (b === undefined) return (v) => -toNumber(a(v));
    return (v) => finite(toNumber(a(v)) - toNumber(b(v)));
  },
  '/': ([a, b]) => (v) => {
    const divisor = toNumber((b as CompiledExpression)(v));
    if (divisor === 0) throw new ExpressionError('division by zero');
    return finite(toNumber((a as CompiledExpression)(v)) / divisor);
  },
  '%': ([a, b]) => (v) => {
    const divisor = toNumber((b as CompiledExpression)(v));
    if (divisor === 0) throw new ExpressionError('remainder of a division by zero');
    return toNumber((a as CompiledExpression)(v)) % divisor;
  },
  min: fold((a, b) => (b < a ? b : a)),
  max: fold((a, b) => (b > a ? b : a)),
  in: ([needle, haystack]) => (v) => {
    const list = (haystack as CompiledExpression)(v);
    const item = (needle as CompiledExpression)(v);
    if (Array.isArray(list)) return list.includes(item);
    return typeof list === 'string' && typeof item === 'string' ? list.includes(item) : false;
  },
};
