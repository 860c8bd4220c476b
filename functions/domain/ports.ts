/**
 * What the domain needs from the outside world, named in the service's words. The DynamoDB and
 * SQS adapters in functions/adapters/ implement these; tests may implement them in memory.
 */
import type { ForceNotification } from './force-notification.ts';
import type { IntakeMessage } from './intake.ts';
import type { Reference } from './reference.ts';
import type { RoutedReport } from './routed-report.ts';
import type { Destination } from './routing.ts';

export interface ReportStore {
  /** Claims a reference for a new report; false if it is already taken. */
  reserveReference(reference: Reference, at: Date): Promise<boolean>;
  /**
   * Records a routed report with its audit trail, once. When the reference is already recorded
   * (a repeated delivery), nothing is written and the report as first recorded is returned.
   */
  recordRouted(report: RoutedReport): Promise<RoutedReport>;
  /** Records that the destination's queue holds the report; a repeat changes nothing. */
  recordNotified(report: RoutedReport, at: Date): Promise<void>;
  find(reference: Reference): Promise<RoutedReport | undefined>;
}

export interface IntakeQueue {
  enqueue(message: IntakeMessage): Promise<void>;
}

export interface ForceQueues {
  /** Puts the notification on the destination's queue; repeats with the same id are dropped. */
  notify(destination: Destination, notification: ForceNotification, deduplicationId: string): Promise<void>;
}
