/**
 * Routing a contact and disseminating reports, safely under at-least-once delivery: a contact is
 * recorded once (the first decision stands), its original sealed for the contact centre; a report
 * due for its destination is sent with one stable deduplication id, and not sent again once
 * confirmed.
 */
import { forceNotification, notificationDeduplicationId } from './force-notification.ts';
import type { IntakeMessage } from './intake.ts';
import type { ForceQueues, OriginalsVault, ReportStore } from './ports.ts';
import { isDueForNotification, routedRecord, type ReportRecord } from './report-record.ts';
import { requiresReview, type ReviewPolicy } from './review-policy.ts';
import { routeReport } from './routing.ts';

export interface DisseminationPorts {
  readonly store: ReportStore;
  readonly forceQueues: ForceQueues;
  readonly clock: () => Date;
}

export interface RoutingPorts extends DisseminationPorts {
  readonly vault: Pick<OriginalsVault, 'seal'>;
}

export interface DisseminationOutcome {
  readonly record: ReportRecord;
  /** True when this call found nothing left to do and sent nothing. */
  readonly repeat: boolean;
}

/** Sends a report that is due to its destination's queue, and records that it is there. */
export const disseminate = async ({ store, forceQueues, clock }: DisseminationPorts, record: ReportRecord): Promise<DisseminationOutcome> => {
  if (!isDueForNotification(record)) return { record, repeat: true };
  const now = clock();
  await forceQueues.notify(record.routing.destination, forceNotification(record, now), notificationDeduplicationId(record));
  return { record: await store.recordNotified(record, now), repeat: false };
};

/**
 * Routes a contact taken in: decides its force, seals the original, records it (awaiting review,
 * or straight to dissemination when review is off) and, without review, disseminates it.
 */
export const routeContact = async (ports: RoutingPorts, message: IntakeMessage, policy: ReviewPolicy): Promise<DisseminationOutcome> => {
  const recorded = await ports.store.find(message.reference);
  if (recorded !== undefined) return disseminate(ports, recorded);
  const decision = routeReport(message.report, message.receivedAt);
  const original = await ports.vault.seal(message.reference, JSON.stringify(message.report));
  const record = routedRecord(message, decision, original, ports.clock(), { review: requiresReview(policy, decision.destination) });
  return disseminate(ports, await ports.store.recordRouted(record));
};
