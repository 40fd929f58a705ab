import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkExpression, compileExpression, type FieldKind } from './expressions.ts';

const kinds = new Map<string, FieldKind>([
  ['rooms', 'number'],
  ['size', 'string'],
  ['notes', 'text'],
]);

const check = suite('checkExpression');

check('accepts whitelisted operators and collects the vars read, once each', () => {
  const result = checkExpression({ if: [{ '==': [{ var: 'size' }, 'small'] }, { '*': [{ var: 'rooms' }, { var: ['rooms', 1] }] }, 0] }, 'q', kinds);
  assert.equal(result, { issues: [], vars: ['size', 'rooms'] });
});

check('refuses operators outside the whitelist', () => {
  const { issues } = checkExpression({ map: [[1, 2], { var: '' }] }, 'q', kinds);
  assert.is(issues.length, 1);
  assert.is(issues[0]?.path, 'q.map');
  assert.match(issues[0]?.message ?? '', 'not an allowed operator');
});

check('refuses an object with several keys or none', () => {
  assert.match(checkExpression({ '+': [1], '-': [1] }, 'q', kinds).issues[0]?.message ?? '', 'exactly one operator, found +, -');
  assert.match(checkExpression({}, 'q', kinds).issues[0]?.message ?? '', 'found none');
});

check('refuses the wrong number of arguments', () => {
  assert.equal(checkExpression({ '/': [1] }, 'q', kinds).issues, [{ path: 'q["/"]', message: 'takes 2 arguments, got 1' }]);
  assert.equal(checkExpression({ '!': [1, 2] }, 'q', kinds).issues, [{ path: 'q["!"]', message: 'takes 1 argument, got 2' }]);
  assert.equal(checkExpression({ '<': [1, 2, 3, 4] }, 'q', kinds).issues, [{ path: 'q["<"]', message: 'takes 2 to 3 arguments, got 4' }]);
});

check('refuses vars that are not fields, are not names, read text, or default to an object', () => {
  assert.match(checkExpression({ var: 'colour' }, 'q', kinds).issues[0]?.message ?? '', 'names "colour", which is not a field of this service (fields: rooms, size, notes)');
  assert.equal(checkExpression({ var: [1] }, 'q', kinds).issues, [{ path: 'q.var[0]', message: 'must name a field' }]);
  assert.match(checkExpression({ var: 'notes' }, 'q', kinds).issues[0]?.message ?? '', 'text is never priced');
  assert.equal(checkExpression({ var: ['rooms', { a: 1 }] }, 'q', kinds).issues, [{ path: 'q.var[1]', message: 'a var default must be a number, string, boolean or null' }]);
  assert.equal(checkExpression({ var: ['rooms', null] }, 'q', kinds).issues, []);
  assert.match(checkExpression({ var: 'x' }, 'q', new Map()).issues[0]?.message ?? '', 'not a field of this service');
});

check('refuses expressions nested too deeply or too large', () => {
  let deep: unknown = { var: 'rooms' };
  for (let i = 0; i < 20; i++) deep = { '+': [deep, 1] };
  assert.match(checkExpression(deep as Record<string, unknown>, 'q', kinds).issues[0]?.message ?? '', 'nested too deeply');
  const wide = { '+': Array.from({ length: 50 }, () => ({ '*': [1, 2, 3, 4, 5, 6, 7] })) };
  assert.match(checkExpression(wide, 'q', kinds).issues.at(-1)?.message ?? '', 'is too large');
});

check('refuses non-finite literals inside an expression', () => {
  assert.equal(checkExpression({ '+': [Number.NaN, 1] }, 'q', kinds).issues, [{ path: 'q["+"][0]', message: 'must be a finite number' }]);
});

check.run();

const compile = suite('compileExpression');

compile('turns literals into constant functions', () => {
  assert.is(compileExpression(5)({}), 5);
  assert.is(compileExpression(false)({}), false);
});

compile('compiles JSON Logic over field values', () => {
  const unit = compileExpression({ if: [{ '==': [{ var: 'size' }, 'small'] }, 12000, { '==': [{ var: 'size' }, 'large'] }, 22000, 16000] });
  assert.is(unit({ size: 'small' }), 12000);
  assert.is(unit({ size: 'large' }), 22000);
  assert.is(unit({ size: 'medium' }), 16000);
  assert.is(compileExpression({ max: [{ '-': [{ var: 'n' }, 2] }, 0] })({ n: 1 }), 0);
  assert.is(compileExpression({ in: ['b', { var: 'xs' }] })({ xs: ['a', 'b'] }), true);
});

compile('knows no operator outside the whitelist, even unchecked', () => {
  assert.throws(() => compileExpression({ map: [[1], { var: '' }] })({}));
  assert.throws(() => compileExpression({ substr: ['abc', 1] })({}));
});

compile('never reaches the prototype through var', () => {
  assert.is(compileExpression({ var: 'constructor' })({}), null);
});

compile.run();
