/**
 * POST /contact-centre/reports: a call agent records a report taken by phone. The same report as
 * online, marked channel phone; there is no field for the caller's number and none is kept. The
 * caller is given the reference and a follow-up code to keep, as an online reporter is: the call
 * agent reads both out, and only the code's hash is kept.
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { SqsIntakeQueue } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { DynamoFollowUpAccess } from '#adapters/follow-up-access-store.ts';
import { followUpCodeCost } from '#adapters/follow-up-code-cost.ts';
import { groupedFollowUpCode } from '#domain/follow-up-code.ts';
import { issueFollowUpCode } from '#domain/reporter-follow-up.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '#domain/report.ts';
import { takeReport, type ReportReceipt } from '#domain/submission.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const access = new DynamoFollowUpAccess(documentClient, tableName);
const ports = {
  store: new DynamoReportStore(documentClient, tableName),
  intake: new SqsIntakeQueue(sqsClient, requiredEnvironment('INTAKE_QUEUE_URL')),
};

export const handler = staffRouteWithBody(['call-agents'], {
  schema: reportSubmissionSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: { type: '/problems/invalid-report', title: 'The report has answers that need attention' },
}).handler(async (event) => {
  const reference = await takeReport(ports, 'phone', event.body, new Date());
  const code = await issueFollowUpCode(access, reference, new Date(), followUpCodeCost());
  logger.info('Report taken in', { reference, channel: 'phone', callAgent: event.staff.username });
  return json(202, { reference, status: 'received', followUpCode: groupedFollowUpCode(code) } satisfies ReportReceipt);
});
