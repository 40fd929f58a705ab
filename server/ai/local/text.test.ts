import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { fold, phraseStems, readLanguage, stem, tokenize } from './text.ts';

const folding = suite('fold');

folding('lower-cases and drops diacritics, so "Küche", "Kueche" and "KÜCHE" meet', () => {
  assert.is(fold('Küche'), 'kuche');
  assert.is(fold('Kueche'), 'kuche');
  assert.is(fold('KÜCHE'), 'kuche');
  assert.is(fold('Größe'), 'grosse');
  assert.is(fold('Café'), 'cafe');
});

folding('normalises apostrophes, hyphens and compatibility characters', () => {
  assert.is(fold('don’t'), "don't");
  assert.is(fold('two‐bedroom'), 'two-bedroom');
  assert.is(fold('40 m²'), '40 m2');
  assert.is(fold('３ ｒｏｏｍｓ'), '3 rooms');
});

const tokens = suite('tokenize');

tokens('splits numbers (with separators), words (with apostrophes) and single marks', () => {
  const found = tokenize(fold("2,5 Zimmer, don't 1.200,50 m2!"));
  assert.equal(
    found.map((t) => [t.kind, t.text]),
    [['num', '2,5'], ['word', 'zimmer'], ['punct', ','], ['word', "don't"], ['num', '1.200,50'], ['word', 'm'], ['num', '2'], ['punct', '!']],
  );
});

tokens('records offsets, stems and whether whitespace comes before a token', () => {
  const [first, second, third] = tokenize('3rd floors');
  assert.equal(first, { kind: 'num', text: '3', stem: '3', start: 0, end: 1, spaced: true });
  assert.equal(second, { kind: 'word', text: 'rd', stem: 'rd', start: 1, end: 3, spaced: false });
  assert.equal(third, { kind: 'word', text: 'floors', stem: 'floor', start: 4, end: 10, spaced: true });
  assert.equal(tokenize('a\nb').map((t) => t.text), ['a', '\n', 'b']);
});

const stemming = suite('stem');

stemming('gives singular and plural, English and German, one stem', () => {
  const pairs: [string, string][] = [['rooms', 'room'], ['zimmern', 'zimmer'], ['decken', 'decke'], ['stories', 'story'], ['boxes', 'box'], ['ceilings', 'ceiling'], ['etagen', 'etage'], ['aufzuge', 'aufzug']];
  for (const [a, b] of pairs) {
    assert.is(stem(a), stem(b), `${a} / ${b}`);
  }
});

stemming('gives a long word and its adverb one stem, but not short words ending in -ly', () => {
  assert.is(stem('urgently'), stem('urgent'));
  assert.is(stem('regularly'), stem('regular'));
  for (const word of ['only', 'early', 'weekly', 'family']) assert.is(stem(word), word);
});

stemming('leaves short words alone', () => {
  assert.is(stem('yes'), 'yes');
  assert.is(stem('care'), 'care');
  assert.is(stem('no'), 'no');
});

const phrases = suite('phraseStems');

phrases('turns keys, labels and aliases into stemmed words', () => {
  assert.equal(phraseStems('cleaningType'), ['cleaning', 'type']);
  assert.equal(phraseStems('end-of-tenancy'), ['end', 'of', 'tenancy']);
  assert.equal(phraseStems('Bedrooms'), ['bedroom']);
  assert.equal(phraseStems('Größe'), [stem('grosse')]);
});

phrases('drops parenthesised notes and punctuation, and is empty for a phrase of marks only', () => {
  assert.equal(phraseStems('Endreinigung (Auszug)'), ['endreinigung']);
  assert.equal(phraseStems('Samstag (+25 %)'), ['samstag']);
  assert.equal(phraseStems('.*'), []);
});

const language = suite('readLanguage');
const languageOf = (text: string, locale: string) => readLanguage(tokenize(fold(text)), locale);

language('reads German or English from the text, whatever the locale', () => {
  assert.equal(languageOf('Wir brauchen drei Zimmer und die Decken', 'en-US'), { lang: 'de', decimalComma: true });
  assert.equal(languageOf('We need the ceilings done and three rooms', 'de-DE'), { lang: 'en', decimalComma: false });
});

language('lets the locale decide when the text does not, and asks Intl for other locales', () => {
  assert.equal(languageOf('3,5', 'de-AT'), { lang: 'de', decimalComma: true });
  assert.equal(languageOf('3,5', 'en-GB'), { lang: 'en', decimalComma: false });
  assert.equal(languageOf('45,5 m2', 'fr-FR'), { lang: 'en', decimalComma: true });
  assert.equal(languageOf('45.5 m2', 'ja-JP'), { lang: 'en', decimalComma: false });
  assert.equal(languageOf('45', 'not a locale!'), { lang: 'en', decimalComma: false });
});

folding.run();
tokens.run();
stemming.run();
phrases.run();
language.run();
