/**
 * The reporter's anonymous follow-up through the API, against the local stack: a follow-up code
 * issued once and kept only as a hash; with it, the report's minimal status, the questions the
 * contact centre relayed, an answer and an addition (both reviewed before a force sees them); a
 * wrong code answered exactly as an unknown reference; and ten wrong codes shutting a reference.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { localDynamoDbClient, localKmsClient } from '../../local/emulators.ts';
import { KmsFollowUpCodeKeys } from '../../functions/adapters/follow-up-code-keys.ts';
import { DynamoFollowUpAccess } from '../../functions/adapters/follow-up-access-store.ts';
import { DynamoFollowUpStore } from '../../functions/adapters/follow-up-store.ts';
import { DynamoReportStore } from '../../functions/adapters/report-store.ts';
import { parseFollowUpCode, type FollowUpCode } from '../../functions/domain/follow-up-code.ts';
import { openReport } from '../../functions/domain/reporter-follow-up.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { captureOutput, eventually, notificationsFor, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

const output = captureOutput();
const local = useLocalStack({ review: 'off' });
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';
const api = (path: string) => `${local.stack.apiUrl}${path}`;

const staff = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);
const metSystem = () => local.forceHeaders('metropolitan');

const submit = async (headers: Record<string, string> = {}, overrides = {}) => {
  const answer = await postJson(api('/reports'), minimalReport({ force: 'the Met', ...overrides }), headers);
  assert.equal(answer.status, 202, answer.text);
  return answer.json<{ reference: string; followUpCode: string }>();
};

const open = (reference: string, code: string) => postJson(api(`/reports/${reference}/follow-up`), { code });

/** A code that is not the one given: the same digits, the last one changed. */
const wrong = (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);

describe("the reporter's follow-up", () => {
  let reference = '';
  let code = '';

  it('gives a follow-up code once, sixteen digits in fours, and keeps only a salted hash of it under a key KMS holds wrapped', async () => {
    ({ reference, followUpCode: code } = await submit());
    assert.match(code, /^\d{4} \d{4} \d{4} \d{4}$/);
    const digits = code.replace(/ /g, '');
    const items = await local.scanTable();
    const everything = JSON.stringify(items);
    assert.ok(!everything.includes(digits) && !everything.includes(code), 'the code itself is nowhere in the table');
    assert.ok(output.text().includes(reference), 'the functions logged the reference');
    assert.ok(!output.text().includes(digits) && !output.text().includes(code), 'nor in any log line');
    // The first code is kept with the reference's reservation, in the one write that claims it.
    assert.equal(items.find((item) => item.PK === `REPORT#${reference}` && item.SK === 'FOLLOW-UP-CODE'), undefined);
    const credential = items.find((item) => item.PK === `REPORT#${reference}` && item.SK === 'RESERVATION')?.followUpCode as Record<string, unknown> | undefined;
    assert.equal(credential?.algorithm, 'hmac-sha256');
    assert.equal(credential?.keyVersion, 'v1');
    assert.equal(typeof credential?.salt, 'string');
    const codeKey = items.find((item) => item.PK === 'FOLLOW-UP-CODE-KEY' && item.SK === 'v1');
    assert.equal(typeof codeKey?.wrappedKey, 'string', 'the code key is kept, wrapped by KMS');
    assert.deepEqual(Object.keys(codeKey ?? {}).sort(), ['PK', 'SK', 'kind', 'wrappedKey']);
  });

  it('shows only "passed to a police force" once a force has the report: never which force', async () => {
    await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    const opened = await eventually(async () => {
      const answer = await open(reference, code);
      return answer.json().status === 'passed_to_a_police_force' ? answer : undefined;
    });
    assert.equal(opened.status, 200, opened.text);
    assert.deepEqual(opened.json(), { reference, status: 'passed_to_a_police_force', questions: [] });
    assert.ok(!/metropolitan|met\b/i.test(opened.text), 'the force is not named');
    assert.equal((await open(reference.toLowerCase(), code.replace(/ /g, '-'))).status, 200, 'case, spaces and hyphens do not matter');
  });

  it('lets the reporter read a relayed question and answer it, and the answer waits for review', async () => {
    const asked = await postJson(api(`/force/reports/${await local.forceReference(reference, 'metropolitan')}/questions`), { question: 'Which evenings did the payments happen?' }, await metSystem());
    assert.equal(asked.status, 201, asked.text);
    const questionId = asked.json().questionId as string;
    assert.deepEqual((await open(reference, code)).json().questions, [], 'not shown until the contact centre relays it');

    const relayed = await postJson(api(`/contact-centre/reviews/${reference}/questions/${questionId}/relay`), {}, await staff('analyst.ann', 'analysts'));
    assert.equal(relayed.status, 200, relayed.text);
    const questions = (await open(reference, code)).json<{ questions: { id: string; text: string; answered: boolean }[] }>().questions;
    assert.deepEqual(
      questions.map(({ id, text, answered }) => ({ id, text, answered })),
      [{ id: questionId, text: 'Which evenings did the payments happen?', answered: false }],
    );

    const answered = await postJson(api(`/reports/${reference}/answers`), { code, questionId, answer: 'Fridays, after ten at night.' });
    assert.equal(answered.status, 202, answered.text);
    assert.equal((await open(reference, code)).json<{ questions: { answered: boolean }[] }>().questions[0]?.answered, true);
    const again = await postJson(api(`/reports/${reference}/answers`), { code, questionId, answer: 'Again.' });
    assert.equal(again.status, 409, 'a question is answered once');

    const waiting = await send(api('/contact-centre/follow-ups'), { method: 'GET', headers: await staff('analyst.ann', 'analysts') });
    const answers = waiting.json<{ answersAwaitingReview: { questionId?: string; channel: string }[] }>().answersAwaitingReview;
    assert.ok(answers.some((a) => a.questionId === questionId && a.channel === 'online'), 'waiting for the contact centre');
  });

  it("takes more information, reviews it, and only then passes it to the force that has the report", async () => {
    const added = await postJson(api(`/reports/${reference}/information`), { code, information: 'He drives a blue van, registration AB12 CDE.' });
    assert.equal(added.status, 202, added.text);
    const analyst = await staff('analyst.ann', 'analysts');
    const waiting = await send(api('/contact-centre/follow-ups'), { method: 'GET', headers: analyst });
    const information = waiting
      .json<{ answersAwaitingReview: { id: string; reference: string; questionId?: string }[] }>()
      .answersAwaitingReview.find((a) => a.reference === reference && a.questionId === undefined);
    assert.ok(information, 'the addition waits for review');
    assert.equal((await receiveAll(local.sqs, local.queueUrl(MET_QUEUE))).length, 0, 'nothing reaches the force before review');
    const viewed = await send(api(`/contact-centre/reviews/${reference}/answers/${information.id}`), { method: 'GET', headers: analyst });
    assert.equal(viewed.status, 200, viewed.text);
    assert.equal(viewed.json().original, 'He drives a blue van, registration AB12 CDE.', 'the analyst reads it as written');
    assert.equal(viewed.json().question, null, 'added unasked');
    assert.ok(viewed.json<{ flags: { kind: string }[] }>().flags.length > 0, 'with the registration flagged');

    const put = (path: string, body: unknown, headers: Record<string, string>) =>
      send(api(path), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const sanitised = await put(`/contact-centre/reviews/${reference}/answers/${information.id}/sanitised`, { text: 'The officer drives a blue van.' }, analyst);
    assert.equal(sanitised.status, 200, sanitised.text);
    const approved = await postJson(api(`/contact-centre/reviews/${reference}/answers/${information.id}/approval`), {}, await staff('supervisor.sam', 'supervisors'));
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json().status, 'disseminated');

    const [message] = await eventually(async () => {
      const messages = await receiveAll(local.sqs, local.queueUrl(MET_QUEUE));
      return messages.length > 0 ? messages : undefined;
    });
    const body = JSON.parse(message?.Body ?? '{}') as Record<string, unknown>;
    assert.equal(body.type, 'report.information');
    assert.equal(body.reference, await local.forceReference(reference, 'metropolitan'));
    assert.equal(body.information, 'The officer drives a blue van.');
    assert.match(String(body.receivedOn), /^\d{4}-\d{2}-\d{2}$/, 'when it came in, to the day only');
    assert.ok(!JSON.stringify(body).includes('AB12'), 'only the sanitised text reaches the force');
  });

  it('answers a wrong code exactly as it answers an unknown reference', async () => {
    const { reference: other, followUpCode } = await submit();
    const wrongCode = await open(other, wrong(followUpCode));
    const unknown = await open('PAC-0000-0000', followUpCode);
    assert.equal(wrongCode.status, 404);
    assert.equal(unknown.status, 404);
    assert.equal(wrongCode.text, unknown.text);
    assert.equal(wrongCode.headers['content-type'], unknown.headers['content-type']);
    const malformed = await open(other, '1234');
    assert.equal(malformed.status, 400, 'a code that cannot be one is a plain input error');
    assert.equal(malformed.json<{ errors: { pointer: string }[] }>().errors[0]?.pointer, '/code');
  });

  it('refuses every attempt for an hour after ten wrong codes for a reference, known or not', async () => {
    const { reference: target, followUpCode } = await submit();
    for (let i = 0; i < 10; i++) assert.equal((await open(target, wrong(followUpCode))).status, 404, `wrong code ${i + 1}`);
    const refused = await open(target, followUpCode);
    assert.equal(refused.status, 429, 'even the right code is refused');
    assert.equal(refused.headers['retry-after'], '3600');
    assert.equal((await postJson(api(`/reports/${target}/answers`), { code: followUpCode, questionId: 'x', answer: 'y' })).status, 429);

    const unknown = 'PAC-ZZZZ-ZZZ0';
    for (let i = 0; i < 10; i++) assert.equal((await open(unknown, followUpCode)).status, 404);
    const unknownRefused = await open(unknown, followUpCode);
    assert.equal(unknownRefused.status, 429, 'an unknown reference is shut the same way, so the throttle tells nothing');
    assert.equal(unknownRefused.text, refused.text);
    assert.equal((await open(reference, code)).status, 200, 'other references are not affected');
  });

  it('lets the reporter back in an hour after the tenth wrong code, and counts only wrong codes', async () => {
    const { reference: target, followUpCode } = await submit();
    const client = DynamoDBDocumentClient.from(localDynamoDbClient(local.stack.dynamoDbEndpoint));
    const table = local.stack.tableName;
    const ports = {
      access: new DynamoFollowUpAccess(client, table),
      codeKeys: new KmsFollowUpCodeKeys(localKmsClient(local.stack.kmsEndpoint), client, table, local.functionSetting('FOLLOW_UP_CODE_KEY_ID')),
      reports: new DynamoReportStore(client, table),
      followUps: new DynamoFollowUpStore(client, table),
    };
    const right = parseFollowUpCode(followUpCode) as FollowUpCode;
    const bad = parseFollowUpCode(wrong(followUpCode)) as FollowUpCode;
    const at = (minutes: number) => new Date(Date.UTC(2030, 0, 1, 9, minutes));
    const ref = target as Reference;

    for (let i = 0; i < 9; i++) assert.equal((await openReport(ports, ref, bad, at(i))).kind, 'not-recognised');
    for (let i = 0; i < 5; i++) assert.equal((await openReport(ports, ref, right, at(9))).kind, 'opened', 'right codes do not count');
    assert.equal((await openReport(ports, ref, bad, at(10))).kind, 'not-recognised', 'the tenth wrong code');
    assert.equal((await openReport(ports, ref, right, at(11))).kind, 'too-many-attempts');
    assert.equal((await openReport(ports, ref, right, at(70))).kind, 'too-many-attempts', 'still shut 59 minutes later');
    assert.equal((await openReport(ports, ref, right, at(72))).kind, 'opened', 'open again an hour after it was shut');

    // Wrong codes spread out: only those within the hour count.
    const { reference: spread, followUpCode: spreadCode } = await submit();
    const spreadBad = parseFollowUpCode(wrong(spreadCode)) as FollowUpCode;
    for (let i = 0; i < 9; i++) await openReport(ports, spread as Reference, spreadBad, at(i));
    assert.equal((await openReport(ports, spread as Reference, spreadBad, at(65))).kind, 'not-recognised');
    assert.equal((await openReport(ports, spread as Reference, parseFollowUpCode(spreadCode) as FollowUpCode, at(66))).kind, 'opened', 'nine wrong an hour ago no longer count');
    client.destroy();
  });

  it('counts parallel guesses: twenty at once cannot get past the tenth', async () => {
    const { reference: target, followUpCode } = await submit();
    const answers = await Promise.all(Array.from({ length: 20 }, () => open(target, wrong(followUpCode))));
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.filter((s) => s === 404).length <= 10, `at most ten guesses were checked: ${statuses.join(',')}`);
    assert.equal((await open(target, followUpCode)).status, 429);
  });

  it('takes the longest account in any script through the website, though a form encodes each character as up to nine bytes', async () => {
    const form = (path: string, fields: Record<string, string>) =>
      send(api(path), { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
    const account = '警察要求我付钱'.repeat(1_428);
    const taken = await form('/report', { categories: 'bribery', narrative: account, force: 'kent', reporterMode: 'anonymous', idempotencyKey: crypto.randomUUID() });
    assert.equal(taken.status, 200, taken.text.slice(0, 500));
    const [, ref] = /(PAC-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(taken.text) ?? [];
    const [, followUp] = /(\d{4} \d{4} \d{4} \d{4})/.exec(taken.text) ?? [];
    const added = await eventually(async () => {
      const answer = await form('/follow-up/information', { reference: ref ?? '', code: followUp ?? '', information: 'Ещё одна деталь. '.repeat(580) });
      return answer.status === 200 ? answer : undefined;
    });
    assert.match(added.text, /govuk-notification-banner/);
  });

  it('gives a new code when the same report is sent again with the same Idempotency-Key, and the old one stops working', async () => {
    const key = crypto.randomUUID();
    const first = await submit({ 'idempotency-key': key });
    const second = await submit({ 'idempotency-key': key });
    assert.equal(second.reference, first.reference);
    assert.notEqual(second.followUpCode, first.followUpCode);
    assert.equal((await open(first.reference, first.followUpCode)).status, 404);
    assert.equal((await open(first.reference, second.followUpCode)).status, 200);
  });
});
