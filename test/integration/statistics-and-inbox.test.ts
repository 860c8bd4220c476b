/**
 * Statistics and a force's inbox on the real emulators: reports taken in online and by phone are
 * counted in the same transaction that records them; GET /stats and `npm run stats` show the
 * counts (the public view with every count below 5 hidden, and exact for operators); and
 * `npm run inbox` prints a force's new reports and deletes each only once it is printed.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { describeMessage, readInbox } from '../../bin/inbox.ts';
import { PROJECT_ROOT } from '../../lib/project-layout.ts';
import type { ForceAnswerNotification } from '../../functions/domain/entities/force-messages.ts';
import { FEWER_THAN_FIVE, type PublicStatistics } from '../../functions/domain/statistics-view.ts';
import { eventually, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport, NARRATIVE } from '../support/reports.ts';

const run = promisify(execFile);
const local = useLocalStack();
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';
const thisMonth = () => new Date().toISOString().slice(0, 7);
const month = thisMonth();

/** Runs one of the command-line tools as `npm run` would, with the pinned Node. */
const tool = (script: string, ...args: string[]) =>
  run(path.join(PROJECT_ROOT, 'node_modules/.bin/node'), ['--disable-warning=ExperimentalWarning', script, ...args], {
    cwd: PROJECT_ROOT,
    timeout: 60_000,
  });

const submit = async (force: string, headers: Record<string, string> = {}, route = '/reports') => {
  const answer = await postJson(`${local.stack.apiUrl}${route}`, minimalReport({ force }), headers);
  assert.equal(answer.status, 202, answer.text);
  return answer.json<{ reference: string }>().reference;
};

/** Waits until every reference has been recorded and passed to its force (review is off locally). */
const disseminated = (references: readonly string[]) =>
  eventually(async () => {
    const reports = (await local.scanTable()).filter((item) => item.SK === 'REPORT' && references.includes(String(item.reference)));
    return reports.length === references.length && reports.every((report) => report.status === 'disseminated') ? true : undefined;
  }, 20_000);

const messagesOn = async (queueName: string) => {
  const { Attributes = {} } = await local.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: local.queueUrl(queueName),
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return Number(Attributes.ApproximateNumberOfMessages) + Number(Attributes.ApproximateNumberOfMessagesNotVisible);
};

const getStats = (query: string) => send(`${local.stack.apiUrl}/stats?${query}`, { method: 'GET' });

/** A printed table's row, cell by cell (cells are separated by two spaces or more). */
const rowOf = (printed: string, first: string) =>
  printed
    .split('\n')
    .find((line) => line.startsWith(first))
    ?.split(/ {2,}/);

describe('statistics and the force inbox', () => {
  const met: string[] = [];
  const kent: string[] = [];

  it('counts six online reports and one phone report naming the Met, and three naming Kent, as they are taken in', async () => {
    for (let i = 0; i < 6; i++) met.push(await submit('the Met'));
    const callAgent = await local.stack.issuer.mintToken({ username: 'call-agent.one', groups: ['call-agents'] });
    met.push(await submit('Met Police', { authorization: `Bearer ${callAgent}` }, '/contact-centre/reports'));
    for (let i = 0; i < 3; i++) kent.push(await submit('Kent'));
    await disseminated([...met, ...kent]);

    const counters = (await local.scanTable()).filter((item) => String(item.PK).startsWith('STATS#') && item.SK === thisMonth());
    const of = (force: string) => counters.find((item) => item.PK === `STATS#${force}`);
    assert.deepEqual(
      [of('metropolitan')?.contacts_online, of('metropolitan')?.contacts_phone, of('metropolitan')?.passed_to_force],
      [6, 1, 7],
    );
    assert.deepEqual([of('kent')?.contacts_online, of('kent')?.passed_to_force], [3, 3]);
  });

  it('answers GET /stats with the public view: counts of 5 and more, "fewer than 5" below, and ranges where a sum would tell', async (t) => {
    if (thisMonth() !== month) return t.skip('the month changed while the test ran');
    const answer = await getStats(`force=metropolitan&from=${month}&to=${month}`);
    assert.equal(answer.status, 200, answer.text);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    const stats = answer.json<PublicStatistics>();
    assert.equal(stats.view, 'public');
    assert.deepEqual(stats.force, { id: 'metropolitan', name: 'Metropolitan Police Service' });
    assert.deepEqual([stats.from, stats.to, stats.months.length], [month, month, 1]);
    const [row] = stats.months;
    assert.equal(row!.month, month);
    assert.equal(row!.counts.contacts_online, 6);
    assert.equal(row!.counts.contacts_phone, FEWER_THAN_FIVE);
    assert.equal(row!.counts.contacts, '6 to 10', 'not 7, which less the 6 online would give the phone count away');
    assert.equal(row!.counts.passed_to_force, 7);
    assert.equal(row!.counts.investigations_opened, FEWER_THAN_FIVE);
    assert.deepEqual(stats.totals, row!.counts);

    const kentStats = (await getStats(`force=kent&from=${month}&to=${month}`)).json<PublicStatistics>();
    assert.equal(kentStats.months[0]!.counts.contacts_online, FEWER_THAN_FIVE, 'three contacts are "fewer than 5"');
    assert.equal(kentStats.months[0]!.counts.passed_to_force, FEWER_THAN_FIVE);
    assert.ok(!JSON.stringify(kentStats).includes(':3'), 'no 3 anywhere in it');
  });

  it('answers bad parameters with a 400 problem naming each one, and ignores parameters it does not take', async () => {
    const bad = await getStats('force=gotham&from=2024-13&to=2024-01');
    assert.equal(bad.status, 400);
    assert.match(String(bad.headers['content-type']), /^application\/problem\+json/);
    const problem = bad.json<{ type: string; status: number; errors: { pointer: string; detail: string }[] }>();
    assert.equal(problem.type, '/problems/invalid-statistics-query');
    assert.deepEqual(
      problem.errors.map((e) => e.pointer),
      ['/force', '/from'],
    );

    const none = await getStats('');
    assert.equal(none.status, 400);
    assert.equal(none.json<{ errors: unknown[] }>().errors.length, 3);

    const backwards = await getStats('force=kent&from=2024-04&to=2024-03');
    assert.equal(backwards.status, 400);
    assert.match(backwards.text, /must not be before/);
    const tooLong = await getStats('force=kent&from=2000-01&to=2024-03');
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.text, /at most 120 months/);

    const tracked = await getStats(`force=kent&from=${month}&to=${month}&fbclid=canary-click-id`);
    assert.equal(tracked.status, 200);
    assert.ok(!tracked.text.includes('canary-click-id'));
  });

  it('prints the table with `npm run stats`: exact for operators with --exact, the public view without', async (t) => {
    if (thisMonth() !== month) return t.skip('the month changed while the test ran');
    const common = ['--force', 'metropolitan', '--from', month, '--to', month, '--endpoint', local.stack.dynamoDbEndpoint, '--table', local.stack.tableName];
    const exact = await tool('bin/stats.ts', ...common, '--exact');
    assert.match(exact.stdout, /^Metropolitan Police Service \(metropolitan\), .*exact/);
    const headings = rowOf(exact.stdout, 'Month');
    assert.deepEqual(headings?.slice(0, 5), ['Month', 'Contacts', 'Online', 'Phone', 'Passed to force']);
    assert.deepEqual(rowOf(exact.stdout, month)?.slice(0, 5), [month, '7', '6', '1', '7']);
    assert.deepEqual(rowOf(exact.stdout, 'Total')?.slice(0, 5), ['Total', '7', '6', '1', '7']);

    const published = await tool('bin/stats.ts', ...common);
    assert.match(published.stdout, /public view/);
    assert.deepEqual(rowOf(published.stdout, month)?.slice(0, 5), [month, '6 to 10', '6', FEWER_THAN_FIVE, '7']);

    await assert.rejects(tool('bin/stats.ts', '--force', 'gotham', '--from', month, '--to', month), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.equal(error.stderr, 'stats: "gotham" is not a force id in the registry (data/uk-police-forces.csv)\nRun with --help for usage.\n');
      return true;
    });
    await assert.rejects(tool('bin/stats.ts', '--force', 'kent', '--from', month, '--to', month, '--endpoint', local.stack.dynamoDbEndpoint, '--table', 'pac-local-nothing'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 1, 'a failure while running, not bad usage');
      assert.match(error.stderr, /^stats: There is no table pac-local-nothing at http:\/\/\S+\. Name it with --table or --stage\.\n$/);
      return true;
    });
  });

  it("prints the Met's new reports with `npm run inbox -- --once`, and leaves its queue empty", async () => {
    const { stdout } = await tool('bin/inbox.ts', '--force', 'metropolitan', '--endpoint', local.stack.sqsEndpoint, '--once');
    for (const reference of met) {
      const given = await local.forceReference(reference, 'metropolitan');
      assert.match(stdout, new RegExp(`== ${given} == report for Metropolitan Police Service \\(metropolitan\\)`));
      assert.ok(!stdout.includes(reference), "the reporter's reference is not the Met's to see");
    }
    for (const reference of kent) assert.ok(!stdout.includes(await local.forceReference(reference, 'kent')), "Kent's reports are not the Met's");
    assert.match(stdout, /Categories +Abuse of position for personal advantage/);
    assert.match(stdout, /Routed +The report named Metropolitan Police Service\.\s+\(named-force\)/);
    assert.match(stdout, /Received +\d{1,2} \w{3} \d{4}\n/, 'the day only, and not how the reporter made contact');
    assert.ok(stdout.replace(/\s+/g, ' ').includes(NARRATIVE), 'the narrative is printed in full, wrapped');
    assert.equal(await messagesOn(MET_QUEUE), 0, 'every printed message was deleted');
  });

  it('refuses a force that is not in the registry', async () => {
    await assert.rejects(tool('bin/inbox.ts', '--force', 'the-met', '--endpoint', local.stack.sqsEndpoint, '--once'), (error: { code: number; stderr: string }) => {
      assert.equal(error.code, 2);
      assert.match(error.stderr, /^inbox: "the-met" is not a force id.*did you mean "metropolitan".*\nRun with --help for usage\.\n$/);
      return true;
    });
  });

  it("prints a reporter's answer with the force's question, and shows a message it cannot read as it came, escapes and all", () => {
    const answer: ForceAnswerNotification = {
      schemaVersion: '3.0',
      type: 'report.answer',
      messageId: 'report.answer:FR-4DSK-XXY7-2H4P:5d1c2a8e-3b7f-4c9d-8e6a-1f2b3c4d5e6f:v4',
      reference: 'FR-4DSK-XXY7-2H4P',
      force: { id: 'kent', name: 'Kent Police' },
      questionId: '0b9f4c36-6b5e-4f0e-9d7c-3f2a1e5b8c90',
      askedBy: { id: 'kent', name: 'Kent Police' },
      question: 'Which day did this happen?',
      answer: 'It was the Tuesday before the bank holiday, in the afternoon.',
      answeredOn: '2024-05-07',
      disseminatedOn: '2024-05-08',
    };
    const printed = describeMessage({ Body: JSON.stringify(answer) });
    assert.match(printed, /^== FR-4DSK-XXY7-2H4P == the reporter's answer, for Kent Police \(kent\)/);
    assert.match(printed, /Answered +7 May 2024\n/);
    assert.match(printed, /Your question:\n {2}Which day did this happen\?\n/);
    assert.match(printed, /Their answer \(sanitised by the contact centre\):\n {2}It was the Tuesday before the bank holiday/);

    const strange = describeMessage({ MessageId: 'm-1', Body: JSON.stringify({ type: 'report.withdrawn', reference: 'PAC-4DSK-XXY7', note: '\u001b[2J' }) });
    assert.match(strange, /PAC-4DSK-XXY7 == a message this inbox cannot read; as sent/);
    assert.match(strange, /report\.withdrawn/);
    assert.ok(!strange.includes('\u001b'), 'no escape sequence reaches the terminal');
  });

  it('puts a message it could not print straight back on the queue, undeleted', async () => {
    const reference = await submit('the Met');
    await disseminated([reference]);
    const queueUrl = local.queueUrl(MET_QUEUE);
    await assert.rejects(
      readInbox({
        sqs: local.sqs,
        queueUrl,
        once: true,
        waitTimeSeconds: 1,
        print: () => Promise.reject(new Error('the terminal went away')),
      }),
      /the terminal went away/,
    );
    const [again, ...rest] = await receiveAll(local.sqs, queueUrl);
    assert.ok(again?.Body?.includes(await local.forceReference(reference, 'metropolitan')), 'the same report is there for the next reader at once');
    assert.equal(rest.length, 0);
  });
});
