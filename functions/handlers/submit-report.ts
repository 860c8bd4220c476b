/**
 * POST /reports: a member of the public submits a report. Validate, assign a reference, enqueue,
 * answer 202. Routing, storage and notification happen behind the intake queue. The same
 * Idempotency-Key with the same report within 24 hours answers with the same reference.
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { idempotentSubmission } from '#adapters/http/idempotent-submission.ts';
import { json, publicRoute, type HttpEvent } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { SqsIntakeQueue } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema, type ReportSubmission } from '#domain/report.ts';
import { takeReport, type ReportReceipt } from '#domain/submission.ts';

const ports = {
  store: new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME')),
  intake: new SqsIntakeQueue(sqsClient, requiredEnvironment('INTAKE_QUEUE_URL')),
};

export const handler = publicRoute({
  schema: reportSubmissionSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: { type: '/problems/invalid-report', title: 'The report has answers that need attention' },
})
  .use(idempotentSubmission<HttpEvent<ReportSubmission>>())
  .handler(async (event) => {
  const reference = await takeReport(ports, 'online', event.body, new Date());
  logger.info('Report taken in', { reference, channel: 'online' });
  return json(202, { reference, status: 'received' } satisfies ReportReceipt);
});
