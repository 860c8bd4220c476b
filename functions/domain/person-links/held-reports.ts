/**
 * Telling a force, as reviewed content, that it holds other reports about the same person: when
 * an analyst has confirmed links (decisions.ts) to reports that went to the force this report is
 * going to, and the force still holds them, the analyst may add to the sanitised version one
 * sentence of fixed wording naming that force's own references for them. It is a change to what
 * the force receives like any other: whoever adds it may not approve it, and a supervisor must.
 *
 * Never another force's report: only the references the force was given itself, for reports it
 * holds now (sent to it, and not passed on). Approval refuses any report reference, or any force
 * reference other than the force's own and those noted here for that same force (review.ts
 * approve), so a sentence noted for one force cannot reach another when the force is chosen
 * again, the contact split, or a reference typed in; and a transfer takes the sentence out before
 * the next force receives the report (force-work.ts transfer).
 */
import { auditEvent } from '../audit.ts';
import type { ForceReference } from '../entities/force-reference.ts';
import type { ReportRecord } from '../entities/report-record.ts';
import { TRIAGE } from '../entities/routing-decision.ts';
import { done, refused } from '../entities/step-result.ts';
import type { ForceId } from '../forces.ts';
import { ConcurrentChange, type ReportStore } from '../ports.ts';
import type { Reference } from '../reference.ts';
import type { ReviewResult, ReviewOutcome } from '../review.ts';
import type { PersonLinkDecisions } from './decisions.ts';
import { heldReportsSentence, withoutHeldReports } from './held-reports-content.ts';

/** Whether the force holds the report now: sent to it, still with it, under a reference of its own. */
const heldBy = (record: ReportRecord, force: ForceId): ForceReference | undefined =>
  record.routing.destination === force && record.notifiedAt !== undefined ? record.forceReferences?.[force] : undefined;

/** The analyst adds (or brings up to date) the sentence naming the force's own references for the reports it holds. */
export const noteHeldReports = (
  record: ReportRecord,
  held: { readonly force: ForceId; readonly forceReferences: readonly ForceReference[] },
  by: string,
  at: Date,
): ReviewResult => {
  if (record.status !== 'awaiting_review') return refused({ kind: 'not-awaiting-review', status: record.status });
  const sanitised = record.review?.sanitised;
  if (sanitised === undefined) return refused({ kind: 'not-sanitised' });
  if (record.routing.destination === TRIAGE) return refused({ kind: 'no-force-chosen' });
  // The force was chosen again since the held reports were looked up: look again.
  if (record.routing.destination !== held.force) throw new ConcurrentChange(record.reference);
  if (held.forceReferences.length === 0) return refused({ kind: 'no-held-reports' });
  const when = at.toISOString();
  const sentence = heldReportsSentence(held.forceReferences);
  const before = withoutHeldReports(sanitised.content, record.review?.heldReportsNoted);
  const content = { ...before, narrative: `${before.narrative}\n\n${sentence}` };
  const changedBy = [...new Set([...(record.review?.changedBy ?? []), by])];
  return done({
    record: {
      ...record,
      review: { ...record.review, sanitised: { by, at: when, content }, heldReportsNoted: { by, at: when, force: held.force, forceReferences: [...held.forceReferences], sentence }, changedBy },
      version: record.version + 1,
    },
    event: auditEvent('held_reports_noted', when, { force: held.force, reports: held.forceReferences.length }, by),
    counters: [],
  });
};

/**
 * Finds the force's own references for the reports it holds that an analyst confirmed concern the
 * same person as this one, and notes them in the sanitised version.
 */
export const noteHeldReportsFor = async (
  ports: { readonly reports: Pick<ReportStore, 'find' | 'recordChange'>; readonly links: Pick<PersonLinkDecisions, 'decisionsFor'> },
  reference: Reference,
  by: string,
  at: Date,
): Promise<ReviewOutcome> => {
  const record = await ports.reports.find(reference);
  if (record === undefined) return refused({ kind: 'not-found' });
  const force = record.routing.destination;
  if (force === TRIAGE) return refused({ kind: 'no-force-chosen' });
  const confirmed = (await ports.links.decisionsFor(reference)).filter((decision) => decision.decision === 'confirmed');
  const others = await Promise.all(confirmed.map((decision) => ports.reports.find(decision.other)));
  const forceReferences = others
    .flatMap((other) => (other === undefined ? [] : [heldBy(other, force)]))
    .filter((found): found is ForceReference => found !== undefined)
    .sort();
  const result = noteHeldReports(record, { force, forceReferences }, by, at);
  if (result.kind === 'refused') return result;
  await ports.reports.recordChange(record, result.value);
  return done(result.value.record);
};
