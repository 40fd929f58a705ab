// Request field values checked against a service's fields. Compiled once per
// service into one small check per field, because this runs on every
// estimate. Nothing is clamped or coerced: a bad value is refused by name.
import type { ErrorDetail } from '../errors.ts';
import type { FieldValues } from './expressions.ts';
import { MAX_FIELD_MAGNITUDE, type FieldConfig } from './service-schema.ts';
import { formatPath } from './zod-issues.ts';

const DEFAULT_TEXT_MAX_LENGTH = 2000;
const STEP_TOLERANCE = 1e-9;

/** Checks one present value; answers an error message or null. */
type ValueCheck = (value: unknown) => string | null;

interface CompiledField {
  key: string;
  check: ValueCheck;
  /** The value used when the request leaves the field out, or `missing` when that is an error. */
  fallback: unknown;
}

const MISSING = Symbol('missing');

export interface FieldReadResult {
  values: FieldValues;
  /** Null when every value is good. */
  issues: ErrorDetail[] | null;
}

/** Reads request values (`input`) against the fields; `prefix` starts each issue's path (`fields.rooms`). */
export type FieldReader = (input: unknown, prefix?: string) => FieldReadResult;

/** Compiles the per-field checks of a (structurally valid) list of fields. */
export function createFieldReader(fields: readonly FieldConfig[]): FieldReader {
  const compiled = fields.map(compileField);
  const known = new Set(fields.map((f) => f.key));

  return (input, prefix = 'fields') => {
    const values: FieldValues = {};
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      return { values, issues: [{ path: prefix, message: 'must be an object of field values' }] };
    }
    const given = input as Record<string, unknown>;
    let issues: ErrorDetail[] | null = null;
    for (const field of compiled) {
      const value = Object.hasOwn(given, field.key) ? given[field.key] : undefined;
      if (value === undefined || value === null) {
        if (field.fallback === MISSING) (issues ??= []).push({ path: `${prefix}.${field.key}`, message: 'is required' });
        else values[field.key] = field.fallback;
        continue;
      }
      const problem = field.check(value);
      if (problem !== null) (issues ??= []).push({ path: `${prefix}.${field.key}`, message: problem });
      else values[field.key] = value;
    }
    for (const key of Object.keys(given)) {
      if (!known.has(key)) (issues ??= []).push({ path: formatPath([key], prefix), message: 'is not a field of this service' });
    }
    return { values, issues };
  };
}

/** Checks a single value against a single field (used for defaults at validation time). */
export function checkFieldValue(field: FieldConfig, value: unknown): string | null {
  return compileField(field).check(value);
}

function compileField(field: FieldConfig): CompiledField {
  const fallback = field.default !== undefined ? field.default : field.required === true ? MISSING : implicitDefault(field);
  return { key: field.key, check: compileCheck(field), fallback };
}

/** What an optional field without a default holds when left out. */
function implicitDefault(field: FieldConfig): unknown {
  if (field.type === 'boolean') return false;
  if (field.type === 'multiselect') return [];
  return null;
}

function compileCheck(field: FieldConfig): ValueCheck {
  switch (field.type) {
    case 'number':
    case 'area':
      return numberCheck(field.min, field.max, field.step, field.unit);
    case 'select': {
      const allowed = new Set(field.options.map((o) => o.value));
      const list = field.options.map((o) => o.value).join(', ');
      return (value) => (typeof value === 'string' && allowed.has(value) ? null : `must be one of: ${list}`);
    }
    case 'multiselect': {
      const allowed = new Set(field.options.map((o) => o.value));
      const list = field.options.map((o) => o.value).join(', ');
      return (value) => {
        if (!Array.isArray(value)) return `must be a list of: ${list}`;
        const seen = new Set<unknown>();
        for (const item of value) {
          if (typeof item !== 'string' || !allowed.has(item)) return `may only contain: ${list}`;
          if (seen.has(item)) return `lists "${item}" twice`;
          seen.add(item);
        }
        return null;
      };
    }
    case 'boolean':
      return (value) => (typeof value === 'boolean' ? null : 'must be true or false');
    case 'text': {
      const maxLength = field.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
      return (value) => {
        if (typeof value !== 'string') return 'must be text';
        return value.length > maxLength ? `must be at most ${maxLength} characters` : null;
      };
    }
  }
}

function numberCheck(fieldMin: number | undefined, fieldMax: number | undefined, step: number | undefined, unit: string | undefined): ValueCheck {
  const suffix = unit ? ` ${unit}` : '';
  const base = fieldMin ?? 0;
  const min = fieldMin ?? -MAX_FIELD_MAGNITUDE;
  const max = fieldMax ?? MAX_FIELD_MAGNITUDE;
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
    if (value < min) return `must be at least ${min}${suffix}`;
    if (value > max) return `must be at most ${max}${suffix}`;
    if (step !== undefined) {
      const steps = (value - base) / step;
      if (Math.abs(steps - Math.round(steps)) > STEP_TOLERANCE) {
        return base === 0 ? `must be a multiple of ${step}` : `must be ${base} plus a multiple of ${step}`;
      }
    }
    return null;
  };
}
