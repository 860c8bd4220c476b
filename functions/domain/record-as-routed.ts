/**
 * A report's record as it is first made, once its contact is routed, given how many identifying
 * details were flagged when it is kept for review. In a module without the identifying-details
 * check: the router keeps reports for review only some of the time (review on and the force not
 * exempt, or a protected unit named) and imports the check (review-flags.ts) only for those, so
 * that a cold start does not build its patterns for nothing; routed-record.ts counts the flags
 * itself, for callers that always have the check.
 */
import type { IntakeMessage } from './intake.ts';
import { contentFromSubmission } from './disseminable-content.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { RoutingDecision } from './entities/routing-decision.ts';

/** Kept for review, with how many identifying details the analyst will find flagged; or not. */
export type RoutedFor = { readonly review: false } | { readonly review: true; readonly flaggedDetails: number };

export const recordAsRouted = (message: IntakeMessage, routing: RoutingDecision, routedAt: Date, routedFor: RoutedFor): ReportRecord => {
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
    ...(routedFor.review
      ? // How many identifying details the analyst will find flagged: a count, for the queue, never what they are.
        { status: 'awaiting_review' as const, flaggedDetails: routedFor.flaggedDetails }
      : { status: 'routed' as const, content: contentFromSubmission(message.report) }),
    version: 1,
  };
};
