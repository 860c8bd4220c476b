/**
 * Keeping in contact through the contact centre, both ways: a force asks the reporter a question
 * about a report it received; the contact centre relays it; the reporter answers (here by phoning
 * back, through a call agent); the answer is sanitised and approved by two people, and only then
 * reaches the force, linked to the report. No other force can ask about the report.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureOutput, eventually, notificationsFor, postJson, receiveAll, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
// Review off: the report reaches the Met at once. Answers are always reviewed.
const local = useLocalStack({ review: 'off' });
const MET_QUEUE = 'pac-local-reports-metropolitan.fifo';
const api = (path: string) => `${local.stack.apiUrl}${path}`;

const staff = (username: string, ...groups: string[]) => local.staffHeaders(username, ...groups);
const forceSystem = (force: string) => local.forceHeaders(force);
const get = (path: string, headers: Record<string, string>) => send(api(path), { method: 'GET', headers });
const put = (path: string, body: unknown, headers: Record<string, string>) =>
  send(api(path), { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

const QUESTION = 'Can you say which evenings the payments happened?';
const ANSWER = 'Always on Fridays after 10pm. You can call me on 07700 900987 if you need more.';
const SANITISED = 'The payments happened on Friday evenings after 10pm.';

describe('keeping in contact', () => {
  let reference = '';
  let code = '';
  let metReference = '';
  let questionId = '';

  it("lets the force that received a report ask the reporter a question, and no other force", async () => {
    const submitted = await postJson(api('/reports'), minimalReport({ force: 'the Met' }));
    reference = submitted.json().reference as string;
    code = submitted.json().followUpCode as string;
    await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    metReference = await local.forceReference(reference, 'metropolitan');

    const byReporterReference = await postJson(api(`/force/reports/${reference}/questions`), { question: QUESTION }, await forceSystem('metropolitan'));
    assert.equal(byReporterReference.status, 404, "a force cannot use the reporter's reference");
    const path = `/force/reports/${metReference}/questions`;
    const kent = await postJson(api(path), { question: QUESTION }, await forceSystem('kent'));
    assert.equal(kent.status, 404, 'to Kent, the Met\'s report does not exist');
    assert.equal((await postJson(api(path), { question: QUESTION })).status, 401);
    assert.equal((await postJson(api(path), { question: QUESTION }, await staff('analyst.ann', 'analysts'))).status, 401);

    const asked = await postJson(api(path), { question: QUESTION }, await forceSystem('metropolitan'));
    assert.equal(asked.status, 201, asked.text);
    questionId = asked.json().questionId as string;
    assert.equal(asked.json().status, 'awaiting_relay');
  });

  it('holds the question for the contact centre, which relays it to the reporter', async () => {
    const analyst = await staff('analyst.ann', 'analysts');
    const waiting = await get('/contact-centre/follow-ups', analyst);
    assert.equal(waiting.status, 200, waiting.text);
    const question = waiting
      .json<{ questionsAwaitingRelay: { id: string; question: string; force: { id: string } }[] }>()
      .questionsAwaitingRelay.find((q) => q.id === questionId);
    assert.deepEqual([question?.question, question?.force.id], [QUESTION, 'metropolitan']);

    const early = await postJson(api(`/contact-centre/reports/${reference}/questions/${questionId}/answers`), { code, answer: ANSWER }, await staff('agent.amy', 'call-agents'));
    assert.equal(early.status, 404, 'nothing to answer until the question is relayed: to the caller, as online, it is not there yet');

    const relayed = await postJson(api(`/contact-centre/reviews/${reference}/questions/${questionId}/relay`), {}, analyst);
    assert.equal(relayed.status, 200, relayed.text);
    assert.equal(relayed.json().status, 'relayed');
  });

  it("brings the reporter's answer back to the force only once sanitised and approved by a second person", async () => {
    // The caller proves the report is theirs with the code they read out, as online: a call agent alone cannot answer for them.
    const agent = await staff('agent.amy', 'call-agents');
    const answers = api(`/contact-centre/reports/${reference}/questions/${questionId}/answers`);
    const wrong = [...code].map((digit, i) => (i === 0 ? String((Number(digit) + 1) % 10) : digit)).join('');
    for (const body of [{ answer: ANSWER }, { code: wrong, answer: ANSWER }]) {
      const refused = await postJson(answers, body, agent);
      assert.equal(refused.status, 'code' in body ? 404 : 400, refused.text);
    }
    const recorded = await postJson(answers, { code, answer: ANSWER }, agent);
    assert.equal(recorded.status, 202, recorded.text);
    const answerId = recorded.json().id as string;
    assert.equal(recorded.json().status, 'awaiting_review');
    assert.equal(recorded.json().original, undefined, 'the answer as given is not echoed back');

    const url = `/contact-centre/reviews/${reference}/answers/${answerId}`;
    const view = await get(url, await staff('analyst.ann', 'analysts'));
    assert.equal(view.status, 200, view.text);
    const shown = view.json<{ original: string; flags: { kind: string; text: string }[]; question: { question: string } }>();
    assert.equal(shown.original, ANSWER);
    assert.equal(shown.question.question, QUESTION);
    assert.deepEqual(shown.flags.map((f) => [f.kind, f.text]), [['phone', '07700 900987']]);

    const both = await staff('ann.both', 'analysts', 'supervisors');
    assert.equal((await put(`${url}/sanitised`, { text: SANITISED }, both)).status, 200);
    assert.equal((await postJson(api(`${url}/approval`), {}, both)).status, 403, 'four eyes');
    assert.deepEqual(await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference, { timeoutMs: 1_500 }), []);

    const approved = await postJson(api(`${url}/approval`), {}, await staff('sup.sam', 'supervisors'));
    assert.equal(approved.status, 200, approved.text);
    assert.equal(approved.json().status, 'disseminated');

    const [message, ...more] = await notificationsFor(local.sqs, local.queueUrl(MET_QUEUE), reference);
    assert.equal(more.length, 0);
    assert.equal(message?.MessageAttributes?.type?.StringValue, 'report.answer');
    const answer = JSON.parse(message!.Body!) as Record<string, unknown>;
    assert.deepEqual(
      [answer.type, answer.reference, answer.questionId, answer.question, answer.answer],
      ['report.answer', metReference, questionId, QUESTION, SANITISED],
    );
    assert.match(String(answer.answeredOn), /^\d{4}-\d{2}-\d{2}$/, 'when it was answered, to the day only');
    assert.ok(!message!.Body!.includes(reference), "the reporter's reference stays with the contact centre");

    const everyQueue = JSON.stringify(await Promise.all([...local.stack.queueUrls.values()].map((queue) => receiveAll(local.sqs, queue))));
    assert.ok(!everyQueue.includes('07700 900987') && !everyQueue.includes(ANSWER), "the reporter's own words reach no queue");
    assert.ok(!JSON.stringify(await local.scanTable()).includes('07700 900987'), 'and are stored only sealed');
  });

  it('records every step in the report\'s audit trail', async () => {
    const trail = await eventually(async () => {
      const view = await get(`/contact-centre/reviews/${reference}`, await staff('analyst.ann', 'analysts'));
      const types = view.json<{ audit: { type: string }[] }>().audit.map((e) => e.type);
      return types.includes('answer_disseminated') ? types : undefined;
    });
    for (const step of ['question_asked', 'question_relayed', 'answer_received', 'answer_read', 'answer_sanitised', 'answer_approved', 'answer_disseminated']) {
      assert.ok(trail.includes(step), `${step} missing from ${trail.join(', ')}`);
    }
  });
});
