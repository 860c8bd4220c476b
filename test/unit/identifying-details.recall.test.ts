/**
 * The analyst's safety net, held to its floors: on the labelled corpora, at least 95% of each kind
 * of e-mail, phone, postcode, address and self-identification found, and at most 5% of decoy
 * narratives flagged at all. Each corpus is held to the floors on its own: the one written beside
 * the detector, and two written by people who had read neither the detector nor the corpora before
 * theirs, so a pattern tuned to one corpus cannot pass on it alone.
 * `npm run measure:flags -- --misses` prints the table and what was missed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findIdentifyingDetails } from '../../functions/domain/identifying-details.ts';
import { corpus } from '../fixtures/identifying-details-corpus.ts';
import { blind } from '../fixtures/identifying-details-blind.ts';
import { holdout } from '../fixtures/identifying-details-holdout.ts';
import { corpusProblems, floorsMissed, formatTable, measure } from '../support/identifying-details-measure.ts';

describe('how much of what identifies a reporter the flags find', () => {
  for (const [name, narratives, least] of [
    ['the corpus written beside the detector', corpus, { narratives: 300, decoys: 50 }],
    ['the second corpus, written blind to the detector', holdout, { narratives: 150, decoys: 30 }],
    ['the third corpus, written blind to the detector and the other two', blind, { narratives: 150, decoys: 30 }],
  ] as const) {
    it(`meets every floor on ${name}`, () => {
      assert.deepEqual(corpusProblems(narratives), [], 'every label can be found in its narrative');
      const decoys = narratives.filter((n) => n.expect.length === 0).length;
      assert.ok(narratives.length >= least.narratives, `at least ${least.narratives} narratives, not ${narratives.length}`);
      assert.ok(decoys >= least.decoys, `at least ${least.decoys} decoys, not ${decoys}`);
      const measurement = measure(findIdentifyingDetails, narratives);
      assert.deepEqual(floorsMissed(measurement), [], formatTable(measurement));
    });
  }

  it('counts a label as missed when the highlight leaves part of it showing or is of another kind', () => {
    const text = 'Ring 07700 900123 ext. 214 or write to 3 Mill Lane.';
    const narrative = { text, expect: [{ kind: 'phone' as const, contains: '07700 900123 ext. 214' }, { kind: 'address' as const, contains: '3 Mill Lane' }] };
    const partly = measure(() => [{ kind: 'phone', start: 5, end: 17 }, { kind: 'self_identification', start: 39, end: 50 }], [narrative]);
    assert.deepEqual(partly.misses.map((m) => m.kind), ['phone', 'address']);
    const wholly = measure(() => [{ kind: 'phone', start: 0, end: 26 }, { kind: 'address', start: 30, end: 50 }], [narrative]);
    assert.deepEqual(wholly.misses, []);
  });

  it('counts a decoy as flagged when anything in it is highlighted', () => {
    const m = measure(() => [{ kind: 'phone', start: 0, end: 2 }], [{ text: 'PC 4471 took £200.', expect: [] }]);
    assert.equal(m.decoys.flagged, 1);
    assert.ok(floorsMissed(m).some((line) => line.startsWith('decoys')));
  });
});
