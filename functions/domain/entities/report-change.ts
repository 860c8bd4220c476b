/**
 * A change to a report as a step decides it (functions/domain/ decides every one): the report as
 * the change leaves it, the audit event that records it, and the statistics counters it moves.
 * The store writes all of it or none of it, and decides none of it.
 */
import type { AuditEvent } from '../audit.ts';
import type { CounterIncrement } from './counters.ts';
import type { ForceReference } from './force-reference.ts';
import type { ReportRecord } from './report-record.ts';
import type { ForceId } from '../forces.ts';
import type { Destination } from './routing-decision.ts';

export interface ReportChange {
  readonly record: ReportRecord;
  readonly event: AuditEvent;
  readonly counters: readonly CounterIncrement[];
  /**
   * When the change makes the report due for a force that has no reference for it yet: the
   * force's reference, given in the same write (the record holds it, the store claims it), and
   * the event that says so, kept with the change's own event.
   */
  readonly referenceGiven?: { readonly force: ForceId; readonly forceReference: ForceReference; readonly event: AuditEvent };
}

/**
 * A contact recorded for the first time: the events of its receipt and its routing, and its count;
 * and, when it goes straight to a force (no review), the force's own reference for it, given in the
 * same write (the record holds it, the events say so, and the store claims it).
 */
export interface RecordedContact {
  readonly record: ReportRecord;
  readonly events: readonly AuditEvent[];
  readonly counters: readonly CounterIncrement[];
  readonly forceReference?: { readonly force: ForceId; readonly forceReference: ForceReference };
}

/** A force given its own reference for a report: the change, and the reference the store claims. */
export interface ForceReferenceGiven extends ReportChange {
  readonly force: ForceId;
  readonly forceReference: ForceReference;
}

/**
 * A contact sent straight on from routing (no review), as decided by the delivery that kept its
 * original: its destination and, for a force, the force's own reference, claimed with the
 * original before anything carrying it is sent. A redelivery of the contact finds it there and
 * sends the same message again, under the same reference and deduplication id.
 */
export interface DirectDissemination {
  readonly destination: Destination;
  readonly forceReference?: ForceReference;
}

/** A sealed original kept for a contact sent straight on: whether this delivery kept it, and what it is kept for. */
export interface KeptOriginal {
  readonly first: boolean;
  readonly dissemination?: DirectDissemination;
}
