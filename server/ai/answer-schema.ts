// What a model may answer, built from the service's fields: a JSON Schema
// for the providers' structured output, and the zod schema the answer must
// pass. Keys outside the service are dropped; a value of the wrong type, or
// an answer without the expected shape, is an invalid answer (a failure the
// router escalates on). Values of the right type go through the pricing
// engine's own field check: one it refuses (out of bounds, off the step,
// not an option) is dropped, never clamped, and lowers the confidence.
import { z } from 'zod';
import { checkFieldValue } from '../pricing/field-values.ts';
import type { FieldConfig } from '../pricing/service-schema.ts';
import { ProviderError, type TokenUsage } from './provider.ts';

/** Fields a model may fill: every type but free text (never filled, never priced). */
export function fillableFields(fields: readonly FieldConfig[]): FieldConfig[] {
  return fields.filter((field) => field.type !== 'text');
}

type JsonSchema = Record<string, unknown>;

function describe(field: FieldConfig): string {
  const parts = [field.label];
  if (field.type === 'number' || field.type === 'area') {
    if (field.unit !== undefined) parts.push(`in ${field.unit}`);
    if (field.min !== undefined) parts.push(`min ${field.min}`);
    if (field.max !== undefined) parts.push(`max ${field.max}`);
    if (field.step !== undefined) parts.push(`step ${field.step}`);
  }
  if (field.aliases !== undefined && field.aliases.length > 0) parts.push(`also called: ${field.aliases.join(', ')}`);
  if ('options' in field) {
    parts.push(`options: ${field.options.map((o) => `${o.value} (${[o.label, ...(o.aliases ?? [])].join(', ')})`).join('; ')}`);
  }
  return parts.join('; ');
}

function fieldJsonSchema(field: FieldConfig): JsonSchema {
  const description = describe(field);
  switch (field.type) {
    case 'number':
    case 'area':
      return { type: ['number', 'null'], description };
    case 'boolean':
      return { type: ['boolean', 'null'], description };
    case 'select':
      return { type: ['string', 'null'], enum: [...field.options.map((o) => o.value), null], description };
    case 'multiselect':
      return { type: ['array', 'null'], items: { type: 'string', enum: field.options.map((o) => o.value) }, description };
    default:
      throw new Error(`not a fillable field type: ${field.type}`);
  }
}

/**
 * The JSON Schema of an answer, in the strict subset both providers accept:
 * every property required (null when not said), no additional properties.
 */
export function answerJsonSchema(fields: readonly FieldConfig[]): JsonSchema {
  const fillable = fillableFields(fields);
  return {
    type: 'object',
    additionalProperties: false,
    required: ['fields', 'confidence'],
    properties: {
      fields: {
        type: 'object',
        additionalProperties: false,
        required: fillable.map((f) => f.key),
        properties: Object.fromEntries(fillable.map((f) => [f.key, fieldJsonSchema(f)])),
      },
      confidence: { type: 'number', description: 'How sure you are of the values, from 0 to 1.' },
    },
  };
}

function fieldZod(field: FieldConfig): z.ZodType {
  switch (field.type) {
    case 'number':
    case 'area':
      return z.number().finite();
    case 'boolean':
      return z.boolean();
    case 'select':
      return z.string();
    case 'multiselect':
      return z.array(z.string());
    default:
      return z.never();
  }
}

const schemas = new WeakMap<readonly FieldConfig[], z.ZodType<{ fields: Record<string, unknown>; confidence: number }>>();

/** The zod schema of an answer: unknown keys stripped (`z.object`), known ones typed, null = not said. */
export function answerSchema(fields: readonly FieldConfig[]): z.ZodType<{ fields: Record<string, unknown>; confidence: number }> {
  let schema = schemas.get(fields);
  if (schema === undefined) {
    const shape = Object.fromEntries(fillableFields(fields).map((f) => [f.key, fieldZod(f).nullish()]));
    schema = z.object({ fields: z.object(shape), confidence: z.number().min(0).max(1) }) as unknown as z.ZodType<{ fields: Record<string, unknown>; confidence: number }>;
    schemas.set(fields, schema);
  }
  return schema;
}

/** Confidence lost for each value refused by its field, as in the local provider. */
const REFUSED_PENALTY = 0.15;

/** The keys of fields that are required or have no default and are not answered, in field order. */
export function missingFields(fields: readonly FieldConfig[], answered: Readonly<Record<string, unknown>>): string[] {
  return fields.filter((f) => (f.required === true || f.default === undefined) && !Object.hasOwn(answered, f.key)).map((f) => f.key);
}

/**
 * Reads a model's raw answer (parsed JSON, or text to parse) into field
 * values the pricing engine accepts. Throws ProviderError('invalid_answer').
 */
export function readAnswer(raw: unknown, fields: readonly FieldConfig[], usage: TokenUsage): { fields: Record<string, unknown>; confidence: number; missing: string[] } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw new ProviderError('invalid_answer', 'the answer is not JSON', { usage, cause: error });
    }
  }
  const parsed = answerSchema(fields).safeParse(value);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || '(root)').join(', ');
    throw new ProviderError('invalid_answer', `the answer does not fit the schema at ${where}`, { usage });
  }
  const entries: [string, unknown][] = [];
  let refused = 0;
  for (const field of fillableFields(fields)) {
    const proposed = parsed.data.fields[field.key];
    if (proposed === null || proposed === undefined) continue;
    if (checkFieldValue(field, proposed) === null) entries.push([field.key, proposed]);
    else refused++;
  }
  const answered = Object.fromEntries(entries);
  const confidence = entries.length === 0 ? 0 : Math.max(0, Math.round((parsed.data.confidence - REFUSED_PENALTY * refused) * 100) / 100);
  return { fields: answered, confidence, missing: missingFields(fields, answered) };
}
