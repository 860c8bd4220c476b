/**
 * What every function that takes a report in works with (the API's, the website form's and the
 * call agents'): taking the report onto the intake queue with a reserved reference, and issuing
 * its follow-up code, of which only the hash is kept.
 */
import type { Channel } from '#domain/intake.ts';
import type { Reference } from '#domain/reference.ts';
import type { ReportSubmission } from '#domain/report.ts';
import { issueFollowUpCode } from '#domain/reporter-follow-up.ts';
import { takeReport } from '#domain/submission.ts';
import { documentClient } from './dynamodb-client.ts';
import { requiredEnvironment } from './environment.ts';
import { DynamoFollowUpAccess } from './follow-up-access-store.ts';
import { followUpCodeCost } from './follow-up-code-cost.ts';
import { SqsIntakeQueue } from './queues.ts';
import { DynamoReportStore } from './report-store.ts';
import { sqsClient } from './sqs-client.ts';

export const reportIntake = (channel: Channel) => {
  const tableName = requiredEnvironment('TABLE_NAME');
  const ports = {
    store: new DynamoReportStore(documentClient, tableName),
    intake: new SqsIntakeQueue(sqsClient, requiredEnvironment('INTAKE_QUEUE_URL')),
  };
  const access = new DynamoFollowUpAccess(documentClient, tableName);
  return {
    take: (report: ReportSubmission): Promise<Reference> => takeReport(ports, channel, report, new Date()),
    issueCode: (reference: Reference) => issueFollowUpCode(access, reference, new Date(), followUpCodeCost()),
  };
};
