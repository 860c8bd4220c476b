/**
 * Answers and information go to the force that holds the report when they are approved, and to no
 * force that has passed it on; what was approved before any force had the report goes with it when
 * it is disseminated, without anyone having to remember it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { disseminate, routeContact } from '../../functions/domain/dissemination.ts';
import { approveAnswerFor } from '../../functions/domain/disseminating-steps.ts';
import { answer, answerStep, approveAnswer, ask, disseminateAnswer, receiveInformation, relay, sanitiseAnswer } from '../../functions/domain/follow-up.ts';
import { forceReferenceOf } from '../../functions/domain/force-reference.ts';
import { forceStep, transfer } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { approve, reviewStep, sanitise } from '../../functions/domain/review.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';

const reference = 'PAC-7K3M-9QXD' as Reference;

const service = () => {
  let now = Date.parse('2025-06-02T09:00:00Z');
  const clock = () => new Date((now += 60_000));
  const store = new InMemoryReportStore();
  const followUps = new InMemoryFollowUpStore();
  const forceQueues = new InMemoryForceQueues();
  const ports = { store, reports: store, followUps, forceQueues, vault: new InMemoryVault(), clock };
  return { ports, store, followUps, forceQueues, clock };
};

const contact = { categories: ['bribery'], force: 'Kent', narrative: 'An officer took cash to lose a file.', reporter: { mode: 'anonymous' } };

/** Takes a contact through review to Kent, as two people; returns Kent's reference. */
const toKent = async ({ ports, store, clock }: ReturnType<typeof service>) => {
  await routeContact(ports, intakeMessage(reference, 'online', reportSubmissionSchema.parse(contact), clock()), parseReviewPolicy('on'));
  await reviewStep(store, reference, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash.', force: 'Kent' }, 'ann', clock()));
  const approved = await reviewStep(store, reference, (r) => approve(r, 'kim', clock()));
  assert.equal(approved.kind, 'done');
  if (approved.kind === 'done') await disseminate(ports, approved.value);
  return forceReferenceOf((await store.find(reference))!, 'kent')!;
};

/** Reviews and approves a follow-up item as two people, then sends it wherever it is due. */
const approveAndSend = async ({ ports, followUps, clock }: ReturnType<typeof service>, id: string, text: string) => {
  await answerStep(followUps, reference, id, (a) => sanitiseAnswer(a, text, 'ann', clock()));
  const approved = await answerStep(followUps, reference, id, (a) => approveAnswer(a, 'kim', clock()));
  assert.equal(approved.kind, 'done');
  if (approved.kind === 'done') await disseminateAnswer(ports, approved.value);
};

const sentOfType = (queues: InMemoryForceQueues, type: string) => queues.sent.filter((s) => s.notification.type === type);

describe('answers and information reach the force that holds the report', () => {
  it('sends an answer approved after the asking force passed the report on to the force that now holds it, not to the asker', async () => {
    const s = service();
    const kentReference = await toKent(s);
    const asked = await ask(s.ports, kentReference, 'kent', 'Which day was it?', s.clock());
    assert.equal(asked.kind, 'done');
    const questionId = asked.kind === 'done' ? asked.value.id : '';
    await relay(s.followUps, reference, questionId, 'ann', s.clock());
    const given = await answer(s.ports, reference, questionId, 'It was a Tuesday, I was on my way to work at the bakery.', 'online', s.clock());
    assert.equal(given.kind, 'done');

    const moved = await forceStep(s.store, 'kent', kentReference, (r) => transfer(r, 'kent', 'Norfolk', 'the officer is in Norfolk', s.clock()));
    assert.equal(moved.kind, 'done');
    if (moved.kind === 'done') await disseminate(s.ports, moved.value);

    await approveAndSend(s, given.kind === 'done' ? given.value.id : '', 'It was a Tuesday.');
    const answers = sentOfType(s.forceQueues, 'report.answer');
    assert.deepEqual(answers.map((a) => a.destination), ['norfolk']);
    const [sent] = answers.map((a) => a.notification as unknown as Record<string, unknown>);
    assert.equal(sent?.reference, forceReferenceOf((await s.store.find(reference))!, 'norfolk'));
    assert.deepEqual(sent?.askedBy, { id: 'kent', name: 'Kent Police' });
    assert.equal(sent?.question, undefined, "Kent's question was Kent's; Norfolk is told only who asked");
  });

  it("refuses to approve an answer whose sanitised words name the reporter's reference or another force's, however typed: only the force's own may reach it", async () => {
    const s = service();
    const kentReference = await toKent(s);
    const asked = await ask(s.ports, kentReference, 'kent', 'Which day was it?', s.clock());
    const questionId = asked.kind === 'done' ? asked.value.id : '';
    await relay(s.followUps, reference, questionId, 'ann', s.clock());
    const given = await answer(s.ports, reference, questionId, 'Tuesday, about my report pac 7k3m 9qxd.', 'online', s.clock());
    const id = given.kind === 'done' ? given.value.id : '';
    for (const text of ['Tuesday, about report pac 7k3m 9qxd.', 'Tuesday; Essex has FR-A1B2-C3D4-E5F6 too.']) {
      await answerStep(s.followUps, reference, id, (a) => sanitiseAnswer(a, text, 'ann', s.clock()));
      const refused = await approveAnswerFor(s.ports, reference, id, 'kim');
      assert.equal(refused.kind === 'refused' && refused.refusal.kind, 'foreign-reference', text);
    }
    assert.deepEqual(sentOfType(s.forceQueues, 'report.answer'), []);
    await answerStep(s.followUps, reference, id, (a) => sanitiseAnswer(a, `Tuesday, about your ${kentReference}.`, 'ann', s.clock()));
    assert.equal((await approveAnswerFor(s.ports, reference, id, 'kim')).kind, 'done', "Kent's own reference may reach Kent");
    assert.equal(sentOfType(s.forceQueues, 'report.answer').length, 1);
  });

  it('sends information approved before any force had the report with the report, when it is disseminated', async () => {
    const s = service();
    await routeContact(s.ports, intakeMessage(reference, 'online', reportSubmissionSchema.parse(contact), s.clock()), parseReviewPolicy('on'));
    const early = await receiveInformation(s.ports, (await s.store.find(reference))!, 'He drives a blue van.', 'online', s.clock());
    assert.equal(early.kind, 'done');
    await approveAndSend(s, early.kind === 'done' ? early.value.id : '', 'The officer drives a blue van.');
    assert.equal(s.forceQueues.sent.length, 0, 'no force has the report yet');

    const kentReference = await toKent(s);
    const information = sentOfType(s.forceQueues, 'report.information');
    assert.deepEqual(information.map((i) => [i.destination, (i.notification as unknown as { reference: string }).reference]), [['kent', kentReference]]);
    const order = s.forceQueues.sent.map((m) => m.notification.type);
    assert.ok(order.indexOf('report.disseminated') < order.indexOf('report.information'), 'the report first, then what was added');

    // Sent once: disseminating again (a redelivery) sends nothing twice that a force would see twice.
    const ids = s.forceQueues.sent.map((m) => m.deduplicationId);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('sends nothing more to a force once it has passed the report on', async () => {
    const s = service();
    const kentReference = await toKent(s);
    const moved = await forceStep(s.store, 'kent', kentReference, (r) => transfer(r, 'kent', 'Essex', 'not ours', s.clock()));
    if (moved.kind === 'done') await disseminate(s.ports, moved.value);
    const later = await receiveInformation(s.ports, (await s.store.find(reference))!, 'One more thing.', 'online', s.clock());
    await approveAndSend(s, later.kind === 'done' ? later.value.id : '', 'The reporter adds one more thing.');
    assert.deepEqual(sentOfType(s.forceQueues, 'report.information').map((i) => i.destination), ['essex']);
  });
});
