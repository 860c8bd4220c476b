/**
 * The notification a force receives when the reporter's answer to its question has been
 * sanitised and approved. A published contract like the report notification:
 * schemas/force-answer.v1.json is generated from this schema and checked by a test.
 */
import * as z from 'zod';
import type { Answer, Question } from './follow-up.ts';
import { forceById } from './forces.ts';
import { REFERENCE_PATTERN } from './reference.ts';

export const FORCE_ANSWER_VERSION = '1.0';

export const forceAnswerNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_ANSWER_VERSION),
    type: z.literal('report.answer'),
    reference: z.string().regex(REFERENCE_PATTERN).describe('The report the question was about.'),
    force: z.strictObject({ id: z.string(), name: z.string() }),
    questionId: z.string(),
    question: z.string().describe('The question as the force asked it.'),
    answer: z.string().describe("The reporter's answer, sanitised by the contact centre."),
    answeredAt: z.iso.datetime(),
    disseminatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ForceAnswerNotification', title: "The reporter's answer to a force's question" });

export type ForceAnswerNotification = z.infer<typeof forceAnswerNotificationSchema>;

export const forceAnswerNotification = (question: Question, answer: Answer, at: Date): ForceAnswerNotification => {
  if (answer.sanitised === undefined) throw new Error(`Answer ${answer.id} has not been sanitised`);
  if (answer.force === undefined) throw new Error(`Answer ${answer.id} answers no force's question`);
  return {
    schemaVersion: FORCE_ANSWER_VERSION,
    type: 'report.answer',
    reference: answer.reference,
    force: { id: answer.force, name: forceById(answer.force)?.name ?? answer.force },
    questionId: question.id,
    question: question.text,
    answer: answer.sanitised.text,
    answeredAt: answer.receivedAt,
    disseminatedAt: at.toISOString(),
  };
};

export const answerDeduplicationId = (answer: Answer): string => `report.answer:${answer.reference}:${answer.id}`;
