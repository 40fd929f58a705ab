// Human-readable `explain` text for priced lines: which inputs, which rates.
import type { FieldValues } from './expressions.ts';

/** A number without float noise (14.570000000000002 → "14.57"). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  const text = String(n);
  // A short decimal already has at most 12 significant digits; toPrecision is slow, so only long ones pay for it.
  return text.length <= 13 ? text : String(Number(n.toPrecision(12)));
}

function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'none';
  if (Array.isArray(value)) return `[${value.map(formatValue).join(', ')}]`;
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** " (size = small, ceilings = true)" for the given field keys, or "" when there are none. */
export function describeInputs(keys: readonly string[], values: FieldValues): string {
  if (keys.length === 0) return '';
  let text = '';
  for (const key of keys) text += `${text ? ', ' : ''}${key} = ${formatValue(values[key])}`;
  return ` (${text})`;
}
