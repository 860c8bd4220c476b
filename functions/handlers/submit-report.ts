/**
 * POST /reports: a member of the public submits a report. Validate, assign a reference, enqueue,
 * issue a follow-up code, answer 202. Routing, storage and notification happen behind the intake
 * queue. The same Idempotency-Key with the same report within 24 hours answers with the same
 * reference (and a fresh follow-up code: the one shown last is the one that works).
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpAccess } from '#adapters/follow-up-access-store.ts';
import { followUpCodeCost } from '#adapters/follow-up-code-cost.ts';
import { idempotentIntake } from '#adapters/idempotent-intake.ts';
import { json, publicRoute } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { SqsIntakeQueue } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { groupedFollowUpCode } from '#domain/follow-up-code.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '#domain/report.ts';
import { issueFollowUpCode } from '#domain/reporter-follow-up.ts';
import { takeReport, type ReportReceipt } from '#domain/submission.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const ports = {
  store: new DynamoReportStore(documentClient, tableName),
  intake: new SqsIntakeQueue(sqsClient, requiredEnvironment('INTAKE_QUEUE_URL')),
};
const access = new DynamoFollowUpAccess(documentClient, tableName);
const takeOnce = idempotentIntake((report) => takeReport(ports, 'online', report, new Date()));

export const handler = publicRoute({
  schema: reportSubmissionSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: { type: '/problems/invalid-report', title: 'The report has answers that need attention' },
}).handler(async (event, context) => {
  const { reference } = await takeOnce({ idempotencyKey: event.headers['idempotency-key'], report: event.body }, context);
  const code = await issueFollowUpCode(access, reference, new Date(), followUpCodeCost());
  logger.info('Report taken in', { reference, channel: 'online' });
  return json(202, { reference, status: 'received', followUpCode: groupedFollowUpCode(code) } satisfies ReportReceipt);
});
