/**
 * Telling a force of the other reports it holds about the same person (person-links/held-reports.ts):
 * fixed wording with the force's own references, a change a second person approves, and never a
 * reference of another force's, whether noted for another force, copied into a split, typed in, or
 * carried by a transfer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ForceReference } from '../../functions/domain/entities/force-reference.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { transfer } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { foreignReferencesIn, heldReportsSentence, withoutHeldReports } from '../../functions/domain/person-links/held-reports-content.ts';
import { noteHeldReports } from '../../functions/domain/person-links/held-reports.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { approve, chooseForce, sanitise, split, type ReviewResult } from '../../functions/domain/review.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { minimalReport } from '../support/reports.ts';

const at = new Date('2026-12-03T10:00:00Z');
const KENT_HELD = ['FR-AAAA-BBBB-CCCC', 'FR-DDDD-EEEE-FFFF'] as ForceReference[];
const content = { categories: ['bribery' as const], narrative: 'An officer took money to let a driver off.' };

const done = (result: ReviewResult) => {
  assert.ok(result.kind === 'done', JSON.stringify(result));
  return result.value.record;
};
const refusal = (result: ReviewResult) => {
  assert.ok(result.kind === 'refused', JSON.stringify(result));
  return result.refusal;
};

const sanitisedFor = (force: string): ReportRecord => {
  const report = reportSubmissionSchema.parse(minimalReport({ force }));
  const message = intakeMessage('PAC-AAAA-BBBB' as Reference, 'online', report, new Date('2026-12-01T09:00:00Z'));
  const record = routedRecord(message, routeReport(report, message.receivedAt), new Date('2026-12-01T09:00:01Z'), { review: true });
  return done(sanitise(record, content, 'ann', at));
};

describe('telling a force of the reports it holds about the same person', () => {
  it('adds one sentence of fixed wording with the force\'s own references, which someone else approves', () => {
    const noted = done(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: KENT_HELD }, 'bob', at));
    assert.equal(noted.review?.sanitised?.content.narrative, `${content.narrative}\n\n${heldReportsSentence(KENT_HELD)}`);
    assert.equal(heldReportsSentence(KENT_HELD), 'Your force holds other reports that may concern the same person: FR-AAAA-BBBB-CCCC, FR-DDDD-EEEE-FFFF.');
    assert.equal(heldReportsSentence(KENT_HELD.slice(0, 1)), 'Your force holds another report that may concern the same person: FR-AAAA-BBBB-CCCC.');
    assert.ok(noted.review?.changedBy?.includes('bob'));
    assert.equal(refusal(approve(noted, 'bob', at)).kind, 'own-sanitisation');
    const approved = done(approve(noted, 'sam', at));
    assert.match(approved.content?.narrative ?? '', /FR-AAAA-BBBB-CCCC, FR-DDDD-EEEE-FFFF\.$/);
  });

  it('replaces the sentence when noted again, and refuses with nothing to note', () => {
    const once = done(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: KENT_HELD.slice(0, 1) }, 'bob', at));
    const twice = done(noteHeldReports(once, { force: 'kent', forceReferences: KENT_HELD }, 'bob', at));
    assert.equal(twice.review?.sanitised?.content.narrative, `${content.narrative}\n\n${heldReportsSentence(KENT_HELD)}`);
    assert.equal(refusal(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: [] }, 'bob', at)).kind, 'no-held-reports');
  });

  it('lets no reference noted for one force reach another: a force chosen again, or a split', () => {
    const noted = done(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: KENT_HELD }, 'bob', at));
    const essex = done(chooseForce(noted, 'Essex', 'the officer moved to Essex', 'ann', at));
    assert.deepEqual(refusal(approve(essex, 'sam', at)), { kind: 'foreign-reference', references: KENT_HELD });
    const splitResult = split(noted, [{ force: 'Kent', reason: 'a' }, { force: 'Essex', reason: 'b' }], ['PAC-CCCC-DDDD', 'PAC-EEEE-FFFF'] as Reference[], 'ann', at);
    assert.ok(splitResult.kind === 'done');
    for (const part of splitResult.value.reports) assert.equal(refusal(approve(part, 'sam', at)).kind, 'foreign-reference');
  });

  it('refuses a reference typed into what a force would receive: any report reference, any other force reference', () => {
    for (const typed of ['See also PAC-2222-3333.', 'Kent holds FR-2222-3333-4444 too.']) {
      const record = done(chooseForce(done(sanitise(sanitisedFor('Kent'), { ...content, narrative: typed }, 'ann', at)), 'Kent', 'here', 'ann', at));
      assert.equal(refusal(approve(record, 'sam', at)).kind, 'foreign-reference', typed);
    }
    const own = { ...sanitisedFor('Kent'), forceReferences: { kent: 'FR-7777-8888-9999' as ForceReference } };
    assert.deepEqual(foreignReferencesIn(own, { ...content, narrative: 'Your reference FR-7777-8888-9999.' }, 'kent'), []);
    assert.deepEqual(foreignReferencesIn(own, { ...content, narrative: 'Your reference FR-7777-8888-9999.' }, 'essex'), ['FR-7777-8888-9999']);
  });

  it('takes the sentence out before a transfer reaches the next force', () => {
    const noted = done(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: KENT_HELD }, 'bob', at));
    const sent: ReportRecord = { ...done(approve(noted, 'sam', at)), status: 'disseminated', notifiedAt: at.toISOString() };
    const moved = transfer(sent, 'kent', 'Essex', 'the officer works in Essex', at);
    assert.ok(moved.kind === 'done', JSON.stringify(moved));
    assert.equal(moved.value.record.content?.narrative, content.narrative);
    assert.ok(!JSON.stringify(moved.value.record.content).includes('FR-'));
    assert.deepEqual(withoutHeldReports(content, undefined), content);
  });

  it('sends a transfer back to the contact centre\'s review, not to the next force, when what it would receive still names another force\'s reference', () => {
    const noted = done(noteHeldReports(sanitisedFor('Kent'), { force: 'kent', forceReferences: KENT_HELD }, 'bob', at));
    const approved = done(approve(noted, 'sam', at));
    // The sentence as the force holds it, but edited after it was noted: no longer the sentence word for word.
    const edited = { ...approved.content!, narrative: `${content.narrative} Kent holds FR-AAAA-BBBB-CCCC too.` };
    const sent: ReportRecord = { ...approved, content: edited, status: 'disseminated', notifiedAt: at.toISOString() };
    const moved = transfer(sent, 'kent', 'Essex', 'the officer works in Essex', at);
    assert.ok(moved.kind === 'done', JSON.stringify(moved));
    assert.equal(moved.value.record.status, 'awaiting_review');
    assert.equal(moved.value.record.routing.destination, 'triage');
    assert.deepEqual(moved.value.record.routing.candidates, ['essex']);
    assert.equal(moved.value.event.detail.namesOtherReferences, true);
  });
});
