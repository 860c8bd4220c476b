import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { approve, chooseForce, confirmClosure, openForReview, proposeClosure, sanitise, split, secondsWaiting, type ReviewResult } from '../../functions/domain/review.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';
import { parseReviewPolicy, requiresReview } from '../../functions/domain/review-policy.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { reviewSettings } from '../../lib/stage.ts';
import { minimalReport } from '../support/reports.ts';

const at = new Date('2025-03-03T10:00:00Z');

const contact = (force?: string): ReportRecord => {
  const report = reportSubmissionSchema.parse(minimalReport(force === undefined ? {} : { force }));
  const message = intakeMessage('PAC-AAAA-BBBB' as Reference, 'phone', report, new Date('2025-03-01T09:00:00Z'));
  return routedRecord(message, routeReport(report, message.receivedAt), new Date('2025-03-01T09:00:01Z'), { review: true });
};
const content = { categories: ['bribery' as const], narrative: 'An officer took money for information.' };
const done = (result: ReviewResult) => {
  assert.ok(result.kind === 'done', JSON.stringify(result));
  return result.value;
};
const refusal = (result: ReviewResult) => {
  assert.ok(result.kind === 'refused');
  return result.refusal.kind;
};

describe('reviewing a contact', () => {
  it('starts awaiting review, with nothing a force may see', () => {
    const record = contact('Kent');
    assert.equal(record.status, 'awaiting_review');
    assert.equal(record.content, undefined);
  });

  it('needs a sanitised version, a force, and a second person before approval', () => {
    const record = contact();
    assert.equal(refusal(approve(record, 'sam', at)), 'not-sanitised');
    const sanitised = done(sanitise(record, content, 'ann', at)).record;
    assert.equal(refusal(approve(sanitised, 'sam', at)), 'no-force-chosen');
    const forced = done(chooseForce(sanitised, 'Essex', 'it happened in Chelmsford', 'ann', at)).record;
    assert.equal(refusal(approve(forced, 'ann', at)), 'own-sanitisation');
    const approved = done(approve(forced, 'sam', at));
    assert.equal(approved.record.status, 'approved');
    assert.deepEqual(approved.record.content, content);
    assert.equal(approved.record.routing.destination, 'essex');
    assert.equal(approved.event.by, 'sam');
  });

  it('moves the version on with every step, and records who did what', () => {
    const record = contact('Kent');
    const step = done(sanitise(record, content, 'ann', at));
    assert.equal(step.record.version, record.version + 1);
    assert.deepEqual([step.event.type, step.event.by], ['sanitised', 'ann']);
  });

  it('never lets anyone who changed what the force receives, or where it goes, approve it', () => {
    const sanitised = done(sanitise(contact(), content, 'ann', at)).record;
    const chosen = done(chooseForce(sanitised, 'Essex', 'it happened in Chelmsford', 'sam', at)).record;
    assert.equal(refusal(approve(chosen, 'sam', at)), 'own-change', 'the supervisor who chose the force');
    assert.equal(refusal(approve(chosen, 'ann', at)), 'own-sanitisation');
    const resanitised = done(sanitise(chosen, content, 'bob', at)).record;
    assert.equal(refusal(approve(resanitised, 'ann', at)), 'own-change', 'an earlier sanitiser');
    assert.equal(done(approve(resanitised, 'kim', at)).record.status, 'approved');
    const divided = split(sanitised, [{ force: 'Kent', reason: 'x' }, { force: 'Essex', reason: 'y' }], ['PAC-1111-1111', 'PAC-2222-2222'] as Reference[], 'tom', at);
    assert.ok(divided.kind === 'done');
    for (const part of divided.value.reports) {
      assert.equal(refusal(approve(part, 'tom', at)), 'own-change', 'the splitter');
      assert.equal(refusal(approve(part, 'ann', at)), 'own-sanitisation');
      assert.equal(done(approve(part, 'kim', at)).record.status, 'approved');
    }
  });

  it('closes only when a supervisor who did not propose it confirms; until then it stays in review', () => {
    const proposed = done(proposeClosure(contact('Kent'), 'duplicate', 'same as PAC-1111-2222', 'ann', at));
    assert.equal(proposed.record.status, 'awaiting_review');
    assert.deepEqual(proposed.counters, []);
    assert.equal(refusal(confirmClosure(proposed.record, 'ann', at)), 'own-proposal');
    assert.equal(refusal(confirmClosure(contact('Kent'), 'sam', at)), 'no-closure-proposed');
    const closed = done(confirmClosure(proposed.record, 'sam', at));
    assert.equal(closed.record.review?.closed?.proposedBy, 'ann');
    assert.equal(closed.record.status, 'closed');
    assert.deepEqual(closed.counters, [{ destination: 'kent', month: '2025-03', counter: 'closed' }]);
    assert.equal(refusal(approve(closed.record, 'sam', at)), 'not-awaiting-review');
    assert.equal(refusal(sanitise(closed.record, content, 'ann', at)), 'not-awaiting-review');
  });

  it('refuses a force that is not in the registry', () => {
    assert.equal(refusal(chooseForce(contact(), 'Gotham', 'x', 'ann', at)), 'unknown-force');
  });

  it('measures how long the oldest contact has waited', () => {
    assert.equal(secondsWaiting(undefined, at), 0);
    assert.equal(secondsWaiting({ receivedAt: '2025-03-01T10:00:00Z' }, at), 2 * 24 * 3600);
  });
});

describe('the review policy', () => {
  it('reviews everything when on, except forces that asked; always reviews what has no force', () => {
    const policy = parseReviewPolicy('on', 'kent');
    assert.equal(requiresReview(policy, 'essex'), true);
    assert.equal(requiresReview(policy, 'kent'), false);
    assert.equal(requiresReview(policy, 'triage'), true);
    assert.equal(requiresReview(parseReviewPolicy('off'), 'triage'), false);
    assert.throws(() => parseReviewPolicy('maybe'));
    assert.throws(() => parseReviewPolicy('on', 'atlantis'));
  });

  it('is on by default in every deployed stage, off for the local demo, and cannot be switched off in prod', () => {
    assert.equal(reviewSettings('prod', undefined, undefined).enabled, true);
    assert.equal(reviewSettings('dev', undefined, undefined).enabled, true);
    assert.equal(reviewSettings('local', undefined, undefined).enabled, false);
    assert.throws(() => reviewSettings('prod', 'off', undefined), /cannot be switched off in prod/);
    assert.deepEqual(reviewSettings('prod', undefined, 'kent, essex').exemptForces, ['kent', 'essex']);
  });
});

describe("opening a contact's original for review", () => {
  const report = reportSubmissionSchema.parse(minimalReport({ force: 'Kent', narrative: 'The sergeant sold our addresses.' }));
  const routed = async () => {
    const store = new InMemoryReportStore();
    const vault = new InMemoryVault();
    const message = intakeMessage('PAC-CCCC-DDDD' as Reference, 'online', report, new Date('2025-03-01T09:00:00Z'));
    const ports = { store, followUps: new InMemoryFollowUpStore(), forceQueues: new InMemoryForceQueues(), vault, clock: () => at };
    await routeContact(ports, message, parseReviewPolicy('on'));
    return { store, vault, reference: message.reference };
  };

  it('finds the original in its own item, not in the report item rewritten at every step', async () => {
    const { store, vault, reference } = await routed();
    assert.equal((await store.find(reference))?.original, undefined, 'the report item does not carry it');
    const opened = await openForReview({ reports: store, vault }, reference, 'analyst.ann', at);
    assert.ok(opened.kind === 'done');
    assert.equal(opened.value.original.narrative, 'The sergeant sold our addresses.');
  });

  it('still opens a report recorded before originals had their own item, from its record', async () => {
    const { store, vault, reference } = await routed();
    const sealed = store.originals.get(reference)!.original;
    store.originals.clear();
    store.records.set(reference, { ...store.records.get(reference)!, original: sealed });
    const opened = await openForReview({ reports: store, vault }, reference, 'analyst.ann', at);
    assert.ok(opened.kind === 'done');
    assert.equal(opened.value.original.narrative, 'The sergeant sold our addresses.');
  });

  it("opens a part split from a contact with the contact's original", async () => {
    const { store, vault, reference } = await routed();
    const part = { ...store.records.get(reference)!, reference: 'PAC-EEEE-FFFF' as Reference, splitFrom: reference };
    store.records.set(part.reference, part);
    const opened = await openForReview({ reports: store, vault }, part.reference, 'analyst.ann', at);
    assert.ok(opened.kind === 'done');
    assert.equal(opened.value.original.narrative, 'The sergeant sold our addresses.');
  });

  it('keeps the original first kept when a contact is delivered again and sealed again', async () => {
    const { store, vault, reference } = await routed();
    const first = store.originals.get(reference);
    await store.keepOriginal(reference, await vault.sealReport(reference, 'something else'));
    assert.deepEqual(store.originals.get(reference), first);
  });
});
