/**
 * Nothing due for a force stalls silently, on the real adapters and emulators (DynamoDB Local,
 * fauxqs, the KMS emulator): a send that fails after the step recorded its decision (an approval,
 * a transfer, an answer's approval) leaves what was decided findable in the due index, and the
 * sweeper sends it, once, under the id the step would have used, and records it sent. The fault is
 * injected by wrapping the real queue adapter. And the message ids, with the dissemination's
 * version in them, get a report passed back to a force within FIFO's five minutes to that force.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Message } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { ShreddableOriginalsVault } from '../../functions/adapters/shreddable-vault.ts';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { inFunctionEnvironment } from '../../functions/configuration/function-environment.ts';
import { approveAnswerFor, approveReport, transferReport } from '../../functions/domain/disseminating-steps.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { disseminateWhatIsDue, SETTLING_TIME_MS } from '../../functions/domain/due-dissemination.ts';
import { answer, answerStep, ask, relay, sanitiseAnswer } from '../../functions/domain/follow-up.ts';
import { forceReferenceOf } from '../../functions/domain/force-reference.ts';
import { accessOf } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { DuePage, ForceMessage } from '../../functions/domain/ports.ts';
import { newReference, type Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { reviewStep, sanitise } from '../../functions/domain/review.ts';
import type { Destination } from '../../functions/domain/entities/routing-decision.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, notificationsFor, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack();
const QUEUE_NAMES = 'pac-local-reports-{destination}.fifo';

/** The real queue adapter, counting what it is asked to send, whose first `failures` sends fail before reaching SQS. */
class FlakyForceQueues extends SqsForceQueues {
  failures: number;
  readonly attempted: { destination: Destination; messageId: string }[] = [];
  constructor(failures = 0) {
    super(local.sqs, QUEUE_NAMES);
    this.failures = failures;
  }
  override async notify(destination: Destination, message: ForceMessage, deduplicationId: string): Promise<void> {
    this.attempted.push({ destination, messageId: message.messageId });
    if (this.failures-- > 0) throw Object.assign(new Error('SQS unavailable'), { name: 'ServiceUnavailable' });
    await super.notify(destination, message, deduplicationId);
  }
}

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
const realPorts = (forceQueues = new FlakyForceQueues(), clock = () => new Date()) => {
  const store = new DynamoReportStore(documents(), local.stack.tableName);
  return {
    store,
    reports: store,
    followUps: new DynamoFollowUpStore(documents(), local.stack.tableName),
    forceQueues,
    vault: new ShreddableOriginalsVault(
    localKmsClient(local.stack.kmsEndpoint),
    local.functionSetting('ORIGINALS_KEY_ID'),
    DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint)),
    local.functionSetting('DATA_KEYS_TABLE_NAME'),
  ),
    clock,
  };
};
/** The sweeper's ports: its clock past the settling time, so what just stalled is what it takes. */
const sweeperPorts = (forceQueues = new FlakyForceQueues()) => realPorts(forceQueues, () => new Date(Date.now() + SETTLING_TIME_MS + 60_000));
const sweepTime = () => new Date(Date.now() + SETTLING_TIME_MS + 60_000);

/** Every page of a due partition, as the sweeper reads it. */
const allDue = async <T>(read: (page: DuePage) => Promise<{ next?: string } & Record<string, unknown>>, key: string): Promise<T[]> => {
  const found: T[] = [];
  let after: string | undefined;
  do {
    const page = await read({ dueBefore: sweepTime(), limit: 25, ...(after === undefined ? {} : { after }) });
    found.push(...(page[key] as T[]));
    after = page.next;
  } while (after !== undefined);
  return found;
};
const dueReports = async () => (await allDue<{ reference: string }>((page) => realPorts().store.dueForNotification(page), 'records')).map((r) => r.reference);
const dueAnswers = async () => (await allDue<{ id: string }>((page) => realPorts().followUps.answersDue(page), 'answers')).map((a) => a.id);

const queueOf = (force: string) => local.queueUrl(`pac-local-reports-${force}.fifo`);
const bodyOf = (message: Message) => JSON.parse(message.Body ?? '{}') as ForceMessage;
const ofType = (messages: Message[], type: string) => messages.filter((m) => bodyOf(m).type === type);
const sentFor = (queues: FlakyForceQueues, reference: string) => queues.attempted.filter((a) => a.messageId.includes(reference));

const messageFor = (force: string) => intakeMessage(newReference(), 'online', reportSubmissionSchema.parse(minimalReport({ force })), new Date());

/** A report taken without review straight to its force, whose first notification is read off the queue. */
const disseminatedTo = async (force: string, forceId: string): Promise<{ reference: Reference; forceReference: string }> => {
  const message = messageFor(force);
  await routeContact(realPorts(), message, parseReviewPolicy('off'));
  assert.equal((await notificationsFor(local.sqs, queueOf(forceId), message.reference)).length, 1);
  return { reference: message.reference, forceReference: forceReferenceOf((await realPorts().store.find(message.reference))!, forceId)! };
};

describe('the sweeper sends what a step recorded but did not send', () => {
  it("sends an approved report whose notification failed to its force once, under the approval's own id", async () => {
    const message = messageFor('Essex');
    await routeContact(realPorts(), message, parseReviewPolicy('on'));
    await reviewStep(realPorts().store, message.reference, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash to drop a ticket.' }, 'ann', new Date()));
    const failing = new FlakyForceQueues(1);
    await assert.rejects(approveReport(realPorts(failing), message.reference, 'kim'), /SQS unavailable/);

    const stalled = await realPorts().store.find(message.reference);
    assert.equal(stalled?.status, 'approved');
    assert.equal(stalled?.notifiedAt, undefined);
    assert.ok((await dueReports()).includes(message.reference), "the sweeper's query finds the stalled report");

    const sweeping = new FlakyForceQueues();
    const first = await disseminateWhatIsDue(sweeperPorts(sweeping));
    assert.deepEqual(first.unsent, []);
    const notifications = await notificationsFor(local.sqs, queueOf('essex'), message.reference);
    assert.equal(notifications.length, 1, 'exactly one message on the force queue');
    const [attempt] = sentFor(failing, (await realPorts().store.find(message.reference))!.forceReferences!.essex!);
    assert.equal(bodyOf(notifications[0]!).messageId, attempt?.messageId, 'the id the approval would have sent it under');
    assert.equal(notifications[0]!.Attributes?.MessageDeduplicationId, attempt?.messageId);

    const sent = await realPorts().store.find(message.reference);
    assert.equal(sent?.status, 'disseminated');
    assert.ok(sent?.notifiedAt !== undefined);
    assert.ok(!(await dueReports()).includes(message.reference), 'no longer due');

    const again = new FlakyForceQueues();
    const second = await disseminateWhatIsDue(sweeperPorts(again));
    assert.equal(second.sent, 0);
    assert.deepEqual(again.attempted, [], 'a second sweep sends nothing');
  });

  it('sends a transferred report whose notification failed to the receiving force, which until then neither force could see', async () => {
    const { reference, forceReference } = await disseminatedTo('Kent', 'kent');
    const failing = new FlakyForceQueues(1);
    await assert.rejects(transferReport(realPorts(failing), 'kent', forceReference, 'Norfolk', 'The officer works in Norfolk now.'), /SQS unavailable/);

    const stalled = (await realPorts().store.find(reference))!;
    assert.equal(stalled.status, 'routed');
    assert.equal(stalled.routing.destination, 'norfolk');
    assert.equal(accessOf(stalled, 'norfolk').kind, 'none', 'Norfolk cannot see it yet');
    assert.equal(accessOf(stalled, 'kent').kind, 'former', 'Kent has passed it on');
    assert.ok((await dueReports()).includes(reference), "the sweeper's query finds the stalled transfer");

    const sweeping = new FlakyForceQueues();
    await disseminateWhatIsDue(sweeperPorts(sweeping));
    const notifications = await notificationsFor(local.sqs, queueOf('norfolk'), reference);
    assert.equal(notifications.length, 1);
    assert.equal(bodyOf(notifications[0]!).messageId, failing.attempted[0]?.messageId);
    const sent = (await realPorts().store.find(reference))!;
    assert.equal(sent.status, 'disseminated');
    assert.equal(accessOf(sent, 'norfolk').kind, 'custodian');

    const again = new FlakyForceQueues();
    await disseminateWhatIsDue(sweeperPorts(again));
    assert.deepEqual(sentFor(again, forceReferenceOf(sent, 'norfolk')!), [], 'a second sweep sends nothing');
    assert.deepEqual(await notificationsFor(local.sqs, queueOf('norfolk'), reference, { timeoutMs: 1_500 }), []);
  });

  it("sends an approved answer whose notification failed to the force that has the report, once", async () => {
    const { reference, forceReference } = await disseminatedTo('Suffolk', 'suffolk');
    const ports = realPorts();
    const asked = await ask(ports, forceReference, 'suffolk', 'Which day did this happen?', new Date());
    assert.equal(asked.kind, 'done');
    const questionId = asked.kind === 'done' ? asked.value.id : '';
    await relay(ports.followUps, reference, questionId, 'ann', new Date());
    const given = await answer(ports, reference, questionId, 'It was the Tuesday, outside the bakery.', 'online', new Date());
    const answerId = given.kind === 'done' ? given.value.id : '';
    await answerStep(ports.followUps, reference, answerId, (a) => sanitiseAnswer(a, 'It was a Tuesday.', 'ann', new Date()));
    const failing = new FlakyForceQueues(1);
    await assert.rejects(approveAnswerFor(realPorts(failing), reference, answerId, 'kim'), /SQS unavailable/);

    const stalled = await ports.followUps.findAnswer(reference, answerId);
    assert.equal(stalled?.status, 'approved');
    assert.equal(stalled?.notifiedAt, undefined);
    assert.ok((await dueAnswers()).includes(answerId), "the sweeper's query finds the stalled answer");

    await disseminateWhatIsDue(sweeperPorts());
    const answers = ofType(await notificationsFor(local.sqs, queueOf('suffolk'), reference), 'report.answer');
    assert.equal(answers.length, 1, 'exactly one answer on the force queue');
    assert.equal(bodyOf(answers[0]!).messageId, failing.attempted[0]?.messageId, "the id the answer's approval would have sent it under");
    assert.equal((await ports.followUps.findAnswer(reference, answerId))?.status, 'disseminated');
    assert.ok(!(await dueAnswers()).includes(answerId), 'no longer due');

    const again = new FlakyForceQueues();
    await disseminateWhatIsDue(sweeperPorts(again));
    assert.deepEqual(sentFor(again, forceReference), [], 'a second sweep sends nothing');
  });

  it('leaves what it still cannot send due, and says how long the longest has waited', async () => {
    // Due from an approval whose send failed (routing without review that fails to send records
    // nothing: its contact stays on the intake queue, which delivers it again).
    const message = messageFor('Dorset');
    await routeContact(realPorts(), message, parseReviewPolicy('on'));
    await reviewStep(realPorts().store, message.reference, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash to drop a ticket.' }, 'ann', new Date()));
    const failing = new FlakyForceQueues(1);
    await assert.rejects(approveReport(realPorts(failing), message.reference, 'kim'), /SQS unavailable/);
    const down = new FlakyForceQueues(Number.POSITIVE_INFINITY);
    const outcome = await disseminateWhatIsDue(sweeperPorts(down));
    const mine = outcome.unsent.filter((u) => u.reference === message.reference);
    assert.equal(mine.length, 1);
    assert.ok(outcome.oldestUnsentSeconds >= (SETTLING_TIME_MS + 60_000) / 1000 - 5, `${outcome.oldestUnsentSeconds} s`);
    assert.ok((await dueReports()).includes(message.reference), 'still due, for the next sweep');
    await disseminateWhatIsDue(sweeperPorts());
    assert.equal((await notificationsFor(local.sqs, queueOf('dorset'), message.reference)).length, 1);
  });

  it('runs locally, as deployed: on a one-minute schedule, in its own environment, reading both due partitions', async () => {
    const [sweeper] = [...local.stack.functions].filter(([, fn]) => fn.handlerModule === 'functions/handlers/sweep-due.ts');
    assert.ok(sweeper !== undefined);
    assert.deepEqual(
      local.stack.scheduled.filter((s) => s.functionId === sweeper[0]).map((s) => s.everyMs),
      [60_000],
    );
    const { handler } = await import('../../functions/handlers/sweep-due.ts');
    const summary = await inFunctionEnvironment(sweeper[1].environment, () => handler());
    assert.equal(summary.unsent, 0);
    assert.equal(summary.oldestUnsentSeconds, 0);
  });
});

describe('message ids name the dissemination', () => {
  it('delivers a report passed from Kent to Norfolk and back within five minutes to Kent twice, as two messages', async () => {
    const { reference, forceReference: kentReference } = await disseminatedTo('Kent', 'kent');
    await transferReport(realPorts(), 'kent', kentReference, 'Norfolk', 'The officer works in Norfolk now.');
    const norfolkReference = forceReferenceOf((await realPorts().store.find(reference))!, 'norfolk')!;
    assert.equal((await notificationsFor(local.sqs, queueOf('norfolk'), reference)).length, 1);
    const back = await transferReport(realPorts(), 'norfolk', norfolkReference, 'Kent', 'It was Kent after all.');
    assert.equal(back.kind, 'done');

    // fauxqs drops a repeated deduplication id within five minutes, as SQS does.
    const again = await notificationsFor(local.sqs, queueOf('kent'), reference);
    assert.equal(again.length, 1, 'Kent receives the report it passed on when it comes back');
    const body = bodyOf(again[0]!);
    assert.equal(body.reference, kentReference, "Kent's own reference, as before");
    assert.match(body.messageId, new RegExp(`^report\\.disseminated:${kentReference}:kent:v\\d+$`));
    const record = (await realPorts().store.find(reference))!;
    assert.equal(record.status, 'disseminated');
    assert.equal(record.routing.destination, 'kent');
  });

  it('keeps the id when a failed send is repeated by the caller', async () => {
    const { forceReference } = await disseminatedTo('Essex', 'essex');
    const failing = new FlakyForceQueues(1);
    await assert.rejects(transferReport(realPorts(failing), 'essex', forceReference, 'Suffolk', 'Not ours.'));
    const retried = await transferReport(realPorts(failing), 'essex', forceReference, 'Suffolk', 'Not ours.');
    assert.equal(retried.kind, 'done');
    assert.equal(failing.attempted.length, 2);
    assert.equal(failing.attempted[0]!.messageId, failing.attempted[1]!.messageId);
    const reference = retried.kind === 'done' ? retried.value.reference : '';
    const notifications = await notificationsFor(local.sqs, queueOf('suffolk'), reference);
    assert.equal(notifications.length, 1);
    assert.equal(bodyOf(notifications[0]!).messageId, failing.attempted[0]!.messageId);
  });
});
