// What changed between two JSON values, as a list of paths with the value
// before and after (`pricing.lines[0].amount: 4900 → 5900`). Objects are
// compared key by key and arrays index by index; a missing side is absent.
import { isDeepStrictEqual } from 'node:util';
import { formatPath } from '../pricing/zod-issues.ts';

export interface DiffEntry {
  path: string;
  before?: unknown;
  after?: unknown;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonDiff(before: unknown, after: unknown): DiffEntry[] {
  const out: DiffEntry[] = [];
  const walk = (a: unknown, b: unknown, path: PropertyKey[]): void => {
    if (isDeepStrictEqual(a, b)) return;
    if (isObject(a) && isObject(b)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) walk(a[key], b[key], [...path, key]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], [...path, i]);
      return;
    }
    const entry: DiffEntry = { path: formatPath(path) };
    if (a !== undefined) entry.before = a;
    if (b !== undefined) entry.after = b;
    out.push(entry);
  };
  walk(before, after, []);
  return out;
}
