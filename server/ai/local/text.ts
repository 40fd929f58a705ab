// Folding, tokenising and language guessing for the local interpreter. The
// visitor's text and the tenant's labels and aliases go through the same
// fold and stem, so they meet on equal terms: case, diacritics, German
// umlaut spellings ("Küche" = "Kueche") and plural endings do not matter.
// Every regex here is a single pass over disjoint character classes.

export type Lang = 'en' | 'de';

export type TokenKind = 'num' | 'word' | 'punct';

export interface Token {
  kind: TokenKind;
  /** The folded text of the token. */
  text: string;
  /** A word without its plural ending; the text itself for numbers and punctuation. */
  stem: string;
  /** Offsets in the folded text. */
  start: number;
  end: number;
  /** Whitespace separates this token from the one before. */
  spaced: boolean;
}

/** Lower case, no diacritics, "ß" → "ss", "ae/oe/ue" → "a/o/u", one kind of apostrophe and hyphen. */
export function fold(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .replace(/[\u2010-\u2013\u2212]/g, '-')
    .replace(/ae|oe|ue/g, (pair) => pair.charAt(0));
}

// Digits with separators, words (with inner apostrophes), or a line break or one other visible character.
const TOKEN = /(\d+(?:[.,]\d+)*)|(\p{L}+(?:'\p{L}+)*)|\n|[^\s\p{L}\d]/gu;

/** Splits folded text into tokens. */
export function tokenize(folded: string): Token[] {
  const tokens: Token[] = [];
  let previousEnd = 0;
  for (const match of folded.matchAll(TOKEN)) {
    const text = match[0];
    const start = match.index;
    const kind: TokenKind = match[1] !== undefined ? 'num' : match[2] !== undefined ? 'word' : 'punct';
    tokens.push({ kind, text, stem: kind === 'word' ? stem(text) : text, start, end: start + text.length, spaced: start > previousEnd || start === 0 });
    previousEnd = start + text.length;
  }
  return tokens;
}

/** Endings removed by `stem`, longest first, with the shortest rest each leaves. */
const ENDINGS: readonly (readonly [string, number])[] = [
  ['ly', 5], // adverbs of long words: "urgently" = "urgent", "regularly" = "regular"; not "only", "early", "weekly"
  ['ern', 4],
  ['en', 4],
  ['er', 4],
  ['es', 3],
  ['e', 4],
  ['n', 4],
  ['s', 3],
];

function stemOnce(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  for (const [ending, rest] of ENDINGS) {
    if (word.endsWith(ending) && word.length - ending.length >= rest) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * A light, language-neutral stem: plural and case endings are cut until none
 * is left, so "room"/"rooms", "Zimmer"/"Zimmern", "Decke"/"Decken" and
 * "story"/"stories" share one stem. It is only ever compared with itself.
 */
export function stem(word: string): string {
  let current = word;
  for (let round = 0; round < 6; round++) {
    const next = stemOnce(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Folded words of a phrase (label, alias, option value), ready to compare with the text's tokens. */
export function phraseStems(phrase: string): string[] {
  const spaced = phrase.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/\([^()]*\)/g, ' ');
  return tokenize(fold(spaced))
    .filter((token) => token.kind !== 'punct')
    .map((token) => token.stem);
}

const foldAll = (words: readonly string[]): Set<string> => new Set(words.map(fold));

const GERMAN_MARKERS = foldAll([
  'und', 'ich', 'wir', 'mit', 'ohne', 'kein', 'keine', 'keinen', 'nicht', 'der', 'die', 'das', 'den', 'dem', 'des',
  'ist', 'sind', 'ein', 'eine', 'einen', 'bitte', 'zimmer', 'wohnung', 'haus', 'für', 'im', 'vom', 'zum', 'zur',
  'auf', 'bei', 'von', 'nach', 'auch', 'wird', 'haben', 'habe', 'brauche', 'brauchen', 'möchten', 'möchte', 'umzug',
  'reinigung', 'stock', 'etage', 'qm', 'quadratmeter', 'unser', 'unsere', 'meine', 'mein', 'es', 'gibt', 'oder',
  'aber', 'sehr', 'noch', 'bis', 'wäre', 'sowie', 'gerne', 'dringend',
]);

const ENGLISH_MARKERS = foldAll([
  'the', 'and', 'with', 'without', 'no', 'not', 'i', 'we', 'my', 'our', 'is', 'are', 'need', 'needs', 'please', 'of',
  'for', 'to', 'on', 'it', 'have', 'has', 'from', 'rooms', 'house', 'flat', 'apartment', 'floor', 'miles', 'would',
  'like', 'there', 'this', 'that', 'but', 'or', 'be', 'some', 'about', 'just', 'want', 'can', 'you', 'asap', 'feet',
]);

export interface Reading {
  lang: Lang;
  /** "3,5" is three and a half (German style); otherwise "1,200" is twelve hundred. */
  decimalComma: boolean;
}

/**
 * English or German, from the text's common words; the locale decides a tie
 * (and, for a locale that is neither, whether a comma is a decimal point).
 */
export function readLanguage(tokens: readonly Token[], locale: string): Reading {
  let german = 0;
  let english = 0;
  for (const token of tokens) {
    if (token.kind !== 'word') continue;
    if (GERMAN_MARKERS.has(token.text)) german++;
    if (ENGLISH_MARKERS.has(token.text)) english++;
  }
  if (german !== english) {
    const lang: Lang = german > english ? 'de' : 'en';
    return { lang, decimalComma: lang === 'de' };
  }
  const primary = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  if (primary === 'de') return { lang: 'de', decimalComma: true };
  if (primary === 'en') return { lang: 'en', decimalComma: false };
  return { lang: 'en', decimalComma: localeDecimalComma(locale) };
}

function localeDecimalComma(locale: string): boolean {
  try {
    return new Intl.NumberFormat(locale).formatToParts(1.5).some((part) => part.type === 'decimal' && part.value === ',');
  } catch {
    return false;
  }
}
