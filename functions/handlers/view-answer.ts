/**
 * GET /contact-centre/reviews/{reference}/answers/{answerId}: a reporter's answer in full for
 * review: their own words (opened with the contact-centre key, the reading recorded), the
 * identifying details flagged in them, and the question it answers (none for information the
 * reporter added unasked).
 */
import { answerSummary, questionSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { followUpIdFrom, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { kmsClient } from '#adapters/kms-client.ts';
import { KmsOriginalsVault } from '#adapters/originals-vault.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { auditEvent } from '#domain/audit.ts';
import { findIdentifyingDetails } from '#domain/identifying-details.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const followUps = new DynamoFollowUpStore(documentClient, tableName);
const reports = new DynamoReportStore(documentClient, tableName);
const vault = new KmsOriginalsVault(kmsClient, requiredEnvironment('ORIGINALS_KEY_ID'));

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const found = await followUps.findAnswer(reference, answerId);
  if (found === undefined) throw statusProblem(404, 'Not Found', 'There is no such answer.');
  const question = found.questionId === undefined ? undefined : await followUps.findQuestion(reference, found.questionId);
  if (found.questionId !== undefined && question === undefined) throw statusProblem(404, 'Not Found', 'There is no such answer.');
  const original = await vault.open(reference, found.original);
  await reports.appendEvent(reference, auditEvent('answer_read', new Date(), { answerId }, event.staff.username));
  return json(200, {
    ...answerSummary(found),
    question: question === undefined ? null : questionSummary(question),
    original,
    flags: findIdentifyingDetails(original).map((flag) => ({ pointer: '/answer', ...flag })),
  });
});
