/**
 * POST /contact-centre/reviews/{reference}/approval: a supervisor, never anyone who changed what the
 * force will receive or where it goes, approves the sanitised report, and only then does the
 * force's queue receive it (with any answers and information approved before it had a force). Approving
 * again after a failure part-way sends the same notification (same deduplication id) and records
 * it once.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { SqsForceQueues } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { disseminate } from '#domain/dissemination.ts';
import { approve, reviewStep } from '#domain/review.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const ports = {
  store: new DynamoReportStore(documentClient, tableName),
  followUps: new DynamoFollowUpStore(documentClient, tableName),
  forceQueues: new SqsForceQueues(sqsClient, requiredEnvironment('REPORT_QUEUE_NAME_TEMPLATE')),
  clock: () => new Date(),
};

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const recorded = await ports.store.find(reference);
  // An approval whose dissemination did not finish is finished, not refused.
  const approved =
    recorded?.status === 'approved'
      ? recorded
      : await stepOrProblem(() => reviewStep(ports.store, reference, (contact) => approve(contact, event.staff.username, new Date())));
  const { record } = await disseminate(ports, approved);
  logger.info('Report disseminated after review', { reference, destination: record.routing.destination, supervisor: event.staff.username });
  return json(200, contactSummary(record));
});
