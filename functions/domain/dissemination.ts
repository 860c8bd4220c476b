/**
 * Routing a report taken in and disseminating it to its destination's queue, safely under
 * at-least-once delivery: the report is recorded once (the first decision stands), the
 * notification carries one stable deduplication id, and a report already confirmed on its queue
 * is not sent again.
 */
import { forceNotification, notificationDeduplicationId } from './force-notification.ts';
import type { IntakeMessage } from './intake.ts';
import type { ForceQueues, ReportStore } from './ports.ts';
import { routedReport, type RoutedReport } from './routed-report.ts';
import { routeReport } from './routing.ts';

export interface DisseminationPorts {
  readonly store: ReportStore;
  readonly forceQueues: ForceQueues;
  readonly clock: () => Date;
}

export interface DisseminationOutcome {
  readonly report: RoutedReport;
  /** True when this delivery found the work already done and sent nothing. */
  readonly repeat: boolean;
}

export const routeAndDisseminate = async (
  { store, forceQueues, clock }: DisseminationPorts,
  message: IntakeMessage,
): Promise<DisseminationOutcome> => {
  const decision = routeReport(message.report, message.receivedAt);
  const report = await store.recordRouted(routedReport(message, decision, clock()));
  if (report.notifiedAt !== undefined) return { report, repeat: true };

  const now = clock();
  await forceQueues.notify(report.routing.destination, forceNotification(report, now), notificationDeduplicationId(report));
  await store.recordNotified(report, now);
  return { report, repeat: false };
};
