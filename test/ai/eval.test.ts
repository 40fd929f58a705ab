// The evaluation's gate: the local reader scores at least 90 % field accuracy
// on the labelled corpus (npm run eval:interpret prints the full table), and
// the corpus is what the issue asks for.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { interpretLocally } from '../../server/ai/local-provider.ts';
import { createFieldReader } from '../../server/pricing/field-values.ts';
import { CORPUS } from '../eval/interpret-corpus.ts';
import { accuracy, corpusServices, emptyScore, scoreOne } from '../eval/score.ts';

const services = corpusServices();
const test = suite('interpret evaluation corpus');

test('has at least 120 labelled descriptions across the demo services and some made up for the test, in English and German', () => {
  assert.ok(CORPUS.length >= 120, `${CORPUS.length}`);
  const used = new Set(CORPUS.map((item) => item.service));
  for (const id of ['demo:interior-painting', 'demo:wohnungsreinigung', 'demo:house-removal']) assert.ok(used.has(id), id);
  assert.ok([...used].filter((id) => id.startsWith('test:')).length >= 3);
  assert.ok(CORPUS.filter((item) => /\b(und|bitte|mit|Wohnung|Zimmer)\b/.test(item.text)).length >= 20, 'German descriptions');
});

test('every label is a value its service accepts, for a field it has', () => {
  for (const item of CORPUS) {
    const service = services.get(item.service);
    assert.ok(service, item.service);
    const keys = new Set(service.fields.map((f) => f.key));
    for (const key of Object.keys(item.expected)) assert.ok(keys.has(key), `${item.text}: ${key}`);
    const issues = createFieldReader(service.fields)(item.expected).issues?.filter((issue) => issue.message !== 'is required') ?? [];
    assert.equal(issues, [], item.text);
  }
});

test('the local provider scores at least 90 % field accuracy', () => {
  const score = emptyScore();
  for (const item of CORPUS) {
    const service = services.get(item.service)!;
    scoreOne(score, item, interpretLocally(item.text, service.fields, service.locale).fields);
  }
  assert.ok(accuracy(score) >= 0.9, `local field accuracy ${(accuracy(score) * 100).toFixed(1)} % (${score.right} / ${score.counted})`);
});

test('scoring counts misses, wrong values and spurious fills; multiselects compare as sets', () => {
  const score = emptyScore();
  scoreOne(score, { service: 'x', text: 't', expected: { a: 1, b: ['x', 'y'], c: true } }, { a: 1, b: ['y', 'x'], c: false, d: 2 });
  assert.equal([score.right, score.counted, score.exact], [2, 4, 0]);
});

test.run();
