/**
 * The contact centre's word on the links the service suggests (linking.ts): an analyst confirms
 * that two reports concern the same person, or rejects the suggestion. Either is kept for each of
 * the two reports (its own item, so that each report's review shows it) and audited on both, with
 * who decided. A confirmed link is shown as such from then on; a rejected one is never suggested
 * again. A later decision on the same two reports replaces the earlier one, and is audited too.
 *
 * Only a link the service suggests, or one decided before, can be decided: staff do not link two
 * reports the keys do not connect. Nothing here is ever shown to a force (the force API's trail
 * shows only the events listed in force-facing.ts).
 */
import { auditEvent, type AuditEvent } from '../audit.ts';
import type { ReportRecord } from '../entities/report-record.ts';
import { TRIAGE } from '../entities/routing-decision.ts';
import { done, refused, type NotFound, type StepResult } from '../entities/step-result.ts';
import type { ForceId } from '../forces.ts';
import type { ReportStore } from '../ports.ts';
import type { Reference } from '../reference.ts';
import type { LinkDecisionKind } from './link-decision.ts';
import { reportsAboutTheSamePerson, type PersonLinkStore, type PossibleLink } from './linking.ts';

export { LINK_DECISIONS, type LinkDecisionKind } from './link-decision.ts';

/** A decided link as kept for one of its reports: the other report, as the contact centre is shown it. */
export interface LinkDecision {
  readonly reference: Reference;
  readonly other: Reference;
  /** The force the other report was going to when the link was decided; none while it was in triage. */
  readonly otherForce?: ForceId;
  readonly otherReceivedAt: string;
  readonly decision: LinkDecisionKind;
  readonly by: string;
  readonly at: string;
}

export interface PersonLinkDecisions {
  /** The links decided for a report, in no particular order. */
  decisionsFor(reference: Reference): Promise<LinkDecision[]>;
  /**
   * Keeps the decision for each of its two reports, replacing any earlier decision on the same
   * two, and appends each report's audit event, all or nothing.
   */
  recordDecision(both: readonly [LinkDecision, LinkDecision], events: readonly { readonly reference: Reference; readonly event: AuditEvent }[]): Promise<void>;
}

export interface LinkPorts {
  readonly reports: Pick<ReportStore, 'find'>;
  readonly links: Pick<PersonLinkStore, 'keysOf' | 'filedUnder'> & PersonLinkDecisions;
}

/** What the contact centre sees of the reports that may concern the same person as one. */
export interface PersonLinks {
  /** Suggested by the keys and not yet decided, oldest first. */
  readonly suggested: readonly PossibleLink[];
  /** Confirmed by an analyst, oldest first. */
  readonly confirmed: readonly LinkDecision[];
}

/**
 * The report whose keys stand for this one: a report split from a contact was filed as the
 * contact (the router filed what the reporter wrote, once).
 */
const filedAs = (record: Pick<ReportRecord, 'reference' | 'splitFrom'>): Reference => record.splitFrom ?? record.reference;

const suggestionsFor = async (ports: Pick<LinkPorts, 'links'>, record: Pick<ReportRecord, 'reference' | 'splitFrom'>) =>
  (await reportsAboutTheSamePerson(ports, filedAs(record))).filter((link) => link.reference !== record.reference);

/** The links suggested for a report and not yet decided, and those confirmed. */
export const personLinksOf = async (ports: Pick<LinkPorts, 'links'>, record: Pick<ReportRecord, 'reference' | 'splitFrom'>): Promise<PersonLinks> => {
  const [possible, decisions] = await Promise.all([suggestionsFor(ports, record), ports.links.decisionsFor(record.reference)]);
  const decided = new Set(decisions.map((decision) => decision.other));
  return {
    suggested: possible.filter((link) => !decided.has(link.reference)),
    confirmed: decisions
      .filter((decision) => decision.decision === 'confirmed')
      .sort((x, y) => x.otherReceivedAt.localeCompare(y.otherReceivedAt) || x.other.localeCompare(y.other)),
  };
};

export type LinkRefusal =
  | { readonly kind: 'same-report' }
  /** The service does not suggest this link, and nobody decided it before. */
  | { readonly kind: 'not-suggested' };

export type LinkOutcome = StepResult<LinkDecision, LinkRefusal | NotFound>;

const forceOf = (record: ReportRecord): ForceId | undefined => (record.routing.destination === TRIAGE ? undefined : record.routing.destination);

const keptFor = (record: ReportRecord, other: ReportRecord, decision: LinkDecisionKind, by: string, at: string): LinkDecision => {
  const force = forceOf(other);
  return { reference: record.reference, other: other.reference, ...(force === undefined ? {} : { otherForce: force }), otherReceivedAt: other.receivedAt, decision, by, at };
};

/** An analyst confirms or rejects a suggested link between two reports: kept for both, audited on both. */
export const decidePersonLink = async (
  ports: LinkPorts,
  reference: Reference,
  other: Reference,
  decision: LinkDecisionKind,
  by: string,
  at: Date,
): Promise<LinkOutcome> => {
  if (reference === other) return refused({ kind: 'same-report' });
  const [record, otherRecord] = await Promise.all([ports.reports.find(reference), ports.reports.find(other)]);
  if (record === undefined || otherRecord === undefined) return refused({ kind: 'not-found' });
  const [possible, decisions] = await Promise.all([suggestionsFor(ports, record), ports.links.decisionsFor(reference)]);
  if (!possible.some((link) => link.reference === other) && !decisions.some((d) => d.other === other)) return refused({ kind: 'not-suggested' });
  const when = at.toISOString();
  const type = decision === 'confirmed' ? 'person_link_confirmed' : 'person_link_rejected';
  const kept = keptFor(record, otherRecord, decision, by, when);
  await ports.links.recordDecision(
    [kept, keptFor(otherRecord, record, decision, by, when)],
    [
      { reference, event: auditEvent(type, when, { other }, by) },
      { reference: other, event: auditEvent(type, when, { other: reference }, by) },
    ],
  );
  return done(kept);
};
