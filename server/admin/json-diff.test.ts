import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { jsonDiff } from './json-diff.ts';

const diff = suite('jsonDiff');

diff('nothing for equal values', () => {
  assert.equal(jsonDiff({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), []);
});

diff('a changed leaf, with its path written as people read it', () => {
  assert.equal(jsonDiff({ pricing: { lines: [{ amount: 4900 }] } }, { pricing: { lines: [{ amount: 5900 }] } }), [{ path: 'pricing.lines[0].amount', before: 4900, after: 5900 }]);
});

diff('added and removed keys and items have one side only', () => {
  assert.equal(jsonDiff({ a: 1, list: [1, 2] }, { b: 2, list: [1] }), [
    { path: 'a', before: 1 },
    { path: 'list[1]', before: 2 },
    { path: 'b', after: 2 },
  ]);
});

diff('a change of type is one entry for the whole value', () => {
  assert.equal(jsonDiff({ when: { var: 'x' } }, { when: true }), [{ path: 'when', before: { var: 'x' }, after: true }]);
  assert.equal(jsonDiff(1, 'one'), [{ path: '', before: 1, after: 'one' }]);
});

diff.run();
