/**
 * `npm run holdings` on DynamoDB Local, fauxqs and the KMS emulator: reports taken in through the
 * public API (each with its follow-up code and sealed original), then taken through the contact
 * centre by the real use cases and stores (one disseminated and asked a question that is answered,
 * one closed without dissemination, one split, one left waiting for review). What the command
 * counts is what the table holds, kind by kind; what it says is due is what the schedule ends on
 * the day asked about; and it prints no reference. Then the retention job's own use case, run on the
 * days its kinds end (an injected clock, as test/integration/retention.test.ts runs it): holdings on
 * each of those days says nothing of what ended is due any more, and counts it gone, data keys too.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { readDataKeyHoldings, readHoldings } from '../../functions/adapters/holdings-scan.ts';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { DynamoRetentionStore } from '../../functions/adapters/retention-store.ts';
import { DataKeyShredder, ShreddableOriginalsVault } from '../../functions/adapters/shreddable-vault.ts';
import { SqsForceQueues } from '../../functions/adapters/queues.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { approveReport } from '../../functions/domain/disseminating-steps.ts';
import { answer, ask, relay } from '../../functions/domain/follow-up.ts';
import { forceReferenceOf } from '../../functions/domain/force-reference.ts';
import { tallyHoldings, type Holdings } from '../../functions/domain/holdings.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { applyRetention } from '../../functions/domain/retention.ts';
import { DEFAULT_RETENTION } from '../../functions/domain/retention-schedule.ts';
import { confirmClosure, proposeClosure, reviewStep, sanitise, splitContact } from '../../functions/domain/review.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { captureOutput, eventually, postJson, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'on' });

const DAY_MS = 86_400_000;
const dayAfter = (iso: string, days: number): string => new Date(Date.parse(iso.slice(0, 10)) + days * DAY_MS).toISOString().slice(0, 10);

const documents = () => DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
const ports = () => {
  const store = new DynamoReportStore(documents(), local.stack.tableName);
  return {
    store,
    reports: store,
    followUps: new DynamoFollowUpStore(documents(), local.stack.tableName),
    forceQueues: new SqsForceQueues(local.sqs, 'pac-local-reports-{destination}.fifo'),
    vault: new ShreddableOriginalsVault(localKmsClient(local.stack.kmsEndpoint), local.functionSetting('ORIGINALS_KEY_ID'), documents(), keysTable()),
    clock: () => new Date(),
  };
};
const keysTable = () => local.functionSetting('DATA_KEYS_TABLE_NAME');
/** Both tables, classified, as the command reads them. */
const readBoth = async (segments = 3) => [
  ...(await readHoldings(documents(), local.stack.tableName, { segments })),
  ...(await readDataKeyHoldings(documents(), keysTable(), { segments })),
];
/** The retention job's use case, as its function and `npm run retention` run it, on a day (at noon UTC). */
const retentionOn = (day: string) =>
  applyRetention(
    {
      reports: new DynamoReportStore(documents(), local.stack.tableName),
      followUps: new DynamoFollowUpStore(documents(), local.stack.tableName),
      retention: new DynamoRetentionStore(documents(), local.stack.tableName),
      keys: new DataKeyShredder(documents(), keysTable()),
      clock: () => new Date(`${day}T12:00:00Z`),
    },
    DEFAULT_RETENTION,
    new Date(`${day}T12:00:00Z`),
  );

const CONTACT = { mode: 'confidential', contact: { email: 'reporter@example.org', phone: '07700 900123' } } as const;

/** A report sent through the public API, once the router has put it in review. */
const reported = async (force: string, reporter: object): Promise<Reference> => {
  const sent = await postJson(`${local.stack.apiUrl}/reports`, { ...minimalReport({ force }), reporter });
  assert.equal(sent.status, 202, sent.text);
  const reference = sent.json<{ reference: Reference }>().reference;
  await eventually(async () => ((await ports().store.find(reference))?.status === 'awaiting_review' ? true : undefined));
  return reference;
};

const run = (...args: string[]) =>
  promisify(execFile)(`${PROJECT_ROOT}/node_modules/.bin/node`, ['--disable-warning=ExperimentalWarning', 'bin/holdings.ts', '--endpoint', local.stack.dynamoDbEndpoint, '--table', local.stack.tableName, '--data-keys-table', keysTable(), ...args], {
    cwd: PROJECT_ROOT,
    timeout: 60_000,
  });

describe('npm run holdings', () => {
  const seeded: { disseminated?: Reference; closed?: Reference; waiting?: Reference; split?: Reference; lastExchangeAt?: string; closedAt?: string } = {};

  it('seeds one report in each state through the real use cases', async () => {
    const [disseminated, closed, waiting, split] = await Promise.all([
      reported('the Met', CONTACT),
      reported('Kent', CONTACT),
      reported('Essex', { mode: 'anonymous' }),
      reported('Suffolk', CONTACT),
    ]);
    const p = ports();
    await reviewStep(p.store, disseminated, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash to drop a ticket.' }, 'analyst.ann', new Date()));
    assert.equal((await approveReport(p, disseminated, 'supervisor.kim')).kind, 'done');
    const sent = (await p.store.find(disseminated))!;
    assert.equal(sent.status, 'disseminated');
    const asked = await ask(p, forceReferenceOf(sent, 'metropolitan')!, 'metropolitan', 'Which day was it?', new Date());
    assert.equal(asked.kind, 'done');
    const questionId = asked.kind === 'done' ? asked.value.id : '';
    await relay(p.followUps, disseminated, questionId, 'analyst.ann', new Date());
    const given = await answer(p, disseminated, questionId, 'A Tuesday.', 'online', new Date());
    assert.equal(given.kind, 'done');
    seeded.lastExchangeAt = given.kind === 'done' ? given.value.receivedAt : '';

    await reviewStep(p.store, closed, (r) => proposeClosure(r, 'duplicate', undefined, 'analyst.ann', new Date()));
    assert.equal((await reviewStep(p.store, closed, (r) => confirmClosure(r, 'supervisor.kim', new Date()))).kind, 'done');
    seeded.closedAt = (await p.store.find(closed))!.review!.closed!.at;

    assert.equal((await splitContact(p.store, split, [{ force: 'Suffolk', reason: 'the officer' }, { force: 'Norfolk', reason: 'the member of staff' }], 'analyst.ann', new Date())).kind, 'done');
    Object.assign(seeded, { disseminated, closed, waiting, split });
  });

  it('counts what the table holds, kind by kind, read in parallel segments', async () => {
    const now = new Date(`${dayAfter(seeded.closedAt!, 1)}T00:00:00Z`);
    const holdings = tallyHoldings(await readBoth(), now);
    const held = (kind: keyof Holdings['kinds']) => holdings.kinds[kind].held;
    // Other files' reports may share nothing with this table: it is this file's own.
    assert.equal(held('report'), 6, 'four contacts and the two parts of the split one');
    assert.equal(held('original'), 4, 'one sealed original per contact; the parts share their contact’s');
    assert.equal(held('contact-details'), 3, 'the anonymous reporter left none');
    assert.equal(held('follow-up-code'), 4, 'one per contact, kept with its reservation');
    assert.equal(held('question'), 1);
    assert.equal(held('answer'), 1);
    assert.ok(held('audit-event') >= 4 * 2 + 2 + 6, `${held('audit-event')} audit events: received and routed for each contact, and every step since`);
    assert.ok(held('statistics') >= 1);
    assert.equal(holdings.other.reservations, 2, "the parts' reservations, which hold no code");
    assert.ok((holdings.other['force references'] ?? 0) >= 1);
    assert.equal(held('original-key'), 4, 'a data key per original');
    assert.equal(held('contact-details-key'), 3, 'and the contact details’ own key under it, where there are contact details');
    assert.equal(held('answer-key'), 1, 'an answer sealed under a key of its own');
    const table = await local.scanTable();
    const { Count: keys = 0 } = await documents().send(new ScanCommand({ TableName: keysTable(), Select: 'COUNT' }));
    assert.equal(holdings.items, table.length + keys, 'every item of both tables read once');
    const events = table.filter((item) => String(item.SK).startsWith('EVENT#')).map((item) => 1 + ((item.followedBy as unknown[] | undefined)?.length ?? 0));
    assert.ok(events.some((count) => count > 1), 'some events were decided together');
    assert.equal(held('audit-event'), events.reduce((a, b) => a + b, 0), 'every event, those kept under followedBy too');
    for (const kind of ['original', 'contact-details', 'follow-up-code'] as const) {
      assert.equal(holdings.kinds[kind].byAge['under-3-months'], held(kind), `${kind}: all made today`);
      assert.equal(holdings.kinds[kind].dueNow, 0, `${kind}: nothing due yet`);
    }
    // Open: the contact waiting for review, and the split one while its parts wait.
    assert.equal(holdings.kinds.original.noEndYet, 2);
    assert.equal(holdings.kinds['contact-details'].noEndYet, 1);
  });

  it('as a command: what the schedule has made due on the day asked about, and soon, as JSON', async () => {
    const tally = async (day: string, ...more: string[]) => JSON.parse((await run('--now', day, '--json', ...more)).stdout) as Holdings & { table: string };
    const due = (holdings: Holdings, kind: keyof Holdings['kinds']) => [holdings.kinds[kind].dueNow, holdings.kinds[kind].dueSoon];

    // The closed contact: everything of the reporter's ends 90 days after it was closed.
    const beforeClosedEnds = await tally(dayAfter(seeded.closedAt!, 60));
    assert.equal(beforeClosedEnds.table, local.stack.tableName);
    for (const kind of ['original', 'contact-details', 'follow-up-code'] as const) assert.deepEqual(due(beforeClosedEnds, kind), [0, 1], kind);
    const closedEnds = await tally(dayAfter(seeded.closedAt!, 90));
    for (const kind of ['original', 'contact-details', 'follow-up-code'] as const) assert.deepEqual(due(closedEnds, kind), [1, 0], kind);
    assert.deepEqual(due(closedEnds, 'question'), [0, 0]);

    // The disseminated report: keeping in contact ends a year after its last exchange, its original a year after that.
    const contactEnds = await tally(dayAfter(seeded.lastExchangeAt!, 365));
    assert.deepEqual(due(contactEnds, 'contact-details'), [2, 0]);
    assert.deepEqual(due(contactEnds, 'follow-up-code'), [2, 0]);
    assert.deepEqual(due(contactEnds, 'question'), [1, 0]);
    assert.deepEqual(due(contactEnds, 'answer'), [1, 0]);
    assert.deepEqual(due(contactEnds, 'original'), [1, 0], 'only the closed contact’s');
    assert.deepEqual(due(await tally(dayAfter(seeded.lastExchangeAt!, 730)), 'original'), [2, 0]);
    // The schedule in force, as given to the stack.
    assert.deepEqual(due(await tally(dayAfter(seeded.closedAt!, 10), '--retention', '{"closedWithoutDisseminationDays":10}'), 'original'), [1, 0]);
  });

  it('as a command: a table a person reads, naming no report', async () => {
    const { stdout, stderr } = await run();
    assert.match(stdout, new RegExp(`^What ${local.stack.tableName} and ${keysTable()} hold, as of \\d{4}-\\d{2}-\\d{2}`));
    assert.match(stdout, /^originals \(sealed\)\s+4\s+4\s+0\s+0\s+0\s+0\s+0\s+0\s+2\s+original$/m);
    assert.match(stdout, /^contact details\s+3\s+3\s/m);
    assert.match(stdout, /^data keys: originals\s+4\s+4\s/m);
    assert.match(stdout, /Schedule \(the defaults\):/);
    assert.match(stderr, /^Reading pac-local-/);
    const items = await local.scanTable();
    const references = items.filter((item) => item.SK === 'REPORT').map((item) => String(item.reference));
    assert.equal(references.length, 6);
    for (const reference of references) assert.ok(!`${stdout}${stderr}`.includes(reference), 'no reference printed');
  });

  it('as a command: a table that is not there is one line and exit 1', async () => {
    await assert.rejects(run('--table', 'pac-local-nothing'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1);
      assert.match(error.stderr, /^holdings: There is no table pac-local-nothing at http:/m);
      return true;
    });
  });

  it('after the retention job has run on a day, nothing of what it ended is due that day, and the counts drop by what it ended, data keys too', async () => {
    const tally = async (day: string) => tallyHoldings(await readBoth(), new Date(`${day}T00:00:00Z`));
    const dueNow = (holdings: Holdings) => Object.fromEntries(Object.entries(holdings.kinds).filter(([, kind]) => kind.dueNow > 0).map(([name, kind]) => [name, kind.dueNow]));
    const held = (holdings: Holdings) => Object.fromEntries(Object.entries(holdings.kinds).filter(([name]) => !['audit-event', 'statistics', 'report', 'person-link-keys', 'person-link-filing'].includes(name)).map(([name, kind]) => [name, kind.held]));

    // Day 90 after closing: the closed contact's everything.
    const closedEnds = dayAfter(seeded.closedAt!, 90);
    const before = await tally(closedEnds);
    assert.deepEqual(dueNow(before), { original: 1, 'contact-details': 1, 'follow-up-code': 1, 'original-key': 1, 'contact-details-key': 1 });
    const ran = await retentionOn(closedEnds);
    assert.deepEqual(ran.failed, []);
    assert.deepEqual(ran.ended.map((ended) => [ended.reference, ended.kind]), [[seeded.closed, 'keeping-in-contact'], [seeded.closed, 'original']]);
    const after = await tally(closedEnds);
    assert.deepEqual(dueNow(after), {}, 'nothing due that day any more');
    assert.deepEqual(held(after), { ...held(before), original: 3, 'contact-details': 2, 'follow-up-code': 3, 'original-key': 3, 'contact-details-key': 2 }, 'each down by what ended');
    assert.deepEqual(after.ended, { keepingInContact: 1, original: 1 });
    assert.equal(after.kinds['audit-event'].held, before.kinds['audit-event'].held + 2, 'the trail says so, and is kept');

    // A year after the last exchange: the disseminated report's keeping in contact.
    const contactEnds = dayAfter(seeded.lastExchangeAt!, 365);
    const beforeContact = await tally(contactEnds);
    assert.deepEqual(dueNow(beforeContact), { 'contact-details': 1, 'follow-up-code': 1, question: 1, answer: 1, 'contact-details-key': 1, 'answer-key': 1 });
    await retentionOn(contactEnds);
    const afterContact = await tally(contactEnds);
    assert.deepEqual(dueNow(afterContact), {});
    assert.deepEqual(held(afterContact), { ...held(beforeContact), 'contact-details': 1, 'follow-up-code': 2, question: 0, answer: 0, 'contact-details-key': 1, 'answer-key': 0 }, 'the original and its key stay');
    assert.equal(afterContact.kinds.original.dueSoon + afterContact.kinds.original.dueNow, 0, 'the original is a year off');

    // A year later: its original, and the last of its keys.
    const originalEnds = dayAfter(seeded.lastExchangeAt!, 730);
    assert.deepEqual(dueNow(await tally(originalEnds)), { original: 1, 'original-key': 1 });
    await retentionOn(originalEnds);
    const afterOriginal = await tally(originalEnds);
    assert.deepEqual(dueNow(afterOriginal), {});
    assert.deepEqual(held(afterOriginal), { ...held(afterContact), original: 2, 'original-key': 2 }, 'only the two contacts still with the contact centre hold anything');
    assert.deepEqual(afterOriginal.ended, { keepingInContact: 2, original: 2 });
  });
});
