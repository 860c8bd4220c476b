/**
 * Reading where a report stands, and recording it once routed (the record itself is
 * functions/domain/entities/report-record.ts; made from a routed contact in routed-record.ts,
 * apart, so that the identifying-details check it uses is in no bundle that only reads records).
 */
import { auditEvent } from './audit.ts';
import type { ReportRecord, ReportStatus } from './entities/report-record.ts';
import type { RecordedContact, ReportChange } from './entities/report-change.ts';
import { contactCounted, disseminationCounted } from './statistics.ts';
import { TRIAGE } from './entities/routing-decision.ts';
import type { ForceReference } from './entities/force-reference.ts';

/** A report whose notification is due: routed without review, or approved after it. */
export const isDueForNotification = (record: ReportRecord): boolean =>
  (record.status === 'routed' || record.status === 'approved') && record.notifiedAt === undefined;

/**
 * When a report due for notification became due: stamped by the step that made it due
 * (`dueFrom`); a report routed without review has been due since it was routed.
 */
export const dueSince = (record: ReportRecord): string => record.dueSince ?? record.routedAt;

/** The change, its report stamped with when it became due when the change makes it due for notification. */
export const dueFrom = <C extends { readonly record: ReportRecord }>(change: C, at: Date): C =>
  isDueForNotification(change.record) ? { ...change, record: { ...change.record, dueSince: at.toISOString() } } : change;

/**
 * Which dissemination of the report to its destination a message belongs to: for a force, the
 * first, second… time it has held the report (1, and 1 more for each time it passed it on before),
 * so the number tells the force only what it already knows; for triage (the contact centre's own
 * queue), the record's version as it is sent, kept once sent. Every attempt at one dissemination,
 * however often repeated, gets the same number, and so does an answer sent later to the same
 * holder; a report that comes back to a force it left gets the next one. The ids of the messages
 * carry it: a repeat of one dissemination is dropped by the queue (and by a force deduplicating on
 * the message id), a second dissemination to the same force is not.
 */
export const disseminationVersion = (record: ReportRecord): number => {
  const destination = record.routing.destination;
  if (destination !== TRIAGE) return 1 + (record.formerCustodians ?? []).filter((custodian) => custodian.force === destination).length;
  return record.notifiedAt === undefined ? record.version : (record.disseminatedVersion ?? 0);
};

/**
 * A routed contact as it is first recorded: received and routed, and counted against its first
 * destination. Given a force reference (a report going straight to its force, without review), the
 * force holds it from the first version on and the trail says so, so that sending it needs no
 * second write to give it one.
 */
export const recordedContact = (routed: ReportRecord, forceReference?: ForceReference): RecordedContact => {
  const { routing } = routed;
  const force = routing.destination;
  const given = forceReference !== undefined && force !== TRIAGE ? { force, forceReference } : undefined;
  const record: ReportRecord = given === undefined ? routed : { ...routed, forceReferences: { ...routed.forceReferences, [given.force]: given.forceReference } };
  return {
    record,
    events: [
      auditEvent('received', record.receivedAt, { channel: record.channel }, record.takenBy),
      auditEvent('routed', record.routedAt, { destination: routing.destination, rule: routing.rule, reason: routing.reason }),
      ...(given === undefined ? [] : [auditEvent('force_reference_given', record.routedAt, { force })]),
    ],
    counters: [contactCounted(record)],
    ...(given === undefined ? {} : { forceReference: given }),
  };
};

/** The status a report takes once its destination's queue holds it. */
const statusOnceNotified = (record: ReportRecord): ReportStatus => (record.routing.destination === TRIAGE ? 'in_triage' : 'disseminated');

/** The destination's queue holds the report: disseminated to its force (and counted), or in triage. */
export const notifiedChange = (record: ReportRecord, at: Date): ReportChange => {
  const notifiedAt = at.toISOString();
  const status = statusOnceNotified(record);
  const { dueSince: _due, ...sent } = record;
  return {
    record: { ...sent, status, notifiedAt, disseminatedVersion: disseminationVersion(record), version: record.version + 1 },
    event: auditEvent(status === 'in_triage' ? 'queued_for_triage' : 'disseminated', notifiedAt, { destination: record.routing.destination }),
    counters: disseminationCounted(record, notifiedAt),
  };
};
