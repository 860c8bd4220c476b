/**
 * The force API, from both sides: each force works its own reports (list, read, outcome, transfer)
 * by the force reference it was given, and, for another force's report or for the reporter's
 * reference, every route answers 404 as if it did not exist.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captureOutput, notificationsFor, postJson, send, useLocalStack } from '../support/local-stack.ts';
import { minimalReport } from '../support/reports.ts';

captureOutput();
const local = useLocalStack({ review: 'off' });
const api = (path: string) => `${local.stack.apiUrl}${path}`;
const as = (force: string) => local.forceHeaders(force);
const get = async (path: string, force: string) => send(api(path), { method: 'GET', headers: await as(force) });
const post = async (path: string, body: unknown, force: string) => postJson(api(path), body, await as(force));

type Summary = { reference: string; status: string };
const statistics = async (force: string) => {
  const month = new Date().toISOString().slice(0, 7);
  return (await local.scanTable()).find((item) => item.PK === `STATS#${force}` && item.SK === month) ?? {};
};

/** A report for the force, as the force knows it: by the force reference on its message. */
const report = async (force: string) => {
  const answer = await postJson(api('/reports'), minimalReport({ force }));
  const reference = answer.json().reference as string;
  const [message] = await notificationsFor(local.sqs, local.queueUrl(`pac-local-reports-${force}.fifo`), reference);
  const given = JSON.parse(message!.Body!).reference as string;
  assert.equal(given, await local.forceReference(reference, force));
  assert.match(given, /^FR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  return { reporter: reference, force: given };
};

describe('the force API', () => {
  let met = '';
  let kent = '';
  let metReporter = '';

  it('lists a force its own reports, newest first, and not another force\'s', async () => {
    const first = await report('metropolitan');
    met = first.force;
    metReporter = first.reporter;
    kent = (await report('kent')).force;
    const second = (await report('metropolitan')).force;
    const answer = await get('/force/reports', 'metropolitan');
    assert.equal(answer.status, 200, answer.text);
    const references = answer.json<{ reports: Summary[] }>().reports.map((r) => r.reference);
    assert.deepEqual(references.slice(0, 2), [second, met], 'newest first');
    assert.ok(!references.includes(kent));
    assert.ok((await get('/force/reports', 'kent')).json<{ reports: Summary[] }>().reports.some((r) => r.reference === kent));
  });

  it("answers 404 to the Met for Kent's report, on every route", async () => {
    const routes = [
      () => get(`/force/reports/${kent}`, 'metropolitan'),
      () => post(`/force/reports/${kent}/outcome`, { outcome: 'investigation_opened' }, 'metropolitan'),
      () => post(`/force/reports/${kent}/transfer`, { force: 'Essex', reason: 'not ours' }, 'metropolitan'),
      () => post(`/force/reports/${kent}/questions`, { question: 'When did this happen, please?' }, 'metropolitan'),
    ];
    for (const call of routes) {
      const answer = await call();
      assert.equal(answer.status, 404, answer.text);
      assert.equal(answer.headers['content-type'], 'application/problem+json');
    }
    const list = (await get('/force/reports?limit=100', 'metropolitan')).json<{ reports: Summary[] }>();
    assert.ok(!list.reports.some((r) => r.reference === kent));
  });

  it("answers 404 to the force that has the report, when asked by the reporter's reference", async () => {
    for (const answer of [
      await get(`/force/reports/${metReporter}`, 'metropolitan'),
      await post(`/force/reports/${metReporter}/outcome`, { outcome: 'investigation_opened' }, 'metropolitan'),
      await post(`/force/reports/${metReporter}/questions`, { question: 'When did this happen, please?' }, 'metropolitan'),
    ]) {
      assert.equal(answer.status, 404, answer.text);
    }
    const everything = (await get('/force/reports?limit=100', 'metropolitan')).text;
    // A reporter's reference standing alone; a force reference may hold the letters PAC by chance.
    assert.doesNotMatch(everything, /(?<![0-9A-Z])PAC-[0-9A-Z]{4}-[0-9A-Z]{4}(?![0-9A-Z])/, "the reporter's reference never leaves the contact centre");
    assert.ok(!everything.includes(metReporter));
  });

  it('lets a force read its report in full, and records the read naming the force', async () => {
    const answer = await get(`/force/reports/${met}`, 'metropolitan');
    assert.equal(answer.status, 200, answer.text);
    const body = answer.json<{ reference: string; content: { narrative: string }; receivedOn: string; original?: unknown }>();
    assert.equal(body.reference, met);
    assert.match(body.content.narrative, /£200/);
    assert.match(body.receivedOn, /^\d{4}-\d{2}-\d{2}$/, 'a date, never a time');
    assert.equal(body.original, undefined);
    const trail = (await get(`/force/reports/${met}`, 'metropolitan')).json<{ audit: { type: string; force?: string; on: string }[] }>().audit;
    assert.ok(trail.some((e) => e.type === 'read_by_force' && e.force === 'metropolitan'));
    assert.ok(trail.every((e) => /^\d{4}-\d{2}-\d{2}$/.test(e.on)));
  });

  it('records outcomes the lifecycle allows and refuses the rest with problem+json', async () => {
    const before = await statistics('metropolitan');
    assert.equal((await post(`/force/reports/${met}/outcome`, { outcome: 'investigation_opened', note: 'op LANTERN' }, 'metropolitan')).status, 200);
    const backwards = await post(`/force/reports/${met}/outcome`, { outcome: 'recorded_as_intelligence' }, 'metropolitan');
    assert.equal(backwards.status, 409);
    assert.equal(backwards.json().type, '/problems/lifecycle');
    assert.equal((await post(`/force/reports/${met}/outcome`, { outcome: 'no_further_action' }, 'metropolitan')).status, 200);
    assert.equal((await post(`/force/reports/${met}/outcome`, { outcome: 'investigation_opened' }, 'metropolitan')).status, 409);
    assert.equal((await post(`/force/reports/${met}/outcome`, { outcome: 'arrested' }, 'metropolitan')).status, 400);
    const after = await statistics('metropolitan');
    assert.equal(Number(after.investigations_opened ?? 0) - Number(before.investigations_opened ?? 0), 1);
    assert.equal(Number(after.no_further_action ?? 0) - Number(before.no_further_action ?? 0), 1);

    const filtered = (await get('/force/reports?status=no_further_action', 'metropolitan')).json<{ reports: Summary[] }>().reports;
    assert.deepEqual(filtered.map((r) => r.reference), [met]);
    assert.equal((await get('/force/reports?status=nonsense', 'metropolitan')).status, 400);
  });

  it("passes a report from the Met to Kent: Kent's queue receives it, both forces' statistics count it, and the Met keeps only what it had", async () => {
    const { reporter, force: reference } = await report('metropolitan');
    const [metBefore, kentBefore] = [await statistics('metropolitan'), await statistics('kent')];
    assert.equal((await post(`/force/reports/${reference}/transfer`, { force: 'metropolitan', reason: 'x y z' }, 'metropolitan')).status, 400);
    const moved = await post(`/force/reports/${reference}/transfer`, { force: 'Kent Police', reason: 'the officer is a Kent officer' }, 'metropolitan');
    assert.equal(moved.status, 200, moved.text);
    assert.equal(moved.json().transferredTo, 'kent');

    const [notification, ...more] = await notificationsFor(local.sqs, local.queueUrl('pac-local-reports-kent.fifo'), reporter);
    assert.equal(more.length, 0);
    const message = JSON.parse(notification!.Body!) as { reference: string; routing: { rule: string; explanation: string } };
    assert.equal(message.routing.rule, 'transferred');
    assert.equal(message.routing.explanation, 'Passed on by Metropolitan Police Service.');
    assert.ok(!notification!.Body!.includes('the officer is a Kent officer'), "the Met's reason is not Kent's to read");
    const kentReference = message.reference;
    assert.notEqual(kentReference, reference, 'Kent gets a reference of its own');
    assert.equal(kentReference, await local.forceReference(reporter, 'kent'));
    assert.equal((await get(`/force/reports/${reference}`, 'kent')).status, 404, "Kent cannot use the Met's reference");

    const [metAfter, kentAfter] = [await statistics('metropolitan'), await statistics('kent')];
    assert.equal(Number(metAfter.passed_to_other_forces ?? 0) - Number(metBefore.passed_to_other_forces ?? 0), 1);
    assert.equal(Number(kentAfter.passed_to_force ?? 0) - Number(kentBefore.passed_to_force ?? 0), 1);

    assert.equal((await post(`/force/reports/${kentReference}/outcome`, { outcome: 'investigation_opened' }, 'kent')).status, 200);
    const kentView = (await get(`/force/reports/${kentReference}`, 'kent')).json<{ status: string; audit: { type: string; destination?: string; to?: string }[]; passedOnBy: { force: string }[] }>();
    assert.equal(kentView.status, 'investigation_opened');
    assert.deepEqual(kentView.passedOnBy.map((p) => p.force), ['metropolitan']);
    assert.deepEqual(
      kentView.audit.filter((e) => e.type === 'disseminated' || e.type === 'transferred').map((e) => [e.type, e.destination ?? e.to]),
      [['disseminated', 'metropolitan'], ['transferred', 'kent'], ['disseminated', 'kent']],
      'the audit trail shows the chain',
    );

    const metView = (await get(`/force/reports/${reference}`, 'metropolitan')).json<{ status: string; audit: { type: string }[]; outcomes?: unknown }>();
    assert.equal(metView.status, 'transferred');
    assert.ok(!metView.audit.some((e) => e.type === 'outcome_recorded'), "the Met does not see what Kent did after");
    assert.equal(metView.outcomes, undefined);
    const again = await post(`/force/reports/${reference}/outcome`, { outcome: 'no_further_action' }, 'metropolitan');
    assert.equal(again.status, 409);
    assert.equal(again.json().type, '/problems/passed-on');
    assert.ok(!(await get('/force/reports?limit=100', 'metropolitan')).json<{ reports: Summary[] }>().reports.some((r) => r.reference === reference));
  });
});
