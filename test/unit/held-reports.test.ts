/**
 * Telling a force of the other reports it holds about the same person (person-links/held-reports.ts):
 * fixed wording with the force's own references, a change a second person approves, and never a
 * reference of another force's, whether noted for another force, copied into a split, typed in, or
 * carried by a transfer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newForceReference } from '../../functions/domain/force-reference.ts';
import type { ForceReference } from '../../functions/domain/entities/force-reference.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { transfer } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { foreignReferencesIn, heldReportsSentence, withoutHeldReports } from '../../functions/domain/person-links/held-reports-content.ts';
import { noteHeldReports } from '../../functions/domain/person-links/held-reports.ts';
import { newReference, type Reference } from '../../functions/domain/reference.ts';
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
  const message = intakeMessage('PAC-2M7Q-K4XR' as Reference, 'online', report, new Date('2026-12-01T09:00:00Z'));
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

  it('finds a reference however it was typed: any case, spaced, run together, confusions, with or without its letters', () => {
    const own = { ...sanitisedFor('Kent'), reference: 'PAC-7K3M-9QXD' as Reference, forceReferences: { kent: 'FR-7777-8888-9999' as ForceReference, essex: 'FR-A1B2-C3D4-E5F6' as ForceReference } };
    const foreign = (narrative: string, where: Partial<typeof content> = {}) => foreignReferencesIn(own, { ...content, ...where, narrative }, 'kent');
    for (const typed of ['pac-2222-3333', 'PAC 2222 3333', 'pac22223333', 'P.A.C. 2222-3333', 'ref:\nPAC–2222-3333'.replace('–', '-'), 'PAC-222Z-3333']) {
      assert.equal(foreign(`See ${typed} too.`).length, 1, typed);
    }
    for (const typed of ['fr a1b2 c3d4 e5f6', 'FRA1B2C3D4E5F6', 'Essex has A1B2-C3D4-E5F6', 'the reporter gave 7k3m 9qxd', 'see 2K2Z-3R3Q', 'quote 7K3M9QXD please', 'ref x7K3M9QXDy', 'FR-AIB2-C3D4-E5F6', 'fr-2h4p-9qxd-7k3m']) {
      assert.ok(foreign(typed).length >= 1, typed);
    }
    assert.deepEqual(foreign('x', { location: { description: 'near PAC 2222 3333' } } as never), ['PAC-2222-3333']);
    for (const hidden of ['PAC 22 22 33 33', 'PAC;2222;3333', 'PAC -- 2222 -- 3333', 'PAC-2222 -\n 3333', 'PAC-222\n2-3333', 'PAC-2222-3333thanks', 'PAC\u2E3A2222\u2E3A3333', 'PAC-2\uFE0F222-3333', 'PAC-2222-333\u31643', '\u0420\u0410\u0421-2222-3333', 'PAC&#45;2222&#x2D;3333', 'PAC-\u0662\u0662\u0662\u0662-\u0663\u0663\u0663\u0663', 'PAC-\u0968\u0968\u0968\u0968-3333', 'PAC-\u09E8222-3333', 'PAC-ABCD-EFGH'.replace('ABCD-EFGH', '2222-3333'), 'ＰＡＣ－２２２２－３３３３', 'PAC\u20132222\u20143333', 'PA\u200BC-2222-\u200D3333', 'PAC-22\u00AD22-3333', 'PAC\u22122222\u22123333', 'P\uFEFFAC 2222 3333']) {
      assert.deepEqual(foreign(`See ${hidden}.`), ['PAC-2222-3333'], JSON.stringify(hidden));
    }
    for (const innocent of ['Your reference FR-7777-8888-9999.', 'fr 7777 8888 9999', 'Call 0800 085 0000 on 2024-05-01.', 'The years 2019-2020 and the pace of it', 'a well-made back-door deal', 'a package deal from the front desk', 'between 10am-12pm', 'from the 12th-14th of May', 'on the 21st-23rd', 'The PAC said this was fraud', 'went to the PAC desk then home', 'Fr. Mark Ryan Wood came by', 'fr.mark.ryan.wood@mail.com', 'Crime reference 4521-ABCD', 'packaging 12 boxes', 'card 1234 5678 9012', 'Call 0800 085 0000 from flat 12AB']) {
      assert.deepEqual(foreign(innocent), [], innocent);
    }
  });

  it('finds any report or other force reference in any of the forms people type it (property)', () => {
    const written = fc.record({ upper: fc.boolean(), separator: fc.constantFrom('-', ' ', '', '.'), prefix: fc.constantFrom('PAC', 'pac', 'P.A.C.', 'Pac '), confuse: fc.boolean() });
    const form = (reference: string, how: { upper: boolean; separator: string; confuse: boolean }, prefix: string): string => {
      const symbols = reference.split('-').slice(1).join(how.separator);
      const confused = how.confuse ? symbols.replace(/0/g, 'O').replace(/1/g, 'l') : symbols;
      return `${prefix}${how.separator === '' ? '-' : how.separator}${how.upper ? confused : confused.toLowerCase()}`;
    };
    const seed = fc.uint8Array({ minLength: 12, maxLength: 12 });
    fc.assert(
      fc.property(seed, written, fc.string({ maxLength: 20 }), (bytes, how, before) => {
        const reference = newReference(() => bytes.slice(0, 8));
        const other = newForceReference(() => bytes);
        // A reference with no digit as written (none drawn, or each typed as O or l) is found only in its printed shape, hyphens and all:
        // "the PAC said this" must not be one.
        const digitless = (typed: string) => !/[0-9]/.test(how.confuse ? typed.replace(/[01]/g, '') : typed);
        fc.pre(how.separator === '-' || (!digitless(reference.slice(4)) && !digitless(other.slice(3))));
        for (const [typed, expected] of [[form(reference, how, how.prefix), reference], [form(other, how, 'FR'), other]] as const) {
          const narrative = `${before.replace(/[0-9A-Za-z]$/, '')} ${typed}.`;
          assert.ok(foreignReferencesIn(sanitisedFor('Kent'), { ...content, narrative }, 'kent').includes(expected), narrative);
        }
      }),
      { numRuns: 1_000 },
    );
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
