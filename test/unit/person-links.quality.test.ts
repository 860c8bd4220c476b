/**
 * Links between reports about the same person, held to their floors: on the held-out half of the
 * labelled synthetic sets (six sets of 60 people, generated from seeds the scorer was not tuned
 * on), at least 90% of the pairs of reports about one person are suggested (recall), and at least
 * 80% of the pairs suggested are about one person (precision), counting pairs linked directly or
 * through other reports, as the service shows them. `npm run measure:links` prints both halves.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEVELOPMENT_SEEDS, HELD_OUT_SEEDS, syntheticSet } from '../fixtures/person-links-synthetic.ts';
import { LINK_FLOORS, measureAsStored, measureLinks, pooled, type LinkMeasurement } from '../support/person-links-measure.ts';

describe('how well reports about the same person are linked', () => {
  const meetsFloors = (all: LinkMeasurement) => {
    const figures = `precision ${(all.precision * 100).toFixed(1)}%, recall ${(all.recall * 100).toFixed(1)}% over ${all.truePairs} same-person pairs`;
    assert.ok(all.recall >= LINK_FLOORS.recall, `recall below ${LINK_FLOORS.recall * 100}%: ${figures}`);
    assert.ok(all.precision >= LINK_FLOORS.precision, `precision below ${LINK_FLOORS.precision * 100}%: ${figures}`);
  };

  it('meets the floors on the held-out half', async () => {
    const measurements = [];
    for (const seed of HELD_OUT_SEEDS) measurements.push(await measureLinks(syntheticSet(seed)));
    meetsFloors(pooled(measurements));
  });

  it('meets the floors on the held-out half as the staff API shows links, from the stored keys', async () => {
    const measurements = [];
    for (const seed of HELD_OUT_SEEDS) measurements.push(await measureAsStored(syntheticSet(seed)));
    meetsFloors(pooled(measurements));
  });

  it('measures on sets of at least 200 reports about 60 people, the same for the same seed', () => {
    for (const seed of [...DEVELOPMENT_SEEDS, ...HELD_OUT_SEEDS]) {
      const set = syntheticSet(seed);
      assert.ok(set.reports.length >= 200, `seed ${seed}: ${set.reports.length} reports`);
      assert.equal(new Set(set.reports.map((r) => r.person)).size, 60, `seed ${seed}: 60 people`);
    }
    assert.deepEqual(syntheticSet(HELD_OUT_SEEDS[0]), syntheticSet(HELD_OUT_SEEDS[0]));
    assert.ok(!HELD_OUT_SEEDS.some((seed) => (DEVELOPMENT_SEEDS as readonly number[]).includes(seed)), 'the halves share no seed');
  });

  it('holds the hard cases the sets are meant to hold', () => {
    const reports = DEVELOPMENT_SEEDS.flatMap((seed) => syntheticSet(seed).reports);
    const surnamesOf = new Map<string, Set<string>>();
    for (const { person, report } of reports) {
      const surname = report.subject?.name?.split(/[\s,]+/).at(-1)?.toLowerCase();
      if (surname !== undefined) (surnamesOf.get(surname) ?? surnamesOf.set(surname, new Set()).get(surname)!).add(person);
    }
    assert.ok([...surnamesOf.values()].some((people) => people.size > 1), 'different people with one surname');
    assert.ok(reports.some(({ report }) => report.subject?.name === undefined && /\b(PC|DC|DS|Sgt)\b/i.test(report.narrative)), 'names and numbers in the narrative only');
    assert.ok(reports.some(({ report }) => /^[A-Z]{2,3} ?\d/.test(report.subject?.collarNumber ?? '')), 'collar numbers with a force prefix');
    assert.ok(reports.some(({ report }) => /^0\d/.test(report.subject?.collarNumber ?? '')), 'collar numbers with a leading zero');
  });

  it('fails a matcher that links everything', async () => {
    const everything = await measureLinks(syntheticSet(HELD_OUT_SEEDS[0]), 'direct', { keys: async (forms) => forms.map(() => 'the same') });
    assert.ok(everything.suggested > everything.truePairs * 10, `${everything.suggested} suggested`);
    assert.ok(everything.precision < LINK_FLOORS.precision, `precision ${everything.precision}`);
  });
});
