/**
 * A report once the router has decided where it goes: what the reporter gave, the decision, and
 * where it stands. This is what the report store keeps.
 */
import type { Channel, IntakeMessage } from './intake.ts';
import type { Reference } from './reference.ts';
import type { ReportSubmission } from './report.ts';
import { TRIAGE, type RoutingDecision } from './routing.ts';

/**
 * - `routed`: stored with its routing decision, notification not yet confirmed sent;
 * - `disseminated`: on the force's queue;
 * - `in_triage`: on the national triage queue, waiting for the contact centre.
 */
export type ReportStatus = 'routed' | 'disseminated' | 'in_triage';

export interface RoutedReport {
  readonly reference: Reference;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly routedAt: string;
  readonly routing: RoutingDecision;
  readonly submission: ReportSubmission;
  readonly status: ReportStatus;
  /** When the notification was confirmed on the destination queue. */
  readonly notifiedAt?: string;
}

export const routedReport = (message: IntakeMessage, routing: RoutingDecision, routedAt: Date): RoutedReport => ({
  reference: message.reference,
  channel: message.channel,
  receivedAt: message.receivedAt,
  routedAt: routedAt.toISOString(),
  routing,
  submission: message.report,
  status: 'routed',
});

/** The status a report takes once its destination's queue holds it. */
export const statusOnceNotified = (report: RoutedReport): ReportStatus =>
  report.routing.destination === TRIAGE ? 'in_triage' : 'disseminated';
