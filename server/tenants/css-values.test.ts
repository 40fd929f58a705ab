import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MAX_CSS_VALUE_LENGTH, NAMED_COLORS, checkCssValue, isCssColor, isCssFontFamily, isCssLength, isCssShadow } from './css-values.ts';

const check = suite('checkCssValue');

check('accepts a safe value of each kind', () => {
  assert.is(checkCssValue('color', '#0b6e4f'), null);
  assert.is(checkCssValue('length', '12px'), null);
  assert.is(checkCssValue('font-family', '"Inter", system-ui, sans-serif'), null);
  assert.is(checkCssValue('shadow', '0 1px 3px rgba(0, 0, 0, 0.2)'), null);
  assert.is(checkCssValue('color', '  teal  '), null, 'surrounding spaces are harmless');
});

check('refuses the characters that could end the declaration or open markup', () => {
  assert.is(checkCssValue('color', 'red; background: red'), 'must not contain ";"');
  assert.is(checkCssValue('color', 'red}body{color:red'), 'must not contain "}"');
  assert.is(checkCssValue('color', '{'), 'must not contain "{"');
  assert.is(checkCssValue('font-family', '</style><script>'), 'must not contain "<"');
  assert.is(checkCssValue('font-family', 'a>b'), 'must not contain ">"');
  assert.is(checkCssValue('font-family', '"\\66 oo"'), 'must not contain "\\"');
});

check('refuses line breaks and other control characters', () => {
  assert.is(checkCssValue('color', 'red\nblue'), 'must not contain line breaks or other control characters');
  assert.is(checkCssValue('color', 'red\r'), 'must not contain line breaks or other control characters');
  assert.is(checkCssValue('color', 'red\u0000'), 'must not contain line breaks or other control characters');
});

check('refuses functions that load resources or run code, whatever the kind', () => {
  assert.is(checkCssValue('shadow', 'url(https://evil.example/x.png)'), 'must not use url()');
  assert.is(checkCssValue('color', 'expression(alert(1))'), 'must not use expression()');
  assert.is(checkCssValue('color', 'URL (x)'), 'must not use url()');
  assert.is(checkCssValue('color', 'image-set(x 1x)'), 'must not use image-set()');
  assert.is(checkCssValue('color', 'var(--host-colour)'), 'must not use var()');
});

check('refuses comments and !important', () => {
  assert.is(checkCssValue('color', 'red /* x */'), 'must not contain comments or "!"');
  assert.is(checkCssValue('color', 'red !important'), 'must not contain comments or "!"');
});

check('refuses empty and overlong values', () => {
  assert.is(checkCssValue('color', ''), 'must not be empty');
  assert.is(checkCssValue('color', '   '), 'must not be empty');
  assert.is(checkCssValue('font-family', 'a'.repeat(MAX_CSS_VALUE_LENGTH + 1)), `must be at most ${MAX_CSS_VALUE_LENGTH} characters long`);
});

check('names what each kind expects when the grammar does not match', () => {
  assert.match(checkCssValue('color', '12px') ?? '', /^must be a colour: #hex, rgb\(\), hsl\(\)/);
  assert.match(checkCssValue('length', 'red') ?? '', /^must be one length like 8px/);
  assert.match(checkCssValue('font-family', '12') ?? '', /^must be a list of font families/);
  assert.match(checkCssValue('shadow', 'big') ?? '', /^must be a box shadow/);
});

check.run();

const color = suite('isCssColor');

color('accepts #hex in 3, 4, 6 and 8 digits, any case', () => {
  for (const value of ['#fff', '#ffff', '#0B6E4F', '#0b6e4f80']) assert.ok(isCssColor(value), value);
});

color('refuses #hex of other lengths or with other letters', () => {
  for (const value of ['#ff', '#fffff', '#0b6e4f8', '#ggg', '0b6e4f']) assert.not.ok(isCssColor(value), value);
});

color('accepts colour functions with numeric arguments, comma or space separated', () => {
  for (const value of ['rgb(0, 0, 0)', 'rgba(0,0,0,0.5)', 'rgb(0 0 0 / 50%)', 'hsl(210deg 50% 40%)', 'hsla(210, 50%, 40%, .5)', 'oklch(62% 0.2 250)', 'hwb(120 10% 20%)', 'lab(50% 40 59.5)', 'RGB(1, 2, 3)', 'lch(50% none 30)']) {
    assert.ok(isCssColor(value), value);
  }
});

color('refuses colour functions with words, nesting or the wrong number of arguments', () => {
  for (const value of ['rgb(0, 0)', 'rgb(0, 0, 0, 0, 0)', 'rgb(red, 0, 0)', 'rgb(calc(1), 0, 0)', 'color-mix(in srgb, red, blue)', 'rgb(0, 0, 0']) {
    assert.not.ok(isCssColor(value), value);
  }
});

color('accepts CSS colour names in any case, transparent and currentColor', () => {
  for (const value of ['rebeccapurple', 'Teal', 'transparent', 'currentColor']) assert.ok(isCssColor(value), value);
  assert.not.ok(isCssColor('brandblue'));
});

color.run();

const named = suite('NAMED_COLORS');

named('holds the 148 CSS named colours plus transparent and currentcolor, lowercase', () => {
  assert.is(NAMED_COLORS.size, 150);
  for (const name of NAMED_COLORS) assert.is(name, name.toLowerCase());
});

named.run();

const length = suite('isCssLength');

length('accepts one non-negative length in the usual units, or a bare 0', () => {
  for (const value of ['0', '8px', '1.5rem', '.5em', '50%', '2ch', '10vh', '12pt']) assert.ok(isCssLength(value), value);
});

length('refuses negative lengths, unitless numbers, several values and unknown units', () => {
  for (const value of ['-4px', '8', '8px 4px', '3furlongs', 'calc(1px + 2px)', '1.px']) assert.not.ok(isCssLength(value), value);
});

length.run();

const fonts = suite('isCssFontFamily');

fonts('accepts quoted names and plain identifiers, comma-separated', () => {
  for (const value of ['system-ui', '"Source Sans 3", sans-serif', "'Inter', -apple-system, Segoe UI, Roboto", 'Helvetica Neue']) {
    assert.ok(isCssFontFamily(value), value);
  }
});

fonts('refuses names starting with a digit, empty entries, unbalanced or empty quotes and functions', () => {
  for (const value of ['3dfont', 'Inter,', '"Inter', '""', 'local(Inter)', 'Inter, "a"b"']) assert.not.ok(isCssFontFamily(value), value);
});

fonts.run();

const shadow = suite('isCssShadow');

shadow('accepts none, and shadows of 2 to 4 lengths with an optional colour and inset', () => {
  for (const value of ['none', 'NONE', '0 1px', '0 1px 3px rgba(0, 0, 0, 0.12), 0 1px 2px #0001', 'inset 0 0 0 1px #ccc', '-2px -2px 4px 1px black', '0\t1px 2px red']) {
    assert.ok(isCssShadow(value), value);
  }
});

shadow('refuses one length, five lengths, two colours, two insets, words and empty shadows', () => {
  for (const value of ['1px', '1px 1px 1px 1px 1px', '0 1px red blue', 'inset inset 0 1px', '0 1px glow', '0 1px,', '']) {
    assert.not.ok(isCssShadow(value), value);
  }
});

shadow.run();
