// Where the text names a field or an option. Phrases come from the service's
// fields (key, label, aliases; option value, label, aliases) and are matched
// word by word against the text's tokens after the same fold and stem, so no
// regex is ever built from configuration. Overlaps go to the longest phrase.
import type { FieldConfig } from '../../pricing/service-schema.ts';
import { phraseStems, stem, type Token } from './text.ts';
import { parseUnit } from './units.ts';

/** What a phrase names. */
export type Target =
  /** A number or area field: quantities next to it belong to it. */
  | { kind: 'name'; field: number }
  /** A select or multiselect field itself ("room size"); context only. */
  | { kind: 'topic'; field: number }
  | { kind: 'option'; field: number; option: number }
  /** A boolean field. */
  | { kind: 'flag'; field: number };

/** A phrase as folded, stemmed words. */
export type Stems = readonly string[];

interface Phrase {
  stems: Stems;
  target: Target;
}

export type PhraseIndex = ReadonlyMap<string, readonly Phrase[]>;

/** A phrase found in the text: token range (end exclusive) and everything it names. */
export interface Match {
  start: number;
  end: number;
  targets: Target[];
}

export interface CompiledPhrases {
  /** Names of number and area fields. */
  names: PhraseIndex;
  /** Options, booleans and select names. */
  choices: PhraseIndex;
  /** Per field: is it a floor number (its name says floor, storey, Stock, Etage …)? */
  floorLike: readonly boolean[];
  /** Per field, per option: the stems of each of its phrases. */
  optionPhrases: readonly (readonly (readonly Stems[])[])[];
}

/** Words for a storey; a field named by one of them understands all of them. */
const FLOOR_WORDS = ['floor', 'storey', 'story', 'stock', 'stockwerk', 'etage', 'geschoss', 'obergeschoss', 'og'];
const FLOOR_STEMS = new Set(FLOOR_WORDS.map(stem));

/** Compiles the phrases of a service's fields (text fields have none: they are never filled). */
export function compilePhrases(fields: readonly FieldConfig[]): CompiledPhrases {
  const names = new Map<string, Phrase[]>();
  const choices = new Map<string, Phrase[]>();
  const floorLike: boolean[] = [];
  const optionPhrases: string[][][][] = [];
  const seen = new Set<string>();

  const add = (index: Map<string, Phrase[]>, stems: readonly string[], target: Target): void => {
    const first = stems[0];
    if (first === undefined) return;
    const key = `${JSON.stringify(target)}|${stems.join(' ')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const list = index.get(first);
    if (list === undefined) index.set(first, [{ stems, target }]);
    else list.push({ stems, target });
  };

  fields.forEach((field, fieldIndex) => {
    const own = [field.key, field.label, ...(field.aliases ?? [])].map(phraseStems);
    floorLike.push(false);
    optionPhrases.push([]);
    switch (field.type) {
      case 'number':
      case 'area': {
        const target: Target = { kind: 'name', field: fieldIndex };
        if (field.unit !== undefined && parseUnit(field.unit) === null) own.push(phraseStems(field.unit));
        const floor = own.some((stems) => stems.some((s) => FLOOR_STEMS.has(s)));
        floorLike[fieldIndex] = floor;
        if (floor) own.push(...FLOOR_WORDS.map((word) => [stem(word)]));
        for (const stems of own) add(names, stems, target);
        break;
      }
      case 'select':
      case 'multiselect': {
        for (const stems of own) add(choices, stems, { kind: 'topic', field: fieldIndex });
        const perOption = field.options.map((option, optionIndex) => {
          const value = /^[\d.]+$/.test(option.value) ? [] : [phraseStems(option.value)];
          const all = [...value, phraseStems(option.label), ...(option.aliases ?? []).map(phraseStems)].filter((s) => s.length > 0);
          for (const stems of all) add(choices, stems, { kind: 'option', field: fieldIndex, option: optionIndex });
          return all;
        });
        optionPhrases[fieldIndex] = perOption;
        break;
      }
      case 'boolean':
        for (const stems of own) add(choices, stems, { kind: 'flag', field: fieldIndex });
        break;
      case 'text':
        break;
    }
  });
  return { names, choices, floorLike, optionPhrases };
}

const sameTarget = (a: Target, b: Target): boolean =>
  a.kind === b.kind && a.field === b.field && (a.kind !== 'option' || b.kind !== 'option' || a.option === b.option);

/**
 * Every phrase of `index` in the text, over the token positions in `stream`
 * (hyphens and units left out, so "walk-in" = "walk in"). Longer phrases win
 * overlaps, then earlier ones; phrases with exactly the same span are merged.
 */
export function matchPhrases(tokens: readonly Token[], stream: readonly number[], index: PhraseIndex): Match[] {
  const found: { at: number; length: number; target: Target }[] = [];
  stream.forEach((tokenIndex, at) => {
    const candidates = index.get(tokens[tokenIndex]?.stem ?? '');
    if (candidates === undefined) return;
    for (const { stems, target } of candidates) {
      if (at + stems.length > stream.length) continue;
      if (stems.every((s, offset) => tokens[stream[at + offset] ?? -1]?.stem === s)) found.push({ at, length: stems.length, target });
    }
  });
  found.sort((a, b) => b.length - a.length || a.at - b.at);

  const taken = new Uint8Array(stream.length);
  const bySpan = new Map<string, Match>();
  for (const { at, length, target } of found) {
    const start = stream[at] ?? 0;
    const end = (stream[at + length - 1] ?? 0) + 1;
    const span = `${start}:${end}`;
    const same = bySpan.get(span);
    if (same !== undefined) {
      if (!same.targets.some((t) => sameTarget(t, target))) same.targets.push(target);
      continue;
    }
    if (taken.subarray(at, at + length).some((x) => x === 1)) continue;
    taken.fill(1, at, at + length);
    bySpan.set(span, { start, end, targets: [target] });
  }
  return [...bySpan.values()].sort((a, b) => a.start - b.start);
}
