import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkExpression, isNumeric, type FieldInfo } from './check-expression.ts';

const kinds = new Map<string, FieldInfo>([
  ['rooms', { kind: 'number', alwaysSet: true, min: 1, bound: 30 }],
  ['size', { kind: 'string', alwaysSet: true, bound: 0 }],
  ['notes', { kind: 'text', alwaysSet: false, bound: 0 }],
  ['extras', { kind: 'array', alwaysSet: true, bound: 0 }],
  ['depth', { kind: 'number', alwaysSet: false, min: 0.5, bound: 1e9 }],
  ['offset', { kind: 'number', alwaysSet: true, min: 0, bound: 100 }],
]);

const check = suite('checkExpression');

check('accepts whitelisted operators and collects the vars read, once each', () => {
  const result = checkExpression({ if: [{ '==': [{ var: 'size' }, 'small'] }, { '*': [{ var: 'rooms' }, { var: ['rooms', 1] }] }, 0] }, 'q', kinds);
  assert.equal(result.issues, []);
  assert.equal(result.vars, ['size', 'rooms']);
  assert.equal([...result.types].sort(), ['number']);
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
  assert.match(checkExpression({ var: 'colour' }, 'q', kinds).issues[0]?.message ?? '', 'names "colour", which is not a field of this service (fields: rooms, size, notes, extras, depth, offset)');
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

check('infers the types an expression can give', () => {
  const types = (e: Record<string, unknown>): string[] => [...checkExpression(e, 'q', kinds).types].sort();
  assert.equal(types({ var: 'size' }), ['string']);
  assert.equal(types({ var: 'depth' }), ['null', 'number']);
  assert.equal(types({ var: ['depth', 2] }), ['number']);
  assert.equal(types({ if: [{ var: 'rooms' }, 'a', 3] }), ['number', 'string']);
  assert.equal(types({ if: [true, 3] }), ['null', 'number']);
  assert.equal(types({ or: [{ var: 'extras' }, false] }), ['array', 'boolean']);
  assert.equal(types({ '<': [1, 2] }), ['boolean']);
  assert.equal(types({ '*': [{ var: 'rooms' }, 2] }), ['number']);
  assert.equal(types({ in: ['a', { var: 'extras' }] }), ['boolean']);
  assert.ok(isNumeric(new Set(['number', 'boolean', 'null'])));
  assert.not.ok(isNumeric(new Set(['number', 'string'])));
});

check('refuses text or lists in arithmetic and ordering', () => {
  assert.equal(checkExpression({ '*': [{ var: 'size' }, 2] }, 'q', kinds).issues, [{ path: 'q["*"][0]', message: 'can be text, which "*" cannot use as a number' }]);
  assert.equal(checkExpression({ '<': [{ var: 'extras' }, 2] }, 'q', kinds).issues, [{ path: 'q["<"][0]', message: 'can be a list, which "<" cannot use as a number' }]);
  assert.equal(checkExpression({ '+': [{ if: [true, 'x', [1]] }, 1] }, 'q', kinds).issues, [{ path: 'q["+"][0]', message: 'can be text or a list, which "+" cannot use as a number' }]);
  assert.equal(checkExpression({ '==': [{ var: 'size' }, 'small'] }, 'q', kinds).issues, []);
});

check('accepts only divisors that can never be zero', () => {
  const divisorIssue = (divisor: unknown): string | undefined => checkExpression({ '/': [{ var: 'rooms' }, divisor] }, 'q', kinds).issues[0]?.message;
  assert.is(divisorIssue(4), undefined);
  assert.is(divisorIssue({ var: 'rooms' }), undefined); // min 1, required
  assert.is(divisorIssue({ var: ['depth', 2] }), undefined); // min 0.5, default given
  assert.is(divisorIssue(0), 'divides by zero');
  assert.match(divisorIssue({ var: 'depth' }) ?? '', 'never divide by zero'); // may be left out
  assert.match(divisorIssue({ var: 'offset' }) ?? '', 'never divide by zero'); // may be 0
  assert.match(divisorIssue({ '+': [1, { var: 'rooms' }] }) ?? '', 'never divide by zero');
  assert.match(checkExpression({ '%': [5, { var: 'offset' }] }, 'q', kinds).issues[0]?.message ?? '', 'never divide by zero');
});

check('refuses expressions that could compute beyond 1e15, where it first happens', () => {
  assert.equal(checkExpression({ '*': [1e308, 1e308] }, 'q', kinds).issues, [
    { path: 'q["*"][0]', message: 'is 1.00e+308 at most in size, beyond the 1000000000000000 an expression may compute' },
    { path: 'q["*"][1]', message: 'is 1.00e+308 at most in size, beyond the 1000000000000000 an expression may compute' },
  ]);
  assert.equal(checkExpression({ '+': [{ '*': [{ var: 'depth' }, { var: 'depth' }] }, 1] }, 'q', kinds).issues, [
    { path: 'q["+"][0]["*"]', message: 'can reach 1.00e+18 at most in size, beyond the 1000000000000000 an expression may compute' },
  ]);
  assert.equal(checkExpression({ '*': [{ var: 'depth' }, { var: 'rooms' }, { var: 'offset' }] }, 'q', kinds).issues, []); // 3e12
  assert.equal(checkExpression({ '/': [{ var: ['depth', 1] }, 1e-9] }, 'q', kinds).issues.length, 1); // 1e18
  assert.equal(checkExpression({ '/': [{ var: 'rooms' }, { var: ['depth', 0.75] }] }, 'q', kinds).issues, []); // 30 / 0.5
  assert.equal(checkExpression({ if: [{ var: 'rooms' }, { '*': [{ var: 'depth' }, 1e6] }, 5] }, 'q', kinds).issues, []);
  assert.equal(checkExpression({ max: [{ '%': [{ var: 'depth' }, 7] }, { or: [{ var: 'rooms' }, 2] }, { '-': [{ var: 'offset' }] }] }, 'q', kinds).issues, []);
});

check.run();
