// Units the local interpreter understands, in the folded spelling produced by
// text.ts (lower case, no diacritics, "ß" → "ss", "ä/ae" → "a"). Each unit is
// one anchored alternation of literal spellings with bounded optional parts
// (`\.?`, ` ?`), so matching is linear: nothing here can backtrack
// catastrophically, whatever the visitor types.
import { fold } from './text.ts';

export type Dimension = 'length' | 'area' | 'volume' | 'mass' | 'time' | 'percent' | 'money';

export interface Unit {
  id: string;
  dimension: Dimension;
  /** Size in the dimension's base unit (m, m², m³, kg, hour, %); 1 for money, which converts only to itself. */
  factor: number;
}

interface UnitSpec extends Unit {
  /** Regex fragments over folded text; no nested quantifiers. */
  spellings: readonly string[];
}

const METRE = 'met(?:er|re)s?';

const SPECS: readonly UnitSpec[] = [
  { id: 'mm', dimension: 'length', factor: 0.001, spellings: ['mm', `milli${METRE}`, 'millimetern'] },
  { id: 'cm', dimension: 'length', factor: 0.01, spellings: ['cm', `centi${METRE}`, 'zentimetern?'] },
  { id: 'm', dimension: 'length', factor: 1, spellings: ['m', METRE, 'metern'] },
  { id: 'km', dimension: 'length', factor: 1000, spellings: ['km', 'kms', `kilo${METRE}`, 'kilometern'] },
  { id: 'in', dimension: 'length', factor: 0.0254, spellings: ['inch(?:es)?', 'zoll'] },
  { id: 'ft', dimension: 'length', factor: 0.3048, spellings: ['ft', 'feet', 'foot', 'fuss'] },
  { id: 'yd', dimension: 'length', factor: 0.9144, spellings: ['yds?', 'yards?'] },
  { id: 'mi', dimension: 'length', factor: 1609.344, spellings: ['mi', 'miles?', 'meilen?'] },

  { id: 'm2', dimension: 'area', factor: 1, spellings: ['m2', 'm\\^2', 'sqm', 'sq\\.? ?m', `sq\\.? ?${METRE}`, `square ${METRE}`, 'qm', 'quadratmetern?'] },
  { id: 'ft2', dimension: 'area', factor: 0.09290304, spellings: ['ft2', 'ft\\^2', 'sqft', 'sq\\.? ?ft', 'sq\\.? ?feet', 'square (?:feet|foot)'] },
  { id: 'yd2', dimension: 'area', factor: 0.83612736, spellings: ['yd2', 'sq\\.? ?yds?', 'square yards?'] },
  { id: 'km2', dimension: 'area', factor: 1e6, spellings: ['km2', 'sq\\.? ?km', `square kilo${METRE}`, 'quadratkilometern?'] },
  { id: 'ha', dimension: 'area', factor: 1e4, spellings: ['ha', 'hectares?', 'hektar'] },
  { id: 'acre', dimension: 'area', factor: 4046.8564224, spellings: ['acres?'] },

  { id: 'm3', dimension: 'volume', factor: 1, spellings: ['m3', 'm\\^3', 'cbm', 'cu\\.? ?m', `cubic ${METRE}`, 'kubikmetern?'] },
  { id: 'l', dimension: 'volume', factor: 0.001, spellings: ['l', 'lit(?:er|re)s?', 'litern'] },
  { id: 'ft3', dimension: 'volume', factor: 0.028316846592, spellings: ['ft3', 'ft\\^3', 'cu\\.? ?ft', 'cubic (?:feet|foot)'] },
  { id: 'yd3', dimension: 'volume', factor: 0.764554857984, spellings: ['yd3', 'cu\\.? ?yds?', 'cubic yards?'] },

  { id: 'kg', dimension: 'mass', factor: 1, spellings: ['kg', 'kilos?', 'kilograms?', 'kilogramm'] },
  { id: 't', dimension: 'mass', factor: 1000, spellings: ['tonnes?', 'tonnen?'] },
  { id: 'lb', dimension: 'mass', factor: 0.45359237, spellings: ['lbs?', 'pounds?'] },

  { id: 'min', dimension: 'time', factor: 1 / 60, spellings: ['min', 'mins', 'minutes?', 'minuten'] },
  { id: 'h', dimension: 'time', factor: 1, spellings: ['h', 'hrs?', 'hours?', 'stunden?', 'std'] },
  { id: 'day', dimension: 'time', factor: 24, spellings: ['days?', 'tag', 'tage', 'tagen'] },
  { id: 'week', dimension: 'time', factor: 168, spellings: ['weeks?', 'wochen?'] },

  { id: '%', dimension: 'percent', factor: 1, spellings: ['%', 'percent', 'per cent', 'prozent'] },

  { id: 'EUR', dimension: 'money', factor: 1, spellings: ['€', 'eur', 'euros?'] },
  { id: 'USD', dimension: 'money', factor: 1, spellings: ['\\$', 'usd', 'dollars?', 'bucks'] },
  { id: 'GBP', dimension: 'money', factor: 1, spellings: ['£', 'gbp', 'quid'] },
  { id: 'CHF', dimension: 'money', factor: 1, spellings: ['chf', 'franken'] },
];

interface Matcher {
  unit: Unit;
  /** The characters its spellings start with. */
  firsts: readonly string[];
  /** Matches the unit right after a number: an optional space, a spelling, then no letter or digit. */
  after: RegExp;
  /** Matches a whole unit string (a field's `unit`). */
  whole: RegExp;
}

const MATCHERS: readonly Matcher[] = SPECS.map(({ spellings, ...unit }) => {
  const alternation = spellings.join('|');
  return {
    unit,
    firsts: spellings.map((spelling) => (spelling.startsWith('\\') ? spelling.charAt(1) : spelling.charAt(0))),
    after: new RegExp(` ?(?:${alternation})(?![\\p{L}\\p{N}])`, 'uy'),
    whole: new RegExp(`^(?:${alternation})$`, 'u'),
  };
});

/** The matchers to try for the first character of a unit. */
const BY_FIRST = new Map<string, Matcher[]>();
for (const matcher of MATCHERS) {
  for (const first of new Set(matcher.firsts)) BY_FIRST.set(first, [...(BY_FIRST.get(first) ?? []), matcher]);
}

/** Currency symbols written before an amount ("$500"). */
const CURRENCY_SYMBOLS: Readonly<Record<string, string>> = { $: 'USD', '€': 'EUR', '£': 'GBP' };

/** The unit written at `offset` of the folded text (longest spelling wins), and where it ends. */
export function readUnitAt(text: string, offset: number): { unit: Unit; end: number } | null {
  const first = text.charAt(offset) === ' ' ? text.charAt(offset + 1) : text.charAt(offset);
  let best: { unit: Unit; end: number } | null = null;
  for (const matcher of BY_FIRST.get(first) ?? []) {
    matcher.after.lastIndex = offset;
    if (matcher.after.exec(text) === null) continue;
    const end = matcher.after.lastIndex;
    if (best === null || end > best.end) best = { unit: matcher.unit, end };
  }
  return best;
}

/** The unit a field names (`m2`, `m²`, `sq ft`, `km`, `Quadratmeter`, …), or null when it is not a known unit. */
export function parseUnit(label: string): Unit | null {
  const folded = fold(label).trim();
  for (const matcher of MATCHERS) if (matcher.whole.test(folded)) return matcher.unit;
  return null;
}

/** The currency of a symbol written before a number, or null. */
export function currencySymbol(symbol: string): Unit | null {
  const id = CURRENCY_SYMBOLS[symbol];
  return id === undefined ? null : { id, dimension: 'money', factor: 1 };
}

/** `value` in `from` expressed in `to`; null across dimensions or currencies. */
export function convert(value: number, from: Unit, to: Unit): number | null {
  if (from.dimension !== to.dimension) return null;
  if (from.dimension === 'money' && from.id !== to.id) return null;
  if (from.id === to.id) return value;
  return (value * from.factor) / to.factor;
}

/** A length unit raised to a power (m × m → m², ft × ft × ft → ft³). */
export function power(length: Unit, exponent: 2 | 3): Unit {
  return {
    id: `${length.id}^${exponent}`,
    dimension: exponent === 2 ? 'area' : 'volume',
    factor: length.factor ** exponent,
  };
}
