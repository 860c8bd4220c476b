/**
 * The notification a force receives when the reporter's answer to a question has been sanitised
 * and approved: it goes to the force that has the report when the answer is approved (or, if none
 * has it then, with the report when it is disseminated). A published contract like the report
 * notification: schemas/force-answer.v2.json is generated from this schema and checked by a test.
 */
import * as z from 'zod';
import type { Answer, Question } from './follow-up.ts';
import { destinationName, forceNameSchema, onDay } from './force-facing.ts';
import { forceMessageReference } from './force-notification.ts';

export const FORCE_ANSWER_VERSION = '2.0';

export const forceAnswerNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_ANSWER_VERSION),
    type: z.literal('report.answer'),
    reference: forceMessageReference,
    force: forceNameSchema,
    questionId: z.string(),
    askedBy: forceNameSchema.describe('The force that asked the question.'),
    question: z.string().optional().describe('The question as it was asked; only to the force that asked it.'),
    answer: z.string().describe("The reporter's answer, sanitised by the contact centre."),
    answeredOn: z.iso.date().describe('The day the reporter answered.'),
    disseminatedOn: z.iso.date(),
  })
  .meta({ id: 'ForceAnswerNotification', title: "The reporter's answer to a force's question" });

export type ForceAnswerNotification = z.infer<typeof forceAnswerNotificationSchema>;

export const forceAnswerNotification = (
  to: { readonly force: string; readonly reference: string },
  question: Question,
  answer: Answer,
  at: Date,
): ForceAnswerNotification => {
  if (answer.sanitised === undefined) throw new Error(`Answer ${answer.id} has not been sanitised`);
  return {
    schemaVersion: FORCE_ANSWER_VERSION,
    type: 'report.answer',
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
