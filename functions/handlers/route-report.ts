/**
 * The router, on the intake queue: for each contact taken in, decide its force, seal the original
 * for the contact centre, record it with its audit trail and count it; then either leave it for
 * review or, where review is off, disseminate it to that force's queue (or triage). Batches are
 * processed record by record; a record that fails is reported back alone, so SQS retries it and,
 * after its last try, moves it to the intake DLQ, while the rest of its batch goes on.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { kmsClient } from '#adapters/kms-client.ts';
import { logger } from '#adapters/logger.ts';
import { KmsOriginalsVault } from '#adapters/originals-vault.ts';
import { SqsForceQueues } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { routeContact } from '#domain/dissemination.ts';
import { parseIntakeMessage } from '#domain/intake.ts';
import { parseReviewPolicy } from '#domain/review-policy.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const ports = {
  store: new DynamoReportStore(documentClient, tableName),
  followUps: new DynamoFollowUpStore(documentClient, tableName),
  forceQueues: new SqsForceQueues(sqsClient, requiredEnvironment('REPORT_QUEUE_NAME_TEMPLATE')),
  vault: new KmsOriginalsVault(kmsClient, requiredEnvironment('ORIGINALS_KEY_ID')),
  clock: () => new Date(),
};
const reviewPolicy = parseReviewPolicy(requiredEnvironment('REVIEW'), process.env.REVIEW_EXEMPT_FORCES);

const processor = new BatchProcessor(EventType.SQS);

const routeRecord = async (record: SQSRecord): Promise<void> => {
  try {
    const { record: report, repeat } = await routeContact(ports, parseIntakeMessage(record.body), reviewPolicy);
    logger.info(repeat ? 'Contact already routed' : 'Contact routed', {
      reference: report.reference,
      destination: report.routing.destination,
      rule: report.routing.rule,
      status: report.status,
    });
  } catch (error) {
    // The error's name only: a parser's message can quote the report it choked on.
    logger.warn('Intake message not routed; SQS will retry it', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      errorName: error instanceof Error ? error.name : typeof error,
    });
    throw error;
  }
};

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, routeRecord, processor, { context });
