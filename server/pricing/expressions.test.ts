import fc from 'fast-check';
import { LogicEngine } from 'json-logic-engine';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { compileExpression, ExpressionError, isTruthy } from './expressions.ts';

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
  assert.is(compileExpression({ var: ['toString', 7] })({}), 7);
});

compile('gives a var its default when the value is missing or null', () => {
  assert.is(compileExpression({ var: ['n', 3] })({ n: null }), 3);
  assert.is(compileExpression({ var: ['n', 3] })({ n: 0 }), 0);
  assert.is(compileExpression({ var: 'n' })({}), null);
});

compile('follows JSON Logic for if chains, and/or values, negation and betweens', () => {
  assert.is(compileExpression({ if: [false, 1] })({}), null);
  assert.is(compileExpression({ if: [[], 1, 2] })({}), 2);
  assert.is(compileExpression({ if: ['x'] })({}), 'x');
  assert.is(compileExpression({ and: [1, 0, 2] })({}), 0);
  assert.is(compileExpression({ and: [1, 2] })({}), 2);
  assert.is(compileExpression({ or: [0, '', 'x'] })({}), 'x');
  assert.is(compileExpression({ or: [0, false] })({}), false);
  assert.is(compileExpression({ '!': [[]] })({}), true);
  assert.is(compileExpression({ '!!': ['0'] })({}), true);
  assert.is(compileExpression({ '<': [1, { var: 'n' }, 3] })({ n: 2 }), true);
  assert.is(compileExpression({ '<=': [1, { var: 'n' }, 3] })({ n: 4 }), false);
  assert.is(compileExpression({ '==': [1, '1'] })({}), true);
  assert.is(compileExpression({ '===': [1, '1'] })({}), false);
  assert.is(compileExpression({ '!=': [1, 2] })({}), true);
  assert.is(compileExpression({ '!==': [1, 1] })({}), false);
  assert.is(compileExpression({ '-': [5] })({}), -5);
  assert.is(compileExpression({ '%': [7, 4] })({}), 3);
  assert.is(compileExpression({ in: ['ab', 'cabin'] })({}), true);
  assert.is(compileExpression({ in: ['ab', 5] })({}), false);
  assert.equal(compileExpression([1, { var: 'n' }] as never)({ n: 2 }), [1, 2]);
});

compile('counts booleans as 0/1 and null as 0 in arithmetic', () => {
  assert.is(compileExpression({ '+': [{ var: 'b' }, { var: 'missing' }, 2] })({ b: true }), 3);
});

compile('throws ExpressionError for division by zero and arithmetic on text or lists', () => {
  for (const expression of [{ '/': [1, 0] }, { '%': [1, 0] }, { '+': ['a', 1] }, { '*': [[1], 2] }, { '<': ['x', 1] }, { '-': [{ '*': [1e308, 10] }, 1] }]) {
    assert.throws(() => compileExpression(expression)({}), (e: unknown) => e instanceof ExpressionError, JSON.stringify(expression));
  }
});

compile('agrees with json-logic-engine (the reference implementation) on numeric and boolean expressions', () => {
  const reference = new LogicEngine();
  const list = (arb: fc.Arbitrary<unknown>, max: number): fc.Arbitrary<unknown[]> => fc.array(arb, { minLength: 1, maxLength: max });
  const { num } = fc.letrec<{ num: unknown; bool: unknown }>((tie) => ({
    num: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.integer({ min: -50, max: 50 }),
      fc.constantFrom({ var: 'a' }, { var: 'b' }, { var: 'c' }, { var: ['missing', 4] }),
      fc.record({ '+': list(tie('num'), 3) }),
      fc.record({ '*': list(tie('num'), 3) }),
      fc.record({ '-': list(tie('num'), 2) }),
      fc.record({ '/': fc.tuple(tie('num'), tie('num')) }),
      fc.record({ min: list(tie('num'), 3) }),
      fc.record({ max: list(tie('num'), 3) }),
      fc.record({ if: fc.tuple(tie('bool'), tie('num'), tie('num')) }),
    ),
    bool: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.boolean(),
      fc.record({ '<': fc.tuple(tie('num'), tie('num')) }),
      fc.record({ '>=': fc.tuple(tie('num'), tie('num')) }),
      fc.record({ '==': fc.tuple(tie('num'), tie('num')) }),
      fc.record({ '!=': fc.tuple(tie('num'), tie('num')) }),
      fc.record({ and: list(tie('bool'), 3) }),
      fc.record({ or: list(tie('bool'), 3) }),
      fc.record({ '!': fc.tuple(tie('bool')) }),
    ),
  }));
  const values = fc.record({ a: fc.integer({ min: -20, max: 20 }), b: fc.integer({ min: 0, max: 9 }), c: fc.double({ min: -5, max: 5, noNaN: true }) });
  let compared = 0;
  fc.assert(
    fc.property(num, values, (logic, data) => {
      let actual: unknown;
      try {
        actual = compileExpression(logic as Record<string, unknown>)(data);
      } catch (error) {
        // Stricter than the reference by design: a division by zero (or a non-finite result) is an error, not Infinity.
        assert.instance(error, ExpressionError);
        assert.match(JSON.stringify(logic), '"/"');
        return;
      }
      let expected: unknown;
      try {
        expected = reference.run(logic, data);
      } catch {
        // The reference folds constant sub-expressions eagerly, so 0/0 in a branch never taken still throws there.
        assert.match(JSON.stringify(logic), '"/"');
        return;
      }
      compared += 1;
      assert.equal(actual, expected, JSON.stringify({ logic, data }));
    }),
    { numRuns: 3000 },
  );
  assert.ok(compared > 1500, `only ${compared} expressions were compared`);
});

compile.run();
