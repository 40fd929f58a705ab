import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold } from './text.ts';
import { convert, currencySymbol, parseUnit, power, readUnitAt } from './units.ts';

const unitAfter = (text: string, offset: number): [string, number] | null => {
  const found = readUnitAt(fold(text), offset);
  return found === null ? null : [found.unit.id, found.end];
};

const read = suite('readUnitAt');

read('reads the unit right after a number, with or without a space, and says where it ends', () => {
  assert.equal(unitAfter('500 sq ft', 3), ['ft2', 9]);
  assert.equal(unitAfter('500sqft', 3), ['ft2', 7]);
  assert.equal(unitAfter('40m2', 2), ['m2', 4]);
  assert.equal(unitAfter('40 m²', 2), ['m2', 5]);
  assert.equal(unitAfter('30 Kubikmeter', 2), ['m3', 13]);
  assert.equal(unitAfter('12 Kilometern', 2), ['km', 13]);
  assert.equal(unitAfter('3 miles', 1), ['mi', 7]);
  assert.equal(unitAfter('50 %', 2), ['%', 4]);
});

read('takes the longest spelling: "sq metres" over "sq m", "min" over "mi", "m2" over "m"', () => {
  assert.equal(unitAfter('20 sq metres', 2), ['m2', 12]);
  assert.equal(unitAfter('20 sq. m', 2), ['m2', 8]);
  assert.equal(unitAfter('5 min', 1), ['min', 5]);
  assert.equal(unitAfter('5 m2', 1), ['m2', 4]);
  assert.equal(unitAfter('5 m', 1), ['m', 3]);
});

read('needs a word boundary after the unit, and reads nothing that is not a unit', () => {
  assert.is(unitAfter('5 more rooms', 1), null);
  assert.is(unitAfter('5 minutes', 1)?.[0], 'min');
  assert.is(unitAfter('5 in the hall', 1), null, '"in" is a word, not inches');
  assert.is(unitAfter('5 rooms', 1), null);
  assert.is(unitAfter('5\nm', 1), null, 'a unit does not start on the next line');
});

const parse = suite('parseUnit');

parse('knows the units fields are written in, in any case and spelling', () => {
  for (const [label, id] of [
    ['m2', 'm2'], ['m²', 'm2'], ['sqm', 'm2'], ['Quadratmeter', 'm2'], ['sq ft', 'ft2'], ['sqft', 'ft2'],
    ['km', 'km'], ['mi', 'mi'], ['miles', 'mi'], ['m3', 'm3'], ['m³', 'm3'], ['cbm', 'm3'], ['h', 'h'], ['hours', 'h'],
    ['kg', 'kg'], ['EUR', 'EUR'], [' M2 ', 'm2'],
  ] as const) {
    assert.is(parseUnit(label)?.id, id, label);
  }
});

parse('answers null for units it does not know (they are read as words instead)', () => {
  assert.is(parseUnit('room'), null);
  assert.is(parseUnit('windows'), null);
  assert.is(parseUnit(''), null);
});

const symbols = suite('currencySymbol');

symbols('maps $, € and £ to their currencies, and nothing else', () => {
  assert.is(currencySymbol('$')?.id, 'USD');
  assert.is(currencySymbol('€')?.id, 'EUR');
  assert.is(currencySymbol('£')?.id, 'GBP');
  assert.is(currencySymbol('#'), null);
});

const conversions = suite('convert');
const unit = (label: string) => {
  const found = parseUnit(label);
  if (found === null) throw new Error(label);
  return found;
};

conversions('converts within a dimension', () => {
  assert.ok(Math.abs((convert(500, unit('sq ft'), unit('m2')) ?? 0) - 46.45152) < 1e-9);
  assert.ok(Math.abs((convert(12, unit('miles'), unit('km')) ?? 0) - 19.312128) < 1e-9);
  assert.ok(Math.abs((convert(1000, unit('cubic feet'), unit('m3')) ?? 0) - 28.316846592) < 1e-9);
  assert.is(convert(90, unit('minutes'), unit('hours')), 1.5);
  assert.is(convert(7, unit('km'), unit('km')), 7);
});

conversions('refuses to convert across dimensions or currencies', () => {
  assert.is(convert(5, unit('m2'), unit('km')), null);
  assert.is(convert(5, unit('EUR'), unit('USD')), null);
  assert.is(convert(5, unit('€'), unit('euro')), 5);
});

const powers = suite('power');

powers('squares and cubes a length', () => {
  assert.equal(power(unit('m'), 2), { id: 'm^2', dimension: 'area', factor: 1 });
  const cubicFeet = power(unit('ft'), 3);
  assert.is(cubicFeet.dimension, 'volume');
  assert.ok(Math.abs(cubicFeet.factor - 0.028316846592) < 1e-12);
});

read.run();
parse.run();
symbols.run();
conversions.run();
powers.run();
