/**
 * POST /force/reports/{reference}/questions: a force asks the reporter a question about a report
 * it received. The question waits for the contact centre to relay it; the reporter's answer comes
 * back on the force's queue once sanitised and approved. To any other force the report does not
 * exist (404).
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { followUpOrProblem } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { ask, MAX_FOLLOW_UP_BYTES, questionRequestSchema } from '#domain/follow-up.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const ports = { reports: new DynamoReportStore(documentClient, tableName), followUps: new DynamoFollowUpStore(documentClient, tableName) };

export const handler = forceRouteWithBody({
  schema: questionRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: { type: '/problems/invalid-question', title: 'The question needs attention' },
}).handler(async (event) => {
  const question = await followUpOrProblem(() => ask(ports, event.pathParameters?.reference ?? '', event.force.id, event.body.question, new Date()));
  logger.info('Question asked', { reference: question.reference, force: event.force.id, questionId: question.id });
  return json(201, { questionId: question.id, status: question.status });
});
