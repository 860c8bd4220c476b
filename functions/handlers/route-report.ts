/**
 * The router, on the intake queue: for each contact taken in (sealed for the router alone under the
 * intake key, functions/adapters/sealed-intake.ts), decide its force, seal the original
 * for the contact centre, record it with its audit trail and count it; then either leave it for
 * review or, where review is off, disseminate it to that force's queue (or triage). Batches are
 * processed record by record; a record that fails is reported back alone, so SQS retries it and,
 * after its last try, moves it to the intake DLQ, while the rest of its batch goes on.
 *
 * Nothing a failure carries out of a record may hold the report's words. A parser's message can
 * quote the body it choked on (JSON.parse quotes its start, zod names the keys it refused) and a
 * store's or KMS's may quote what it was given; Powertools keeps each record's error, and when
 * every record fails it throws FullBatchFailureError holding them all (`recordErrors`), which the
 * Lambda runtime logs. So a record fails with ContactNotRouted, which names only the kind of error
 * that stopped it and keeps no message or cause. The whole batch failing still throws: SQS retries
 * every record of it (and moves each to the DLQ after its last try), and the router's errors alarm
 * sees it.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clock, followUpStore, forceQueues, intakeSeal, originalsVault, reportStore, reviewPolicy, portsFor } from '#adapters/composition-root.ts';
import { personLinkKeyer, personLinkStore } from '#adapters/composition-root.ts';
import { logger } from '#adapters/logger.ts';
import { openIntakeMessage } from '#adapters/sealed-intake.ts';
import { routeContact } from '#domain/dissemination.ts';
import { fileRoutedContact } from '#domain/person-links/linking.ts';

const routerPorts = portsFor({ store: reportStore, followUps: followUpStore, forceQueues, vault: originalsVault, intakeSeal, clock, reviewPolicy });

const linkPorts = portsFor({ keyer: personLinkKeyer, links: personLinkStore });

const processor = new BatchProcessor(EventType.SQS);

/** An error's name when it is a plain identifier (a class name such as ZodError or ValidationException); nothing else of it. */
const kindOf = (error: unknown): string =>
  error instanceof Error && /^[A-Za-z][A-Za-z0-9_.]{0,63}$/.test(error.name) ? error.name : 'UnnamedError';

/** A record the router could not route, saying only what kind of error stopped it. */
class ContactNotRouted extends Error {
  readonly errorName: string;
  constructor(errorName: string) {
    super(`Intake message not routed (${errorName})`);
    this.name = 'ContactNotRouted';
    this.errorName = errorName;
  }
}

const routeRecord = async (record: SQSRecord): Promise<void> => {
  try {
    const { reviewPolicy, intakeSeal: sealedFor, ...ports } = routerPorts();
    const { message, sealed } = await openIntakeMessage(sealedFor, record.body);
    // Only what was queued before the intake key was deployed comes unsealed: say so, to be sure none still does.
    if (!sealed) logger.warn('Intake message was not sealed', { reference: message.reference });
    const { record: report, repeat } = await routeContact(ports, message, reviewPolicy);
    await fileRoutedContact(linkPorts(), message, report);
    logger.info(repeat ? 'Contact already routed' : 'Contact routed', {
      reference: report.reference,
      destination: report.routing.destination,
      rule: report.routing.rule,
      status: report.status,
    });
  } catch (error) {
    // The error's name only, here and in what the batch keeps: its message can quote the report.
    const errorName = kindOf(error);
    logger.warn('Intake message not routed; SQS will retry it', {
      messageId: record.messageId,
      receiveCount: record.attributes.ApproximateReceiveCount,
      errorName,
    });
    throw new ContactNotRouted(errorName);
  }
};

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, routeRecord, processor, { context });
