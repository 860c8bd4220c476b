/** The domain's ports in memory, for unit tests of the use cases (integration tests use the real ones). */
import type { ForceNotification } from '../../functions/domain/force-notification.ts';
import type { IntakeMessage } from '../../functions/domain/intake.ts';
import type { ForceQueues, IntakeQueue, ReportStore } from '../../functions/domain/ports.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { statusOnceNotified, type RoutedReport } from '../../functions/domain/routed-report.ts';

export class InMemoryReportStore implements ReportStore {
  readonly reserved = new Set<string>();
  readonly reports = new Map<string, RoutedReport>();

  async reserveReference(reference: Reference): Promise<boolean> {
    if (this.reserved.has(reference)) return false;
    this.reserved.add(reference);
    return true;
  }

  async recordRouted(report: RoutedReport): Promise<RoutedReport> {
    const recorded = this.reports.get(report.reference);
    if (recorded !== undefined) return recorded;
    this.reports.set(report.reference, report);
    return report;
  }

  async recordNotified(report: RoutedReport, at: Date): Promise<void> {
    const recorded = this.reports.get(report.reference);
    if (recorded === undefined || recorded.notifiedAt !== undefined) return;
    this.reports.set(report.reference, { ...recorded, status: statusOnceNotified(recorded), notifiedAt: at.toISOString() });
  }

  async find(reference: Reference): Promise<RoutedReport | undefined> {
    return this.reports.get(reference);
  }
}

export class InMemoryIntakeQueue implements IntakeQueue {
  readonly messages: IntakeMessage[] = [];
  async enqueue(message: IntakeMessage): Promise<void> {
    this.messages.push(message);
  }
}

export class InMemoryForceQueues implements ForceQueues {
  readonly sent: { destination: string; notification: ForceNotification; deduplicationId: string }[] = [];
  async notify(destination: string, notification: ForceNotification, deduplicationId: string): Promise<void> {
    this.sent.push({ destination, notification, deduplicationId });
  }
}
