/**
 * The router, on the intake queue: for each report taken in, decide its force, record it with its
 * audit trail and disseminate it to that force's queue (or triage). Batches are processed record
 * by record; a record that fails is reported back alone, so SQS retries it and, after its last
 * try, moves it to the intake DLQ, while the rest of its batch goes on.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { logger } from '#adapters/logger.ts';
import { SqsForceQueues } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { routeAndDisseminate } from '#domain/dissemination.ts';
import { parseIntakeMessage } from '#domain/intake.ts';

const ports = {
  store: new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME')),
  forceQueues: new SqsForceQueues(sqsClient, requiredEnvironment('REPORT_QUEUE_NAME_TEMPLATE')),
  clock: () => new Date(),
};

const processor = new BatchProcessor(EventType.SQS);

const routeRecord = async (record: SQSRecord): Promise<void> => {
  try {
    const { report, repeat } = await routeAndDisseminate(ports, parseIntakeMessage(record.body));
    logger.info(repeat ? 'Report already disseminated' : 'Report disseminated', {
      reference: report.reference,
      destination: report.routing.destination,
      rule: report.routing.rule,
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
