/** The word-level differences the supervisor's approval screen marks between original and sanitised. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { PLACEHOLDERS } from '../../functions/pages/console/redactions.ts';
import { MAX_CELLS, sideOf, tokens, wordDiff, type DiffPart } from '../../functions/pages/console/word-diff.ts';

const words = fc.array(fc.constantFrom('Jo', 'Bloggs', 'officer', 'took', 'cash', '[name removed]', ',', '.', ' ', '  ', '\n', 'I', "don't", 'PC', '07700', '900123'), {
  maxLength: 40,
});
const text = words.map((parts) => parts.join(''));

/** Any text, mixed with the service's placeholders, the words they stand for, and stray brackets. */
const textWithPlaceholders = fc
  .array(
    fc.oneof(
      fc.constantFrom(...Object.values(PLACEHOLDERS), '[name removed]', '[', ']', 'My', 'name', 'is', 'or', 'description', 'removed', 'phone', 'number', ' ', '\n', '.'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(''));

/** Where each part of one side starts and ends in that side's text. */
const boundaries = (parts: readonly DiffPart[], side: 'before' | 'after'): Set<number> => {
  const at = new Set<number>([0]);
  let offset = 0;
  for (const part of parts) {
    if (part.kind !== 'kept' && part.kind !== (side === 'before' ? 'removed' : 'added')) continue;
    offset += part.text.length;
    at.add(offset);
  }
  return at;
};

/** Each of the service's placeholders in a text, as [start, end). */
const placeholdersIn = (text: string): [number, number][] =>
  Object.values(PLACEHOLDERS).flatMap((placeholder) => {
    const found: [number, number][] = [];
    for (let at = text.indexOf(placeholder); at !== -1; at = text.indexOf(placeholder, at + 1)) found.push([at, at + placeholder.length]);
    return found;
  });

describe('the word diff', () => {
  it('marks a name replaced by a placeholder as one removal then one addition, and keeps the rest', () => {
    assert.deepEqual(wordDiff('My name is Jo Bloggs and PC Smith took cash.', 'My name is [name removed] and PC Smith took cash.'), [
      { kind: 'kept', text: 'My name is ' },
      { kind: 'removed', text: 'Jo Bloggs' },
      { kind: 'added', text: '[name removed]' },
      { kind: 'kept', text: ' and PC Smith took cash.' },
    ]);
  });

  it('marks a placeholder whole, never word by word against the words it stands for', () => {
    // Before, "name" and the spaces in the placeholder were matched with the original's: "[added: []name [added: or description removed]]".
    assert.deepEqual(wordDiff('My name is Jo Bloggs and PC Smith took cash.', '[name or description removed] and PC Smith took cash.'), [
      { kind: 'removed', text: 'My name is Jo Bloggs' },
      { kind: 'added', text: '[name or description removed]' },
      { kind: 'kept', text: ' and PC Smith took cash.' },
    ]);
    assert.deepEqual(wordDiff('I saw it. My name is Jo, call me.', 'I saw it. [name or description removed], call me.'), [
      { kind: 'kept', text: 'I saw it. ' },
      { kind: 'removed', text: 'My name is Jo' },
      { kind: 'added', text: '[name or description removed]' },
      { kind: 'kept', text: ', call me.' },
    ]);
    assert.deepEqual(tokens('at [phone number removed] or [ name ]'), ['at', ' ', '[phone number removed]', ' ', 'or', ' ', '[ name ]']);
    assert.deepEqual(tokens('[ [a]] [\nb]'), ['[', ' ', '[a]', ']', ' ', '[', '\n', 'b', ']'], 'a bracket with no partner on its line is a character');
  });

  it('gives back both texts exactly, and never cuts a placeholder, for any texts with placeholders in them', () => {
    fc.assert(
      fc.property(textWithPlaceholders, textWithPlaceholders, (before, after) => {
        const parts = wordDiff(before, after);
        assert.equal(sideOf(parts, 'before'), before);
        assert.equal(sideOf(parts, 'after'), after);
        for (const [side, whole] of [['before', before], ['after', after]] as const) {
          const cuts = boundaries(parts, side);
          for (const [start, end] of placeholdersIn(whole)) {
            for (let inside = start + 1; inside < end; inside += 1) assert.ok(!cuts.has(inside), `${JSON.stringify(whole.slice(start, end))} cut in ${JSON.stringify(parts)}`);
          }
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('marks whole words, not letters', () => {
    assert.deepEqual(wordDiff('the officer took cash', 'the officers took cash'), [
      { kind: 'kept', text: 'the ' },
      { kind: 'removed', text: 'officer' },
      { kind: 'added', text: 'officers' },
      { kind: 'kept', text: ' took cash' },
    ]);
    assert.deepEqual(tokens("don't re-use jo.bloggs@x"), ["don't", ' ', 're-use', ' ', 'jo', '.', 'bloggs', '@', 'x']);
  });

  it('says nothing changed when nothing did, and everything when both are empty or one is', () => {
    assert.deepEqual(wordDiff('same words', 'same words'), [{ kind: 'kept', text: 'same words' }]);
    assert.deepEqual(wordDiff('', ''), []);
    assert.deepEqual(wordDiff('', 'new'), [{ kind: 'added', text: 'new' }]);
    assert.deepEqual(wordDiff('old', ''), [{ kind: 'removed', text: 'old' }]);
  });

  it('gives back exactly the original from what was kept and removed, and the sanitised from what was kept and added', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        assert.equal(sideOf(parts, 'before'), before);
        assert.equal(sideOf(parts, 'after'), after);
      }),
      { numRuns: 500 },
    );
  });

  it('never has two parts of a kind in a row, nor an empty part, and puts a removal before its addition', () => {
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = wordDiff(before, after);
        for (const [i, part] of parts.entries()) {
          assert.notEqual(part.text, '');
          if (i > 0) assert.notEqual(part.kind, parts[i - 1]!.kind);
          if (part.kind === 'added' && i > 0) assert.notEqual(parts[i - 1]!.kind, 'added');
          if (part.kind === 'removed') assert.notEqual(parts[i + 1]?.kind, 'removed');
        }
        const kinds = parts.map((part) => part.kind).join(',');
        assert.doesNotMatch(kinds, /added,removed/);
      }),
      { numRuns: 500 },
    );
  });

  it('only adds, never removes, when the sanitised version is the original with words put in', () => {
    const plainWords = fc.array(fc.constantFrom('Jo', 'officer', 'took', 'cash', ',', '.', "don't"), { maxLength: 30 });
    fc.assert(
      fc.property(plainWords, fc.array(fc.tuple(fc.nat(30), fc.constantFrom('extra', '[removed]')), { maxLength: 5 }), (base, inserts) => {
        const longer: string[] = [...base];
        for (const [at, word] of inserts) longer.splice(Math.min(at, longer.length), 0, word);
        const parts = wordDiff(base.join(' '), longer.join(' '));
        assert.ok(parts.every((part) => part.kind !== 'removed'), JSON.stringify(parts));
      }),
      { numRuns: 300 },
    );
  });

  it('is identity on identical texts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (same) => {
        assert.deepEqual(wordDiff(same, same), same === '' ? [] : [{ kind: 'kept', text: same }]);
      }),
    );
  });

  it('still gives both texts exactly when they are too long to compare finely', () => {
    const side = Math.ceil(Math.sqrt(MAX_CELLS)) + 10;
    const before = Array.from({ length: side }, (_, i) => `a${i}`).join(' ');
    const after = Array.from({ length: side }, (_, i) => `b${i}`).join(' ');
    const parts = wordDiff(`same ${before} end`, `same ${after} end`);
    assert.equal(sideOf(parts, 'before'), `same ${before} end`);
    assert.equal(sideOf(parts, 'after'), `same ${after} end`);
    assert.deepEqual(parts.map((part) => part.kind), ['kept', 'removed', 'added', 'kept']);
  });
});
