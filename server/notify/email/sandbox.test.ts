import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkTemplate, compileSandboxed, TemplateSandboxError } from './sandbox.ts';

const check = suite('checkTemplate');

check('accepts plain mustaches and the four block helpers', () => {
  assert.is(checkTemplate('Hi {{quote.contact.name}} {{#if quote.range}}{{quote.range.low}}{{else}}-{{/if}}{{#each lines}}{{label}}{{@index}}{{/each}}{{#unless x}}{{/unless}}{{#with quote}}{{number}}{{/with}}', 'html'), null);
  assert.is(checkTemplate('{{{raw}}} is fine in text', 'text'), null);
});

check('refuses what could escape the sandbox or the escaping, with the line', () => {
  const cases: Array<[string, RegExp]> = [
    ['{{{x}}}', /unescaped output/],
    ['{{&x}}', /unescaped output/],
    ['{{> partial}}', /partials are not available/],
    ['{{#> layout}}x{{/layout}}', /partials are not available/],
    ['{{lookup a 1}}', /helpers are not available/],
    ['{{log "x"}}', /helpers are not available/],
    ['{{x key=1}}', /helpers are not available/],
    ['{{#if (eq a b)}}{{/if}}', /helpers are not available/],
    ['{{#custom}}{{/custom}}', /the block helper custom is not available/],
    ['{{*decorator}}', /decorators are not available/],
    ['line one\n{{a.constructor}}', /"constructor" cannot be read \(line 2\)/],
    ['{{__proto__.x}}', /"__proto__" cannot be read/],
    ['{{#each x}}', /is not a valid template: Parse error on line 1/],
  ];
  for (const [source, expected] of cases) assert.match(String(checkTemplate(source, 'html')), expected, source);
});

check('refuses sources over the size limit of their part', () => {
  assert.match(String(checkTemplate('x'.repeat(501), 'subject')), 'longer than 500');
  assert.is(checkTemplate('x'.repeat(500), 'subject'), null);
});

const render = suite('compileSandboxed');

render('escapes values in HTML, not in text', () => {
  assert.is(compileSandboxed('<p>{{name}}</p>', 'html').render({ name: '<b>&' }), '<p>&lt;b&gt;&amp;</p>');
  assert.is(compileSandboxed('{{name}}', 'text').render({ name: '<b>&' }), '<b>&');
});

render('strict: a name that is not in the data throws', () => {
  assert.throws(() => compileSandboxed('{{quote.nope}}', 'text').render({ quote: {} }), /"nope" not defined/);
});

render('reads no inherited properties', () => {
  assert.is(compileSandboxed('{{#with a}}[{{toString}}]{{/with}}', 'text').render({ a: {} }), '[]');
});

render('stops a template that loops too much, deterministically', () => {
  const bomb = compileSandboxed('{{#each a}}{{#each @root.a}}{{#each @root.a}}x{{/each}}{{/each}}{{/each}}', 'text');
  const a = Array.from({ length: 30 }, (_, i) => i);
  assert.throws(() => bomb.render({ a }), (error: Error) => error instanceof TemplateSandboxError && /more than 5000 block steps/.test(error.message));
  assert.is(bomb.render({ a: [1, 2] }), 'xxxxxxxx');
  assert.throws(() => bomb.render({ a: [1, 2, 3] }, { maxSteps: 10, maxMs: 1000 }), /more than 10 block steps/);
});

render('stops a template past its time limit', () => {
  const slow = compileSandboxed('{{#each a}}{{this}}{{/each}}', 'text');
  assert.throws(() => slow.render({ a: [1, 2, 3] }, { maxSteps: 1000, maxMs: -1 }), /took longer than -1 ms/);
});

render('refuses output over the limit of its part', () => {
  const long = compileSandboxed('{{#each a}}{{this}}{{/each}}', 'subject');
  assert.throws(() => long.render({ a: Array.from({ length: 40 }, () => 'xxxxxxxxxx') }), /rendered more than 300 characters/);
});

render('refuses a template that does not pass the check', () => {
  assert.throws(() => compileSandboxed('{{> p}}', 'html'), (error: Error) => error instanceof TemplateSandboxError);
});

check.run();
render.run();
