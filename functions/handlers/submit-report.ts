/**
 * POST /reports: a member of the public submits a report. Validate, assign a reference, enqueue,
 * answer 202. Routing, storage and notification happen behind the intake queue.
 */
import middy from '@middy/core';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { anonymise } from '#adapters/http/anonymous-request.ts';
import { bodyLimit } from '#adapters/http/body-limit.ts';
import { problemDetails } from '#adapters/http/problem-details.ts';
import { validatedBody } from '#adapters/http/validated-body.ts';
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

type SubmitReportEvent = Omit<APIGatewayProxyEventV2, 'body'> & { body: ReportSubmission };

const submitReport = async (event: SubmitReportEvent): Promise<APIGatewayProxyStructuredResultV2> => {
  const reference = await takeReport(ports, 'online', event.body, new Date());
  logger.info('Report taken in', { reference, channel: 'online' });
  return {
    statusCode: 202,
    headers: { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ reference, status: 'received' } satisfies ReportReceipt),
  };
};

export const handler = middy<SubmitReportEvent, APIGatewayProxyStructuredResultV2>()
  .use(anonymise<SubmitReportEvent>())
  .use(httpSecurityHeaders())
  .use(bodyLimit<SubmitReportEvent>(MAX_REPORT_BYTES))
  .use(httpJsonBodyParser())
  .use(validatedBody(reportSubmissionSchema, { type: '/problems/invalid-report', title: 'The report has answers that need attention' }))
  .use(problemDetails())
  .handler(submitReport);
