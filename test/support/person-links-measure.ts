/**
 * Precision and recall of suggested links on a labelled set (test/fixtures/person-links-synthetic.ts):
 * every pair of reports is weighed by the scorer on the reports' match keys (keyed under a test
 * key with HMAC-SHA-256, as the service keys them); a pair is a true link when both reports are
 * about the same person. Recall is the share of true links suggested; precision the share of
 * suggested links that are true.
 */
import { createHmac } from 'node:crypto';
import { matchKeysOf, type MatchKey, type MatchKeyer } from '../../functions/domain/person-links/match-keys.ts';
import { assessLink } from '../../functions/domain/person-links/scorer.ts';
import { linkedGroups, type WeighedLink } from '../../functions/domain/person-links/groups.ts';
import { recordPersonKeys, reportsAboutTheSamePerson, type PersonKeysEntry, type PersonLinkStore } from '../../functions/domain/person-links/linking.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { ReportSubmission } from '../../functions/domain/report.ts';
import type { LabelledReport, SyntheticSet } from '../fixtures/person-links-synthetic.ts';

/** HMAC-SHA-256 under a fixed test key: the same keyed hash the service computes, under a key that guards nothing. */
export const testKeyer = (secret = 'person-links-test-key'): MatchKeyer => ({
  keys: async (forms) => forms.map((form) => createHmac('sha256', secret).update(form).digest('base64url')),
});

export interface PairOutcome {
  readonly a: LabelledReport;
  readonly b: LabelledReport;
  readonly score: number;
  readonly evidence: readonly string[];
}

export interface LinkMeasurement {
  readonly reports: number;
  readonly people: number;
  readonly truePairs: number;
  readonly suggested: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  readonly missed: readonly PairOutcome[];
  readonly wrong: readonly PairOutcome[];
}

/**
 * Measures suggested links: `direct` counts only pairs the scorer links; `through others` also
 * counts pairs joined through other reports (the groups of linkedGroups), as the service shows them.
 */
export const measureLinks = async (set: SyntheticSet, how: 'direct' | 'through others' = 'through others', keyer: MatchKeyer = testKeyer()): Promise<LinkMeasurement> => {
  const keyed: { report: LabelledReport; keys: MatchKey[] }[] = [];
  for (const report of set.reports) keyed.push({ report, keys: await matchKeysOf(report.report, keyer) });
  const assessed = new Map<string, ReturnType<typeof assessLink>>();
  const links: WeighedLink<string>[] = [];
  const apart: [string, string][] = [];
  for (let i = 0; i < keyed.length; i += 1) {
    for (let j = i + 1; j < keyed.length; j += 1) {
      const assessment = assessLink(keyed[i]!.keys, keyed[j]!.keys);
      assessed.set(`${keyed[i]!.report.id} ${keyed[j]!.report.id}`, assessment);
      if (assessment.mayConcernSamePerson || assessment.tentative) {
        links.push({ a: keyed[i]!.report.id, b: keyed[j]!.report.id, score: assessment.score, tentative: assessment.tentative });
      }
      if (assessment.keepApart) apart.push([keyed[i]!.report.id, keyed[j]!.report.id]);
    }
  }
  const groupOf = new Map<string, number>();
  linkedGroups(keyed.map((k) => k.report.id), links, apart).forEach((group, index) => group.forEach((id) => groupOf.set(id, index)));
  return tally(set, (a, b) => {
    const { score, evidence, mayConcernSamePerson: direct } = assessed.get(`${a.id} ${b.id}`)!;
    return { linked: how === 'direct' ? direct : groupOf.get(a.id) === groupOf.get(b.id), score, evidence };
  });
};

/** Counts every pair of a set's reports: how many concern one person, how many are linked, and which are missed or wrong. */
const tally = (set: SyntheticSet, outcome: (a: LabelledReport, b: LabelledReport) => { linked: boolean; score: number; evidence: readonly string[] }): LinkMeasurement => {
  let truePairs = 0;
  let suggested = 0;
  let correct = 0;
  const missed: PairOutcome[] = [];
  const wrong: PairOutcome[] = [];
  for (let i = 0; i < set.reports.length; i += 1) {
    for (let j = i + 1; j < set.reports.length; j += 1) {
      const a = set.reports[i]!;
      const b = set.reports[j]!;
      const same = a.person === b.person;
      const { linked, score, evidence } = outcome(a, b);
      if (same) truePairs += 1;
      if (linked) suggested += 1;
      if (same && linked) correct += 1;
      if (same && !linked) missed.push({ a, b, score, evidence });
      if (!same && linked) wrong.push({ a, b, score, evidence });
    }
  }
  return {
    reports: set.reports.length,
    people: new Set(set.reports.map((r) => r.person)).size,
    truePairs,
    suggested,
    correct,
    precision: suggested === 0 ? 1 : correct / suggested,
    recall: truePairs === 0 ? 1 : correct / truePairs,
    missed,
    wrong,
  };
};

export const LINK_FLOORS = { recall: 0.9, precision: 0.8 } as const;

/** Several sets measured as one: pairs are counted within each set (a report is never paired with another set's). */
export const pooled = (measurements: readonly LinkMeasurement[]): LinkMeasurement => {
  const sum = (pick: (m: LinkMeasurement) => number) => measurements.reduce((total, m) => total + pick(m), 0);
  const truePairs = sum((m) => m.truePairs);
  const suggested = sum((m) => m.suggested);
  const correct = sum((m) => m.correct);
  return {
    reports: sum((m) => m.reports),
    people: sum((m) => m.people),
    truePairs,
    suggested,
    correct,
    precision: suggested === 0 ? 1 : correct / suggested,
    recall: truePairs === 0 ? 1 : correct / truePairs,
    missed: measurements.flatMap((m) => m.missed),
    wrong: measurements.flatMap((m) => m.wrong),
  };
};

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

export const formatMeasurement = (name: string, m: LinkMeasurement): string =>
  `${name.padEnd(34)} ${String(m.reports).padStart(7)} ${String(m.people).padStart(6)} ${String(m.truePairs).padStart(10)} ${String(m.suggested).padStart(9)} ${String(m.correct).padStart(7)} ${percent(m.precision).padStart(9)} ${percent(m.recall).padStart(7)}`;

export const MEASUREMENT_HEADER = `${'set'.padEnd(34)} ${'reports'.padStart(7)} ${'people'.padStart(6)} ${'true pairs'.padStart(10)} ${'suggested'.padStart(9)} ${'correct'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}`;

/** A PersonLinkStore in memory: what the DynamoDB adapter keeps, as maps. */
export const memoryPersonLinkStore = (): PersonLinkStore & { readonly entries: Map<Reference, PersonKeysEntry> } => {
  const entries = new Map<Reference, PersonKeysEntry>();
  const filed = new Map<string, Set<Reference>>();
  return {
    entries,
    recordKeys: async (entry, under) => {
      entries.set(entry.reference, entry);
      for (const key of under) (filed.get(key) ?? filed.set(key, new Set()).get(key)!).add(entry.reference);
    },
    filedUnder: async (keys, atMost) => new Set(keys.flatMap((key) => ((filed.get(key)?.size ?? 0) > atMost ? [] : [...(filed.get(key) ?? [])]))),
    keysOf: async (reference) => entries.get(reference),
  };
};

/**
 * Measures what the service shows: each report recorded as the router records it, and for each,
 * the reports reportsAboutTheSamePerson finds (candidates through the filed keys only, links
 * through others at most one step away). A pair is suggested when either report shows the other.
 */
export const measureAsStored = async (set: SyntheticSet, keyer: MatchKeyer = testKeyer()): Promise<LinkMeasurement> => {
  const links = memoryPersonLinkStore();
  for (const labelled of set.reports) {
    const { routedTo, ...report } = labelled.report;
    await recordPersonKeys(
      { keyer, links },
      { reference: labelled.id as Reference, report: { categories: ['bribery'], reporter: { mode: 'anonymous' }, ...report } as ReportSubmission, receivedAt: `${labelled.year}-01-01T00:00:00Z`, ...(routedTo === undefined ? {} : { force: routedTo }) },
    );
  }
  const shown = new Set<string>();
  for (const labelled of set.reports) {
    for (const other of await reportsAboutTheSamePerson({ links }, labelled.id as Reference)) shown.add([labelled.id, other.reference].sort().join(' '));
  }
  return tally(set, (a, b) => ({ linked: shown.has([a.id, b.id].sort().join(' ')), score: 0, evidence: [] }));
};
