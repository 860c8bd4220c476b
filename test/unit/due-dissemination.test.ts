/**
 * What the sweeper counts as due, decided in the domain: a step that makes a report due stamps when,
 * sending it clears the stamp, and an approved answer no force can receive yet is waiting for its
 * report, not stalled, so it never pages anyone.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { approveReport } from '../../functions/domain/disseminating-steps.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { disseminateWhatIsDue, SETTLING_TIME_MS } from '../../functions/domain/due-dissemination.ts';
import { answerStep, approveAnswer, receiveInformation, sanitiseAnswer } from '../../functions/domain/follow-up.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { reviewStep, sanitise } from '../../functions/domain/review.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';

const reference = 'PAC-7K3M-9QXD' as Reference;
const contact = { categories: ['bribery'], force: 'Kent', narrative: 'An officer took cash to lose a file.', reporter: { mode: 'anonymous' } };

const service = () => {
  let now = Date.parse('2025-06-02T09:00:00Z');
  const clock = () => new Date(now);
  const later = (ms: number) => (now += ms);
  const store = new InMemoryReportStore();
  const followUps = new InMemoryFollowUpStore();
  const forceQueues = new InMemoryForceQueues();
  let failures = 0;
  const flaky = {
    notify: async (...args: Parameters<InMemoryForceQueues['notify']>) => {
      if (failures-- > 0) throw new Error('SQS unavailable');
      await forceQueues.notify(...args);
    },
  };
  const ports = { store, reports: store, followUps, forceQueues: flaky, vault: new InMemoryVault(), clock };
  return { ports, store, followUps, forceQueues, clock, later, failNext: () => (failures = 1) };
};

describe('what is due for a force', () => {
  it('is stamped when the approval makes it due, waits out the settling time, and is sent once by the sweeper', async () => {
    const s = service();
    await routeContact(s.ports, intakeMessage(reference, 'online', reportSubmissionSchema.parse(contact), s.clock()), parseReviewPolicy('on'));
    s.later(60_000);
    await reviewStep(s.store, reference, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash.', force: 'Kent' }, 'ann', s.clock()));
    s.later(60_000);
    const approvedAt = s.clock().toISOString();
    s.failNext();
    await assert.rejects(approveReport(s.ports, reference, 'kim'));
    assert.equal((await s.store.find(reference))?.dueSince, approvedAt);

    s.later(SETTLING_TIME_MS - 1_000);
    assert.equal((await disseminateWhatIsDue(s.ports)).sent, 0, 'a step may still be finishing its own send');
    s.later(10 * 60_000);
    const outcome = await disseminateWhatIsDue(s.ports);
    assert.equal(outcome.sent, 1);
    assert.equal(outcome.oldestUnsentSeconds, 0);
    const sent = await s.store.find(reference);
    assert.equal(sent?.status, 'disseminated');
    assert.equal(sent?.dueSince, undefined, 'no longer due');
    assert.equal(s.forceQueues.sent.length, 1);
  });

  it('reports how long the longest-due it could not send has waited', async () => {
    const s = service();
    // Due from an approval whose send failed (routing without review that fails to send records
    // nothing: its contact stays on the intake queue, which delivers it again).
    await routeContact(s.ports, intakeMessage(reference, 'online', reportSubmissionSchema.parse(contact), s.clock()), parseReviewPolicy('on'));
    await reviewStep(s.store, reference, (r) => sanitise(r, { categories: ['bribery'], narrative: 'An officer took cash.', force: 'Kent' }, 'ann', s.clock()));
    s.failNext();
    await assert.rejects(approveReport(s.ports, reference, 'kim'));
    s.later(20 * 60_000);
    s.failNext();
    const outcome = await disseminateWhatIsDue(s.ports);
    assert.deepEqual(outcome.unsent.map((u) => [u.kind, u.reference]), [['report', reference]]);
    assert.equal(outcome.oldestUnsentSeconds, 20 * 60);
  });

  it('leaves information approved before any force has the report waiting for it, without counting it as unsent', async () => {
    const s = service();
    await routeContact(s.ports, intakeMessage(reference, 'online', reportSubmissionSchema.parse(contact), s.clock()), parseReviewPolicy('on'));
    const added = await receiveInformation(s.ports, (await s.store.find(reference))!, 'He drives a blue van.', 'online', s.clock());
    const id = added.kind === 'done' ? added.value.id : '';
    await answerStep(s.followUps, reference, id, (a) => sanitiseAnswer(a, 'The officer drives a blue van.', 'ann', s.clock()));
    await answerStep(s.followUps, reference, id, (a) => approveAnswer(a, 'kim', s.clock()));
    s.later(60 * 60_000);
    const outcome = await disseminateWhatIsDue(s.ports);
    assert.deepEqual({ sent: outcome.sent, waiting: outcome.waitingForTheirReport, unsent: outcome.unsent.length, oldest: outcome.oldestUnsentSeconds }, { sent: 0, waiting: 1, unsent: 0, oldest: 0 });
    assert.equal(s.forceQueues.sent.length, 0);
  });
});
