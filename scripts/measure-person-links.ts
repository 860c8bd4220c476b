/**
 * How well reports about the same person are linked: precision and recall of the suggested links
 * (pairs of reports shown as possibly about the same person, directly or through other reports)
 * on the labelled synthetic sets (test/fixtures/person-links-synthetic.ts): the development half
 * the weights were tuned on and the held-out half, generated from other seeds, which
 * test/unit/person-links.quality.test.ts floors (recall at least 90%, precision at least 80%).
 * Each half is six sets of 60 people and 200 or more reports; pairs are counted within a set.
 * Exits 1 when the held-out half misses a floor.
 *
 *   npm run measure:links [-- --misses]
 *
 * --misses lists the development half's missed and wrong pairs, with what each pair shares.
 */
import { DEVELOPMENT_SEEDS, HELD_OUT_SEEDS, syntheticSet, type LabelledReport } from '../test/fixtures/person-links-synthetic.ts';
import { formatMeasurement, LINK_FLOORS, MEASUREMENT_HEADER, measureAsStored, measureLinks, pooled, type LinkMeasurement, type PairOutcome } from '../test/support/person-links-measure.ts';

const started = performance.now();
const measureAll = async (seeds: readonly number[], how: 'direct' | 'through others' | 'as stored') => {
  const each: [number, LinkMeasurement][] = [];
  for (const seed of seeds) each.push([seed, how === 'as stored' ? await measureAsStored(syntheticSet(seed)) : await measureLinks(syntheticSet(seed), how)]);
  return { each, all: pooled(each.map(([, m]) => m)) };
};
const development = await measureAll(DEVELOPMENT_SEEDS, 'through others');
const heldOut = await measureAll(HELD_OUT_SEEDS, 'through others');
const developmentDirect = await measureAll(DEVELOPMENT_SEEDS, 'direct');
const heldOutDirect = await measureAll(HELD_OUT_SEEDS, 'direct');
const developmentStored = await measureAll(DEVELOPMENT_SEEDS, 'as stored');
const heldOutStored = await measureAll(HELD_OUT_SEEDS, 'as stored');
const elapsed = performance.now() - started;

const table = (title: string, halves: readonly (readonly [string, Awaited<ReturnType<typeof measureAll>>])[], detail: boolean) => {
  console.log(`\n${title}`);
  console.log(MEASUREMENT_HEADER);
  for (const [name, half] of halves) {
    console.log(formatMeasurement(name, half.all));
    if (detail) for (const [seed, m] of half.each) console.log(formatMeasurement(`  seed ${seed}`, m));
  }
};
console.log('Links between reports about the same person: pairs of reports suggested as possibly about one person');
table(
  'As the service shows them (linked directly or through other reports)',
  [
    ['development half (tuned on)', development],
    ['held-out half (floored)', heldOut],
  ],
  true,
);
table(
  'Linked directly only (pairs the scorer links, not through other reports)',
  [
    ['development half', developmentDirect],
    ['held-out half', heldOutDirect],
  ],
  false,
);
table(
  'As the staff API shows them from the stored keys (candidates through a collar number, surname sound, first name, or the two together; through others one step away)',
  [
    ['development half', developmentStored],
    ['held-out half', heldOutStored],
  ],
  false,
);
console.log(`\n(${development.all.reports + heldOut.all.reports} reports keyed three times and every pair in each set weighed in ${(elapsed / 1000).toFixed(1)} s)`);

if (process.argv.includes('--misses')) {
  const show = (r: LabelledReport) => `${r.id} ${r.person} ${JSON.stringify({ ...r.report.subject, reportForce: r.report.force, routedTo: r.report.routedTo })} ${JSON.stringify(r.report.narrative.slice(0, 60))}`;
  const line = (p: PairOutcome) => `  score ${p.score} [${p.evidence.join(', ')}]\n    ${show(p.a)}\n    ${show(p.b)}`;
  console.log(`\ndevelopment, missed (${development.all.missed.length}):`);
  for (const pair of development.all.missed) console.log(line(pair));
  console.log(`\ndevelopment, wrong (${development.all.wrong.length}):`);
  for (const pair of development.all.wrong) console.log(line(pair));
}

const short = [
  heldOut.all.recall < LINK_FLOORS.recall && `held-out recall ${(heldOut.all.recall * 100).toFixed(1)}% is below ${LINK_FLOORS.recall * 100}%`,
  heldOut.all.precision < LINK_FLOORS.precision && `held-out precision ${(heldOut.all.precision * 100).toFixed(1)}% is below ${LINK_FLOORS.precision * 100}%`,
].filter((line) => line !== false);
if (short.length > 0) {
  console.error(`\nFloors missed:\n  ${short.join('\n  ')}`);
  process.exit(1);
}
