/**
 * Person links as the service keeps them: when a report is routed, the match keys of the person it
 * is about are recorded (each a keyed hash; no name or number is kept for matching), and the
 * contact centre can see the other reports that may concern the same person, with their
 * references, forces and dates, and what each shares with this one.
 *
 * Candidates are found through a few of the keys only, the ones every link needs one of (a collar
 * number, the surname's sound, a first name): each is one index item in the store, so a report
 * costs one write per such key and one for its own keys, not one per key of every kind.
 */
import type { ReportRecord } from '../entities/report-record.ts';
import { TRIAGE } from '../entities/routing-decision.ts';
import type { ForceId } from '../forces.ts';
import type { IntakeMessage } from '../intake.ts';
import type { Reference } from '../reference.ts';
import type { ReportSubmission } from '../report.ts';
import { linkedGroups, type WeighedLink } from './groups.ts';
import { identifiersOf, type IdentifierKind, type LinkableReport } from './identifiers.ts';
import { matchKeysOf, type MatchKey, type MatchKeyer } from './match-keys.ts';
import { assessLink } from './scorer.ts';

/** A report's match keys as kept, with what the contact centre is shown of it. */
export interface PersonKeysEntry {
  readonly reference: Reference;
  /** The force it was routed to; none when it went to triage. */
  readonly force?: ForceId;
  /** When the service received it (ISO). */
  readonly receivedAt: string;
  readonly keys: readonly MatchKey[];
}

export interface PersonLinkStore {
  /**
   * Records a report's keys and files it under each of `filedUnder` (keys of its own); writing the
   * same entry again writes the same items.
   */
  recordKeys(entry: PersonKeysEntry, filedUnder: readonly string[]): Promise<void>;
  /**
   * The reports filed under any of these keys, but for a key with more than `atMost` reports filed
   * under it, which gives none: too common to tell anyone apart (a first name alone, nationally).
   */
  filedUnder(keys: readonly string[], atMost: number): Promise<ReadonlySet<Reference>>;
  keysOf(reference: Reference): Promise<PersonKeysEntry | undefined>;
}

/**
 * The kinds a report is filed under: every link the scorer can make shares one of them (scorer.ts).
 * A surname's sound and a first name alone find the most; the two together (with the first name,
 * or its initial) still find someone when each alone is filed for too many reports to be searched
 * by (COMMON_KEY_LIMIT): "David Smith", nationally.
 */
export const FILED_KINDS: readonly IdentifierKind[] = ['collar', 'collar-number', 'surname-sound', 'first-name', 'name-sound', 'name-sound-initial'];
/**
 * A key with more reports filed under it than this is not searched by: a first name alone, or a
 * common surname's sound, nationally, can be filed for thousands of reports, and reading each to
 * weigh it would make opening a review read without bound. Such a key still counts in weighing the
 * candidates the rarer keys find (scorer.ts); a person named by it alone is not found, which the
 * measure (npm run measure:links) would show as lost recall.
 */
export const COMMON_KEY_LIMIT = 200;

/** The kinds searched by: the filed ones, and a collar number's swaps (keyed as the number they could be). */
const SEARCHED_KINDS: readonly IdentifierKind[] = [...FILED_KINDS, 'collar-swap'];

const keysOfKinds = (keys: readonly MatchKey[], kinds: readonly IdentifierKind[]) => [...new Set(keys.filter((k) => kinds.includes(k.kind)).map((k) => k.key))];

export interface PersonLinkPorts {
  readonly keyer: MatchKeyer;
  readonly links: PersonLinkStore;
}

/**
 * Records the match keys of the person a routed report is about. Nothing is recorded, and nothing
 * keyed (no KMS request, no write), for a report that names and numbers no one.
 */
export const recordPersonKeys = async (
  ports: PersonLinkPorts,
  routed: { readonly reference: Reference; readonly report: ReportSubmission; readonly receivedAt: string; readonly force?: ForceId },
): Promise<void> => {
  const linkable: LinkableReport = { ...routed.report, ...(routed.force === undefined ? {} : { routedTo: routed.force }) };
  if (!identifiersOf(linkable).some((identifier) => FILED_KINDS.includes(identifier.kind))) return;
  const keys = await matchKeysOf(linkable, ports.keyer);
  const entry: PersonKeysEntry = { reference: routed.reference, receivedAt: routed.receivedAt, keys, ...(routed.force === undefined ? {} : { force: routed.force }) };
  await ports.links.recordKeys(entry, keysOfKinds(keys, FILED_KINDS));
};

/**
 * Files the person a contact taken in is about, once the router has recorded it: from the report
 * as the reporter gave it (the router is the one function that holds it in the clear, every
 * channel's, phone and online), under the force it is going to. Writing it again (SQS delivering
 * the contact again) writes the same items; a report that names no one is not filed.
 */
export const fileRoutedContact = (ports: PersonLinkPorts, message: IntakeMessage, routed: Pick<ReportRecord, 'routing'>): Promise<void> =>
  recordPersonKeys(ports, {
    reference: message.reference,
    report: message.report,
    receivedAt: message.receivedAt,
    ...(routed.routing.destination === TRIAGE ? {} : { force: routed.routing.destination }),
  });

/** Another report that may concern the same person, as the contact centre sees it. */
export interface PossibleLink {
  readonly reference: Reference;
  readonly force?: ForceId;
  readonly receivedAt: string;
  /** What it shares with this report ("same collar number and force"), or the report it is linked through. */
  readonly evidence: readonly string[];
  readonly through?: Reference;
}

/**
 * The other reports that may concern the same person as this one: those it shares a filed key
 * with, and those linked to it through one of them, never two reports whose names cannot be one
 * person's. Oldest first.
 */
export const reportsAboutTheSamePerson = async (ports: { readonly links: Pick<PersonLinkStore, 'keysOf' | 'filedUnder'> }, reference: Reference): Promise<PossibleLink[]> => {
  const own = await ports.links.keysOf(reference);
  if (own === undefined) return [];
  const entries = new Map<Reference, PersonKeysEntry>([[reference, own]]);
  // The reports filed under any searched key of these not searched yet, read together rather than one by one.
  const searched = new Set<string>();
  const gather = async (from: readonly PersonKeysEntry[]): Promise<PersonKeysEntry[]> => {
    const keys = [...new Set(from.flatMap((entry) => keysOfKinds(entry.keys, SEARCHED_KINDS)))].filter((key) => !searched.has(key));
    for (const key of keys) searched.add(key);
    const found = keys.length === 0 ? new Set<Reference>() : await ports.links.filedUnder(keys, COMMON_KEY_LIMIT);
    const fresh = [...found].filter((other) => !entries.has(other));
    const read = await Promise.all(fresh.map((other) => ports.links.keysOf(other)));
    const added = read.filter((entry) => entry !== undefined);
    for (const entry of added) entries.set(entry.reference, entry);
    return added;
  };
  // This report's candidates, and theirs: a link through another report is at most one step away,
  // so only the candidates that may be linked to this one are searched by again.
  const candidates = await gather([own]);
  await gather(candidates.filter((candidate) => {
    const assessment = assessLink(own.keys, candidate.keys);
    return assessment.mayConcernSamePerson || assessment.tentative;
  }));

  const all = [...entries.values()];
  const links: WeighedLink<Reference>[] = [];
  const apart: [Reference, Reference][] = [];
  const direct = new Map<Reference, readonly string[]>();
  for (let i = 0; i < all.length; i += 1) {
    for (let j = i + 1; j < all.length; j += 1) {
      const a = all[i]!;
      const b = all[j]!;
      const assessment = assessLink(a.keys, b.keys);
      if (assessment.mayConcernSamePerson || assessment.tentative) links.push({ a: a.reference, b: b.reference, score: assessment.score, tentative: assessment.tentative });
      if (assessment.keepApart) apart.push([a.reference, b.reference]);
      if (assessment.mayConcernSamePerson && (a.reference === reference || b.reference === reference)) {
        direct.set(a.reference === reference ? b.reference : a.reference, assessment.evidence);
      }
    }
  }
  const group = linkedGroups(all.map((e) => e.reference), links, apart).find((g) => g.includes(reference)) ?? [reference];
  const others = group.filter((r) => r !== reference);
  return others
    .map((other): PossibleLink => {
      const entry = entries.get(other)!;
      const shown = { reference: other, receivedAt: entry.receivedAt, ...(entry.force === undefined ? {} : { force: entry.force }) };
      const evidence = direct.get(other);
      if (evidence !== undefined) return { ...shown, evidence };
      const through = others.find((r) => direct.has(r) && assessLink(entries.get(r)!.keys, entry.keys).mayConcernSamePerson) ?? others.find((r) => direct.has(r));
      return { ...shown, evidence: ['linked through another report'], ...(through === undefined ? {} : { through }) };
    })
    .sort((x, y) => x.receivedAt.localeCompare(y.receivedAt) || x.reference.localeCompare(y.reference));
};
