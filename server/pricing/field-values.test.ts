import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkFieldValue, createFieldReader } from './field-values.ts';
import type { FieldConfig } from './service-schema.ts';

const fields: FieldConfig[] = [
  { key: 'rooms', type: 'number', label: 'Rooms', min: 1, max: 30, step: 1, default: 1, required: true },
  { key: 'height', type: 'number', label: 'Height', min: 2, max: 5, step: 0.25, unit: 'm' },
  { key: 'area', type: 'area', label: 'Area', unit: 'm2', step: 0.5 },
  { key: 'size', type: 'select', label: 'Size', options: [{ value: 'small', label: 'S' }, { value: 'large', label: 'L' }] },
  { key: 'extras', type: 'multiselect', label: 'Extras', options: [{ value: 'trim', label: 'Trim' }, { value: 'doors', label: 'Doors' }] },
  { key: 'ceilings', type: 'boolean', label: 'Ceilings' },
  { key: 'notes', type: 'text', label: 'Notes', maxLength: 10 },
  { key: 'email', type: 'text', label: 'Email', required: true },
];
const read = createFieldReader(fields);

const reader = suite('createFieldReader');

reader('fills defaults, and empty values for optional fields without one', () => {
  assert.equal(read({ email: 'a@b.c' }), {
    values: { rooms: 1, height: null, area: null, size: null, extras: [], ceilings: false, notes: null, email: 'a@b.c' },
    issues: null,
  });
});

reader('keeps good values as given', () => {
  const given = { rooms: 3, height: 2.75, area: 12.5, size: 'large', extras: ['doors', 'trim'], ceilings: true, notes: 'hello', email: 'x' };
  assert.equal(read(given), { values: given, issues: null });
});

reader('treats null as left out', () => {
  assert.equal(read({ rooms: null, email: 'x' }).values.rooms, 1);
});

reader('says a required field without a default is required', () => {
  assert.equal(read({}).issues, [{ path: 'fields.email', message: 'is required' }]);
});

reader('refuses numbers out of bounds or off their step, naming bounds and unit', () => {
  const { issues } = read({ rooms: 0, height: 2.3, area: 1.25, email: 'x' });
  assert.equal(issues, [
    { path: 'fields.rooms', message: 'must be at least 1' },
    { path: 'fields.height', message: 'must be 2 plus a multiple of 0.25' },
    { path: 'fields.area', message: 'must be a multiple of 0.5' },
  ]);
  assert.equal(read({ rooms: 31, height: 6, email: 'x' }).issues, [
    { path: 'fields.rooms', message: 'must be at most 30' },
    { path: 'fields.height', message: 'must be at most 5 m' },
  ]);
  assert.equal(read({ height: 1, email: 'x' }).issues, [{ path: 'fields.height', message: 'must be at least 2 m' }]);
});

reader('refuses numbers given as text, and non-finite numbers; never coerces', () => {
  assert.equal(read({ rooms: '2', area: Number.POSITIVE_INFINITY, email: 'x' }).issues, [
    { path: 'fields.rooms', message: 'must be a number' },
    { path: 'fields.area', message: 'must be a number' },
  ]);
});

reader('refuses an unknown option, a bad list, a non-boolean and over-long text', () => {
  assert.equal(read({ size: 'medium', extras: 'trim', ceilings: 'yes', notes: 'far too long text', email: 5 }).issues, [
    { path: 'fields.size', message: 'must be one of: small, large' },
    { path: 'fields.extras', message: 'must be a list of: trim, doors' },
    { path: 'fields.ceilings', message: 'must be true or false' },
    { path: 'fields.notes', message: 'must be at most 10 characters' },
    { path: 'fields.email', message: 'must be text' },
  ]);
  assert.equal(read({ extras: ['trim', 'paint'], email: 'x' }).issues, [{ path: 'fields.extras', message: 'may only contain: trim, doors' }]);
  assert.equal(read({ extras: ['trim', 'trim'], email: 'x' }).issues, [{ path: 'fields.extras', message: 'lists "trim" twice' }]);
});

reader('refuses keys that are not fields, and input that is not an object', () => {
  assert.equal(read({ email: 'x', colour: 'red', __proto__x: 1, 'two words': 1 }).issues, [
    { path: 'fields.colour', message: 'is not a field of this service' },
    { path: 'fields.__proto__x', message: 'is not a field of this service' },
    { path: 'fields["two words"]', message: 'is not a field of this service' },
  ]);
  assert.equal(read([1]).issues, [{ path: 'fields', message: 'must be an object of field values' }]);
  assert.equal(read('rooms=2').issues, [{ path: 'fields', message: 'must be an object of field values' }]);
});

reader('does not read inherited properties as values', () => {
  const input = Object.create({ rooms: 99 }) as Record<string, unknown>;
  input.email = 'x';
  assert.is(read(input).values.rooms, 1);
});

reader('bounds numbers without min or max at ±1e9', () => {
  const free = createFieldReader([{ key: 'x', type: 'number', label: 'X' }]);
  assert.is(free({ x: -1e9 }).issues, null);
  assert.equal(free({ x: 1e9 + 1 }).issues, [{ path: 'fields.x', message: 'must be at most 1000000000' }]);
  assert.equal(free({ x: -1e12 }).issues, [{ path: 'fields.x', message: 'must be at least -1000000000' }]);
});

reader('starts paths with the given prefix', () => {
  assert.equal(read({ rooms: 0, email: 'x' }, 'tests[2].fields').issues, [{ path: 'tests[2].fields.rooms', message: 'must be at least 1' }]);
});

reader('defaults text to at most 2000 characters', () => {
  const free = createFieldReader([{ key: 't', type: 'text', label: 'T' }]);
  assert.is(free({ t: 'x'.repeat(2000) }).issues, null);
  assert.equal(free({ t: 'x'.repeat(2001) }).issues, [{ path: 'fields.t', message: 'must be at most 2000 characters' }]);
});

reader.run();

const single = suite('checkFieldValue');

single('answers null for a good value and a message for a bad one', () => {
  assert.is(checkFieldValue(fields[0] as FieldConfig, 2), null);
  assert.is(checkFieldValue(fields[0] as FieldConfig, 2.5), 'must be 1 plus a multiple of 1');
});

single.run();
