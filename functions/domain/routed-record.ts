/**
 * A report's record as it is first made, once its contact is routed, with the identifying details
 * flagged for review counted here: in a module of its own, because counting them needs the
 * identifying-details check, which every function that only reads or writes records (through
 * report-record.ts and the stores) would otherwise carry and build at import. The router makes the
 * record with record-as-routed.ts and loads the check only for a report kept for review.
 */
import type { IntakeMessage } from './intake.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { RoutingDecision } from './entities/routing-decision.ts';
import { recordAsRouted } from './record-as-routed.ts';
import { flagIdentifyingDetails } from './review-flags.ts';

export interface RoutingOptions {
  /** Whether a person must review the report before its destination sees it. */
  readonly review: boolean;
}

export const routedRecord = (message: IntakeMessage, routing: RoutingDecision, routedAt: Date, { review }: RoutingOptions): ReportRecord =>
  recordAsRouted(message, routing, routedAt, review ? { review: true, flaggedDetails: flagIdentifyingDetails(message.report).length } : { review: false });
