/**
 * The audit trail on DynamoDB Local: no event replaces another, however close in time, and the
 * same decided event written twice (a retry) is still one entry. Each event's key ends with the id
 * the domain gave it; the id stays out of what a force and the contact centre are shown.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { auditEvent } from '../../functions/domain/audit.ts';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { ShreddableOriginalsVault } from '../../functions/adapters/shreddable-vault.ts';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { receiveInformation } from '../../functions/domain/follow-up.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { ConcurrentChange } from '../../functions/domain/ports.ts';
import { newReference } from '../../functions/domain/reference.ts';
import { notifiedChange } from '../../functions/domain/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { openForReview } from '../../functions/domain/review.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'off' });

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
const ports = () => ({
  store: new DynamoReportStore(documents(), local.stack.tableName),
  followUps: new DynamoFollowUpStore(documents(), local.stack.tableName),
  forceQueues: new SqsForceQueues(local.sqs, 'pac-local-reports-{destination}.fifo'),
  vault: new ShreddableOriginalsVault(
    localKmsClient(local.stack.kmsEndpoint),
    local.functionSetting('ORIGINALS_KEY_ID'),
    DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)),
    local.functionSetting('DATA_KEYS_TABLE_NAME'),
  ),
  clock: () => new Date(),
});

/** A contact waiting in review (nothing reaches a force), recorded through the router's own use case. */
const contactInReview = async () => {
  const p = ports();
  const message = intakeMessage(newReference(), 'online', reportSubmissionSchema.parse(minimalReport({ force: 'Kent' })), new Date());
  const { record } = await routeContact(p, message, parseReviewPolicy('on'));
  assert.equal(record.status, 'awaiting_review');
  return { ...p, record };
};

/** The trail's items as the table holds them, keys and all. */
const eventItems = async (reference: string) => {
  const { Items = [] } = await documents().send(
    new QueryCommand({
      TableName: local.stack.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
      ExpressionAttributeValues: { ':pk': `REPORT#${reference}`, ':events': 'EVENT#' },
      ConsistentRead: true,
    }),
  );
  return Items;
};

describe('the audit trail', () => {
  it('keeps both readings when two staff open the same original in the same millisecond', async () => {
    const { store, vault, record } = await contactInReview();
    const at = new Date('2024-03-04T09:15:00.123Z');
    const [ann, bob] = await Promise.all([
      openForReview({ reports: store, vault }, record.reference, 'analyst.ann', at),
      openForReview({ reports: store, vault }, record.reference, 'analyst.bob', at),
    ]);
    assert.equal(ann.kind, 'done');
    assert.equal(bob.kind, 'done');
    // And the same member of staff twice in that millisecond: two readings, two entries.
    await openForReview({ reports: store, vault }, record.reference, 'analyst.ann', at);

    const readings = (await store.auditTrail(record.reference)).filter((event) => event.type === 'original_read');
    assert.deepEqual(readings.map((event) => [event.at, event.by]).sort(), [
      [at.toISOString(), 'analyst.ann'],
      [at.toISOString(), 'analyst.ann'],
      [at.toISOString(), 'analyst.bob'],
    ]);
    assert.equal(new Set(readings.map((event) => event.id)).size, 3, 'each reading is an event of its own');
  });

  it('reads the trail in time order, whatever order the events were written in', async () => {
    const { store, record } = await contactInReview();
    const times = ['2030-01-01T00:00:00.002Z', '2030-01-01T00:00:00.001Z', '2030-01-01T00:00:00.001Z', '2029-12-31T23:59:59.999Z'];
    for (const [i, at] of times.entries()) await store.appendEvent(record.reference, auditEvent('original_read', at, {}, `analyst.${i}`));
    const trail = await store.auditTrail(record.reference);
    const ats = trail.map((event) => event.at);
    assert.deepEqual(ats, [...ats].sort(), 'in time order');
    assert.deepEqual(trail.filter((event) => event.at.startsWith('20')).slice(-4).map((event) => event.at), [...times].sort());
    for (const item of await eventItems(record.reference)) {
      assert.equal(item.SK, `EVENT#${String(item.at)}#${String(item.type)}#${String(item.id)}`, 'the key begins with the time and ends with the id');
    }
  });

  it('keeps one entry when the same decided event is written twice on its own', async () => {
    const { store, record } = await contactInReview();
    const reading = auditEvent('original_read', new Date('2024-03-04T09:15:00.123Z'), {}, 'analyst.ann');
    await store.appendEvent(record.reference, reading);
    await store.appendEvent(record.reference, reading); // the retry: resolves, and adds nothing
    const kept = (await store.auditTrail(record.reference)).filter((event) => event.id === reading.id);
    assert.deepEqual(kept, [reading]);
  });

  it('keeps one entry when a decided change is written twice, and refuses an event that is already there', async () => {
    const { store, record } = await contactInReview();
    const change = notifiedChange(record, new Date('2024-03-04T09:20:00.000Z'));
    await store.recordChange(record, change);
    await assert.rejects(store.recordChange(record, change), ConcurrentChange, 'the retry changes nothing');
    assert.equal((await store.auditTrail(record.reference)).filter((event) => event.id === change.event.id).length, 1);

    // Even with the version it reads now, a change whose event is already in the trail is refused
    // whole, as any other failed condition of the transaction: the record does not move.
    const now = (await store.find(record.reference))!;
    const again = { ...change, record: { ...change.record, version: now.version + 1 } };
    await assert.rejects(store.recordChange(now, again), ConcurrentChange);
    assert.equal((await store.find(record.reference))?.version, now.version);
    assert.equal((await store.auditTrail(record.reference)).filter((event) => event.id === change.event.id).length, 1);
  });

  it('keeps one entry when a follow-up store transaction is retried', async () => {
    const { store, followUps, vault, record } = await contactInReview();
    const at = new Date('2024-03-05T10:00:00.000Z');
    await receiveInformation({ followUps, vault }, record, 'I remembered the car was a blue estate.', 'phone', at);
    const informed = (await store.auditTrail(record.reference)).filter((event) => event.type === 'information_received');
    assert.equal(informed.length, 1);
    const [answer] = await followUps.answersAbout(record.reference);
    assert.ok(answer !== undefined);
    // The same answer and event again: the transaction fails its conditions and writes nothing.
    await assert.rejects(followUps.recordInformation(answer, informed[0]!), ConcurrentChange);
    assert.equal((await store.auditTrail(record.reference)).filter((event) => event.type === 'information_received').length, 1);
  });

  it("shows neither a force nor the contact centre an event's id", async () => {
    const p = ports();
    const message = intakeMessage(newReference(), 'online', reportSubmissionSchema.parse(minimalReport({ force: 'the Met' })), new Date());
    const { record } = await routeContact(p, message, parseReviewPolicy('off'));
    const forceReference = record.forceReferences?.metropolitan;
    assert.ok(forceReference !== undefined);

    const forceView = await send(`${local.stack.apiUrl}/force/reports/${forceReference}`, { method: 'GET', headers: await local.forceHeaders('metropolitan') });
    assert.equal(forceView.status, 200, forceView.text);
    const staffView = await send(`${local.stack.apiUrl}/contact-centre/reviews/${record.reference}`, {
      method: 'GET',
      headers: await local.staffHeaders('analyst.ann', 'analysts'),
    });
    assert.equal(staffView.status, 200, staffView.text); // the gateway holds the answer to its schema, which has no id

    // Every event's id, those kept in the item of the first event of their step (`followedBy`) too.
    const ids = (await eventItems(record.reference)).flatMap((item) => [item, ...((item.followedBy ?? []) as Record<string, unknown>[])]).map((event) => String(event.id));
    assert.ok(ids.length >= 4, 'received, routed, force reference, disseminated, read');
    assert.ok(forceView.json<{ audit: unknown[] }>().audit.length > 0);
    assert.ok(staffView.json<{ audit: unknown[] }>().audit.length > 0);
    for (const id of ids) {
      assert.ok(!forceView.text.includes(id), 'the force view carries no event id');
      assert.ok(!staffView.text.includes(id), 'the contact-centre view carries no event id');
    }
  });
});
