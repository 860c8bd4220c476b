/**
 * The contact centre's review: every contact, phone or online, waits here with its proposed force
 * until an analyst has sanitised it so that it cannot identify the reporter and a supervisor, never
 * the analyst who sanitised it, approves it. Or the contact centre closes it, with a reason.
 *
 * Each step is a pure decision: it returns the report as it becomes, the audit event that records
 * the step, and the counters it moves, or the reason it is refused.
 */
import { auditEvent, type AuditEvent } from './audit.ts';
import type { DisseminableContent } from './disseminable-content.ts';
import { findForce, type Force } from './forces.ts';
import type { OriginalsVault, ReportStore } from './ports.ts';
import { contactSchema, reportSubmissionSchema, withContactDetails, type ReportSubmission } from './report.ts';
import { newReference, type Reference } from './reference.ts';
import type { ReportRecord, ReportStatus } from './entities/report-record.ts';
import type { ReportChange } from './entities/report-change.ts';
import type { SplitChange } from './entities/split-change.ts';
import type { ClosureReason } from './review-state.ts';
import { mayReach } from './routing.ts';
import { TRIAGE } from './entities/routing-decision.ts';
import { closureCounted } from './statistics.ts';
import type { CounterIncrement } from './entities/counters.ts';
import { done, refused, type NotFound, type StepResult } from './entities/step-result.ts';
import { foreignReferencesIn } from './person-links/held-reports-content.ts';

export type ReviewRefusal =
  | { readonly kind: 'not-awaiting-review'; readonly status: ReportStatus }
  | { readonly kind: 'not-sanitised' }
  | { readonly kind: 'no-force-chosen' }
  | { readonly kind: 'own-sanitisation' }
  /** The approver changed what the force will receive or where it goes. */
  | { readonly kind: 'own-change' }
  | { readonly kind: 'no-closure-proposed' }
  | { readonly kind: 'own-proposal' }
  /** The report speaks of the force's own professional standards or chief officers. */
  | { readonly kind: 'protected-unit'; readonly force: string }
  | { readonly kind: 'unknown-force'; readonly typed: string }
  | { readonly kind: 'same-force-twice'; readonly force: string }
  /** What the force would receive names a report reference, or a force reference that is not the force's own. */
  | { readonly kind: 'foreign-reference'; readonly references: readonly string[] }
  /** No confirmed link to a report the force holds (person-links/held-reports.ts). */
  | { readonly kind: 'no-held-reports' };

/** A review step decided: the change to record, or why not. */
export type ReviewResult = StepResult<ReportChange, ReviewRefusal>;

/** A review step taken: the report as it now stands, or why not. */
export type ReviewOutcome = StepResult<ReportRecord, ReviewRefusal | NotFound>;

const changed = (
  before: ReportRecord,
  after: Omit<ReportRecord, 'version'>,
  event: AuditEvent,
  counters: readonly CounterIncrement[] = [],
): ReviewResult => done({ record: { ...after, version: before.version + 1 }, event, counters });

const notAwaitingReview = (record: ReportRecord): ReviewResult | undefined =>
  record.status === 'awaiting_review' ? undefined : refused({ kind: 'not-awaiting-review', status: record.status });

/** Everyone who has changed what the force will receive or where it goes, with `by` added. */
const changedBy = (record: ReportRecord, by: string): readonly string[] => [...new Set([...(record.review?.changedBy ?? []), by])];

/** Refused when the report may not reach the force: it speaks of that force's protected units. */
const protectedFrom = (record: ReportRecord, force: Force, content = record.review?.sanitised?.content): ReviewRefusal | undefined =>
  mayReach(record.protection, content, force.id) ? undefined : { kind: 'protected-unit', force: force.name };

/** An analyst writes (or rewrites) what the force will see; a draft a supervisor returned is no longer kept. */
export const sanitise = (record: ReportRecord, content: DisseminableContent, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const { returned, ...review } = record.review ?? {};
  const { draft: _draft, ...lastReturn } = returned ?? { by: '', at: '', reason: '' };
  return changed(
    record,
    {
      ...record,
      review: { ...review, ...(returned === undefined ? {} : { returned: lastReturn }), sanitised: { by, at: at.toISOString(), content }, changedBy: changedBy(record, by) },
    },
    auditEvent('sanitised', at, { fields: Object.keys(content).sort() }, by),
  );
};

/**
 * The contact centre chooses the force, overriding the router; never a force the report may not
 * reach. The reason stays with the contact centre: the force is told only that the contact centre
 * chose it.
 */
export const chooseForce = (record: ReportRecord, typed: string, reason: string, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const force = findForce(typed);
  if (force === undefined) return refused({ kind: 'unknown-force', typed });
  const barred = protectedFrom(record, force);
  if (barred !== undefined) return refused(barred);
  return changed(
    record,
    {
      ...record,
      routing: { destination: force.id, rule: 'contact-centre', reason: `the contact centre chose ${force.name}: ${reason}`, candidates: [] },
      review: { ...record.review, forceChosen: { by, at: at.toISOString(), force: force.id }, changedBy: changedBy(record, by) },
    },
    auditEvent('force_chosen', at, { from: record.routing.destination, to: force.id, reason }, by),
  );
};

/**
 * One member of staff proposes closing a contact without passing it to any force. Nothing closes
 * until a supervisor who is not the proposer confirms it; until then it stays in review.
 */
export const proposeClosure = (record: ReportRecord, reason: ClosureReason, note: string | undefined, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const when = at.toISOString();
  return changed(
    record,
    { ...record, review: { ...record.review, closureProposed: { by, at: when, reason, ...(note === undefined ? {} : { note }) } } },
    auditEvent('closure_proposed', when, { reason }, by),
  );
};

/** A supervisor, never the proposer, confirms a proposed closure: only then is the contact closed. */
export const confirmClosure = (record: ReportRecord, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const proposal = record.review?.closureProposed;
  if (proposal === undefined) return refused({ kind: 'no-closure-proposed' });
  if (proposal.by === by) return refused({ kind: 'own-proposal' });
  const when = at.toISOString();
  const { closureProposed: _proposal, ...review } = record.review ?? {};
  return changed(
    record,
    {
      ...record,
      status: 'closed',
      review: {
        ...review,
        closed: { by, at: when, reason: proposal.reason, ...(proposal.note === undefined ? {} : { note: proposal.note }), proposedBy: proposal.by },
      },
    },
    auditEvent('closed', when, { reason: proposal.reason, proposedBy: proposal.by }, by),
    [closureCounted(record, when)],
  );
};

/**
 * The four eyes of a supervisor's decision on a sanitised version, approving or returning it: the
 * contact awaits review with a sanitised version, and the supervisor neither wrote it nor changed
 * what the force will receive or where it goes. The sanitised version to decide on, or the refusal.
 */
const decidableBy = (record: ReportRecord, by: string): ReviewResult | NonNullable<NonNullable<ReportRecord['review']>['sanitised']> => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const sanitised = record.review?.sanitised;
  if (sanitised === undefined) return refused({ kind: 'not-sanitised' });
  if (sanitised.by === by) return refused({ kind: 'own-sanitisation' });
  if (record.review?.changedBy?.includes(by)) return refused({ kind: 'own-change' });
  return sanitised;
};

/**
 * A supervisor approves dissemination of the sanitised report to the chosen force. Four eyes: the
 * supervisor may not be anyone who changed what the force will receive or where it goes (the
 * sanitised version, the force, a split). And the force must be one the report may reach: checked
 * again here, on what the force would receive, whoever chose it.
 */
export const approve = (record: ReportRecord, by: string, at: Date): ReviewResult => {
  const sanitised = decidableBy(record, by);
  if ('kind' in sanitised) return sanitised;
  if (record.routing.destination === TRIAGE) return refused({ kind: 'no-force-chosen' });
  const force = findForce(record.routing.destination);
  if (force === undefined) return refused({ kind: 'no-force-chosen' });
  const barred = protectedFrom(record, force, sanitised.content);
  if (barred !== undefined) return refused(barred);
  // A force learns of no report but its own: no reporter's reference, no other force's reference.
  const foreign = foreignReferencesIn(record, sanitised.content, force.id);
  if (foreign.length > 0) return refused({ kind: 'foreign-reference', references: foreign });
  return changed(
    record,
    { ...record, status: 'approved', content: sanitised.content, review: { ...record.review, approved: { by, at: at.toISOString() } } },
    auditEvent('approved', at, { destination: record.routing.destination }, by),
  );
};

/** The most a supervisor's reason for returning a contact may say. */
export const RETURN_REASON_MAX = 2_000;

/**
 * A supervisor sends the sanitised version back to the analysts with a reason, instead of approving
 * it. The same four eyes as approval: never by the analyst who wrote it, nor by anyone who changed
 * what the force will receive or where it goes (returning one's own work would be a decision on it
 * by the person who did it). The draft is kept with the return, no longer the sanitised version:
 * nothing can approve it until an analyst sanitises again. Returning changes nothing the force will
 * receive, so the supervisor may approve the next version.
 */
export const returnToAnalyst = (record: ReportRecord, reason: string, by: string, at: Date): ReviewResult => {
  const sanitised = decidableBy(record, by);
  if ('kind' in sanitised) return sanitised;
  const when = at.toISOString();
  const { sanitised: _draft, ...review } = record.review ?? {};
  return changed(
    record,
    { ...record, review: { ...review, returned: { by, at: when, reason, draft: sanitised } } },
    auditEvent('returned', when, { reason, sanitisedBy: sanitised.by }, by),
  );
};

export interface SplitPart {
  readonly force: string;
  readonly reason: string;
}

/**
 * The contact centre divides one contact into reports for several forces (an officer in one
 * force, a member of staff in another): each part becomes a report with its own reference, chosen
 * force and review, starting from the contact's sanitised version if there is one. The contact is
 * still counted once, as one contact; each report is counted when it is passed to its force.
 */
export const split = (
  record: ReportRecord,
  parts: readonly SplitPart[],
  references: readonly Reference[],
  by: string,
  at: Date,
): StepResult<SplitChange, ReviewRefusal> => {
  if (record.status !== 'awaiting_review') return refused({ kind: 'not-awaiting-review', status: record.status });
  if (references.length !== parts.length) throw new Error('One new reference is needed for each part');
  const forces: Force[] = [];
  for (const part of parts) {
    const force = findForce(part.force);
    if (force === undefined) return refused({ kind: 'unknown-force', typed: part.force });
    if (forces.some((f) => f.id === force.id)) return refused({ kind: 'same-force-twice', force: force.name });
    const barred = protectedFrom(record, force);
    if (barred !== undefined) return refused(barred);
    forces.push(force);
  }
  const when = at.toISOString();
  const { sanitised } = record.review ?? {};
  const everyone = changedBy(record, by);
  const reports = forces.map(
    (force, i): ReportRecord => ({
      reference: references[i]!,
      channel: record.channel,
      receivedAt: record.receivedAt,
      routedAt: when,
      routing: { destination: force.id, rule: 'contact-centre', reason: `split by the contact centre for ${force.name}: ${parts[i]!.reason}`, candidates: [] },
      categories: record.categories,
      reporterMode: record.reporterMode,
      contactDetailsHeld: record.contactDetailsHeld,
      ...(record.original === undefined ? {} : { original: record.original }),
      splitFrom: record.splitFrom ?? record.reference,
      ...(record.protection === undefined ? {} : { protection: record.protection }),
      review: { ...(sanitised === undefined ? {} : { sanitised }), forceChosen: { by, at: when, force: force.id }, changedBy: everyone },
      status: 'awaiting_review',
      version: 1,
    }),
  );
  const into = reports.map((report) => report.reference);
  return done({
      contact: { ...record, status: 'split', review: { ...record.review, split: { by, at: when, into }, changedBy: everyone }, version: record.version + 1 },
      reports,
      events: [
        { reference: record.reference, event: auditEvent('split', when, { into }, by) },
        ...reports.map((report) => ({
          reference: report.reference,
          event: auditEvent('split_from', when, { contact: record.reference, destination: report.routing.destination }, by),
        })),
      ],
  });
};

/** Reserves a fresh reference for each part, then splits the contact and records it. */
export const splitContact = async (
  store: Pick<ReportStore, 'find' | 'reserveReference' | 'recordSplit'>,
  reference: Reference,
  parts: readonly SplitPart[],
  by: string,
  at: Date,
  next: () => Reference = newReference,
): Promise<ReviewOutcome> => {
  const record = await store.find(reference);
  if (record === undefined) return refused({ kind: 'not-found' });
  const references: Reference[] = [];
  while (references.length < parts.length) {
    const candidate = next();
    if (await store.reserveReference(candidate, at)) references.push(candidate);
  }
  const result = split(record, parts, references, by, at);
  if (result.kind === 'refused') return result;
  await store.recordSplit(record, result.value);
  return done(result.value.contact);
};

/**
 * Reads a contact, decides a review step on it, and records the step (conditional on the version
 * read; a concurrent change throws ConcurrentChange rather than being overwritten).
 */
export const reviewStep = async (
  store: Pick<ReportStore, 'find' | 'recordChange'>,
  reference: Reference,
  decide: (record: ReportRecord) => ReviewResult,
): Promise<ReviewOutcome> => {
  const record = await store.find(reference);
  if (record === undefined) return refused({ kind: 'not-found' });
  const result = decide(record);
  if (result.kind === 'refused') return result;
  const { value: change } = result;
  await store.recordChange(record, change);
  return done(change.record);
};

/** The original's day came under the retention schedule: it is gone. */
export interface OriginalEnded {
  readonly kind: 'original-ended';
  /** The day it ended. */
  readonly on: string;
}

/** A contact opened for review: the record, the reporter's own words, and its trail with this reading in it. */
export interface OpenedContact {
  readonly record: ReportRecord;
  readonly original: ReportSubmission;
  readonly audit: readonly AuditEvent[];
}

/**
 * Opens a contact's original for a member of the contact centre, and records that they read it:
 * nobody reads a reporter's own words without the trail saying who and when.
 */
export const openForReview = async (
  ports: { readonly reports: Pick<ReportStore, 'find' | 'findOriginal' | 'appendEvent' | 'auditTrail'>; readonly vault: Pick<OriginalsVault, 'openReport'> },
  reference: Reference,
  by: string,
  at: Date,
): Promise<StepResult<OpenedContact, NotFound | OriginalEnded>> => {
  const record = await ports.reports.find(reference);
  if (record === undefined) return refused({ kind: 'not-found' });
  // A report split from a contact shares the contact's original, sealed for the contact's reference;
  // a report recorded before originals had their own item holds it in its record.
  // Its contact details, sealed apart since retention, are put back while they are kept.
  const sealedFor = record.splitFrom ?? reference;
  const sealed = record.original === undefined ? await ports.reports.findOriginal(sealedFor) : { original: record.original };
  // Ended under the retention schedule (its key destroyed, its item gone): nothing to read, and nothing read.
  if (sealed === undefined && record.retention?.originalEnded !== undefined) return refused({ kind: 'original-ended', on: record.retention.originalEnded });
  if (sealed === undefined) throw new Error(`No original kept for ${sealedFor}`);
  const opened = await ports.vault.openReport(sealedFor, sealed);
  const contactDetails = opened.contactDetails === undefined ? undefined : contactSchema.parse(JSON.parse(opened.contactDetails));
  const original = withContactDetails(reportSubmissionSchema.parse(JSON.parse(opened.original)), contactDetails);
  await ports.reports.appendEvent(reference, auditEvent('original_read', at, {}, by));
  return done({ record, original, audit: await ports.reports.auditTrail(reference) });
};

/** How long a contact has waited for review, in whole seconds; 0 when nothing waits. */
export const secondsWaiting = (oldest: Pick<ReportRecord, 'receivedAt'> | undefined, now: Date): number =>
  oldest === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(oldest.receivedAt)) / 1000));
