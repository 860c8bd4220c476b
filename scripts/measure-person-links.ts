/**
 * How well reports about the same person are linked: precision and recall of the suggested links
 * (pairs of reports the scorer says may concern the same person) on the labelled synthetic sets
 * (test/fixtures/person-links-synthetic.ts), the development set the weights were tuned on and
 * the held-out set generated from another seed, which test/unit/person-links.quality.test.ts floors
 * (recall at least 90%, precision at least 80%). Exits 1 when the held-out set misses a floor.
 *
 *   npm run measure:links [-- --misses]
 *
 * --misses lists the development set's missed and wrong links, with what each pair shares.
 */
import { DEVELOPMENT_SEED, HELD_OUT_SEED, syntheticSet, type LabelledReport } from '../test/fixtures/person-links-synthetic.ts';
import { formatMeasurement, LINK_FLOORS, MEASUREMENT_HEADER, measureLinks, type PairOutcome } from '../test/support/person-links-measure.ts';

const started = performance.now();
const development = await measureLinks(syntheticSet(DEVELOPMENT_SEED));
const heldOut = await measureLinks(syntheticSet(HELD_OUT_SEED));
const developmentDirect = await measureLinks(syntheticSet(DEVELOPMENT_SEED), 'direct');
const heldOutDirect = await measureLinks(syntheticSet(HELD_OUT_SEED), 'direct');
const elapsed = performance.now() - started;

console.log('Suggested links between reports about the same person (pairs of reports, linked directly or through other reports)');
console.log(MEASUREMENT_HEADER);
console.log(formatMeasurement(`development (seed ${DEVELOPMENT_SEED})`, development));
console.log(formatMeasurement(`held out (seed ${HELD_OUT_SEED})`, heldOut));
console.log('\nLinked directly only (a pair the scorer links, not through other reports)');
console.log(MEASUREMENT_HEADER);
console.log(formatMeasurement(`development (seed ${DEVELOPMENT_SEED})`, developmentDirect));
console.log(formatMeasurement(`held out (seed ${HELD_OUT_SEED})`, heldOutDirect));
console.log(`\n(${development.reports + heldOut.reports} reports keyed and every pair in each set weighed in ${elapsed.toFixed(0)} ms)`);

if (process.argv.includes('--misses')) {
  const show = (r: LabelledReport) => `${r.id} ${r.person} ${JSON.stringify({ ...r.report.subject, reportForce: r.report.force })} ${JSON.stringify(r.report.narrative.slice(0, 60))}`;
  const line = (p: PairOutcome) => `  score ${p.score} [${p.evidence.join(', ')}]\n    ${show(p.a)}\n    ${show(p.b)}`;
  console.log(`\ndevelopment, missed (${development.missed.length}):`);
  for (const pair of development.missed) console.log(line(pair));
  console.log(`\ndevelopment, wrong (${development.wrong.length}):`);
  for (const pair of development.wrong) console.log(line(pair));
}

const short = [
  heldOut.recall < LINK_FLOORS.recall && `held-out recall ${(heldOut.recall * 100).toFixed(1)}% is below ${LINK_FLOORS.recall * 100}%`,
  heldOut.precision < LINK_FLOORS.precision && `held-out precision ${(heldOut.precision * 100).toFixed(1)}% is below ${LINK_FLOORS.precision * 100}%`,
].filter((line) => line !== false);
if (short.length > 0) {
  console.error(`\nFloors missed:\n  ${short.join('\n  ')}`);
  process.exit(1);
}
