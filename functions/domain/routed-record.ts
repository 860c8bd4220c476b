/**
 * A report's record as it is first made, once its contact is routed: in a module of its own,
 * because counting the identifying details flagged for review needs the identifying-details check,
 * which every function that only reads or writes records (through report-record.ts and the stores)
 * would otherwise carry and build at import.
 */
import type { IntakeMessage } from './intake.ts';
import { contentFromSubmission } from './disseminable-content.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { RoutingDecision } from './entities/routing-decision.ts';
import { flagIdentifyingDetails } from './review-flags.ts';

export interface RoutingOptions {
  /** Whether a person must review the report before its destination sees it. */
  readonly review: boolean;
}

export const routedRecord = (
  message: IntakeMessage,
  routing: RoutingDecision,
  routedAt: Date,
  { review }: RoutingOptions,
): ReportRecord => {
  const { reporter } = message.report;
  const { protection, ...decision } = routing;
  return {
    reference: message.reference,
    channel: message.channel,
    receivedAt: message.receivedAt,
    routedAt: routedAt.toISOString(),
    routing: decision,
    ...(protection === undefined ? {} : { protection }),
    ...(message.takenBy === undefined ? {} : { takenBy: message.takenBy }),
    categories: [...message.report.categories],
    reporterMode: reporter.mode,
    contactDetailsHeld: reporter.mode === 'confidential' && reporter.contact !== undefined,
    ...(review
      ? // How many identifying details the analyst will find flagged: a count, for the queue, never what they are.
        { status: 'awaiting_review' as const, flaggedDetails: flagIdentifyingDetails(message.report).length }
      : { status: 'routed' as const, content: contentFromSubmission(message.report) }),
    version: 1,
  };
};
