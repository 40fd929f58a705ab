// JSON Logic for `when`, `quantity` and `unitAmount`, compiled once into
// closures after check-expression.ts has accepted it. Only the whitelisted
// operators exist here, so even an expression that slipped past the checker
// could not reach anything else.
import type { Expression } from './service-schema.ts';

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
