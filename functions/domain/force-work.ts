/**
 * A force working the reports disseminated to it: reading them, recording outcomes, passing them
 * to another force. Each force sees only its own: a report that is not with the force, and never
 * was, does not exist for it. A force that passed a report on keeps what it had, but nothing added
 * after it passed it.
 */
import * as z from './zod.ts';
import { named } from './zod.ts';
import { typedText } from './typed-text.ts';
import { auditEvent, type AuditEvent } from './audit.ts';
import { findForce, type ForceId } from './forces.ts';
import { canMove, isWithAForce } from './lifecycle.ts';
import { OUTCOMES, type Outcome, type ReportRecord } from './entities/report-record.ts';
import type { ReportStore } from './ports.ts';
import type { ReportChange } from './entities/report-change.ts';
import { reportForForce } from './force-reference.ts';
import { mayReach } from './routing.ts';
import { TRIAGE } from './entities/routing-decision.ts';
import { monthOf } from './statistics.ts';
import type { CounterIncrement } from './entities/counters.ts';
import { done, refused, type NotFound, type StepResult } from './entities/step-result.ts';
import { foreignReferencesIn, withoutHeldReports } from './person-links/held-reports-content.ts';

export type ForceRefusal =
  | NotFound
  | { readonly kind: 'passed-on'; readonly to: string }
  | { readonly kind: 'not-allowed'; readonly from: string; readonly to: string }
  | { readonly kind: 'unknown-force'; readonly typed: string }
  | { readonly kind: 'same-force' };

/** A force's step decided: the change to record, or why not. */
export type ForceResult = StepResult<ReportChange, ForceRefusal>;

/** A force's step taken: the report as it now stands, or why not. */
export type ForceOutcome = StepResult<ReportRecord, ForceRefusal>;

/** A report as a force reads it: the record, what of it the force may see, and its trail. */
export interface ReadByForce {
  readonly record: ReportRecord;
  readonly access: Exclude<Access, { kind: 'none' }>;
  readonly audit: readonly AuditEvent[];
}

/**
 * One of a force's reports read by the force, by the force's own reference, and the reading
 * recorded, naming the force. Any other force, and any other reference, finds no such report.
 */
export const readAsForce = async (
  reports: Pick<ReportStore, 'find' | 'findByForceReference' | 'appendEvent' | 'auditTrail'>,
  force: ForceId,
  typedReference: string,
  at: Date,
): Promise<StepResult<ReadByForce, NotFound>> => {
  const record = await reportForForce(reports, force, typedReference);
  const access = accessOf(record, force);
  if (record === undefined || access.kind === 'none') return refused({ kind: 'not-found' });
  await reports.appendEvent(record.reference, auditEvent('read_by_force', at, { force }, `force:${force}`));
  return done({ record, access, audit: await reports.auditTrail(record.reference) });
};

/** What a force may see of a report: all of it while it has it; up to when it passed it on, after. */
export type Access = { readonly kind: 'custodian' } | { readonly kind: 'former'; readonly until: string } | { readonly kind: 'none' };

export const accessOf = (record: ReportRecord | undefined, force: string): Access => {
  if (record === undefined) return { kind: 'none' };
  if (record.routing.destination === force && isWithAForce(record.status)) return { kind: 'custodian' };
  const former = [...(record.formerCustodians ?? [])].reverse().find((custodian) => custodian.force === force);
  return former === undefined ? { kind: 'none' } : { kind: 'former', until: former.until };
};

/** Only the force that has the report may change it; to a former custodian it has been passed on. */
const custodianOnly = (record: ReportRecord | undefined, force: string): ForceRefusal | undefined => {
  const access = accessOf(record, force);
  if (access.kind === 'none') return { kind: 'not-found' };
  if (access.kind === 'former') return { kind: 'passed-on', to: record?.routing.destination ?? '' };
  return undefined;
};

const OUTCOME_COUNTERS: Partial<Record<Outcome, CounterIncrement['counter']>> = {
  investigation_opened: 'investigations_opened',
  no_further_action: 'no_further_action',
};

export const recordOutcome = (record: ReportRecord | undefined, force: string, outcome: Outcome, note: string | undefined, at: Date): ForceResult => {
  const notCustodian = custodianOnly(record, force);
  if (notCustodian !== undefined || record === undefined) return refused(notCustodian ?? { kind: 'not-found' });
  if (!canMove(record.status, outcome)) return refused({ kind: 'not-allowed', from: record.status, to: outcome });
  const when = at.toISOString();
  const counter = OUTCOME_COUNTERS[outcome];
  return done({
      record: {
        ...record,
        status: outcome,
        outcomes: [...(record.outcomes ?? []), { outcome, force, at: when, ...(note === undefined ? {} : { note }) }],
        version: record.version + 1,
      },
      event: auditEvent('outcome_recorded', when, { outcome, ...(note === undefined ? {} : { note }) }, `force:${force}`),
      counters: counter === undefined ? [] : [{ destination: force, month: monthOf(when), counter }],
  });
};

/**
 * The force passes the report to another force, with a reason: the report is routed again, to the
 * receiving force, which is then notified on its queue (or, if that force has not joined the
 * service yet, to triage, to be released to it when it joins); the first force keeps what it had.
 */
export const transfer = (record: ReportRecord | undefined, force: string, typed: string, reason: string, at: Date): ForceResult => {
  const notCustodian = custodianOnly(record, force);
  if (notCustodian !== undefined || record === undefined) return refused(notCustodian ?? { kind: 'not-found' });
  const receiving = findForce(typed);
  if (receiving === undefined) return refused({ kind: 'unknown-force', typed });
  if (receiving.id === force) return refused({ kind: 'same-force' });
  const when = at.toISOString();
  if (!canMove(record.status, 'routed')) return refused({ kind: 'not-allowed', from: record.status, to: 'transferred' });
  const from = findForce(force)?.name ?? force;
  const { notifiedAt: _previousNotification, ...kept } = record;
  // The sentence naming this force's own references for other reports about the same person is
  // for this force alone: the next holder receives the report without it.
  const rest = kept.content === undefined ? kept : { ...kept, content: withoutHeldReports(kept.content, record.review?.heldReportsNoted) };
  const custody = { formerCustodians: [...(record.formerCustodians ?? []), { force, until: when }], version: record.version + 1 };
  // A report that speaks of the receiving force's own professional standards or chief officers
  // never reaches it; nor does one whose content names a reference that is not the receiving
  // force's own (this force's reference typed in, or the sentence naming this force's references
  // edited since it was noted, so that it was not taken out above). Either goes back to the
  // contact centre's review, to be sent on by two people. It has left this force either way.
  const protectedUnit = !mayReach(record.protection, record.content, receiving.id);
  const namesOthers = rest.content !== undefined && foreignReferencesIn(record, rest.content, receiving.id).length > 0;
  if (protectedUnit || namesOthers) {
    const { approved: _approval, forceChosen: _choice, ...review } = record.review ?? {};
    const why = protectedUnit
      ? `the report speaks of ${receiving.name}'s own professional standards or chief officers: the contact centre arranges independent handling`
      : `what ${receiving.name} would receive names a reference that is not its own: the contact centre reviews it first`;
    return done({
        record: {
          ...rest,
          ...custody,
          status: 'awaiting_review',
          routing: {
            destination: TRIAGE,
            rule: protectedUnit ? 'protected-unit' : 'transferred',
            reason: `passed on by ${from} to ${receiving.name}, but ${why} (${from} said: ${reason})`,
            candidates: [receiving.id],
          },
          ...(protectedUnit ? { protection: { from: [...new Set([...(record.protection?.from ?? []), receiving.id])], mentions: record.protection?.mentions ?? [] } } : {}),
          review,
        },
        event: auditEvent('transferred', when, { from: force, to: receiving.id, reason, heldInTriage: true, ...(protectedUnit ? { protectedUnit: true } : { namesOtherReferences: true }) }, `force:${force}`),
        counters: [{ destination: force, month: monthOf(when), counter: 'passed_to_other_forces' }],
    });
  }
  // A force that has not joined the service yet cannot receive it: it waits in triage, for the
  // contact centre to release it to that force once it joins. It has left this force either way.
  const joined = when.slice(0, 10) >= receiving.joinedService;
  const routing = joined
    ? { destination: receiving.id, rule: 'transferred' as const, reason: `passed on by ${from}: ${reason}`, candidates: [] }
    : {
        destination: TRIAGE,
        rule: 'not-yet-joined' as const,
        reason: `passed on by ${from} to ${receiving.name}, which joins the service on ${receiving.joinedService}: ${reason}`,
        candidates: [receiving.id],
      };
  return done({
      record: { ...rest, ...custody, status: 'routed', routing },
      event: auditEvent('transferred', when, { from: force, to: receiving.id, reason, ...(joined ? {} : { heldInTriage: true }) }, `force:${force}`),
      counters: [{ destination: force, month: monthOf(when), counter: 'passed_to_other_forces' }],
  });
};

/** A transfer whose notification did not go out (the call failed part-way) can be finished by the force that made it. */
export const unfinishedTransferBy = (record: ReportRecord | undefined, force: string): boolean =>
  record !== undefined && record.status === 'routed' && record.formerCustodians?.at(-1)?.force === force;

/** The audit events a force may see: all while it has the report; up to the transfer after. */
export const eventsVisibleTo = (access: Access, events: readonly AuditEvent[]): AuditEvent[] =>
  access.kind === 'former' ? events.filter((event) => event.at <= access.until) : [...events];

/**
 * Finds the report the force knows by its own reference, decides the force's step on it, and
 * records it (conditional on the version read).
 */
export const forceStep = async (
  store: Pick<ReportStore, 'find' | 'findByForceReference' | 'recordChange'>,
  force: string,
  forceReference: string,
  decide: (record: ReportRecord | undefined) => ForceResult,
): Promise<ForceOutcome> => {
  const record = await reportForForce(store, force, forceReference);
  const result = decide(record);
  if (result.kind === 'refused') return result;
  if (record === undefined) return refused({ kind: 'not-found' });
  const { value: change } = result;
  await store.recordChange(record, change);
  return done(change.record);
};

export const forceRequestSchemas = {
  outcome: named(
    z.strictObject({
      outcome: z.enum(OUTCOMES, { error: `outcome must be one of: ${OUTCOMES.join(', ')}` }),
      note: z.optional(typedText('note').check(z.trim(), z.minLength(1), z.maxLength(2_000))),
    }),
    { id: 'OutcomeRequest', title: 'The outcome a force records for a report' },
  ),
  transfer: named(
    z.strictObject({
      force: typedText('force', 'force must be a force id, name or alias').check(z.trim(), z.minLength(1), z.maxLength(200)),
      reason: typedText('reason', 'reason is required: say why the other force should have it').check(z.trim(), z.minLength(3), z.maxLength(2_000)),
    }),
    { id: 'TransferRequest', title: 'Passing a report to another force' },
  ),
};

export const MAX_FORCE_REQUEST_BYTES = 16 * 1024;

/**
 * A report held in triage because its force had not joined the service yet is released to that
 * force once it has: routed again, to be disseminated to it. Undefined when it is not such a
 * report, or its force has still not joined.
 */
export const releaseToJoinedForce = (record: ReportRecord, by: string, at: Date): ReportChange | undefined => {
  const [waitingFor] = record.routing.candidates;
  const force = waitingFor === undefined ? undefined : findForce(waitingFor);
  const when = at.toISOString();
  if (record.status !== 'in_triage' || record.routing.rule !== 'not-yet-joined' || force === undefined || when.slice(0, 10) < force.joinedService) {
    return undefined;
  }
  // Never to a force whose own professional standards or chief officers the report speaks of.
  if (!mayReach(record.protection, record.content, force.id)) return undefined;
  const { notifiedAt: _heldSince, ...rest } = record;
  return {
    record: {
      ...rest,
      status: 'routed',
      routing: { destination: force.id, rule: 'released', reason: `held in triage until ${force.name} joined the service on ${force.joinedService}; ${record.routing.reason}`, candidates: [] },
      version: record.version + 1,
    },
    event: auditEvent('released', when, { to: force.id }, by),
    counters: [],
  };
};
