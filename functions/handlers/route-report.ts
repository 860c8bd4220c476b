/**
 * The router, on the intake queue: for each contact taken in, decide its force, seal the original
 * for the contact centre, record it with its audit trail and count it; then either leave it for
 * review or, where review is off, disseminate it to that force's queue (or triage). Batches are
 * processed record by record; a record that fails is reported back alone, so SQS retries it and,
 * after its last try, moves it to the intake DLQ, while the rest of its batch goes on.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clock, followUpStore, forceQueues, originalsVault, reportStore, reviewPolicy, portsFor } from '#adapters/composition-root.ts';
import { logger } from '#adapters/logger.ts';
import { routeContact } from '#domain/dissemination.ts';
import { parseIntakeMessage } from '#domain/intake.ts';

const routerPorts = portsFor({ store: reportStore, followUps: followUpStore, forceQueues, vault: originalsVault, clock, reviewPolicy });

const processor = new BatchProcessor(EventType.SQS);

const routeRecord = async (record: SQSRecord): Promise<void> => {
  try {
    const { reviewPolicy, ...ports } = routerPorts();
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
