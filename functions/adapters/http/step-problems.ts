/**
 * How the contact-centre and force APIs answer a step: the names in the path, and what the step
 * produced or the problem its refusal is (functions/adapters/http/problem-catalogue.ts).
 */
import type { ReportRecord } from '#domain/entities/report-record.ts';
import type { FollowUpOutcome } from '#domain/follow-up.ts';
import { isFollowUpId } from '#domain/entities/follow-up.ts';
import type { ForceOutcome } from '#domain/force-work.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import type { ReviewOutcome } from '#domain/review.ts';
import type { LinkDecision, LinkOutcome } from '#domain/person-links/decisions.ts';
import { FOLLOW_UP_REFUSALS, FORCE_REFUSALS, LINK_REFUSALS, REVIEW_REFUSALS, stepDoneOrProblem } from './problem-catalogue.ts';
import { statusProblem } from './problem.ts';

/** The reference in the path, or 404: a malformed reference names no report. */
export const referenceFrom = (pathParameters: Record<string, string | undefined> | undefined): Reference => {
  const reference = parseReference(pathParameters?.reference ?? '');
  if (reference === undefined) throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  return reference;
};


/** A question or answer id in the path, or 404. */
export const followUpIdFrom = (pathParameters: Record<string, string | undefined> | undefined, name: 'questionId' | 'answerId'): string => {
  const id = pathParameters?.[name] ?? '';
  if (!isFollowUpId(id)) throw statusProblem(404, 'Not Found', `There is no such ${name === 'questionId' ? 'question' : 'answer'}.`);
  return id;
};

/** The other report's reference in the path (`otherReference`), or 404. */
export const otherReferenceFrom = (pathParameters: Record<string, string | undefined> | undefined): Reference => {
  const reference = parseReference(pathParameters?.otherReference ?? '');
  if (reference === undefined) throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  return reference;
};

/** Runs a decision on a suggested link: the link as kept, or the problem. */
export const linkOrProblem = (step: () => Promise<LinkOutcome>): Promise<LinkDecision> => stepDoneOrProblem(step, LINK_REFUSALS);

/** Runs a review step: the contact as it now stands, or the problem. */
export const stepOrProblem = (step: () => Promise<ReviewOutcome>): Promise<ReportRecord> => stepDoneOrProblem(step, REVIEW_REFUSALS);

/** Runs a step on a question or answer: what it now is, or the problem. */
export const followUpOrProblem = <T>(step: () => Promise<FollowUpOutcome<T>>): Promise<T> => stepDoneOrProblem(step, FOLLOW_UP_REFUSALS);

/** Runs a force's step: the report as it now stands, or the problem. */
export const forceStepOrProblem = (step: () => Promise<ForceOutcome>): Promise<ReportRecord> => stepDoneOrProblem(step, FORCE_REFUSALS);
