// Quantities in visitor text: digits ("3", "3,5", "1,200", "1.200,50"),
// English and German number words, ordinals ("5th", "3. Stock", "dritter"),
// vague amounts ("a couple of", "ein paar"), ranges ("2-3"), products of
// lengths ("4 x 5 m"), and a unit after any of them. One left-to-right pass
// over the tokens; each step looks at most a few tokens ahead.
import { fold, type Reading, type Token } from './text.ts';
import { convert, currencySymbol, power, readUnitAt, type Unit } from './units.ts';

/**
 * How a quantity was said: `exact` digits or number words, an `article`
 * ("a room", "ein Zimmer"), a `vague` amount ("a few", "ein paar"), the upper
 * end of a `range` ("2-3 rooms"), or a word meaning the ground floor.
 */
export type QuantityKind = 'exact' | 'article' | 'vague' | 'range' | 'floorZero';

export interface Quantity {
  value: number;
  /** The unit written with it, if any. */
  unit: Unit | null;
  /** Lengths multiplied without a unit ("4 x 5" → 2); 0 otherwise. */
  factors: number;
  /** Token range, end exclusive; the unit's words, if any, run from `unitStart` to `end`. */
  start: number;
  unitStart: number;
  end: number;
  kind: QuantityKind;
  /** Counts only right before a field's name ("a room", "both bedrooms"). */
  needsName: boolean;
}

interface Base {
  value: number;
  end: number;
  /** Where the unit's words start (`end` when there are none). */
  unitStart?: number;
  kind: QuantityKind;
  needsName: boolean;
  unit: Unit | null;
}

const table = (entries: Record<string, number>): Map<string, number> =>
  new Map(Object.entries(entries).map(([word, value]) => [fold(word), value]));

const ENGLISH_SMALL = table({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18,
  nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});

const ENGLISH_ORDINALS = table({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
  eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16, seventeenth: 17,
  eighteenth: 18, nineteenth: 19, twentieth: 20,
});

const GERMAN_SMALL = table({
  null: 0, eins: 1, zwei: 2, zwo: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
  elf: 11, zwölf: 12, dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18,
  neunzehn: 19, zwanzig: 20, dreißig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90,
});

/** German number words that are also English words or too common to read outside German text. */
const GERMAN_ONLY = new Set(['null', 'elf']);

/** The first digit of German compounds ("einundzwanzig", "dreihundert"). */
const GERMAN_DIGIT_PREFIX = table({ ein: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9 });

const GERMAN_ORDINAL_STEMS = table({
  erst: 1, zweit: 2, dritt: 3, viert: 4, fünft: 5, sechst: 6, siebt: 7, siebent: 7, acht: 8, neunt: 9, zehnt: 10,
  elft: 11, zwölft: 12,
});
const GERMAN_ORDINAL_ENDINGS = ['e', 'en', 'er', 'es', 'em'];

const GERMAN_ARTICLES = new Set(['ein', 'eine', 'einen', 'einem', 'einer', 'eines']);
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 'te', 'ten', 'ter']);
const FLOOR_ZERO = new Set(['erdgeschoss', 'parterre', 'groundfloor']);
const TIMES = new Set(['x', 'by', 'mal', '×', '*']);
const RANGE = new Set(['-', 'to', 'bis', 'or', 'oder']);

/** Parses digits with "." and "," as decimal point or thousands grouping; null when they fit neither. */
export function parseDigits(raw: string, decimalComma: boolean): number | null {
  if (raw.length > 24) return null;
  const hasDot = raw.includes('.');
  const hasComma = raw.includes(',');
  let plain: string;
  if (hasDot && hasComma) {
    const decimal = raw.lastIndexOf('.') > raw.lastIndexOf(',') ? '.' : ',';
    const group = decimal === '.' ? ',' : '.';
    const at = raw.lastIndexOf(decimal);
    const whole = raw.slice(0, at);
    if (whole.includes(decimal) || !isGrouped(whole, group)) return null;
    plain = `${whole.replaceAll(group, '')}.${raw.slice(at + 1)}`;
  } else if (hasDot || hasComma) {
    const separator = hasDot ? '.' : ',';
    const parts = raw.split(separator);
    const grouped = isGrouped(raw, separator);
    if (parts.length > 2) {
      if (!grouped) return null;
      plain = parts.join('');
    } else if ((separator === ',') === decimalComma || !grouped) {
      plain = parts.join('.');
    } else {
      plain = parts.join('');
    }
  } else {
    plain = raw;
  }
  return Number(plain);
}

/** "1,200,000": one to three digits, then groups of exactly three. */
function isGrouped(raw: string, separator: string): boolean {
  const parts = raw.split(separator);
  return parts.length > 1 && (parts[0]?.length ?? 0) <= 3 && parts.slice(1).every((part) => part.length === 3);
}

/** The value of a German number word ("drei", "einundzwanzig", "zweihundertfünfzig", "zweieinhalb"), or null. */
export function parseGermanWord(word: string): number | null {
  if (word.length > 60) return null;
  const small = GERMAN_SMALL.get(word);
  if (small !== undefined) return small;
  if (word === 'anderthalb') return 1.5;
  if (word.endsWith('einhalb') && word.length > 7) {
    const whole = parseGermanWord(word.slice(0, -7));
    return whole === null ? null : whole + 0.5;
  }
  for (const [name, size] of [['tausend', 1000], ['hundert', 100]] as const) {
    const at = word.indexOf(name);
    if (at < 0) continue;
    const left = word.slice(0, at);
    const right = word.slice(at + name.length);
    const times = left === '' || left === 'ein' ? 1 : parseGermanWord(left);
    const rest = right === '' ? 0 : parseGermanWord(right);
    if (times === null || rest === null || times < 1 || times >= (size === 1000 ? 1000 : 10) || rest >= size) return null;
    return times * size + rest;
  }
  const and = word.indexOf('und');
  if (and > 0) {
    const unit = GERMAN_DIGIT_PREFIX.get(word.slice(0, and));
    const tens = GERMAN_SMALL.get(word.slice(and + 3));
    if (unit !== undefined && tens !== undefined && tens >= 20 && tens % 10 === 0) return tens + unit;
  }
  return null;
}

function germanOrdinal(word: string): number | null {
  for (const ending of GERMAN_ORDINAL_ENDINGS) {
    if (!word.endsWith(ending)) continue;
    const value = GERMAN_ORDINAL_STEMS.get(word.slice(0, -ending.length));
    if (value !== undefined) return value;
  }
  return null;
}

/** Finds every quantity in the tokens of folded text, left to right, without overlaps. */
export function findQuantities(tokens: readonly Token[], folded: string, reading: Reading): Quantity[] {
  const text = (index: number): string => tokens[index]?.text ?? '';
  const isWord = (index: number, word: string): boolean => tokens[index]?.kind === 'word' && tokens[index]?.text === word;

  /** "and a half" / "und ein halb" after a number: the index after it, or -1. */
  const half = (index: number): number => {
    if (isWord(index, 'and') && isWord(index + 1, 'a') && isWord(index + 2, 'half')) return index + 3;
    if (isWord(index, 'und') && isWord(index + 1, 'ein') && isWord(index + 2, 'halb')) return index + 3;
    return -1;
  };

  const withHalf = (value: number, end: number): { value: number; end: number } => {
    const after = half(end);
    return after < 0 ? { value, end } : { value: value + 0.5, end: after };
  };

  /** An English number from 0 to 99, "twenty-five" and "twenty five" included. */
  const englishTens = (index: number): { value: number; end: number } | null => {
    const value = ENGLISH_SMALL.get(text(index));
    if (value === undefined) return null;
    if (value >= 20 && value % 10 === 0) {
      const next = text(index + 1) === '-' ? index + 2 : index + 1;
      const unit = ENGLISH_SMALL.get(text(next));
      if (unit !== undefined && unit >= 1 && unit <= 9) return { value: value + unit, end: next + 1 };
    }
    return { value, end: index + 1 };
  };

  /** An English number below 1000 ("three", "two hundred and fifty", "hundred"). */
  const englishSegment = (index: number): { value: number; end: number } | null => {
    const tens = englishTens(index);
    let value: number;
    let end: number;
    if (tens !== null && tens.value >= 1 && tens.value <= 9 && text(tens.end) === 'hundred') {
      value = tens.value * 100;
      end = tens.end + 1;
    } else if (tens === null && text(index) === 'hundred') {
      value = 100;
      end = index + 1;
    } else {
      return tens;
    }
    const restAt = text(end) === 'and' ? end + 1 : end;
    const rest = englishTens(restAt);
    return rest !== null && rest.value > 0 ? { value: value + rest.value, end: rest.end } : { value, end };
  };

  const englishCardinal = (index: number): { value: number; end: number } | null => {
    const segment = englishSegment(index);
    if (segment === null) return null;
    let { value, end } = segment;
    if (text(end) === 'thousand' && value >= 1) {
      value *= 1000;
      end += 1;
      const rest = englishSegment(text(end) === 'and' ? end + 1 : end);
      if (rest !== null && rest.value > 0) {
        value += rest.value;
        end = rest.end;
      }
    } else if (text(end) === 'dozen' && value >= 1) {
      value *= 12;
      end += 1;
    }
    return withHalf(value, end);
  };

  const exact = (value: number, end: number, unit: Unit | null = null): Base => ({ value, end, kind: 'exact', needsName: false, unit });
  const article = (value: number, end: number, kind: QuantityKind = 'article'): Base => ({ value, end, kind, needsName: true, unit: null });

  const readDigits = (index: number, sign: number): Base | null => {
    const token = tokens[index];
    const value = token === undefined ? null : parseDigits(token.text, reading.decimalComma);
    if (value === null || !Number.isFinite(value)) return null;
    let end = index + 1;
    const next = tokens[end];
    if (next !== undefined && !next.spaced && next.kind === 'word' && ORDINAL_SUFFIXES.has(next.text)) end += 1;
    else if (reading.lang === 'de' && next?.text === '.' && !next.spaced && tokens[end + 1]?.kind === 'word' && tokens[end + 1]?.spaced === true) end += 1;
    const halved = withHalf(sign * value, end);
    return exact(halved.value, halved.end);
  };

  const readWord = (index: number): Base | null => {
    const word = text(index);
    const next = text(index + 1);
    if (reading.lang === 'en' && (word === 'a' || word === 'an')) {
      if (next === 'couple' || next === 'pair') return article(2, text(index + 2) === 'of' ? index + 3 : index + 2, 'vague');
      if (next === 'few') return article(3, index + 2, 'vague');
      if (next === 'dozen') return article(12, index + 2, 'vague');
      if (next === 'single') return article(1, index + 2);
      if (next === 'half' && text(index + 2) === 'dozen') return article(6, index + 3, 'vague');
      if (next === 'hundred' || next === 'thousand') {
        const number = englishCardinal(index + 1);
        if (number !== null) return exact(number.value, number.end);
      }
      return article(1, index + 1);
    }
    if (reading.lang === 'de' && GERMAN_ARTICLES.has(word)) {
      if (next === 'paar') return article(2, index + 2, 'vague');
      if (next === 'dutzend') return article(12, index + 2, 'vague');
      return article(1, index + 1);
    }
    if (word === 'couple' && next === 'of') return article(2, index + 2, 'vague');
    if (word === 'half' && next === 'a' && text(index + 2) === 'dozen') return article(6, index + 3, 'vague');
    if (word === 'dozen' || word === 'dutzend') return article(12, index + 1, 'vague');
    if (word === 'einige') return article(3, index + 1, 'vague');
    if (word === 'both' || word === 'beide' || word === 'beiden') return article(2, index + 1);
    if (word === 'single') return article(1, index + 1);
    if (word === 'ground') return { ...article(0, index + 1), kind: 'exact' };
    if (FLOOR_ZERO.has(word) || (word === 'eg' && reading.lang === 'de')) return { ...exact(0, index + 1), kind: 'floorZero' };
    const ordinal = ENGLISH_ORDINALS.get(word) ?? germanOrdinal(word);
    if (ordinal !== null && ordinal !== undefined) return exact(ordinal, index + 1);
    const english = englishCardinal(index);
    if (english !== null) return exact(english.value, english.end);
    if (GERMAN_ONLY.has(word) && reading.lang !== 'de') return null;
    const german = parseGermanWord(word);
    if (german === null) return null;
    const halved = withHalf(german, index + 1);
    return exact(halved.value, halved.end);
  };

  const readBase = (index: number): Base | null => {
    const token = tokens[index];
    if (token === undefined) return null;
    if (token.kind === 'num') return readDigits(index, 1);
    if (token.kind === 'word') return readWord(index);
    const next = tokens[index + 1];
    if (next?.kind !== 'num') return null;
    const currency = currencySymbol(token.text);
    if (currency !== null) {
      const amount = readDigits(index + 1, 1);
      return amount === null ? null : { ...amount, unit: currency };
    }
    const previous = tokens[index - 1];
    if (token.text === '-' && !next.spaced && (token.spaced || previous === undefined || previous.kind === 'punct')) return readDigits(index + 1, -1);
    return null;
  };

  /** A number or range with its unit, if one follows. */
  const readMeasured = (index: number): Base | null => {
    let base = readBase(index);
    if (base === null) return null;
    if (base.kind === 'exact' && base.unit === null && RANGE.has(text(base.end))) {
      const upper = readBase(base.end + 1);
      if (upper !== null && upper.kind === 'exact' && upper.unit === null && upper.value > base.value) {
        base = { ...upper, kind: 'range' };
      }
    }
    if (base.unit !== null || base.kind === 'floorZero') return base;
    const last = tokens[base.end - 1];
    const unit = last === undefined ? null : readUnitAt(folded, last.end);
    if (unit === null || !unitMayFollow(base, unit.unit)) return base;
    let end = base.end;
    while ((tokens[end]?.start ?? Number.POSITIVE_INFINITY) < unit.end) end++;
    return { ...base, unitStart: base.end, end, unit: unit.unit, needsName: false };
  };

  const readQuantity = (index: number): Quantity | null => {
    const first = readMeasured(index);
    if (first === null) return null;
    const factors: Base[] = [first];
    let end = first.end;
    while (factors.length < 3 && first.kind === 'exact' && TIMES.has(text(end))) {
      const next = readMeasured(end + 1);
      if (next === null || next.kind !== 'exact') break;
      factors.push(next);
      end = next.end;
    }
    const single = (): Quantity => ({
      value: first.value,
      unit: first.unit,
      factors: 0,
      start: index,
      unitStart: first.unitStart ?? first.end,
      end: first.end,
      kind: first.kind,
      needsName: first.needsName,
    });
    if (factors.length === 1) return single();
    return product(factors, index, end) ?? single();
  };

  const found: Quantity[] = [];
  let index = 0;
  while (index < tokens.length) {
    const quantity = readQuantity(index);
    if (quantity === null) index++;
    else {
      found.push(quantity);
      index = quantity.end;
    }
  }
  return found;
}

/** After "a"/"ein" only a distance, area or volume unit counts ("a mile", "a yard" does not). */
function unitMayFollow(base: Base, unit: Unit): boolean {
  if (base.kind === 'exact' || base.kind === 'range') return true;
  return unit.dimension === 'area' || unit.dimension === 'volume' || unit.id === 'km' || unit.id === 'mi';
}

/** "4 x 5 m", "4 m x 5 m", "12 by 8 ft", "2 x 3 x 2.5 m": lengths multiplied into an area or a volume. */
function product(factors: readonly Base[], start: number, end: number): Quantity | null {
  let length: Unit | null = null;
  for (const factor of factors) {
    if (factor.unit === null) continue;
    if (factor.unit.dimension !== 'length') return null;
    length = factor.unit;
  }
  let value = 1;
  for (const factor of factors) {
    const converted = factor.unit === null || length === null ? factor.value : convert(factor.value, factor.unit, length);
    value *= converted ?? Number.NaN;
  }
  const exponent = factors.length === 2 ? 2 : 3;
  const last = factors[factors.length - 1];
  return {
    value,
    unit: length === null ? null : power(length, exponent),
    factors: length === null ? factors.length : 0,
    start,
    unitStart: last?.unitStart ?? end,
    end,
    kind: 'exact',
    needsName: false,
  };
}
