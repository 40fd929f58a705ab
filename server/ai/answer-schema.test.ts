import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FieldConfig } from '../pricing/service-schema.ts';
import { answerJsonSchema, missingFields, readAnswer } from './answer-schema.ts';
import { isProviderError } from './provider.ts';

const fields: FieldConfig[] = [
  { key: 'area', type: 'area', label: 'Area', unit: 'm2', min: 10, max: 1000, step: 1, required: true, aliases: ['Fläche'] },
  { key: 'rooms', type: 'number', label: 'Rooms', min: 0, max: 9, default: 1 },
  { key: 'kind', type: 'select', label: 'Kind', options: [{ value: 'a', label: 'A', aliases: ['alpha'] }, { value: 'b', label: 'B' }], default: 'a' },
  { key: 'extras', type: 'multiselect', label: 'Extras', options: [{ value: 'x', label: 'X' }, { value: 'y', label: 'Y' }] },
  { key: 'pets', type: 'boolean', label: 'Pets', default: false },
  { key: 'notes', type: 'text', label: 'Notes' },
];
const usage = { inputTokens: 10, outputTokens: 2 };

const schema = suite('answerJsonSchema');
schema('one required, nullable property per fillable field, closed objects, options as an enum, units and bounds described', () => {
  const json = answerJsonSchema(fields) as { additionalProperties: boolean; required: string[]; properties: { fields: { additionalProperties: boolean; required: string[]; properties: Record<string, Record<string, unknown>> } } };
  assert.is(json.additionalProperties, false);
  assert.equal(json.required, ['fields', 'confidence']);
  assert.is(json.properties.fields.additionalProperties, false);
  assert.equal(json.properties.fields.required, ['area', 'rooms', 'kind', 'extras', 'pets']);
  const p = json.properties.fields.properties;
  assert.equal(p.area?.type, ['number', 'null']);
  assert.match(String(p.area?.description), 'in m2; min 10; max 1000; step 1; also called: Fläche');
  assert.equal(p.kind?.enum, ['a', 'b', null]);
  assert.match(String(p.kind?.description), 'a (A, alpha)');
  assert.equal(p.extras?.items, { type: 'string', enum: ['x', 'y'] });
  assert.equal(p.pets?.type, ['boolean', 'null']);
  assert.is(p.notes, undefined);
});
schema.run();

const read = suite('readAnswer');
read('keeps the values the fields accept, drops nulls and keys outside the service', () => {
  const answer = readAnswer(
    { fields: { area: 80, rooms: null, kind: 'b', extras: ['y'], pets: true, notes: 'free text', price: 0, __proto__: { polluted: true } }, confidence: 0.9, total: 1 },
    fields,
    usage,
  );
  assert.equal(answer, { fields: { area: 80, kind: 'b', extras: ['y'], pets: true }, confidence: 0.9, missing: ['notes'] });
  assert.is(({} as Record<string, unknown>).polluted, undefined);
});
read('reads JSON text; drops values the fields refuse (bounds, step, options) and lowers the confidence for each', () => {
  const answer = readAnswer('{"fields":{"area":5,"rooms":12,"kind":"z","pets":false},"confidence":0.8}', fields, usage);
  assert.equal(answer.fields, { pets: false });
  assert.is(answer.confidence, 0.35);
  assert.equal(answer.missing, ['area', 'extras', 'notes']);
  assert.is(readAnswer({ fields: {}, confidence: 0.9 }, fields, usage).confidence, 0);
});
read('an answer that is not JSON, of the wrong shape or with a value of the wrong type is invalid_answer, carrying its usage', () => {
  for (const raw of ['{"fields":', 'Sure, here you go', { fields: { area: '80' }, confidence: 1 }, { fields: {}, confidence: 2 }, { confidence: 1 }, [], null, { fields: { pets: 'yes' }, confidence: 1 }]) {
    try {
      readAnswer(raw, fields, usage);
      assert.unreachable(JSON.stringify(raw));
    } catch (error) {
      assert.ok(isProviderError(error), String(error));
      assert.is(error.kind, 'invalid_answer');
      assert.equal(error.usage, usage);
    }
  }
});
read.run();

const missing = suite('missingFields');
missing('required fields and fields without a default that are not answered, in field order', () => {
  assert.equal(missingFields(fields, {}), ['area', 'extras', 'notes']);
  assert.equal(missingFields(fields, { area: 10, extras: [] }), ['notes']);
});
missing.run();
