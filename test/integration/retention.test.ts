/**
 * The retention schedule, applied by the retention job's own use case with injected clocks against
 * the local stack (DynamoDB Local, the KMS emulator, fauxqs): each kind of a reporter's data gone
 * on its day and not the day before (contact details, the follow-up code, questions and answers,
 * the original; a closed contact's all at once), the statistics counters unchanged, the audit trail
 * saying what kind ended and nothing of what it was, and a copy of the items taken before (a
 * backup of the report table) opening nothing once their keys are destroyed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { DecryptCommand, GenerateDataKeyCommand } from '@aws-sdk/client-kms';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { KmsOriginalsVault } from '../../functions/adapters/originals-vault.ts';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { DynamoRetentionStore } from '../../functions/adapters/retention-store.ts';
import { DataKeyShredder, KEY_ENCRYPTION_PURPOSE, ShreddableOriginalsVault, wrappedDataKeyBinding } from '../../functions/adapters/shreddable-vault.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import type { SealedOriginal } from '../../functions/domain/entities/sealed-original.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { KeyDestroyed } from '../../functions/domain/ports.ts';
import { newReference, type Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { applyRetention, RETENTION_EVENT } from '../../functions/domain/retention.ts';
import { DEFAULT_RETENTION } from '../../functions/domain/retention-schedule.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { inFunctionEnvironment } from '../../functions/configuration/function-environment.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, notificationsFor, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const run = promisify(execFile);
const local = useLocalStack({ review: 'off' });
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';
const api = (path: string) => `${local.stack.apiUrl}${path}`;
const staff = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);

const PHONE = '07700 900123';
const NAME = 'Sam Reporter';
const ANSWER = 'It was always on a Friday, after ten at night.';

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
const keysTable = () => local.functionSetting('DATA_KEYS_TABLE_NAME');
const vault = () => new ShreddableOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('ORIGINALS_KEY_ID'), documents(), keysTable());
/** The retention job's function as the local stack runs it: its environment, and through it its own IAM statements. */
const job = () => {
  const found = [...local.stack.functions].find(([, fn]) => fn.handlerModule === 'functions/handlers/apply-retention.ts');
  assert.ok(found !== undefined, 'the stack runs the retention job');
  return found;
};
/** The job's ports, its DynamoDB requests checked against the job's own statements (local/dynamodb-guard.ts). */
const retentionPorts = () => {
  const asTheJob = DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbGuard.endpointFor(job()[0])));
  return {
    reports: new DynamoReportStore(asTheJob, local.stack.tableName),
    followUps: new DynamoFollowUpStore(asTheJob, local.stack.tableName),
    retention: new DynamoRetentionStore(asTheJob, local.stack.tableName),
    keys: new DataKeyShredder(asTheJob, keysTable()),
    clock: () => new Date(),
  };
};
/** The job's run on a day (at noon UTC), `days` after the day given. */
const runOn = (day: string, days: number) => applyRetention(retentionPorts(), DEFAULT_RETENTION, new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000));

const itemsOf = async (reference: string) => (await local.scanTable()).filter((item) => item.PK === `REPORT#${reference}`);
const statistics = async () => (await local.scanTable()).filter((item) => String(item.PK).startsWith('STATS#'));
const keysOf = async (reference: string) => {
  const { Items = [] } = await documents().send(
    new QueryCommand({ TableName: keysTable(), KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': `REPORT-KEYS#${reference}` }, ConsistentRead: true }),
  );
  return Items;
};
const trail = async (reference: string) => new DynamoReportStore(documents(), local.stack.tableName).auditTrail(reference as Reference);
const retentionEvents = async (reference: string) => (await trail(reference)).filter((event) => event.type === RETENTION_EVENT);
const opensAs = (reference: string, sealed: unknown) => vault().open(reference as Reference, sealed as SealedOriginal);
const openWithCode = (reference: string, code: string) => postJson(api(`/reports/${reference}/follow-up`), { code });
const reviewView = async (reference: string) => send(api(`/contact-centre/reviews/${reference}`), { method: 'GET', headers: await staff('analyst.ann', 'analysts') });

describe('the retention schedule', () => {
  let statisticsBefore: Record<string, unknown>[] = [];

  it("ends a contact closed without dissemination all at once, ninety days after it was closed, and not the day before", async () => {
    const ports = { followUps: new DynamoFollowUpStore(documents(), local.stack.tableName), clock: () => new Date(), store: new DynamoReportStore(documents(), local.stack.tableName), forceQueues: new SqsForceQueues(local.sqs, 'pac-local-reports-{destination}.fifo'), vault: vault() };
    const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent', reporter: { mode: 'confidential', contact: { phone: PHONE } } }));
    const { record } = await routeContact(ports, intakeMessage(newReference(), 'online', report, new Date()), parseReviewPolicy('on'));
    const reference = record.reference;
    assert.equal((await postJson(api(`/contact-centre/reviews/${reference}/closure`), { reason: 'not_about_police' }, await staff('ann.both', 'analysts', 'supervisors'))).status, 200);
    const closed = await postJson(api(`/contact-centre/reviews/${reference}/closure/confirmation`), {}, await staff('sup.sam', 'supervisors'));
    assert.equal(closed.json().status, 'closed', closed.text);
    const closedOn = String((await ports.store.find(reference))?.review?.closed?.at).slice(0, 10);
    const backup = await itemsOf(reference);
    const originalItem = backup.find((item) => item.SK === 'ORIGINAL')!;
    assert.ok(originalItem.contact !== undefined, 'the contact details, sealed apart');
    statisticsBefore = await statistics();

    await runOn(closedOn, 89);
    assert.equal((await retentionEvents(reference)).length, 0, 'nothing ends the day before');
    assert.match(await opensAs(reference, originalItem.contact), /07700 900123/);

    // Day 90 by the operator's command, as `npm run retention -- --now <date>` runs it against the local stack.
    const day90 = new Date(Date.parse(closedOn) + 90 * 86_400_000).toISOString().slice(0, 10);
    const command = await run(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      path.join(PROJECT_ROOT, 'bin/retention.ts'),
      '--now', day90,
      '--table', local.stack.tableName,
      '--data-keys-table', keysTable(),
      '--endpoint-dynamodb', local.stack.dynamoDbEndpoint,
    ]);
    assert.match(command.stdout, new RegExp(`${reference}  original ended`));
    assert.ok(!command.stdout.includes(PHONE) && !command.stderr.includes(PHONE));
    const ended = await retentionEvents(reference);
    assert.deepEqual(ended.map((event) => event.detail.ended).sort(), ['keeping-in-contact', 'original']);
    assert.ok(ended.every((event) => event.detail.dueOn === new Date(Date.parse(closedOn) + 90 * 86_400_000).toISOString().slice(0, 10)));
    assert.deepEqual((await itemsOf(reference)).map((item) => item.SK).filter((sk) => !String(sk).startsWith('EVENT#')).sort(), ['REPORT', 'RESERVATION'].filter((sk) => backup.some((item) => item.SK === sk)));
    assert.deepEqual(await keysOf(reference), [], 'every key of the contact destroyed');
    await assert.rejects(opensAs(reference, originalItem.original), KeyDestroyed, 'a backup copy of the original opens nothing');
    await assert.rejects(opensAs(reference, originalItem.contact), KeyDestroyed, 'nor of the contact details');
    assert.deepEqual(await statistics(), statisticsBefore, 'the statistics counters are exactly as they were');
  });

  it("ends a disseminated report's contact details, code, questions and answers a year after the last exchange, and its original a year later", async () => {
    const submitted = await postJson(api('/reports'), minimalReport({ force: 'the Met', reporter: { mode: 'confidential', contact: { name: NAME, phone: PHONE } } }));
    assert.equal(submitted.status, 202, submitted.text);
    const { reference, followUpCode: code } = submitted.json<{ reference: string; followUpCode: string }>();
    await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    // A question from the force, relayed, and the reporter's answer with their code: the last exchange.
    const asked = await postJson(api(`/force/reports/${await local.forceReference(reference, 'metropolitan')}/questions`), { question: 'Which evenings?' }, await local.forceHeaders('metropolitan'));
    const questionId = asked.json().questionId as string;
    assert.equal((await postJson(api(`/contact-centre/reviews/${reference}/questions/${questionId}/relay`), {}, await staff('analyst.ann', 'analysts'))).status, 200);
    const answered = await postJson(api(`/reports/${reference}/answers`), { code, questionId, answer: ANSWER });
    assert.ok(answered.status < 300, answered.text);
    const record = await new DynamoReportStore(documents(), local.stack.tableName).find(reference as Reference);
    const settledOn = String(record?.notifiedAt).slice(0, 10);
    assert.equal(new Date().toISOString().slice(0, 10), settledOn, 'settled and last heard of today');

    const shown = (await reviewView(reference)).json<{ original: { reporter: { contact?: { phone?: string } }; narrative: string } }>();
    assert.equal(shown.original.reporter.contact?.phone, PHONE, 'the contact centre sees the contact details while they are kept');
    const backup = await itemsOf(reference);
    const originalItem = backup.find((item) => item.SK === 'ORIGINAL')!;
    const answerItem = backup.find((item) => String(item.SK).startsWith('ANSWER#'))!;
    assert.ok(!JSON.stringify(backup).includes(PHONE) && !JSON.stringify(backup).includes(ANSWER), 'stored only sealed');
    assert.ok(backup.some((item) => String(item.SK).startsWith('QUESTION#')));
    // Sealed apart, opened together as before: one request to KMS for the original and its contact details.
    const kms = localKmsClient(local.stack.kmsEndpoint);
    let kmsRequests = 0;
    const send = kms.send.bind(kms);
    kms.send = ((command: Parameters<typeof send>[0]) => {
      kmsRequests++;
      return send(command);
    }) as typeof kms.send;
    const opened = await new ShreddableOriginalsVault(kms, local.functionSetting('ORIGINALS_KEY_ID'), documents(), keysTable()).openReport(reference as Reference, {
      original: originalItem.original as SealedOriginal,
      contactDetails: originalItem.contact as SealedOriginal,
    });
    assert.equal(JSON.parse(opened.contactDetails ?? '{}').phone, PHONE);
    assert.equal(kmsRequests, 1);
    statisticsBefore = await statistics();

    await runOn(settledOn, 364);
    assert.equal((await retentionEvents(reference)).length, 0, 'nothing ends the day before');
    assert.equal((await openWithCode(reference, code)).status, 200, 'the code still works the day before');
    assert.equal((await reviewView(reference)).json<{ original: { reporter: { contact?: unknown } } }>().original.reporter.contact !== undefined, true);

    await runOn(settledOn, 365);
    await runOn(settledOn, 365);
    const ended = await retentionEvents(reference);
    assert.deepEqual(ended.map((event) => [event.detail.ended, event.detail.dueOn]), [['keeping-in-contact', new Date(Date.parse(settledOn) + 365 * 86_400_000).toISOString().slice(0, 10)]], 'once, however often the job runs');
    assert.deepEqual(Object.keys(ended[0]!.detail).sort(), ['dueOn', 'ended'], 'the kind and the day, never what');
    assert.equal(ended[0]!.by, undefined, "the service's own step");
    const wrong = await openWithCode(reference, code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10));
    const refused = await openWithCode(reference, code);
    assert.notEqual(refused.status, 200, 'the follow-up code stops working');
    assert.equal(refused.status, wrong.status, 'as a wrong code does');
    const after = await itemsOf(reference);
    assert.deepEqual(after.filter((item) => /^(QUESTION|ANSWER)#|^FOLLOW-UP-CODE$/.test(String(item.SK))), [], 'questions, answers and codes gone');
    assert.equal(after.find((item) => item.SK === 'RESERVATION')?.followUpCode, undefined, 'the first code too');
    assert.equal(after.find((item) => item.SK === 'ORIGINAL')?.contact, undefined, 'the contact details gone');
    await assert.rejects(opensAs(reference, originalItem.contact), KeyDestroyed, "a backup copy of the contact details opens nothing");
    await assert.rejects(opensAs(reference, answerItem.original), KeyDestroyed, "nor of the reporter's answer");
    const view = (await reviewView(reference)).json<{ original: { reporter: { mode: string; contact?: unknown }; narrative: string } }>();
    assert.deepEqual([view.original.reporter, view.original.narrative], [{ mode: 'confidential' }, minimalReport().narrative], 'the original is kept, without them');
    assert.ok(!JSON.stringify(await trail(reference)).includes(PHONE) && !JSON.stringify(await trail(reference)).includes(ANSWER));
    assert.deepEqual(await statistics(), statisticsBefore, 'the statistics counters are exactly as they were');

    await runOn(settledOn, 729);
    assert.equal((await retentionEvents(reference)).length, 1, 'the original is kept the day before its day');
    assert.match(await opensAs(reference, originalItem.original), /reporter/);

    await runOn(settledOn, 730);
    assert.deepEqual((await retentionEvents(reference)).map((event) => event.detail.ended), ['keeping-in-contact', 'original']);
    assert.equal((await itemsOf(reference)).find((item) => item.SK === 'ORIGINAL'), undefined, "the original's item gone");
    assert.deepEqual(await keysOf(reference), [], 'and every key of the report');
    await assert.rejects(opensAs(reference, originalItem.original), KeyDestroyed, 'a backup copy of the original opens nothing');
    const gone = await reviewView(reference);
    assert.equal(gone.status, 410, gone.text);
    assert.equal((await trail(reference)).filter((event) => event.type === 'original_read').length, 3, 'and nobody is recorded reading what is not there');
    const kept = await new DynamoReportStore(documents(), local.stack.tableName).find(reference as Reference);
    assert.equal(kept?.status, 'disseminated', "the report's record is kept");
    assert.deepEqual(await statistics(), statisticsBefore, 'the statistics counters are exactly as they were');
  });

  it('puts the reports settled before retention was deployed into its index, once, by the operator command', async () => {
    const submitted = await postJson(api('/reports'), minimalReport({ force: 'the Met' }));
    const { reference } = submitted.json<{ reference: string }>();
    await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    const key = { PK: `REPORT#${reference}`, SK: 'REPORT' };
    // As a report item written before the index existed.
    await documents().send(new UpdateCommand({ TableName: local.stack.tableName, Key: key, UpdateExpression: 'REMOVE GSI2PK, GSI2SK' }));
    const command = (...more: string[]) =>
      run(process.execPath, [
        '--disable-warning=ExperimentalWarning',
        path.join(PROJECT_ROOT, 'bin/retention.ts'),
        '--index-existing',
        '--table', local.stack.tableName,
        '--data-keys-table', keysTable(),
        '--endpoint-dynamodb', local.stack.dynamoDbEndpoint,
        ...more,
      ]);
    const first = await command();
    assert.match(first.stdout, /^1 of \d+ reports not yet in the retention index put into it\.$/m);
    const { Item } = await documents().send(new GetCommand({ TableName: local.stack.tableName, Key: key, ConsistentRead: true }));
    assert.equal(Item?.GSI2PK, 'RETENTION#keeping-in-contact');
    assert.equal(Item?.GSI2SK, `${String(Item?.notifiedAt).slice(0, 10)}#${reference}`);
    assert.match((await command()).stdout, /^0 of \d+ reports/m, 'and nothing twice');
  });

  it('seals the originals kept before retention again, their contact details apart, so that those end on their day too', async () => {
    const legacy = new KmsOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('ORIGINALS_KEY_ID'));
    const references: string[] = [];
    for (let i = 0; i < 3; i++) {
      const submitted = await postJson(api('/reports'), minimalReport({ force: 'the Met', reporter: { mode: 'confidential', contact: { phone: PHONE } } }));
      const { reference } = submitted.json<{ reference: string }>();
      await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
      references.push(reference);
    }
    const [inItsItem, inTheRecord, pastItsDay] = references as [string, string, string];
    const asFirstSealed = async (reference: string) =>
      legacy.seal(reference as Reference, JSON.stringify(reportSubmissionSchema.parse(minimalReport({ reporter: { mode: 'confidential', contact: { phone: PHONE } } }))));
    // Sealed whole, contact details and all, its data key beside it: in the original's item, and (earlier still) in the report item.
    await documents().send(new PutCommand({ TableName: local.stack.tableName, Item: { PK: `REPORT#${inItsItem}`, SK: 'ORIGINAL', kind: 'original', reference: inItsItem, original: await asFirstSealed(inItsItem) } }));
    await documents().send(new DeleteCommand({ TableName: local.stack.tableName, Key: { PK: `REPORT#${inTheRecord}`, SK: 'ORIGINAL' } }));
    // One whose keeping in contact the job has already ended, while its contact details were still sealed inside, out of its reach.
    await documents().send(new PutCommand({ TableName: local.stack.tableName, Item: { PK: `REPORT#${pastItsDay}`, SK: 'ORIGINAL', kind: 'original', reference: pastItsDay, original: await asFirstSealed(pastItsDay) } }));
    await documents().send(
      new UpdateCommand({
        TableName: local.stack.tableName,
        Key: { PK: `REPORT#${pastItsDay}`, SK: 'REPORT' },
        UpdateExpression: 'SET #retention = :r',
        ExpressionAttributeNames: { '#retention': 'retention' },
        ExpressionAttributeValues: { ':r': { keepingInContactEnded: '2026-01-01' } },
      }),
    );
    await documents().send(
      new UpdateCommand({ TableName: local.stack.tableName, Key: { PK: `REPORT#${inTheRecord}`, SK: 'REPORT' }, UpdateExpression: 'SET original = :o', ExpressionAttributeValues: { ':o': await asFirstSealed(inTheRecord) } }),
    );
    // And an answer sealed so, its data key beside it.
    const answerKey = { PK: `REPORT#${inItsItem}`, SK: 'ANSWER#legacy' };
    await documents().send(
      new PutCommand({
        TableName: local.stack.tableName,
        Item: { ...answerKey, kind: 'answer', id: 'legacy', reference: inItsItem, channel: 'online', receivedAt: new Date().toISOString(), status: 'awaiting_review', version: 1, original: await legacy.seal(inItsItem as Reference, ANSWER) },
      }),
    );
    const command = await run(process.execPath, [
      '--disable-warning=ExperimentalWarning',
      path.join(PROJECT_ROOT, 'bin/retention.ts'),
      '--reseal-legacy',
      '--originals-key', local.functionSetting('ORIGINALS_KEY_ID'),
      '--endpoint-kms', local.stack.kmsEndpoint,
      '--table', local.stack.tableName,
      '--data-keys-table', keysTable(),
      '--endpoint-dynamodb', local.stack.dynamoDbEndpoint,
    ]);
    assert.match(command.stdout, /^4 originals and answers sealed before retention sealed again/m);
    // Past its day: the original sealed again without its contact details, which end here.
    const ended = (await itemsOf(pastItsDay)).find((item) => item.SK === 'ORIGINAL');
    assert.equal((ended?.original as { version?: number }).version, 3);
    assert.equal(ended?.contact, undefined, 'no contact details sealed again after their day');
    assert.ok(!(await opensAs(pastItsDay, ended?.original)).includes(PHONE));
    const answer = (await documents().send(new GetCommand({ TableName: local.stack.tableName, Key: answerKey, ConsistentRead: true }))).Item;
    assert.equal((answer?.original as { version?: number }).version, 3);
    assert.equal(await opensAs(inItsItem, answer?.original), ANSWER);
    for (const reference of [inItsItem, inTheRecord]) {
      const items = await itemsOf(reference);
      const original = items.find((item) => item.SK === 'ORIGINAL');
      assert.equal((original?.original as { version?: number }).version, 3, reference);
      assert.equal((original?.contact as { part?: string }).part, 'contact-details');
      assert.equal(items.find((item) => item.SK === 'REPORT')?.original, undefined);
      const view = (await reviewView(reference)).json<{ original: { reporter: { contact?: { phone?: string } } } }>();
      assert.equal(view.original.reporter.contact?.phone, PHONE, 'read as before');
      assert.match(await opensAs(reference, original?.original), /"mode":"confidential"}/, 'the original alone holds no contact details');
      assert.ok(!(await opensAs(reference, original?.original)).includes(PHONE));
    }
  });

  it('runs locally as deployed: once a day, in its own environment, with the schedule the stack gives it', async () => {
    const [jobId, fn] = job();
    assert.deepEqual(local.stack.scheduled.filter((s) => s.functionId === jobId).map((s) => s.everyMs), [86_400_000]);
    assert.deepEqual(JSON.parse(String(fn.environment.RETENTION)), DEFAULT_RETENTION);
    const { handler } = await import('../../functions/handlers/apply-retention.ts');
    const summary = await inFunctionEnvironment(fn.environment, () => handler());
    assert.deepEqual([summary.keepingInContactEnded, summary.originalsEnded, summary.failed], [0, 0, 0], 'nothing is due today');
    assert.deepEqual(local.stack.dynamoDbGuard.refused.filter((refusal) => refusal.function === jobId), [], "the job did nothing its statements do not allow");
  });
});

/**
 * The router's key-encryption keys (functions/adapters/key-encryption-keys.ts) against the KMS
 * emulator and DynamoDB Local: reports sealed in one window cost one GenerateDataKey between them,
 * each opens in the review, and a report whose key item is destroyed opens nothing, even for
 * someone who holds its key-encryption key's blob (in every other item sealed in the window) and
 * may ask KMS to open it.
 */
describe('key-encryption keys', () => {
  const countingKms = () => {
    const kms = localKmsClient(local.stack.kmsEndpoint);
    const asked: { operation: string; context: Record<string, string> | undefined }[] = [];
    const send = kms.send.bind(kms);
    kms.send = ((command: Parameters<typeof send>[0]) => {
      asked.push({ operation: command.constructor.name.replace(/Command$/, ''), context: (command.input as { EncryptionContext?: Record<string, string> }).EncryptionContext });
      return send(command);
    }) as typeof kms.send;
    return { kms, asked };
  };

  it('seals the reports of one window with one GenerateDataKey, each opens in the review, and a destroyed key item opens nothing', async () => {
    const { kms, asked } = countingKms();
    const router = new ShreddableOriginalsVault(kms, local.functionSetting('ORIGINALS_KEY_ID'), documents(), keysTable());
    const ports = { followUps: new DynamoFollowUpStore(documents(), local.stack.tableName), clock: () => new Date(), store: new DynamoReportStore(documents(), local.stack.tableName), forceQueues: new SqsForceQueues(local.sqs, 'pac-local-reports-{destination}.fifo'), vault: router };
    const references: Reference[] = [];
    for (let i = 0; i < 5; i++) {
      const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent', narrative: `Report ${i} of the window: an officer took cash.`, reporter: { mode: 'confidential', contact: { phone: PHONE } } }));
      references.push((await routeContact(ports, intakeMessage(newReference(), 'online', report, new Date()), parseReviewPolicy('on'))).record.reference);
    }
    assert.deepEqual(asked.map((request) => request.operation), ['GenerateDataKey'], 'five reports, one request to KMS');
    assert.deepEqual(Object.keys(asked[0]!.context ?? {}).sort(), ['kek', 'purpose'], 'a key-encryption key, named by its own id, not by a reference');
    for (const [i, reference] of references.entries()) {
      const view = await reviewView(reference);
      assert.equal(view.status, 200, view.text);
      const shown = view.json<{ original: { narrative: string; reporter: { contact?: { phone?: string } } } }>();
      assert.equal(shown.original.narrative, `Report ${i} of the window: an officer took cash.`);
      assert.equal(shown.original.reporter.contact?.phone, PHONE);
    }
    const items = await Promise.all(references.map(async (reference) => (await keysOf(reference))[0]!));
    assert.equal(new Set(items.map((item) => item.encryptedKek)).size, 1, 'one key-encryption key for the window');
    assert.equal(new Set(items.map((item) => JSON.stringify(item.wrappedDataKey))).size, 5, 'a data key for each report');

    // Destroyed as the retention job destroys keys; a copy of the report's items taken before.
    const [shredded, ...others] = references as [Reference, ...Reference[]];
    const backup = (await itemsOf(shredded)).find((item) => item.SK === 'ORIGINAL')!;
    await new DataKeyShredder(documents(), keysTable()).destroyAllKeys(shredded);
    await assert.rejects(opensAs(shredded, backup.original), KeyDestroyed);
    await assert.rejects(opensAs(shredded, backup.contact), KeyDestroyed);
    // Someone with KMS access and the key-encryption key's blob (in the other reports' items) opens
    // that key, and with it every data key still kept: none of them opens the destroyed report's text.
    const { Plaintext } = await localKmsClient(local.stack.kmsEndpoint).send(
      new DecryptCommand({ CiphertextBlob: Buffer.from(String(items[1]!.encryptedKek), 'base64'), EncryptionContext: { purpose: KEY_ENCRYPTION_PURPOSE, kek: String(items[1]!.kek) } }),
    );
    const kek = Buffer.from(Plaintext!);
    const text = backup.original as { iv: string; ciphertext: string; authTag: string };
    for (const [i, reference] of others.entries()) {
      const wrapped = items[i + 1]!.wrappedDataKey as { iv: string; ciphertext: string; authTag: string };
      const dataKey = gcmOpen(kek, wrapped, wrappedDataKeyBinding(reference, String(items[i + 1]!.SK).slice('KEY#'.length)));
      assert.throws(() => gcmOpen(dataKey, text, shredded), /authenticate/, "another report's data key opens nothing of it");
    }
    for (const reference of others) assert.equal((await reviewView(reference)).status, 200, 'the other reports of the window still open');
  });

  it('still opens a report whose data key KMS made and wrapped itself (version 2), with one Decrypt', async () => {
    const { kms, asked } = countingKms();
    const reference = newReference();
    const id = 'form-two-key';
    const { Plaintext, CiphertextBlob, KeyId } = await localKmsClient(local.stack.kmsEndpoint).send(
      new GenerateDataKeyCommand({ KeyId: local.functionSetting('ORIGINALS_KEY_ID'), KeySpec: 'AES_256', EncryptionContext: { reference, purpose: 'report-original' } }),
    );
    // As sealed before key-encryption keys: the text bound to its reference, the data key wrapped by KMS in its item.
    const sealed = { version: 2, algorithm: 'AES-256-GCM', dataKey: id, part: 'original', ...gcmSeal(Buffer.from(Plaintext!), 'sealed in form two', reference) } as const;
    await documents().send(
      new PutCommand({ TableName: keysTable(), Item: { PK: `REPORT-KEYS#${reference}`, SK: `KEY#${id}`, kind: 'data-key', sealed: 'report', keyId: KeyId, encryptedDataKey: Buffer.from(CiphertextBlob!).toString('base64') } }),
    );
    const vault = new ShreddableOriginalsVault(kms, local.functionSetting('ORIGINALS_KEY_ID'), documents(), keysTable());
    assert.equal(await vault.open(reference, sealed), 'sealed in form two');
    assert.deepEqual(asked.map((request) => request.operation), ['Decrypt']);
    await assert.rejects(vault.open(reference, { ...sealed, version: 3 }), /not of that form/, 'nor opened as another form than it was sealed in');
  });
});

const gcmSeal = (key: Buffer, plaintext: string, additionalData: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(Buffer.from(additionalData));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
};
const gcmOpen = (key: Buffer, sealed: { iv: string; ciphertext: string; authTag: string }, additionalData: string): Buffer => {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64')).setAAD(Buffer.from(additionalData));
  decipher.setAuthTag(Buffer.from(sealed.authTag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
};
