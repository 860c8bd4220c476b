/**
 * A supervisor returns a sanitised contact to the analysts with a reason: a two-person step, as
 * approval is, recorded in the audit trail, after which nothing can approve the returned draft
 * until an analyst sanitises again.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { reviewStageOf } from '../../functions/domain/contact-centre-queue.ts';
import { approve, chooseForce, returnToAnalyst, sanitise, type ReviewResult } from '../../functions/domain/review.ts';
import { minimalReport } from '../support/reports.ts';

const at = new Date('2025-03-03T10:00:00Z');
const later = new Date('2025-03-03T11:00:00Z');

const contact = (): ReportRecord => {
  const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent' }));
  const message = intakeMessage('PAC-AAAA-BBBB' as Reference, 'online', report, new Date('2025-03-01T09:00:00Z'));
  return routedRecord(message, { destination: 'kent', rule: 'named-force', reason: 'the reporter named Kent Police', candidates: [] }, new Date('2025-03-01T09:00:01Z'), {
    review: true,
  });
};
const draft = { categories: ['bribery' as const], narrative: 'My name is Jo. An officer took money for information.' };
const done = (result: ReviewResult) => {
  assert.ok(result.kind === 'done', JSON.stringify(result));
  return result.value;
};
const refusal = (result: ReviewResult) => {
  assert.ok(result.kind === 'refused', JSON.stringify(result));
  return result.refusal.kind;
};

describe('returning a contact to the analysts', () => {
  it('takes the draft out of the sanitised version, keeps it with the reason, and records who returned it and why', () => {
    const sanitised = done(sanitise(contact(), draft, 'ann', at)).record;
    const step = done(returnToAnalyst(sanitised, 'The reporter still names themselves.', 'sam', later));
    assert.equal(step.record.review?.sanitised, undefined, 'nothing left to approve');
    assert.deepEqual(step.record.review?.returned, {
      by: 'sam',
      at: later.toISOString(),
      reason: 'The reporter still names themselves.',
      draft: { by: 'ann', at: at.toISOString(), content: draft },
    });
    assert.equal(step.record.status, 'awaiting_review');
    assert.equal(step.record.version, sanitised.version + 1);
    assert.deepEqual([step.event.type, step.event.by, step.event.detail], ['returned', 'sam', { reason: 'The reporter still names themselves.', sanitisedBy: 'ann' }]);
    assert.deepEqual(step.counters, []);
    assert.equal(reviewStageOf(step.record), 'to_sanitise', 'back with the analysts');
    assert.equal(refusal(approve(done(chooseForce(step.record, 'Kent', 'named', 'ann', later)).record, 'sam', later)), 'not-sanitised');
  });

  it('is never the analyst who wrote the draft, nor anyone who changed what the force receives or where it goes', () => {
    const sanitised = done(sanitise(contact(), draft, 'ann', at)).record;
    assert.equal(refusal(returnToAnalyst(sanitised, 'why', 'ann', later)), 'own-sanitisation');
    const forced = done(chooseForce(sanitised, 'Essex', 'it happened in Chelmsford', 'tom', at)).record;
    assert.equal(refusal(returnToAnalyst(forced, 'why', 'tom', later)), 'own-change');
  });

  it('needs a sanitised version, and a contact still in review', () => {
    assert.equal(refusal(returnToAnalyst(contact(), 'why', 'sam', later)), 'not-sanitised');
    const returned = done(returnToAnalyst(done(sanitise(contact(), draft, 'ann', at)).record, 'why', 'sam', later)).record;
    assert.equal(refusal(returnToAnalyst(returned, 'again', 'sam', later)), 'not-sanitised', 'returned once, not twice');
    const approved = done(approve(done(sanitise(contact(), draft, 'ann', at)).record, 'sam', later)).record;
    assert.equal(refusal(returnToAnalyst(approved, 'why', 'pat', later)), 'not-awaiting-review');
  });

  it('lets the supervisor who returned it approve the next version, which an analyst wrote', () => {
    const returned = done(returnToAnalyst(done(sanitise(contact(), draft, 'ann', at)).record, 'still names them', 'sam', later)).record;
    const again = done(sanitise(returned, { ...draft, narrative: 'An officer took money for information.' }, 'ann', later)).record;
    assert.deepEqual(again.review?.returned, { by: 'sam', at: later.toISOString(), reason: 'still names them' }, 'the returned draft is not kept once sanitised again');
    const approved = done(approve(again, 'sam', later)).record;
    assert.equal(approved.status, 'approved');
    assert.equal(approved.content?.narrative, 'An officer took money for information.');
  });
});
