/**
 * Routing a contact and disseminating reports, safely under at-least-once delivery: a contact is
 * recorded once (the first decision stands), its original sealed for the contact centre; a report
 * due for its destination is sent with one stable deduplication id, and not sent again once
 * confirmed.
 */
import { followUpsWithReport } from './follow-up.ts';
import { forceNotification } from './force-notification.ts';
import { newForceReference, withForceReference } from './force-reference.ts';
import type { IntakeMessage } from './intake.ts';
import type { FollowUpStore, ForceQueues, OriginalsVault, ReportStore } from './ports.ts';
import { isDueForNotification, notifiedChange, recordedContact } from './report-record.ts';
import { recordAsRouted, type RoutedFor } from './record-as-routed.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { RecordedContact } from './entities/report-change.ts';
import { requiresReview, type ReviewPolicy } from './review-policy.ts';
import { routeReport } from './routing.ts';
import { TRIAGE } from './entities/routing-decision.ts';
import { separateContactDetails } from './report.ts';

export interface DisseminationPorts {
  readonly store: ReportStore;
  readonly followUps: Pick<FollowUpStore, 'findQuestion' | 'recordAnswerChange' | 'answersAbout'>;
  readonly forceQueues: ForceQueues;
  readonly clock: () => Date;
}

export interface RoutingPorts extends DisseminationPorts {
  readonly vault: Pick<OriginalsVault, 'sealReport'>;
}


export interface DisseminationOutcome {
  readonly record: ReportRecord;
  /** True when this call found nothing left to do and sent nothing. */
  readonly repeat: boolean;
}

/**
 * Sends a report that is due to its destination's queue, under the force's own reference (given
 * now if the force has none yet), then the reporter's approved answers and information about it,
 * and records that it is there. A repeat after a failure part-way sends the same messages with the
 * same deduplication ids.
 */
export const disseminate = async (ports: DisseminationPorts, due: ReportRecord): Promise<DisseminationOutcome> => {
  if (!isDueForNotification(due)) return { record: due, repeat: true };
  const { store, forceQueues, clock } = ports;
  const destination = due.routing.destination;
  const record = destination === TRIAGE ? due : await withForceReference(store, due, destination, clock());
  // Giving the reference may have read the report afresh: another delivery may have sent it (or it
  // moved on) meanwhile. Decide again on what is there now, or it would be recorded and counted twice.
  if (record !== due && (!isDueForNotification(record) || record.routing.destination !== destination)) return disseminate(ports, record);
  const now = clock();
  const notification = forceNotification(record, now);
  await forceQueues.notify(destination, notification, notification.messageId);
  if (destination !== TRIAGE) await followUpsWithReport({ ...ports, reports: store }, record);
  return { record: await store.recordNotified(record, notifiedChange(record, now)), repeat: false };
};

/**
 * Routes a contact taken in: decides its force, seals the original, records it (awaiting review,
 * or sent on and then recorded when review is off) and, without review, disseminates it.
 *
 * Without review, the contact is sent first and recorded after, received, routed and sent in one
 * write: the original is kept first, with where the contact goes and the force's reference,
 * claimed there, so that no message carries a reference that is not the report's, and a
 * redelivery after the send sends the same message again (dropped by the queue and by the force)
 * before recording it. A report being recorded for the first time has no answers or information
 * to go with it: a reporter can add neither before it is recorded (not-yet-recorded), and a
 * force's question needs the report.
 *
 * A redelivered contact is known by its original, kept already; only then is the report read, and
 * what was recorded of it stands (the first decision, and every step taken since).
 */
export const routeContact = async (ports: RoutingPorts, message: IntakeMessage, policy: ReviewPolicy): Promise<DisseminationOutcome> => {
  const decision = routeReport(message.report, message.receivedAt);
  // The original first, in an item of its own written once: the report is never recorded without it.
  // A confidential reporter's contact details are sealed apart, under a key of their own: they end
  // a year before the original does (retention-schedule.ts).
  const { original: report, contactDetails } = separateContactDetails(message.report);
  const original = await ports.vault.sealReport(message.reference, JSON.stringify(report), contactDetails === undefined ? undefined : JSON.stringify(contactDetails));
  // A report that speaks of a protected unit is always reviewed, whatever the force's exemption.
  const review = requiresReview(policy, decision.destination) || decision.protection !== undefined;
  const { destination } = decision;
  const drawn = review ? undefined : { destination, ...(destination === TRIAGE ? {} : { forceReference: newForceReference() }) };
  const kept = await ports.store.keepOriginal(message.reference, original, drawn);
  const recorded = kept.first ? undefined : await ports.store.find(message.reference);
  if (recorded !== undefined) return disseminate(ports, recorded);
  // Sent straight on, by this delivery or an earlier one (whose message may be on its way already, whatever the policy now).
  const sent = kept.dissemination;
  if (sent?.destination === destination) {
    return disseminateDirectly(ports, recordedContact(recordAsRouted(message, decision, ports.clock(), { review: false }), sent.forceReference));
  }
  // Kept for review, or by an earlier delivery that sent it elsewhere (the rules changed between
  // the two), and not recorded: recorded first (when due, with its force's reference), then sent if due.
  const record = recordAsRouted(message, decision, ports.clock(), review ? await forReview(message) : { review: false });
  const forceReference = isDueForNotification(record) && destination !== TRIAGE ? newForceReference() : undefined;
  // Recorded already by an earlier delivery: what it recorded stands, and is sent if still due.
  return disseminate(ports, await ports.store.recordRouted(recordedContact(record, forceReference)));
};

/**
 * Kept for review: with the count of identifying details flagged in it. The check is imported here,
 * at the first report kept for review, not when the router starts: without review (a stage that
 * turns it off, an exempt force) the router never needs it. Bundled without code splitting, its
 * code stays in the router's bundle, but its module is evaluated (its patterns and word lists
 * built) only when imported: about 9 ms of CPU off a cold start that never reviews (issue 13).
 */
const forReview = async (message: IntakeMessage): Promise<RoutedFor> => {
  const { flagIdentifyingDetails } = await import('./review-flags.ts');
  return { review: true, flaggedDetails: flagIdentifyingDetails(message.report).length };
};

/** Sends a contact routed without review to its destination, then records it: received, routed and sent, in one write. */
const disseminateDirectly = async (ports: RoutingPorts, contact: RecordedContact): Promise<DisseminationOutcome> => {
  const now = ports.clock();
  const notification = forceNotification(contact.record, now);
  await ports.forceQueues.notify(contact.record.routing.destination, notification, notification.messageId);
  const sent = notifiedChange(contact.record, now);
  const record = await ports.store.recordRouted({ record: sent.record, events: [...contact.events, sent.event], counters: [...contact.counters, ...sent.counters] });
  // Recorded meanwhile by another delivery: what it recorded stands, and is sent if still due.
  return record === sent.record ? { record, repeat: false } : disseminate(ports, record);
};
