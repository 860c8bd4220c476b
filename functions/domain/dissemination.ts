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
import { isDueForNotification, notifiedChange, recordedContact, routedRecord } from './report-record.ts';
import type { ReportRecord } from './entities/report-record.ts';
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
 * or straight to dissemination when review is off, with the force's own reference already given)
 * and, without review, disseminates it.
 */
export const routeContact = async (ports: RoutingPorts, message: IntakeMessage, policy: ReviewPolicy): Promise<DisseminationOutcome> => {
  const recorded = await ports.store.find(message.reference);
  if (recorded !== undefined) return disseminate(ports, recorded);
  const decision = routeReport(message.report, message.receivedAt);
  // The original first, in an item of its own written once: the report is never recorded without it.
  // A confidential reporter's contact details are sealed apart, under a key of their own: they end
  // a year before the original does (retention-schedule.ts).
  const { original, contactDetails } = separateContactDetails(message.report);
  await ports.store.recordOriginal(message.reference, await ports.vault.sealReport(message.reference, JSON.stringify(original), contactDetails === undefined ? undefined : JSON.stringify(contactDetails)));
  // A report that speaks of a protected unit is always reviewed, whatever the force's exemption.
  const review = requiresReview(policy, decision.destination) || decision.protection !== undefined;
  const record = routedRecord(message, decision, ports.clock(), { review });
  // Due now and for a force: its reference is given in the write that records the report, not in one more.
  const forceReference = isDueForNotification(record) && record.routing.destination !== TRIAGE ? newForceReference() : undefined;
  return disseminate(ports, await ports.store.recordRouted(recordedContact(record, forceReference)));
};
