/**
 * The router folds every report's text with only the confusable skeletons that can change a folded
 * word (functions/domain/confusable-skeletons.generated.ts, 608 of TR39's 6,294 characters, issue 13):
 * the module must be what its script writes from the installed package, and folding with it must
 * give what folding with the full table gives, for every character of the full table, alone and
 * among others.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { foldForMatching } from '../../functions/domain/protected-units.ts';
import { FULL_TABLE, GENERATED_MODULE, generatedModule, skeletonsThatMatter } from '../../scripts/build-confusable-skeletons.ts';

/** protected-units.ts's folding, word by word, with the full table: the oracle. */
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0]/gu;
const foldWithFullTable = (text: string): string => {
  const words = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(INVISIBLE, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[.'’`´]/g, '')
    .split(/[\s\p{P}\p{S}\p{Z}]+/u)
    .filter((word) => word !== '');
  const skeletons = words.map((word) => {
    let skeleton = '';
    for (const character of word) skeleton += FULL_TABLE[character] ?? character;
    return skeleton.normalize('NFKC').toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, '');
  });
  return ` ${skeletons.filter((word) => word !== '').join(' ')} `;
};

const characters = Object.keys(FULL_TABLE);

describe('confusable skeletons', () => {
  it('the generated module is what scripts/build-confusable-skeletons.ts writes from the installed package', () => {
    assert.equal(readFileSync(GENERATED_MODULE, 'utf8'), generatedModule(skeletonsThatMatter(FULL_TABLE)));
  });

  it('the oracle is the folding protected-units.ts does: a Cyrillic о and a full-width PSD fold to plain letters', () => {
    for (const text of ['Chief Cоnstable', 'ＰＳＤ', 'D.C.C.', 'the C0unter Corruption Unit']) assert.equal(foldForMatching(text), foldWithFullTable(text));
    assert.equal(foldForMatching('Chief Cоnstable'), ' chief constable ');
  });

  it('folds every character of the full table as the full table does, alone, inside a word and beside a capital', () => {
    for (const character of characters) {
      for (const text of [character, `a${character}b`, `${character}${character}`, `X${character}`, `${character}\u0301`, `chief ${character}onstable`]) {
        assert.equal(foldForMatching(text), foldWithFullTable(text), `folding ${JSON.stringify(text)} (U+${character.codePointAt(0)!.toString(16)})`);
      }
    }
  });

  it('folds any mix of the table, ASCII, accents, marks and punctuation as the full table does', () => {
    const piece = fc.oneof(
      fc.constantFrom(...characters),
      fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,\'-'),
      fc.constantFrom('\u0301', '\u0308', '\u200d', '\u00ad', 'é', 'İ', 'ß', 'ﬁ', 'Ⅻ', '①', 'ǅ', 'ς', 'Σ'),
      fc.string({ unit: 'grapheme', maxLength: 2 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        assert.equal(foldForMatching(text), foldWithFullTable(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
