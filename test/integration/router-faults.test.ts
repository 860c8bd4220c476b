/**
 * Faults between the router's steps, on the real adapters and emulators: the step that fails is
 * injected by wrapping a real port, everything else is DynamoDB Local and fauxqs. Whatever fails,
 * a report is recorded once and its force receives it once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { ShreddableOriginalsVault } from '../../functions/adapters/shreddable-vault.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { newForceReference } from '../../functions/domain/force-reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, notificationsFor, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));

const realPorts = () => ({
  store: new DynamoReportStore(DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)), local.stack.tableName),
  followUps: new DynamoFollowUpStore(DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)), local.stack.tableName),
  forceQueues: new SqsForceQueues(local.sqs, 'pac-local-reports-{destination}.fifo'),
  vault: new ShreddableOriginalsVault(
    localKmsClient(local.stack.kmsEndpoint),
    local.functionSetting('ORIGINALS_KEY_ID'),
    DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)),
    local.functionSetting('DATA_KEYS_TABLE_NAME'),
  ),
  clock: () => new Date(),
});
const NO_REVIEW = parseReviewPolicy('off');

const messageFor = (force: string) =>
  intakeMessage(newReference(), 'online', reportSubmissionSchema.parse(minimalReport({ force })), new Date());

describe('the router when a step fails', () => {
  it('notifies the force once when recording the dissemination failed after the notification was sent', async () => {
    const ports = realPorts();
    /** The real store, whose first attempt to record a dissemination is throttled. */
    class ThrottledOnce extends DynamoReportStore {
      private failures = 1;
      override async recordRouted(...args: Parameters<DynamoReportStore['recordRouted']>) {
        if (this.failures-- > 0) throw Object.assign(new Error('Throughput exceeded'), { name: 'ProvisionedThroughputExceededException' });
        return super.recordRouted(...args);
      }
    }
    const store = new ThrottledOnce(DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)), local.stack.tableName);
    const message = messageFor('Essex');
    await assert.rejects(routeContact({ ...ports, store }, message, NO_REVIEW), /Throughput exceeded/);
    // SQS redelivers: the report is not recorded yet, but its original is kept with where it was
    // sent and under which force reference, so the router sends the same message again, with the
    // same deduplication id, the FIFO queue drops the repeat, and the report is recorded once.
    const second = await routeContact({ ...ports, store }, message, NO_REVIEW);
    assert.equal(second.repeat, false);
    const third = await routeContact({ ...ports, store }, message, NO_REVIEW);
    assert.equal(third.repeat, true);

    const notifications = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-essex.fifo'), message.reference);
    assert.equal(notifications.length, 1);
    assert.equal((await ports.store.find(message.reference))?.status, 'disseminated');
  });

  it('keeps the first routing decision when a repeat delivery would decide differently', async () => {
    const ports = realPorts();
    const message = messageFor('Norfolk');
    await routeContact(ports, message, NO_REVIEW);
    // The same reference arriving with different content (it cannot, but if it did) changes nothing.
    const altered = { ...message, report: { ...message.report, force: 'Suffolk' } };
    const outcome = await routeContact(ports, altered, NO_REVIEW);
    assert.equal(outcome.repeat, true);
    assert.equal(outcome.record.routing.destination, 'norfolk');
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-suffolk.fifo'), message.reference, { timeoutMs: 1_500 }), []);
  });

  it('records nothing when the store is unreachable, so the retry starts from the beginning', async () => {
    const ports = realPorts();
    const unreachable = new DynamoReportStore(
      DynamoDBDocumentClient.from(localDynamoDbClient('http://127.0.0.1:9')),
      local.stack.tableName,
    );
    const message = messageFor('Dorset');
    await assert.rejects(routeContact({ ...ports, store: unreachable }, message, NO_REVIEW));
    assert.equal(await ports.store.find(message.reference), undefined);
    await routeContact(ports, message, NO_REVIEW);
    assert.equal((await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-dorset.fifo'), message.reference)).length, 1);
  });

  it('keeps no original, and so sends nothing, when the force reference drawn is taken; the next delivery draws another', async () => {
    const ports = realPorts();
    const message = messageFor('Suffolk');
    const taken = newForceReference();
    await documents().send(new PutCommand({ TableName: local.stack.tableName, Item: { PK: `FORCE-REFERENCE#${taken}`, SK: 'FORCE-REFERENCE', kind: 'force-reference', reference: 'PAC-AAAA-AAAA', force: 'suffolk' } }));
    const original = await ports.vault.sealReport(message.reference, JSON.stringify(message.report));
    await assert.rejects(ports.store.keepOriginal(message.reference, original, { destination: 'suffolk', forceReference: taken }), /TransactionCanceled|ConditionalCheckFailed/);
    assert.equal(await ports.store.findOriginal(message.reference), undefined, 'nothing kept');
    assert.deepEqual(await ports.store.findByForceReference(taken), { reference: 'PAC-AAAA-AAAA', force: 'suffolk' }, 'the other report keeps it');

    const { record } = await routeContact(ports, message, NO_REVIEW);
    const given = record.forceReferences?.suffolk;
    assert.ok(given !== undefined && given !== taken);
    const notifications = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-suffolk.fifo'), message.reference);
    assert.deepEqual(notifications.map((m) => (JSON.parse(m.Body ?? '{}') as { reference?: string }).reference), [given]);
  });
});
