/**
 * The supervisor's screens on the staff console (functions/pages/console/approval.ts), each acting
 * through the staff API's own use cases as the supervisor signed in:
 *
 * - GET /approvals: the sanitised contacts waiting for approval, oldest first;
 * - GET /approvals/{reference}: the approval screen; the original is opened as the staff API's
 *   review view opens it (openForReview: the reading recorded in the audit trail);
 * - POST /approvals/{reference}/approval: approveReport, as POST /contact-centre/reviews/{reference}/approval;
 * - POST /approvals/{reference}/return: returnToAnalyst, with the reason required;
 * - GET /closures: the proposed closures, oldest first;
 * - POST /closures/{reference}/confirmation: confirmClosure, as the staff API's confirmation route;
 * - GET /answers: reporters' answers and added information, sanitised, waiting for approval;
 * - GET /answers/{reference}/{answerId}: one, the reporter's words and the sanitised version side
 *   by side (openAnswerForReview: the reading recorded);
 * - POST /answers/{reference}/{answerId}/approval: approveAnswerFor, as the staff API's answer approval.
 *
 * A refusal (one's own sanitisation, one's own proposal…) is answered with the same screen and the
 * refusal said plainly at the top; a contact changed by someone else at the same moment is said so.
 */
import { proposedForceName } from '#pages/console/words.ts';
import { clock, followUpStore, forceQueues, originalsVault, portsFor, reportStore } from '#adapters/composition-root.ts';
import { attemptFollowUpStep, consolePageAnswer, consoleScreen, type ConsoleResult } from '#adapters/console-http.ts';
import { logger } from '#adapters/logger.ts';
import { contactsAwaitingReview, reviewStageOf } from '#domain/contact-centre-queue.ts';
import { approveAnswerFor, approveReport } from '#domain/disseminating-steps.ts';
import { openAnswerForReview } from '#domain/follow-up.ts';
import { isFollowUpId } from '#domain/entities/follow-up.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import { parseReference, type Reference } from '#domain/reference.ts';
import { flagIdentifyingDetails } from '#domain/review-flags.ts';
import { confirmClosure, openForReview, RETURN_REASON_MAX, returnToAnalyst, reviewStep, secondsWaiting, type ReviewOutcome } from '#domain/review.ts';
import type { Person } from '#pages/console/layout.ts';
import { notFoundPage } from '#pages/console/pages.ts';
import {
  answerApprovalPage,
  answerApprovedPage,
  answersPage,
  approvalPage,
  approvalsPage,
  approvedPage,
  closuresPage,
  refusalInWords,
  returnedPage,
  type AnswerApprovalView,
  type ApprovalView,
  type StepRefusal,
} from '#pages/console/approval.ts';

const approvalPorts = portsFor({ reports: reportStore, store: reportStore, vault: originalsVault, followUps: followUpStore, forceQueues, clock });

const forceName = (record: ReportRecord): string => proposedForceName(record.routing.destination, 'Triage (no force chosen)');

const CHANGED_MEANWHILE = 'Someone else changed this contact at the same moment, so nothing was done. Look at it again and decide.';

/** The approval screen for a contact, or the page saying there is none. */
const approvalScreen = async (
  person: Person,
  reference: Reference,
  status: number,
  extra: Pick<ApprovalView, 'reason' | 'errors' | 'refusal'> = {},
): Promise<ConsoleResult> => {
  const ports = approvalPorts();
  const now = ports.clock();
  const opened = await openForReview(ports, reference, person.username, now);
  if (opened.kind === 'refused') return consolePageAnswer(404, notFoundPage(person));
  const { record, original } = opened.value;
  const { sanitised, returned, closureProposed } = record.review ?? {};
  return consolePageAnswer(
    status,
    approvalPage({
      person,
      reference,
      waitedSeconds: secondsWaiting(record, now),
      proposedForce: forceName(record),
      why: record.routing.reason,
      original,
      flags: flagIdentifyingDetails(original),
      ...(sanitised === undefined || record.status !== 'awaiting_review' ? {} : { sanitised }),
      ...(returned === undefined ? {} : { returned: { by: returned.by, at: returned.at, reason: returned.reason } }),
      closureProposed: closureProposed !== undefined,
      status: record.status,
      ...extra,
    }),
  );
};

/** Runs a step; a refusal or a concurrent change comes back as words for the screen. */
const attempt = async (step: () => Promise<ReviewOutcome>): Promise<{ done: ReportRecord } | { refusal: StepRefusal | 'changed' }> => {
  try {
    const outcome = await step();
    return outcome.kind === 'done' ? { done: outcome.value } : { refusal: outcome.refusal };
  } catch (error) {
    if (error instanceof ConcurrentChange) return { refusal: 'changed' };
    throw error;
  }
};

/** 404 for a contact that is not there, 409 for one changed meanwhile or not in a state for the step, 403 for a step that is not this person's to take. */
const statusOf = (refusal: StepRefusal | 'changed'): number => {
  if (refusal === 'changed') return 409;
  if (refusal.kind === 'not-found') return 404;
  return refusal.kind === 'own-sanitisation' || refusal.kind === 'own-change' || refusal.kind === 'own-proposal' ? 403 : 409;
};

const inWords = (refusal: StepRefusal | 'changed', step: 'approve' | 'return' | 'confirm'): string =>
  refusal === 'changed' ? CHANGED_MEANWHILE : refusalInWords(refusal, step);

const proposedClosures = async (now: Date) => {
  const records = (await contactsAwaitingReview(approvalPorts().reports)).records;
  return records.flatMap((record) => {
    const proposal = record.review?.closureProposed;
    return proposal === undefined
      ? []
      : [{ reference: record.reference, waitedSeconds: secondsWaiting(record, now), proposedBy: proposal.by, reason: proposal.reason, ...(proposal.note === undefined ? {} : { note: proposal.note }) }];
  });
};

/** Answers listed at most. */
const ANSWERS = 100;

const answerScreen = async (person: Person, reference: Reference, answerId: string, status: number, refusal?: string): Promise<ConsoleResult> => {
  const ports = approvalPorts();
  const opened = await openAnswerForReview(ports, reference, answerId, person.username, ports.clock());
  if (opened.kind === 'refused') return consolePageAnswer(404, notFoundPage(person));
  const { answer, question, original } = opened.value;
  const view: AnswerApprovalView = {
    person,
    reference,
    answerId,
    ...(question === undefined ? {} : { question: question.text }),
    original,
    ...(answer.sanitised === undefined ? {} : { sanitised: answer.sanitised }),
    approved: answer.status !== 'awaiting_review',
    ...(refusal === undefined ? {} : { refusal }),
  };
  return consolePageAnswer(status, answerApprovalPage(view));
};

export const handler = consoleScreen(['supervisors'], 'Approving contacts and confirming closures is for supervisors.', async (event, { person, form }) => {
  const ports = approvalPorts();
  const reference = event.pathParameters?.reference === undefined ? undefined : parseReference(event.pathParameters.reference);
  switch (event.routeKey) {
    case 'GET /approvals': {
      const now = ports.clock();
      const records = (await contactsAwaitingReview(ports.reports)).records;
      const contacts = records
        .filter((record) => reviewStageOf(record) === 'to_approve')
        .map((record) => ({ reference: record.reference, waitedSeconds: secondsWaiting(record, now), proposedForce: forceName(record), sanitisedBy: record.review?.sanitised?.by ?? '' }));
      return consolePageAnswer(200, approvalsPage(person, contacts));
    }
    case 'GET /approvals/{reference}':
      return reference === undefined ? consolePageAnswer(404, notFoundPage(person)) : approvalScreen(person, reference, 200);
    case 'POST /approvals/{reference}/approval': {
      if (reference === undefined) return consolePageAnswer(404, notFoundPage(person));
      const result = await attempt(() => approveReport(ports, reference, person.username));
      if ('refusal' in result) return approvalScreen(person, reference, statusOf(result.refusal), { refusal: inWords(result.refusal, 'approve') });
      logger.info('Report disseminated after review', { reference, destination: result.done.routing.destination, supervisor: person.username, through: 'staff console' });
      return consolePageAnswer(200, approvedPage(person, reference, forceName(result.done)));
    }
    case 'POST /approvals/{reference}/return': {
      if (reference === undefined) return consolePageAnswer(404, notFoundPage(person));
      const reason = (form.get('reason') ?? '').trim();
      if (reason === '' || reason.length > RETURN_REASON_MAX) {
        const message = reason === '' ? 'Say why it goes back to the analyst' : `The reason must be ${RETURN_REASON_MAX.toLocaleString('en-GB')} characters or fewer`;
        return approvalScreen(person, reference, 400, { reason, errors: [{ field: 'reason', message }] });
      }
      const result = await attempt(() => reviewStep(ports.reports, reference, (contact) => returnToAnalyst(contact, reason, person.username, ports.clock())));
      if ('refusal' in result) return approvalScreen(person, reference, statusOf(result.refusal), { reason, refusal: inWords(result.refusal, 'return') });
      logger.info('Contact returned to the analysts', { reference, supervisor: person.username });
      return consolePageAnswer(200, returnedPage(person, reference));
    }
    case 'GET /closures':
      return consolePageAnswer(200, closuresPage({ person, closures: await proposedClosures(ports.clock()) }));
    case 'POST /closures/{reference}/confirmation': {
      if (reference === undefined) return consolePageAnswer(404, notFoundPage(person));
      const result = await attempt(() => reviewStep(ports.reports, reference, (contact) => confirmClosure(contact, person.username, ports.clock())));
      const closures = await proposedClosures(ports.clock());
      if ('refusal' in result) return consolePageAnswer(statusOf(result.refusal), closuresPage({ person, closures, refusal: inWords(result.refusal, 'confirm') }));
      logger.info('Contact closed', { reference, supervisor: person.username, through: 'staff console' });
      return consolePageAnswer(200, closuresPage({ person, closures, closed: reference }));
    }
    case 'GET /answers': {
      const now = ports.clock();
      const answers = (await ports.followUps.answersAwaitingReview(ANSWERS))
        .filter((answer) => answer.sanitised !== undefined)
        .map((answer) => ({
          reference: answer.reference,
          answerId: answer.id,
          isAnswer: answer.questionId !== undefined,
          waitedSeconds: secondsWaiting(answer, now),
          sanitisedBy: answer.sanitised?.by ?? '',
        }));
      return consolePageAnswer(200, answersPage(person, answers));
    }
    case 'GET /answers/{reference}/{answerId}':
    case 'POST /answers/{reference}/{answerId}/approval': {
      const answerId = event.pathParameters?.answerId ?? '';
      if (reference === undefined || !isFollowUpId(answerId)) return consolePageAnswer(404, notFoundPage(person));
      if (event.routeKey.startsWith('GET')) return answerScreen(person, reference, answerId, 200);
      const result = await attemptFollowUpStep(() => approveAnswerFor(ports, reference, answerId, person.username), CHANGED_MEANWHILE);
      if ('refusal' in result) return answerScreen(person, reference, answerId, result.status, result.refusal);
      logger.info('Answer disseminated after review', { reference, answerId, supervisor: person.username, through: 'staff console' });
      return consolePageAnswer(200, answerApprovedPage(person, reference, result.done.questionId !== undefined));
    }
    default:
      return consolePageAnswer(404, notFoundPage(person));
  }
});
