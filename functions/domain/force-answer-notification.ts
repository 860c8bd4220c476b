/**
 * The notification a force receives when the reporter's answer to a question has been sanitised
 * and approved: it goes to the force that has the report when the answer is approved (or, if none
 * has it then, with the report when it is disseminated). A published contract like the report
 * notification: schemas/force-answer.v3.json is generated from its schema (in
 * entities/force-messages.ts) and checked by a test.
 */
import type { Answer, Question } from './entities/follow-up.ts';
import { destinationName, onDay } from './force-facing.ts';
import { FORCE_ANSWER_VERSION, type ForceAnswerNotification } from './entities/force-messages.ts';

/** Where a reporter's answer or added information goes: a force, its own reference, and the dissemination of the report it has. */
export interface FollowUpDestination {
  readonly force: string;
  readonly reference: string;
  /** Which of the force's holdings of the report this belongs to (report-record.ts disseminationVersion). */
  readonly dissemination: number;
}

/**
 * One answer, sent for one dissemination of the report to a force, is one message however often
 * it is attempted: the queue drops repeats within five minutes, the force deduplicates on it after.
 * If the report leaves the force and comes back, the force is sent the answer again, as a new message.
 */
export const answerMessageId = (to: FollowUpDestination, answer: Pick<Answer, 'id'>): string =>
  `report.answer:${to.reference}:${answer.id}:v${to.dissemination}`;

export const forceAnswerNotification = (
  to: FollowUpDestination,
  question: Question,
  answer: Answer,
  at: Date,
): ForceAnswerNotification => {
  if (answer.sanitised === undefined) throw new Error(`Answer ${answer.id} has not been sanitised`);
  return {
    schemaVersion: FORCE_ANSWER_VERSION,
    type: 'report.answer',
    messageId: answerMessageId(to, answer),
    reference: to.reference,
    force: { id: to.force, name: destinationName(to.force) },
    questionId: question.id,
    askedBy: { id: question.force, name: destinationName(question.force) },
    ...(question.force === to.force ? { question: question.text } : {}),
    answer: answer.sanitised.text,
    answeredOn: onDay(answer.receivedAt),
    disseminatedOn: onDay(at.toISOString()),
  };
};
