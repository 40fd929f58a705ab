// The local AI provider: turns a visitor's description into field values
// with plain rules, no network and no model. It is the embedded default (no
// API key) and the last fallback of the AI layer, so it must always answer,
// answer the same way for the same input, and never leave the schema: every
// value it proposes is checked by the pricing engine's own field reader and
// dropped (never clamped) when it does not fit. See
// docs/decisions/0008-local-interpreter.md for the rules and the confidence
// formula.
import { createFieldReader, type FieldReader } from '../pricing/field-values.ts';
import type { FieldConfig } from '../pricing/service-schema.ts';
import { findNegated, isNegationCue } from './local/negation.ts';
import { findQuantities, type Quantity, type QuantityKind } from './local/numbers.ts';
import { compilePhrases, matchPhrases, type CompiledPhrases, type Match, type Stems } from './local/phrases.ts';
import { fold, readLanguage, tokenize, type Token } from './local/text.ts';
import { convert, parseUnit, type Unit } from './local/units.ts';

export interface Interpretation {
  fields: Record<string, unknown>;
  confidence: number;
  missing: string[];
}

const DEFAULT_MAX_TEXT_LENGTH = 2000;

// Invisible and control characters: format characters (Cf: zero-width
// spaces and joiners U+200B–200D, word joiner U+2060, BOM U+FEFF, bidi
// controls, soft hyphen, Unicode tags U+E0000–E007F), everything Unicode
// calls default-ignorable (variation selectors U+FE00–FE0F, U+E0100–E01EF,
// Hangul fillers …), lone surrogates, and C0/C1 controls except \t and \n
// (\r has become \n before this runs).
const INVISIBLE =
  /[\u{E0000}-\u{E007F}\u200B-\u200D\u2060\uFEFF\uFE00-\uFE0F\u{E0100}-\u{E01EF}\p{Cf}\p{Default_Ignorable_Code_Point}\p{Cs}\u0000-\u0008\u000B-\u001F\u007F-\u009F]/gu;

/**
 * Makes visitor text safe to read and to show: strips invisible and control
 * characters (keeping \n and \t), NFKC-normalises (full-width letters and
 * digits, ligatures, "m²" → "m2"), collapses each run of whitespace to one
 * space (a newline if the run had one), trims, and keeps at most `maxLength`
 * characters (code points). Anything that is not a string gives "".
 */
export function sanitizeVisitorText(text: string, maxLength: number = DEFAULT_MAX_TEXT_LENGTH): string {
  if (!Number.isInteger(maxLength) || maxLength < 0) throw new RangeError('maxLength must be a whole number of characters, 0 or more');
  if (typeof text !== 'string') return '';
  // Look at a bounded prefix only: invisible characters may make the raw text much longer than what is kept.
  const clean = text
    .slice(0, maxLength * 8 + 16)
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(/\s+/g, (run) => (/[\n\u2028\u2029]/.test(run) ? '\n' : ' '))
    .trim();
  const characters = Array.from(clean);
  return characters.length <= maxLength ? clean : characters.slice(0, maxLength).join('').trimEnd();
}

interface Compiled {
  phrases: CompiledPhrases;
  /** Per field: its unit, when it is one we know. */
  units: readonly (Unit | null)[];
  /** Per field: the units its key, label or aliases name ("miles", "qm"). */
  namedUnits: readonly (readonly Unit[])[];
  read: FieldReader;
}

const compiledFields = new WeakMap<readonly FieldConfig[], Compiled>();

function compile(fields: readonly FieldConfig[]): Compiled {
  let compiled = compiledFields.get(fields);
  if (compiled === undefined) {
    compiled = {
      phrases: compilePhrases(fields),
      units: fields.map((field) => ((field.type === 'number' || field.type === 'area') && field.unit !== undefined ? parseUnit(field.unit) : null)),
      namedUnits: fields.map((field) => [field.key, field.label, ...(field.aliases ?? [])].flatMap((name) => parseUnit(name) ?? [])),
      read: createFieldReader(fields),
    };
    compiledFields.set(fields, compiled);
  }
  return compiled;
}

/** How sure a value is, by how it was said; see the decision record. */
const KIND_CERTAINTY: Record<QuantityKind, number> = { exact: 1, floorZero: 1, article: 0.9, vague: 0.8, range: 0.7 };
const UNANCHORED = 0.9;
const RIVALLED = 0.7;
const CONFLICTING_CHOICE = 0.6;
const INFERRED_OPPOSITE = 0.9;
const ONLY_OTHER_OPTION = 0.7;
const NEGATED_FLAG = 0.9;
const NEGATED_MULTISELECT = 0.9;
const SHARED_PHRASE = 0.8;
const UNKNOWN_AREA_UNIT = 0.8;
/** Confidence lost for each value that was read but refused by the field's bounds or step. */
const REFUSED_PENALTY = 0.15;
const MAX_REFUSED_PENALTY = 0.45;

/** Score of a quantity that carries a unit the field can take. */
const UNIT_SCORE = 4;
/** Score of a quantity right before a field's name ("3 bedrooms"), less 0.5 per word between. */
const NAME_AFTER_SCORE = 4;
/** Score of a quantity right after a field's name ("rooms: 3"), less 0.5 per word between. */
const NAME_BEFORE_SCORE = 3;
const MAX_WORDS_BETWEEN = 3;
const MAX_WORDS_AFTER_ARTICLE = 2;
/** A unit alone (no name nearby) binds only when it is within this factor of the field's unit: "3 m" is not a distance in km. */
const MAX_UNANCHORED_RATIO = 50;
/** Two candidates closer than this make a value ambiguous. */
const RIVAL_MARGIN = 0.5;

const CLAUSE_END = new Set(['.', '!', '?', ';', '\n', ',', '(', ')', '[', ']', '"', '—']);
const JOINERS = new Set(['and', 'und', 'or', 'oder', 'but', 'aber', 'plus', 'with', 'mit', 'sowie']);
/** Between a name and its value: "rooms: 3", "rooms = 3". */
const ASSIGNS = new Set([':', '=']);

interface Candidate {
  quantity: number;
  field: number;
  score: number;
  value: number;
  certainty: number;
  derived: boolean;
}

interface Proposal {
  value: unknown;
  certainty: number;
}

/** Reads field values out of a visitor's description. Deterministic; never throws on any text. */
export function interpretLocally(text: string, fields: readonly FieldConfig[], locale: string): Interpretation {
  const { phrases, units, namedUnits, read } = compile(fields);
  const folded = fold(sanitizeVisitorText(text));
  const tokens = tokenize(folded);
  const reading = readLanguage(tokens, typeof locale === 'string' ? locale : '');
  const quantities = findQuantities(tokens, folded, reading);

  // Hyphens join words: "walk-in" = "walk in", "two-bedroom" = "two bedroom".
  const stream = tokens.flatMap((token, index) => (token.text === '-' ? [] : [index]));
  const names = matchPhrases(tokens, stream, phrases.names);
  const choices = matchPhrases(tokens, stream, phrases.choices);

  // A number inside an option's phrase is a word of that phrase ("a single room" as an option);
  // a unit inside one is still the quantity's unit ("12 miles" also picks the option "miles").
  const inChoice = new Set<number>();
  for (const match of choices) for (let t = match.start; t < match.end; t++) inChoice.add(t);
  const kept = quantities.filter((q) => !rangeHits(q.start, q.unitStart, inChoice));
  const busy = new Set<number>();
  for (const q of kept) for (let t = q.start; t < q.end; t++) busy.add(t);

  const proposals = new Map<number, Proposal>();
  const negatedNames = findNegated(tokens, stream, names, busy);
  bindQuantities({ tokens, stream, names, negatedNames, quantities: kept, fields, units, namedUnits, floorLike: phrases.floorLike, proposals });
  decideChoices(fields, phrases, choices, findNegated(tokens, stream, choices, busy), proposals);

  // Only what the pricing engine's own reader accepts is answered.
  const entries: [string, unknown][] = [];
  for (const [index, proposal] of proposals) {
    const field = fields[index];
    if (field !== undefined) entries.push([field.key, proposal.value]);
  }
  const { issues } = read(Object.fromEntries(entries));
  const refusedKeys = new Set((issues ?? []).map((issue) => issue.path.slice('fields.'.length)));
  const answered = new Map<string, unknown>();
  const certainties: number[] = [];
  let refused = 0;
  fields.forEach((field, index) => {
    const proposal = proposals.get(index);
    if (proposal === undefined) return;
    if (refusedKeys.has(field.key)) {
      refused++;
      return;
    }
    answered.set(field.key, proposal.value);
    certainties.push(proposal.certainty);
  });

  const fillable = fields.filter((field) => field.type !== 'text').length;
  return {
    fields: Object.fromEntries(answered),
    confidence: confidenceOf(certainties, fillable, refused),
    missing: fields.filter((field) => (field.required === true || field.default === undefined) && !answered.has(field.key)).map((field) => field.key),
  };
}

function rangeHits(start: number, end: number, set: ReadonlySet<number>): boolean {
  for (let t = start; t < end; t++) if (set.has(t)) return true;
  return false;
}

/**
 * confidence = mean certainty of the answered values × (0.5 + 0.5 × answered / fillable fields)
 *              − 0.15 per value refused by its field (at most 0.45), within [0, 1], to 2 decimals; 0 when nothing is answered.
 */
function confidenceOf(certainties: readonly number[], fillable: number, refused: number): number {
  if (certainties.length === 0 || fillable === 0) return 0;
  const quality = certainties.reduce((sum, c) => sum + c, 0) / certainties.length;
  const coverage = certainties.length / fillable;
  const score = quality * (0.5 + 0.5 * coverage) - Math.min(MAX_REFUSED_PENALTY, REFUSED_PENALTY * refused);
  return Math.round(Math.min(1, Math.max(0, score)) * 100) / 100;
}

interface Binding {
  tokens: readonly Token[];
  stream: readonly number[];
  names: readonly Match[];
  negatedNames: readonly boolean[];
  quantities: readonly Quantity[];
  fields: readonly FieldConfig[];
  units: readonly (Unit | null)[];
  namedUnits: readonly (readonly Unit[])[];
  floorLike: readonly boolean[];
  proposals: Map<number, Proposal>;
}

/**
 * Gives number and area fields their quantities. Every (quantity, field)
 * pair that could go together is scored: a unit the field can take, and the
 * field's name right after or right before the quantity. The best pairs are
 * taken first; a quantity goes to one field at most, a field takes one
 * quantity at most.
 */
function bindQuantities({ tokens, stream, names, negatedNames, quantities, fields, units, namedUnits, floorLike, proposals }: Binding): void {
  const nameStarts = new Map<number, Set<number>>();
  const nameEnds = new Map<number, Set<number>>();
  const inName = new Set<number>();
  for (const match of names) {
    for (const target of match.targets) {
      addTo(nameStarts, match.start, target.field);
      addTo(nameEnds, match.end - 1, target.field);
    }
    for (let t = match.start; t < match.end; t++) inName.add(t);
  }
  const quantityAt = new Map<number, number>();
  quantities.forEach((q, index) => {
    for (let t = q.start; t < q.end; t++) quantityAt.set(t, index);
  });
  // The first stream position at or after each token.
  const firstAt: number[] = [];
  for (let t = 0, at = 0; t <= tokens.length; t++) {
    while (at < stream.length && (stream[at] ?? 0) < t) at++;
    firstAt.push(at);
  }

  const stops = (tokenIndex: number, self: number): boolean => {
    const token = tokens[tokenIndex];
    if (token === undefined) return true;
    if (token.kind === 'punct' && CLAUSE_END.has(token.text)) return true;
    if (JOINERS.has(token.text)) return true;
    const owner = quantityAt.get(tokenIndex);
    if (owner !== undefined) return owner !== self;
    return token.kind === 'num';
  };

  /** Words between the quantity and the field's name after it, or null if something else comes first. */
  const nameAfter = (q: Quantity, self: number, field: number, limit: number): number | null => {
    let words = 0;
    for (let at = firstAt[q.end] ?? stream.length; at < stream.length; at++) {
      const tokenIndex = stream[at] ?? 0;
      if (nameStarts.get(tokenIndex)?.has(field) === true) return words;
      if (inName.has(tokenIndex) || stops(tokenIndex, self)) return null;
      if (++words > limit) return null;
    }
    return null;
  };

  /** Words between the field's name before the quantity and the quantity, or null. */
  const nameBefore = (q: Quantity, self: number, field: number): number | null => {
    let words = 0;
    for (let at = (firstAt[q.start] ?? stream.length) - 1; at >= 0; at--) {
      const tokenIndex = stream[at] ?? 0;
      if (nameEnds.get(tokenIndex)?.has(field) === true) return words;
      if (inName.has(tokenIndex) || stops(tokenIndex, self)) return null;
      if (ASSIGNS.has(tokens[tokenIndex]?.text ?? '')) continue;
      if (++words > MAX_WORDS_BETWEEN) return null;
    }
    return null;
  };

  const candidates: Candidate[] = [];
  quantities.forEach((q, self) => {
    if (!Number.isFinite(q.value)) return;
    fields.forEach((field, index) => {
      if (field.type !== 'number' && field.type !== 'area') return;
      const unit = units[index] ?? null;
      let anchor = 0;
      let anchored = false;
      const unitNamed = q.unit !== null && (namedUnits[index] ?? []).some((named) => sameUnit(named, q.unit));
      if (q.kind === 'floorZero') {
        if (floorLike[index] !== true) return;
        anchor = NAME_AFTER_SCORE;
        anchored = true;
      } else if (unitNamed) {
        anchor = NAME_AFTER_SCORE;
        anchored = true;
      } else {
        const after = nameAfter(q, self, index, q.needsName ? MAX_WORDS_AFTER_ARTICLE : MAX_WORDS_BETWEEN);
        const before = q.needsName ? null : nameBefore(q, self, index);
        if (after !== null) anchor = NAME_AFTER_SCORE - 0.5 * after;
        else if (before !== null) anchor = NAME_BEFORE_SCORE - 0.5 * before;
        anchored = after !== null || before !== null;
      }
      const fit = fitQuantity(q, field, unit, anchored, unitNamed);
      if (fit === null || (!anchored && !fit.unitMatch)) return;
      const score = anchor + (fit.unitMatch ? UNIT_SCORE : 0);
      const certainty = KIND_CERTAINTY[q.kind] * fit.certainty * (anchored ? 1 : UNANCHORED);
      candidates.push({ quantity: self, field: index, score, value: fit.value, certainty, derived: fit.derived });
    });
  });

  candidates.sort((a, b) => b.score - a.score || a.quantity - b.quantity || a.field - b.field);
  const byField = groupBy(candidates, (c) => c.field);
  const byQuantity = groupBy(candidates, (c) => c.quantity);
  const usedQuantities = new Set<number>();
  for (const candidate of candidates) {
    if (proposals.has(candidate.field) || usedQuantities.has(candidate.quantity)) continue;
    usedQuantities.add(candidate.quantity);
    const close = (other: Candidate): boolean => other !== candidate && other.score >= candidate.score - RIVAL_MARGIN;
    const rivalled =
      (byField.get(candidate.field) ?? []).some((other) => close(other) && other.value !== candidate.value) ||
      (byQuantity.get(candidate.quantity) ?? []).some((other) => close(other) && !proposals.has(other.field));
    const field = fields[candidate.field];
    const value = candidate.derived && field !== undefined ? roundForField(candidate.value, field) : candidate.value;
    proposals.set(candidate.field, { value, certainty: candidate.certainty * (rivalled ? RIVALLED : 1) });
  }

  // "no windows", "ohne Fenster", "windows: none": a count field named only in the negative is 0, where 0 is allowed.
  names.forEach((match, index) => {
    if (negatedNames[index] !== true) return;
    for (const { field: fieldIndex } of match.targets) {
      const field = fields[fieldIndex];
      if (field === undefined || field.type !== 'number' || proposals.has(fieldIndex)) continue;
      if ((field.min ?? 0) <= 0 && (field.max ?? 0) >= 0) proposals.set(fieldIndex, { value: 0, certainty: NEGATED_FLAG });
    }
  });
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group === undefined) groups.set(key(item), [item]);
    else group.push(item);
  }
  return groups;
}

/** The same unit, whatever it is called ("m2" and "m^2"). */
function sameUnit(a: Unit, b: Unit | null): boolean {
  return b !== null && a.dimension === b.dimension && (a.dimension === 'money' ? a.id === b.id : Math.abs(a.factor / b.factor - 1) < 1e-9);
}

function addTo(map: Map<number, Set<number>>, key: number, value: number): void {
  const set = map.get(key);
  if (set === undefined) map.set(key, new Set([value]));
  else set.add(value);
}

interface Fit {
  value: number;
  /** The quantity's unit (or its product of lengths) fits the field's unit. */
  unitMatch: boolean;
  /** The value was converted or multiplied, so it is rounded to the field's step. */
  derived: boolean;
  certainty: number;
}

/** The quantity's value in the field's terms, or null when it cannot be the field's. */
function fitQuantity(q: Quantity, field: FieldConfig, unit: Unit | null, anchored: boolean, unitNamed: boolean): Fit | null {
  if (q.unit !== null) {
    if (unit === null) {
      // A field without a unit takes a quantity as said when its name is the unit ("miles"),
      // and an area field takes any area.
      if (unitNamed) return { value: q.value, unitMatch: true, derived: false, certainty: 1 };
      return field.type === 'area' && q.unit.dimension === 'area' ? { value: q.value, unitMatch: true, derived: false, certainty: UNKNOWN_AREA_UNIT } : null;
    }
    const value = convert(q.value, q.unit, unit);
    if (value === null) return null;
    const ratio = q.unit.factor / unit.factor;
    if (!anchored && (ratio > MAX_UNANCHORED_RATIO || ratio < 1 / MAX_UNANCHORED_RATIO)) return null;
    return { value, unitMatch: true, derived: q.unit.id !== unit.id, certainty: 1 };
  }
  if (q.factors > 0) {
    const dimension = q.factors === 2 ? 'area' : 'volume';
    const fits = unit === null ? field.type === 'area' && dimension === 'area' : unit.dimension === dimension;
    return fits ? { value: q.value, unitMatch: true, derived: true, certainty: 1 } : null;
  }
  return { value: q.value, unitMatch: false, derived: false, certainty: 1 };
}

/** A converted value rounded to the field's step (from its `min`), or to 2 decimals without one; half away from zero. */
function roundForField(value: number, field: FieldConfig): number {
  if (field.type !== 'number' && field.type !== 'area') return value;
  if (field.step === undefined) return roundHalfAway(value * 100) / 100;
  const base = field.min ?? 0;
  const steps = roundHalfAway((value - base) / field.step);
  const decimals = Math.min(10, Math.max(decimalsOf(field.step), decimalsOf(base)));
  return Number((base + steps * field.step).toFixed(decimals));
}

function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.floor(Math.abs(x) + 0.5);
}

function decimalsOf(x: number): number {
  const [, fraction = '', exponent = '0'] = /^-?\d+(?:\.(\d+))?(?:e([-+]\d+))?$/.exec(String(x)) ?? [];
  return Math.max(0, fraction.length - Number(exponent));
}

interface Mention {
  at: number;
  negated: boolean;
  shared: boolean;
}

/** Fills selects, multiselects and booleans from the phrases that name their options or themselves. */
function decideChoices(fields: readonly FieldConfig[], phrases: CompiledPhrases, matches: readonly Match[], negated: readonly boolean[], proposals: Map<number, Proposal>): void {
  const options = new Map<number, Map<number, Mention[]>>();
  const flags = new Map<number, Mention[]>();
  matches.forEach((match, index) => {
    const shared = match.targets.filter((t) => t.kind !== 'topic').length > 1;
    const mention: Mention = { at: match.start, negated: negated[index] === true, shared };
    for (const target of match.targets) {
      if (target.kind === 'option') {
        const byOption = options.get(target.field) ?? new Map<number, Mention[]>();
        options.set(target.field, byOption);
        const list = byOption.get(target.option);
        if (list === undefined) byOption.set(target.option, [mention]);
        else list.push(mention);
      } else if (target.kind === 'flag') {
        const list = flags.get(target.field);
        if (list === undefined) flags.set(target.field, [mention]);
        else list.push(mention);
      }
    }
  });

  for (const [index, byOption] of options) {
    const field = fields[index];
    if (field === undefined || (field.type !== 'select' && field.type !== 'multiselect')) continue;
    const proposal =
      field.type === 'select'
        ? decideSelect(field.options, byOption, phrases.optionPhrases[index] ?? [])
        : decideMultiselect(field.options, byOption);
    if (proposal !== null) proposals.set(index, proposal);
  }

  for (const [index, mentions] of flags) {
    const positive = mentions.filter((m) => !m.negated);
    const last = mentions[mentions.length - 1];
    if (last === undefined) continue;
    const shared = mentions.some((m) => m.shared) ? SHARED_PHRASE : 1;
    if (positive.length > 0 && positive.length < mentions.length) proposals.set(index, { value: !last.negated, certainty: CONFLICTING_CHOICE * shared });
    else proposals.set(index, { value: positive.length > 0, certainty: (positive.length > 0 ? 1 : NEGATED_FLAG) * shared });
  }
}

type Option = { value: string };

/**
 * One option: the one named most often without negation (a tie goes to the
 * one named last: visitors correct themselves). With only negated names, an
 * option whose own phrase is the negation of a negated one ("no rush" when
 * "rush" or "urgent" is negated), or else the only other option of two.
 */
function decideSelect(options: readonly Option[], byOption: ReadonlyMap<number, Mention[]>, optionPhrases: readonly (readonly Stems[])[]): Proposal | null {
  let best: { option: number; count: number; last: number } | null = null;
  let named = 0;
  let shared = false;
  for (const [option, mentions] of byOption) {
    const positive = mentions.filter((m) => !m.negated);
    if (positive.length === 0) continue;
    named++;
    shared ||= positive.some((m) => m.shared);
    const last = positive.reduce((latest, m) => Math.max(latest, m.at), -1);
    if (best === null || positive.length > best.count || (positive.length === best.count && last > best.last)) best = { option, count: positive.length, last };
  }
  const sharedFactor = shared ? SHARED_PHRASE : 1;
  if (best !== null) {
    const value = options[best.option]?.value;
    return value === undefined ? null : { value, certainty: (named === 1 ? 1 : CONFLICTING_CHOICE) * sharedFactor };
  }

  const negatedOptions = [...byOption.keys()];
  const opposites = new Set<number>();
  options.forEach((_, candidate) => {
    if (negatedOptions.includes(candidate)) return;
    const isOpposite = (optionPhrases[candidate] ?? []).some(
      (phrase) =>
        phrase.length > 1 &&
        isNegationCue(phrase[0] ?? '') &&
        negatedOptions.some((negatedOption) => (optionPhrases[negatedOption] ?? []).some((other) => sameWords(other, phrase.slice(1)))),
    );
    if (isOpposite) opposites.add(candidate);
  });
  const [opposite] = opposites;
  if (opposites.size === 1 && opposite !== undefined) {
    const value = options[opposite]?.value;
    return value === undefined ? null : { value, certainty: INFERRED_OPPOSITE };
  }
  if (options.length === 2 && negatedOptions.length === 1) {
    const other = options[negatedOptions[0] === 0 ? 1 : 0]?.value;
    return other === undefined ? null : { value: other, certainty: ONLY_OTHER_OPTION };
  }
  return null;
}

/** Every option named without negation, in the field's order; an empty list when every name was negated. */
function decideMultiselect(options: readonly Option[], byOption: ReadonlyMap<number, Mention[]>): Proposal {
  const chosen: string[] = [];
  let shared = false;
  options.forEach((option, index) => {
    const positive = (byOption.get(index) ?? []).filter((m) => !m.negated);
    if (positive.length > 0) chosen.push(option.value);
    shared ||= positive.some((m) => m.shared);
  });
  const certainty = chosen.length === 0 ? NEGATED_MULTISELECT : 1;
  return { value: chosen, certainty: certainty * (shared ? SHARED_PHRASE : 1) };
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}
