import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { parseJsonText, type JsonText } from './json-text.ts';

/** The error of invalid text (fails the test if it parses). */
function errorOf(text: string): { line: number; column: number; message: string } {
  const result: JsonText = parseJsonText(text);
  if (result.ok) throw new assert.Assertion({ message: `expected ${JSON.stringify(text)} to be refused`, operator: 'errorOf', generated: false, expects: 'error', actual: 'ok' });
  return { line: result.line, column: result.column, message: result.message };
}

const parse = suite('parseJsonText');

parse('answers the same value as JSON.parse for valid text', () => {
  const text = '{ "a": [1, -2.5e3, 0, true, false, null, "x\\n\\u00e9\\"\\/"], "b": { "c": {} }, "d": [] }';
  const result = parseJsonText(text);
  assert.ok(result.ok);
  if (result.ok) {
    assert.equal(result.value, JSON.parse(text));
    assert.equal(result.duplicateKeys, []);
  }
  assert.equal(parseJsonText(' 42 '), { ok: true, value: 42, duplicateKeys: [] });
});

parse('ignores a leading byte-order mark', () => {
  assert.equal(parseJsonText('\uFEFF{"a":1}'), { ok: true, value: { a: 1 }, duplicateKeys: [] });
});

parse('reports keys given twice in one object, at their path', () => {
  const result = parseJsonText('{ "slug": "a", "services": [ { "key": "x", "key": "y" } ], "slug": "b" }');
  assert.ok(result.ok);
  if (result.ok) {
    assert.equal(result.duplicateKeys, [
      { path: 'services[0].key', message: 'is given more than once in this object' },
      { path: 'slug', message: 'is given more than once in this object' },
    ]);
  }
});

parse('points at an unexpected character with its line and column', () => {
  assert.equal(errorOf('{\n  "a": x\n}'), { line: 2, column: 8, message: 'unexpected "x", expected a value' });
});

parse('points at a trailing comma in an object and in a list', () => {
  assert.equal(errorOf('{ "a": 1, }'), { line: 1, column: 11, message: 'unexpected "}", expected a property name in double quotes (a comma may not come before "}")' });
  assert.equal(errorOf('[1, ]'), { line: 1, column: 5, message: 'unexpected "]", expected a value (a comma may not come before "]")' });
});

parse('points at a missing comma, colon or closing bracket', () => {
  assert.equal(errorOf('{ "a": 1 "b": 2 }'), { line: 1, column: 10, message: 'unexpected "\\"", expected "," or "}"' });
  assert.equal(errorOf('{ "a" 1 }'), { line: 1, column: 7, message: 'unexpected "1", expected ":" after the property name' });
  assert.equal(errorOf('[1 2]'), { line: 1, column: 4, message: 'unexpected "2", expected "," or "]"' });
  assert.equal(errorOf('{ "a": [1, 2'), { line: 1, column: 13, message: 'unexpected end of file, expected "," or "]"' });
  assert.equal(errorOf('{ "a": 1'), { line: 1, column: 9, message: 'unexpected end of file, expected "," or "}"' });
});

parse('refuses unquoted and single-quoted property names', () => {
  assert.equal(errorOf('{ a: 1 }'), { line: 1, column: 3, message: 'unexpected "a", expected a property name in double quotes' });
  assert.equal(errorOf("{ 'a': 1 }").message, 'unexpected "\'", expected a property name in double quotes');
});

parse('points at the opening quote of an unterminated string', () => {
  assert.equal(errorOf('{\n"a": "abc'), { line: 2, column: 6, message: 'unterminated string' });
});

parse('refuses bad escapes and raw line breaks inside strings', () => {
  assert.equal(errorOf('"a\\x"').message, 'invalid escape in string');
  assert.equal(errorOf('"a\\'), { line: 1, column: 3, message: 'invalid escape in string' });
  assert.equal(errorOf('"\\u12g4"').message, 'invalid \\u escape: it needs 4 hex digits');
  assert.equal(errorOf('"a\nb"'), { line: 1, column: 3, message: 'unescaped line break or control character in string' });
});

parse('refuses numbers JSON does not allow', () => {
  assert.equal(errorOf('-x').message, 'invalid number');
  assert.equal(errorOf('[01]').message, 'unexpected "1", expected "," or "]"');
  assert.equal(errorOf('[.5]').message, 'unexpected ".", expected a value');
  assert.equal(errorOf('[NaN]').message, 'unexpected "N", expected a value');
});

parse('refuses empty text and text after the value', () => {
  assert.equal(errorOf(''), { line: 1, column: 1, message: 'unexpected end of file, expected a value' });
  assert.equal(errorOf('   \n'), { line: 2, column: 1, message: 'unexpected end of file, expected a value' });
  assert.equal(errorOf('{} {}'), { line: 1, column: 4, message: 'unexpected "{" after the end of the JSON value' });
  assert.equal(errorOf('tru').message, 'unexpected "t", expected a value');
});

parse('refuses nesting deeper than any configuration needs, without exhausting the stack', () => {
  assert.match(errorOf('['.repeat(100_000)).message, /^nested more than 200 levels deep$/);
  assert.ok(parseJsonText(`${'['.repeat(150)}${']'.repeat(150)}`).ok);
});

parse.run();
