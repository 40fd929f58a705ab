import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { findQuantities, parseDigits, parseGermanWord } from './numbers.ts';
import { fold, tokenize, type Lang } from './text.ts';

const digits = suite('parseDigits');

digits('reads a comma as thousands grouping in English and as a decimal point in German', () => {
  assert.is(parseDigits('1,200', false), 1200);
  assert.is(parseDigits('1,200', true), 1.2);
  assert.is(parseDigits('3,5', true), 3.5);
  assert.is(parseDigits('1.200', true), 1200);
  assert.is(parseDigits('1.200', false), 1.2);
  assert.is(parseDigits('1,200,000', false), 1200000);
  assert.is(parseDigits('1.200.000', true), 1200000);
});

digits('is lenient where only one reading makes sense', () => {
  assert.is(parseDigits('3,5', false), 3.5, 'not a thousands group, so a decimal comma');
  assert.is(parseDigits('3.5', true), 3.5, 'not a thousands group, so a decimal point');
  assert.is(parseDigits('1,200.50', true), 1200.5);
  assert.is(parseDigits('1.200,50', false), 1200.5);
  assert.is(parseDigits('42', false), 42);
});

digits('refuses dates, lists and absurdly long digit runs', () => {
  assert.is(parseDigits('12.05.2026', true), null);
  assert.is(parseDigits('1,2,3', false), null);
  assert.is(parseDigits('1.2.3,4', false), null);
  assert.is(parseDigits('1,2.3,4', false), null);
  assert.is(parseDigits('9'.repeat(25), false), null);
});

const german = suite('parseGermanWord');

german('reads German number words, compounds and halves', () => {
  const cases: [string, number][] = [
    ['drei', 3], ['zwölf', 12], ['zwo', 2], ['einundzwanzig', 21], ['neunundneunzig', 99], ['hundert', 100], ['einhundert', 100],
    ['zweihundertfünfzig', 250], ['dreitausend', 3000], ['tausendzweihundert', 1200], ['zweieinhalb', 2.5], ['anderthalb', 1.5],
    ['dreißig', 30],
  ];
  for (const [word, value] of cases) assert.is(parseGermanWord(fold(word)), value, word);
});

german('answers null for words that only look like numbers', () => {
  for (const word of ['jahrhundert', 'grund', 'stunde', 'einhalb', 'zweiundzwei', 'zehnhundert', 'hundertzweihundert', 'x'.repeat(61)]) {
    assert.is(parseGermanWord(fold(word)), null, word);
  }
});

const quantities = suite('findQuantities');

/** Each quantity as "value unit kind", with "needsName" where it applies. */
const read = (text: string, lang: Lang = 'en'): string[] => {
  const folded = fold(text);
  return findQuantities(tokenize(folded), folded, { lang, decimalComma: lang === 'de' }).map((q) =>
    [q.value, q.unit?.id, q.factors > 0 ? `×${q.factors}` : undefined, q.kind, q.needsName ? 'needsName' : undefined].filter((x) => x !== undefined).join(' '),
  );
};

quantities('reads digits, number words and ordinals', () => {
  assert.equal(read('3 rooms, 3.5 m, twenty-five, forty two, two hundred and fifty, three thousand two hundred'), [
    '3 exact', '3.5 m exact', '25 exact', '42 exact', '250 exact', '3200 exact',
  ]);
  assert.equal(read('5th floor, first, ground floor, 2nd'), ['5 exact', '1 exact', '0 exact needsName', '2 exact']);
  assert.equal(read('one and a half, 2 and a half, two dozen, a hundred, ten thousand'), ['1.5 exact', '2.5 exact', '24 exact', '100 exact', '10000 exact']);
});

quantities('reads articles and vague amounts, which only count right before a name', () => {
  assert.equal(read('a room, an hour, a single, a couple of, a pair of, a few, a dozen, half a dozen, couple of, both, single, dozen'), [
    '1 article needsName', '1 article needsName', '1 article needsName', '2 vague needsName', '2 vague needsName', '3 vague needsName',
    '12 vague needsName', '6 vague needsName', '2 vague needsName', '2 article needsName', '1 article needsName', '12 vague needsName',
  ]);
});

quantities('reads German words, articles, ordinals and the ground floor', () => {
  assert.equal(read('drei Zimmer, ein Zimmer, ein paar, ein Dutzend, beide, einige, elf, null, zweieinhalb', 'de'), [
    '3 exact', '1 article needsName', '2 vague needsName', '12 vague needsName', '2 article needsName', '3 vague needsName',
    '11 exact', '0 exact', '2.5 exact',
  ]);
  assert.equal(read('3. Stock, dritten Stock, 3te Etage, Erdgeschoss, EG, 2 und ein halb', 'de'), [
    '3 exact', '3 exact', '3 exact', '0 floorZero', '0 floorZero', '2.5 exact',
  ]);
});

quantities('keeps German-only words and articles to German text', () => {
  assert.equal(read('elf null ein eine'), []);
  assert.equal(read('EG'), []);
  assert.equal(read('a room', 'de'), []);
});

quantities('reads ranges as their upper end', () => {
  assert.equal(read('2-3 rooms, 20 to 30 miles, 3 or 4, 2 bis 4'), ['3 range', '30 mi range', '4 range', '4 range']);
  assert.equal(read('3-2'), ['3 exact', '2 exact']);
});

quantities('reads units after numbers, and products of lengths as areas and volumes', () => {
  assert.equal(read('1,200 sq ft, 40m2, 50 %, 5 hours, 30 cubic metres'), ['1200 ft2 exact', '40 m2 exact', '50 % exact', '5 h exact', '30 m3 exact']);
  assert.equal(read('4 x 5 m, 4m x 5m, 12 by 10 ft, 2 x 3 x 2.5 m, 3 × 4'), ['20 m^2 exact', '20 m^2 exact', '120 ft^2 exact', '15 m^3 exact', '12 ×2 exact']);
  assert.equal(read('2 m2 x 3'), ['2 m2 exact', '3 exact'], 'an area times a number is not a product of lengths');
  assert.equal(read('1.200 qm, 3,5 km, 1.200,50 m²', 'de'), ['1200 m2 exact', '3.5 km exact', '1200.5 m2 exact']);
});

quantities('lets a distance, area or volume follow an article, but not any unit', () => {
  assert.equal(read('a mile, a square metre, a yard, an hour'), ['1 mi article', '1 m2 article', '1 article needsName', '1 article needsName']);
});

quantities('reads money and minus signs, but not hyphens between numbers', () => {
  assert.equal(read('$500, € 20, 30 EUR'), ['500 USD exact', '20 EUR exact', '30 EUR exact']);
  assert.equal(read('-5, rooms=-5, rooms -5'), ['-5 exact', '-5 exact', '-5 exact']);
  assert.equal(read('€ x, - x'), []);
});

quantities('skips what is not a number and stops at anything ambiguous', () => {
  assert.equal(read('12.05.2026 1,2,3 abc'), []);
  assert.equal(read('a 2 bedroom'), ['1 article needsName', '2 exact']);
});

quantities('records where each quantity and its unit sit among the tokens', () => {
  const folded = fold('about 20-30 sq ft');
  const [q] = findQuantities(tokenize(folded), folded, { lang: 'en', decimalComma: false });
  assert.equal([q?.start, q?.unitStart, q?.end], [1, 4, 6]);
});

digits.run();
german.run();
quantities.run();
