import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FieldConfig } from '../../pricing/service-schema.ts';
import { findNegated, isNegationCue } from './negation.ts';
import { compilePhrases, matchPhrases } from './phrases.ts';
import { fold, stem, tokenize } from './text.ts';

const fields: FieldConfig[] = [
  { key: 'lift', type: 'boolean', label: 'Lift', aliases: ['elevator', 'Aufzug'] },
  { key: 'ceilings', type: 'boolean', label: 'Ceilings', aliases: ['Decken'] },
  { key: 'doors', type: 'boolean', label: 'Doors', aliases: ['Türen'] },
  { key: 'timing', type: 'select', label: 'Timing', options: [
    { value: 'flexible', label: 'Flexible', aliases: ['no rush'] },
    { value: 'rush', label: 'Rush', aliases: ['urgent'] },
  ] },
];
const { choices } = compilePhrases(fields);

/** The matched phrases of the text, each with "!" in front when it is negated. */
const negations = (text: string, busyTokens: readonly number[] = []): string[] => {
  const tokens = tokenize(fold(text));
  const stream = tokens.flatMap((token, i) => (token.text === '-' ? [] : [i]));
  const matches = matchPhrases(tokens, stream, choices);
  const negated = findNegated(tokens, stream, matches, new Set(busyTokens));
  return matches.map((m, i) => `${negated[i] === true ? '!' : ''}${tokens.slice(m.start, m.end).map((t) => t.text).join(' ')}`);
};

const finding = suite('findNegated');

finding('sees a cue shortly before the mention, in English and German', () => {
  assert.equal(negations('no lift'), ['!lift']);
  assert.equal(negations('without the old ceilings'), ['!ceilings']);
  assert.equal(negations('nothing urgent'), ['!urgent']);
  assert.equal(negations("we don't have an elevator"), ['!elevator']);
  assert.equal(negations('kein Aufzug, ohne Decken'), ['!aufzug', '!decken']);
  assert.equal(negations('skip the doors'), ['!doors']);
});

finding('sees a cue after the mention when the clause ends there or a word of need follows', () => {
  assert.equal(negations('ceilings not needed'), ['!ceilings']);
  assert.equal(negations('lift: none'), ['!lift']);
  assert.equal(negations('Aufzug nicht vorhanden'), ['!aufzug']);
  assert.equal(negations('Einen Aufzug gibt es nicht.'), ['!aufzug']);
  assert.equal(negations('Decken müssen nicht gestrichen werden'), ['!decken']);
  assert.equal(negations('ceilings unnecessary'), ['!ceilings']);
  assert.equal(negations("doors don't need paint"), ['!doors']);
});

finding('leaves mentions alone when the cue is far, in another clause, hedged, or part of a phrase', () => {
  assert.equal(negations('lift'), ['lift']);
  assert.equal(negations('no, the lift works'), ['lift']);
  assert.equal(negations('nothing else but we have a lift'), ['lift']);
  assert.equal(negations('not only the ceilings'), ['ceilings']);
  assert.equal(negations("I'm not sure about the ceilings"), ['ceilings']);
  assert.equal(negations('no need at all to think about the lift'), ['lift']);
  assert.equal(negations('no rush, ceilings too'), ['no rush', 'ceilings']);
  assert.equal(negations('lift no longer works'), ['lift']);
  assert.equal(negations('lift not in use 5'), ['lift']);
});

finding('carries a negation across "or" / "nor" / "noch", but not across "and"', () => {
  assert.equal(negations('no ceilings or doors'), ['!ceilings', '!doors']);
  assert.equal(negations('neither ceilings nor doors'), ['!ceilings', '!doors']);
  assert.equal(negations('weder Decken noch Türen'), ['!decken', '!turen']);
  assert.equal(negations('no ceilings and doors'), ['!ceilings', 'doors']);
});

finding('stops looking after the mention at a quantity', () => {
  assert.equal(negations('ceilings 3 not', [1]), ['ceilings']);
  assert.equal(negations('ceilings not', []), ['!ceilings']);
});

const cues = suite('isNegationCue');

cues('knows the stems of negation cues', () => {
  for (const word of ['no', 'not', 'without', 'kein', 'keine', 'ohne', 'nicht', 'nothing']) assert.ok(isNegationCue(stem(fold(word))), word);
  for (const word of ['rush', 'yes', 'lift']) assert.not.ok(isNegationCue(stem(fold(word))), word);
});

finding.run();
cues.run();
