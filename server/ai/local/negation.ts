// Is a mention of an option or a yes/no field negated? English and German
// cues, within the same clause, in a window of a few tokens:
//   before it: "no lift", "without the ceilings", "nothing urgent",
//              "we don't have a lift", "kein Aufzug", "ohne Fenster";
//   after it:  "ceilings not needed", "lift: none", "Aufzug nicht vorhanden",
//              "Einen Aufzug gibt es nicht.";
//   carried:   "no ceilings or doors", "weder Decken noch Türen".
// A cue inside another matched phrase (the "no" of the alias "no rush") is
// part of that phrase, not a cue.
import type { Match } from './phrases.ts';
import { fold, stem, type Token } from './text.ts';

const words = (list: readonly string[]): Set<string> => new Set(list.map(fold));

/** Cues that negate what follows them. */
const BEFORE = words([
  'no', 'not', 'without', 'nothing', 'none', 'never', 'neither', 'nor', "don't", 'dont', "doesn't", 'doesnt',
  "didn't", "isn't", 'isnt', "aren't", "won't", 'wont', 'cannot', "can't", 'except', 'excluding', 'excl',
  'kein', 'keine', 'keinen', 'keinem', 'keiner', 'keines', 'keins', 'nicht', 'ohne', 'nichts', 'nie', 'niemals',
  'weder', 'außer', 'ausgenommen', 'exklusive', 'skip',
]);

/** A cue followed by one of these hedges or limits rather than negates ("not only", "not sure", "no matter"). */
const HEDGES = words(['only', 'just', 'sure', 'certain', 'matter', 'nur', 'sicher', 'bloß', 'unbedingt']);

/** After the mention: negate when the clause ends right after them or a word of need follows. */
const AFTER_NOT = words(['not', 'nicht', "don't", 'dont', "doesn't", 'doesnt', "isn't", 'isnt', "aren't", "won't", 'never', 'nie']);
/** After the mention: negate when the clause ends right after them ("lift: none"). */
const AFTER_NONE = words(['no', 'none', 'nothing', 'nope', 'nein', 'kein', 'keine', 'keiner', 'keins', 'nichts']);
/** After the mention: negate on their own ("ceilings unnecessary", "we'll pack ourselves"). */
const AFTER_ALONE = words(['unnecessary', 'unneeded', 'unnötig', 'überflüssig', 'weglassen', 'entfällt', 'ourselves', 'myself', 'selbst', 'selber']);
const NEEDS = words([
  'need', 'needed', 'required', 'necessary', 'wanted', 'want', 'included', 'include', 'available', 'present',
  'working', 'nötig', 'notwendig', 'erforderlich', 'gewünscht', 'erwünscht', 'vorhanden', 'benötigt', 'gebraucht',
]);

/** Ends a clause: negation never reaches across. */
const CLAUSE_END = new Set(['.', '!', '?', ';', '\n', ',', '(', ')', '[', ']', '"', '—']);
const CONTRAST = words(['but', 'however', 'though', 'although', 'yet', 'aber', 'sondern', 'jedoch', 'doch', 'trotzdem']);
/** Joins two mentions that share the first one's negation. */
const CARRY = words(['or', 'nor', 'oder', 'noch']);

const BEFORE_WINDOW = 4;
const AFTER_WINDOW = 3;

const endsClause = (token: Token | undefined): boolean =>
  token === undefined || (token.kind === 'punct' && CLAUSE_END.has(token.text)) || CONTRAST.has(token.text);

/**
 * For each of `matches` (in text order): is it negated? `stream` is the
 * token positions to read (hyphens left out); `busy` marks tokens that
 * belong to quantities, which stop a cue after the mention.
 */
export function findNegated(tokens: readonly Token[], stream: readonly number[], matches: readonly Match[], busy: ReadonlySet<number>): boolean[] {
  const owner = new Int32Array(tokens.length).fill(-1);
  matches.forEach((match, index) => owner.fill(index, match.start, match.end));
  const position = new Int32Array(tokens.length);
  stream.forEach((tokenIndex, at) => {
    position[tokenIndex] = at;
  });
  const tokenAt = (at: number): Token | undefined => tokens[stream[at] ?? -1];
  const ownerAt = (at: number): number | undefined => {
    const found = owner[stream[at] ?? -1] ?? -1;
    return found < 0 ? undefined : found;
  };

  const negated: boolean[] = [];

  const before = (index: number, match: Match): boolean => {
    const first = position[match.start] ?? 0;
    let carried = true;
    for (let at = first - 1, seen = 0; at >= 0 && seen <= BEFORE_WINDOW; at--, seen++) {
      const token = tokenAt(at);
      if (token === undefined || endsClause(token)) return false;
      const other = ownerAt(at);
      if (other !== undefined && other !== index) return carried && seen > 0 ? (negated[other] ?? false) : false;
      carried &&= CARRY.has(token.text);
      if (BEFORE.has(token.text) && !HEDGES.has(tokenAt(at + 1)?.text ?? '')) return true;
    }
    return false;
  };

  const clauseEndsWithin = (from: number, count: number): boolean => {
    for (let at = from; at < from + count + 1; at++) {
      const token = tokenAt(at);
      if (endsClause(token)) return true;
      if (ownerAt(at) !== undefined || busy.has(stream[at] ?? -1)) return false;
    }
    return false;
  };

  const after = (match: Match): boolean => {
    const last = position[match.end - 1] ?? 0;
    for (let at = last + 1, seen = 0; seen <= AFTER_WINDOW; at++, seen++) {
      const token = tokenAt(at);
      if (endsClause(token) || ownerAt(at) !== undefined || busy.has(stream[at] ?? -1)) return false;
      const text = token?.text ?? '';
      if (AFTER_ALONE.has(text)) return true;
      if (AFTER_NOT.has(text)) return NEEDS.has(tokenAt(at + 1)?.text ?? '') || clauseEndsWithin(at + 1, 2);
      if (AFTER_NONE.has(text)) return clauseEndsWithin(at + 1, 0);
    }
    return false;
  };

  matches.forEach((match, index) => {
    negated.push(before(index, match) || after(match));
  });
  return negated;
}

const CUE_STEMS = new Set([...BEFORE].map(stem));

/** Whether a phrase's first word (a stem) is a negation cue: an option alias like "no rush" or "kein Aufzug". */
export function isNegationCue(wordStem: string): boolean {
  return CUE_STEMS.has(wordStem);
}
