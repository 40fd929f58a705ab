import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { FieldConfig } from '../../pricing/service-schema.ts';
import { compilePhrases, matchPhrases, type PhraseIndex } from './phrases.ts';
import { fold, tokenize } from './text.ts';

const fields: FieldConfig[] = [
  { key: 'rooms', type: 'number', label: 'Rooms', aliases: ['bedroom'] },
  { key: 'floor', type: 'number', label: 'Floor number' },
  { key: 'panes', type: 'number', label: 'Panes', unit: 'windows' },
  { key: 'size', type: 'select', label: 'Room size', options: [
    { value: 'small', label: 'Small', aliases: ['box room'] },
    { value: '2', label: 'Two-storey' },
  ] },
  { key: 'lift', type: 'boolean', label: 'Lift', aliases: ['elevator', 'small'] },
  { key: 'notes', type: 'text', label: 'Notes' },
];
const compiled = compilePhrases(fields);

/** Matches as "start-end:kind/field[/option]" over the text's tokens (hyphens left out). */
const matches = (index: PhraseIndex, text: string): string[] => {
  const tokens = tokenize(fold(text));
  const stream = tokens.flatMap((token, i) => (token.text === '-' ? [] : [i]));
  return matchPhrases(tokens, stream, index).map(
    (m) => `${m.start}-${m.end}:${m.targets.map((t) => `${t.kind}/${t.field}${t.kind === 'option' ? `/${t.option}` : ''}`).join('+')}`,
  );
};

const compiling = suite('compilePhrases');

compiling('names number fields by key, label, aliases and an unknown unit word', () => {
  assert.equal(matches(compiled.names, 'rooms bedrooms windows'), ['0-1:name/0', '1-2:name/0', '2-3:name/2']);
});

compiling('gives a floor field the words for a storey in English and German', () => {
  assert.equal(compiled.floorLike, [false, true, false, false, false, false]);
  assert.equal(matches(compiled.names, 'storey Stock Etage OG'), ['0-1:name/1', '1-2:name/1', '2-3:name/1', '3-4:name/1']);
});

compiling('keeps each option\'s phrases, skipping option values that are only digits', () => {
  assert.equal(compiled.optionPhrases[3], [[['small'], ['small'], ['box', 'room']], [['two', 'storey']]]);
  assert.equal(matches(compiled.choices, '2'), []);
});

compiling('gives text fields no phrases at all', () => {
  assert.equal(matches(compiled.choices, 'notes'), []);
  assert.equal(matches(compiled.names, 'notes'), []);
});

const matching = suite('matchPhrases');

matching('lets the longest phrase win an overlap', () => {
  assert.equal(matches(compiled.choices, 'a box room'), ['1-3:option/3/0']);
  assert.equal(matches(compiled.choices, 'room size small'), ['0-2:topic/3', '2-3:option/3/0+flag/4']);
});

matching('merges phrases of the same span into one match with several targets', () => {
  const [match] = matchPhrases(tokenize('small'), [0], compiled.choices);
  assert.equal(match?.targets, [{ kind: 'option', field: 3, option: 0 }, { kind: 'flag', field: 4 }]);
});

matching('matches across hyphens and plural endings', () => {
  assert.equal(matches(compiled.choices, 'two-storey, box-rooms, elevators'), ['0-3:option/3/1', '4-7:option/3/0', '8-9:flag/4']);
});

matching('does not match a phrase cut by punctuation', () => {
  assert.equal(matches(compiled.choices, 'box, room'), []);
});

compiling.run();
matching.run();
