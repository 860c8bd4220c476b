/**
 * A contact split by the contact centre into reports for several forces (functions/domain/review.ts
 * decides it): the contact's next version, the new reports, and the event each of them records.
 */
import type { AuditEvent } from '../audit.ts';
import type { Reference } from '../reference.ts';
import type { ReportRecord } from './report-record.ts';

export interface SplitChange {
  readonly contact: ReportRecord;
  readonly reports: readonly ReportRecord[];
  readonly events: readonly { readonly reference: Reference; readonly event: AuditEvent }[];
}
