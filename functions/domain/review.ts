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
import type { ReportStore } from './ports.ts';
import { newReference, type Reference } from './reference.ts';
import type { ReportRecord, ReportStatus } from './report-record.ts';
import type { ClosureReason } from './review-state.ts';
import { TRIAGE } from './routing.ts';
import { closureCounted, type CounterIncrement } from './statistics.ts';

export type ReviewRefusal =
  | { readonly kind: 'not-awaiting-review'; readonly status: ReportStatus }
  | { readonly kind: 'not-sanitised' }
  | { readonly kind: 'no-force-chosen' }
  | { readonly kind: 'own-sanitisation' }
  | { readonly kind: 'unknown-force'; readonly typed: string }
  | { readonly kind: 'same-force-twice'; readonly force: string };

export interface ReviewChange {
  readonly record: ReportRecord;
  readonly event: AuditEvent;
  readonly counters: readonly CounterIncrement[];
}

export type ReviewResult = { readonly ok: true; readonly change: ReviewChange } | { readonly ok: false; readonly refusal: ReviewRefusal };

const refused = (refusal: ReviewRefusal): ReviewResult => ({ ok: false, refusal });

const changed = (
  before: ReportRecord,
  after: Omit<ReportRecord, 'version'>,
  event: AuditEvent,
  counters: readonly CounterIncrement[] = [],
): ReviewResult => ({ ok: true, change: { record: { ...after, version: before.version + 1 }, event, counters } });

const notAwaitingReview = (record: ReportRecord): ReviewResult | undefined =>
  record.status === 'awaiting_review' ? undefined : refused({ kind: 'not-awaiting-review', status: record.status });

/** An analyst writes (or rewrites) what the force will see. */
export const sanitise = (record: ReportRecord, content: DisseminableContent, by: string, at: Date): ReviewResult =>
  notAwaitingReview(record) ??
  changed(
    record,
    { ...record, review: { ...record.review, sanitised: { by, at: at.toISOString(), content } } },
    auditEvent('sanitised', at, { fields: Object.keys(content).sort() }, by),
  );

/** The contact centre chooses the force, overriding the router. */
export const chooseForce = (record: ReportRecord, typed: string, reason: string, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const force = findForce(typed);
  if (force === undefined) return refused({ kind: 'unknown-force', typed });
  return changed(
    record,
    { ...record, routing: { destination: force.id, rule: 'contact-centre', reason: `the contact centre chose ${force.name}: ${reason}`, candidates: [] } },
    auditEvent('force_chosen', at, { from: record.routing.destination, to: force.id, reason }, by),
  );
};

/** The contact centre closes a contact without passing it to any force. */
export const close = (record: ReportRecord, reason: ClosureReason, note: string | undefined, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const when = at.toISOString();
  return changed(
    record,
    { ...record, status: 'closed', review: { ...record.review, closed: { by, at: when, reason, ...(note === undefined ? {} : { note }) } } },
    auditEvent('closed', when, { reason }, by),
    [closureCounted(record, when)],
  );
};

/**
 * A supervisor approves dissemination of the sanitised report to the chosen force. Four eyes: the
 * supervisor may not be the analyst who wrote the sanitised version.
 */
export const approve = (record: ReportRecord, by: string, at: Date): ReviewResult => {
  const waiting = notAwaitingReview(record);
  if (waiting !== undefined) return waiting;
  const sanitised = record.review?.sanitised;
  if (sanitised === undefined) return refused({ kind: 'not-sanitised' });
  if (sanitised.by === by) return refused({ kind: 'own-sanitisation' });
  if (record.routing.destination === TRIAGE) return refused({ kind: 'no-force-chosen' });
  return changed(
    record,
    { ...record, status: 'approved', content: sanitised.content, review: { ...record.review, approved: { by, at: at.toISOString() } } },
    auditEvent('approved', at, { destination: record.routing.destination }, by),
  );
};

export interface SplitPart {
  readonly force: string;
  readonly reason: string;
}

export interface SplitChange {
  readonly contact: ReportRecord;
  readonly reports: readonly ReportRecord[];
  readonly events: readonly { readonly reference: Reference; readonly event: AuditEvent }[];
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
): { ok: true; change: SplitChange } | { ok: false; refusal: ReviewRefusal } => {
  if (record.status !== 'awaiting_review') return { ok: false, refusal: { kind: 'not-awaiting-review', status: record.status } };
  if (references.length !== parts.length) throw new Error('One new reference is needed for each part');
  const forces: Force[] = [];
  for (const part of parts) {
    const force = findForce(part.force);
    if (force === undefined) return { ok: false, refusal: { kind: 'unknown-force', typed: part.force } };
    if (forces.some((f) => f.id === force.id)) return { ok: false, refusal: { kind: 'same-force-twice', force: force.name } };
    forces.push(force);
  }
  const when = at.toISOString();
  const { sanitised } = record.review ?? {};
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
      original: record.original,
      splitFrom: record.splitFrom ?? record.reference,
      ...(sanitised === undefined ? {} : { review: { sanitised } }),
      status: 'awaiting_review',
      version: 1,
    }),
  );
  const into = reports.map((report) => report.reference);
  return {
    ok: true,
    change: {
      contact: { ...record, status: 'split', review: { ...record.review, split: { by, at: when, into } }, version: record.version + 1 },
      reports,
      events: [
        { reference: record.reference, event: auditEvent('split', when, { into }, by) },
        ...reports.map((report) => ({
          reference: report.reference,
          event: auditEvent('split_from', when, { contact: record.reference, destination: report.routing.destination }, by),
        })),
      ],
    },
  };
};

export type StepOutcome =
  | { readonly kind: 'done'; readonly record: ReportRecord }
  | { readonly kind: 'not-found' }
  | { readonly kind: 'refused'; readonly refusal: ReviewRefusal };

/** Reserves a fresh reference for each part, then splits the contact and records it. */
export const splitContact = async (
  store: Pick<ReportStore, 'find' | 'reserveReference' | 'recordSplit'>,
  reference: Reference,
  parts: readonly SplitPart[],
  by: string,
  at: Date,
  next: () => Reference = newReference,
): Promise<StepOutcome> => {
  const record = await store.find(reference);
  if (record === undefined) return { kind: 'not-found' };
  const references: Reference[] = [];
  while (references.length < parts.length) {
    const candidate = next();
    if (await store.reserveReference(candidate, at)) references.push(candidate);
  }
  const result = split(record, parts, references, by, at);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  await store.recordSplit(record, result.change);
  return { kind: 'done', record: result.change.contact };
};

/**
 * Reads a contact, decides a review step on it, and records the step (conditional on the version
 * read; a concurrent change throws ConcurrentChange rather than being overwritten).
 */
export const reviewStep = async (
  store: Pick<ReportStore, 'find' | 'recordChange'>,
  reference: Reference,
  decide: (record: ReportRecord) => ReviewResult,
): Promise<StepOutcome> => {
  const record = await store.find(reference);
  if (record === undefined) return { kind: 'not-found' };
  const result = decide(record);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  const { change } = result;
  await store.recordChange(record, change.record, change.event, change.counters);
  return { kind: 'done', record: change.record };
};

/** How long a contact has waited for review, in whole seconds; 0 when nothing waits. */
export const secondsWaiting = (oldest: Pick<ReportRecord, 'receivedAt'> | undefined, now: Date): number =>
  oldest === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(oldest.receivedAt)) / 1000));
