/**
 * What a force can learn, as a property: whatever a reporter types outside what the contact centre
 * approved, and whatever staff type as reasons and notes, none of it appears in any message on a
 * force's queue or in any force API view; neither does the reporter's reference; and no time a force
 * is given is finer than a day. Each run takes a contact through the whole life a force can see:
 * routing, review (sanitised, force chosen, perhaps split), approval, a question and its answer,
 * information the reporter added (before and after a force had the report), an outcome, a transfer.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { disseminate, routeContact } from '../../functions/domain/dissemination.ts';
import { answer, answerStep, approveAnswer, ask, disseminateAnswer, receiveInformation, relay, sanitiseAnswer } from '../../functions/domain/follow-up.ts';
import { forceReport, forceReportSummary } from '../../functions/domain/force-facing.ts';
import { forceReferenceOf } from '../../functions/domain/force-reference.ts';
import { accessOf, forceStep, recordOutcome, transfer } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { approve, chooseForce, reviewStep, sanitise, splitContact } from '../../functions/domain/review.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';

/** Text a person might type: any script, emoji, punctuation; never a non-character (refused with a 400) nor something JSON would escape. */
const typed = fc
  .string({ unit: 'binary', minLength: 8, maxLength: 40 })
  .map((text) => text.replace(/[\u0000-\u001f\u007f-\u009f"\\\u202a-\u202e\u2066-\u2069\u2028\u2029]/g, '').trim())
  .filter((text) => !/\p{Cs}|\p{Noncharacter_Code_Point}/u.test(text) && [...text].length >= 8);

/** A canary: typed text with a marker that appears nowhere in what a force may be given. */
const canary = (label: string) => typed.map((text) => `${label}⟦${text}⟧`);

const canaries = fc.record({
  subjectName: canary('name'),
  rank: canary('rank'),
  station: canary('station'),
  employer: canary('employer'),
  forceNamed: canary('force'),
  place: canary('place'),
  narrative: canary('what happened, in full'),
  contactName: canary('contact'),
  safeTimes: canary('safe'),
  chooseReason: canary('choose'),
  splitReason: canary('split'),
  answer: canary('answer'),
  informationEarly: canary('early'),
  informationLate: canary('late'),
  outcomeNote: canary('note'),
  transferReason: canary('transfer'),
});

/** An ISO time (`T10:15`) or a clock time (`10:15`, `9:05:30`) standing on its own. */
const TIME_OF_DAY = /T\d{2}:\d{2}|(?<![\w:])\d{1,2}:\d{2}(?::\d{2})?(?![\w:])/;

describe('what a force can learn', () => {
  it('never sees typed text that nobody approved, the reporter\'s reference, or a time of day', async () => {
    await fc.assert(
      fc.asyncProperty(canaries, fc.boolean(), fc.date({ min: new Date('2024-03-14T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }), async (c, splitIt, start) => {
        let now = start.getTime();
        const clock = () => new Date((now += 61_013));
        const store = new InMemoryReportStore();
        const followUps = new InMemoryFollowUpStore();
        const forceQueues = new InMemoryForceQueues();
        const vault = new InMemoryVault();
        const ports = { store, followUps, forceQueues, vault, clock, reports: store };
        const reference = 'PAC-7K3M-9QXD' as Reference;

        const report = reportSubmissionSchema.parse({
          categories: ['bribery'],
          subject: { role: 'officer', name: c.subjectName, rank: c.rank, station: c.station, force: c.employer },
          force: c.forceNamed,
          location: { description: c.place, postcode: 'ME14 1XQ' },
          when: { from: '2024-04-01' },
          narrative: c.narrative,
          reporter: { mode: 'confidential', contact: { name: c.contactName, email: 'jo@example.org', phone: '07700 900123', safeTimes: c.safeTimes } },
        });
        await routeContact(ports, intakeMessage(reference, 'phone', report, clock()), parseReviewPolicy('on'));

        // The reporter adds information before any force has the report; it is reviewed and approved.
        const early = await receiveInformation(ports, (await store.find(reference))!, c.informationEarly, 'online', clock());
        assert.equal(early.kind, 'done');
        const earlyId = early.kind === 'done' ? early.value.id : '';
        await answerStep(followUps, reference, earlyId, (a) => sanitiseAnswer(a, 'The reporter adds that it happened twice.', 'ann', clock()));
        const approvedEarly = await answerStep(followUps, reference, earlyId, (a) => approveAnswer(a, 'kim', clock()));
        assert.equal(approvedEarly.kind, 'done');
        if (approvedEarly.kind === 'done') await disseminateAnswer(ports, approvedEarly.value);

        const clean = { categories: ['bribery' as const], narrative: 'An officer asked for money to drop a case.', force: 'Kent' };
        await reviewStep(store, reference, (r) => sanitise(r, clean, 'ann', clock()));
        let kentReport: Reference = reference;
        if (splitIt) {
          const outcome = await splitContact(store, reference, [{ force: 'Kent', reason: c.splitReason }, { force: 'Essex', reason: c.splitReason }], 'tom', clock());
          assert.equal(outcome.kind, 'done');
          const parts = (await store.find(reference))!.review!.split!.into as Reference[];
          for (const part of parts) {
            const approved = await reviewStep(store, part, (r) => approve(r, 'kim', clock()));
            assert.equal(approved.kind, 'done', JSON.stringify(approved));
            if (approved.kind === 'done') await disseminate(ports, approved.value);
          }
          kentReport = parts.find((part) => store.records.get(part)?.routing.destination === 'kent')!;
        } else {
          await reviewStep(store, reference, (r) => chooseForce(r, 'Kent', c.chooseReason, 'sam', clock()));
          const approved = await reviewStep(store, reference, (r) => approve(r, 'kim', clock()));
          assert.equal(approved.kind, 'done', JSON.stringify(approved));
          if (approved.kind === 'done') await disseminate(ports, approved.value);
        }
        const kentRef = forceReferenceOf((await store.find(kentReport))!, 'kent')!;

        // Kent asks; the contact centre relays; the reporter answers; it is reviewed and approved.
        const asked = await ask(ports, kentRef, 'kent', 'Which day did this happen?', clock());
        assert.equal(asked.kind, 'done');
        const questionId = asked.kind === 'done' ? asked.value.id : '';
        await relay(followUps, kentReport, questionId, 'ann', clock());
        const answered = await answer(ports, kentReport, questionId, c.answer, 'online', clock());
        const answerId = answered.kind === 'done' ? answered.value.id : '';
        await answerStep(followUps, kentReport, answerId, (a) => sanitiseAnswer(a, 'A weekday.', 'ann', clock()));
        const approvedAnswer = await answerStep(followUps, kentReport, answerId, (a) => approveAnswer(a, 'kim', clock()));
        if (approvedAnswer.kind === 'done') await disseminateAnswer(ports, approvedAnswer.value);

        // More information once Kent has it.
        const late = await receiveInformation(ports, (await store.find(reference))!, c.informationLate, 'online', clock());
        const lateId = late.kind === 'done' ? late.value.id : '';
        await answerStep(followUps, reference, lateId, (a) => sanitiseAnswer(a, 'The reporter adds a vehicle was used.', 'ann', clock()));
        const approvedLate = await answerStep(followUps, reference, lateId, (a) => approveAnswer(a, 'kim', clock()));
        if (approvedLate.kind === 'done') await disseminateAnswer(ports, approvedLate.value);

        // Kent records an outcome with a note, then passes the report to Norfolk with a reason.
        await forceStep(store, 'kent', kentRef, (r) => recordOutcome(r, 'kent', 'recorded_as_intelligence', c.outcomeNote, clock()));
        const moved = await forceStep(store, 'kent', kentRef, (r) => transfer(r, 'kent', 'Norfolk', c.transferReason, clock()));
        assert.equal(moved.kind, 'done', JSON.stringify(moved));
        if (moved.kind === 'done') await disseminate(ports, moved.value);

        // Everything any force was given: every message on a force's queue, and every API view.
        const given: unknown[] = forceQueues.sent.filter((s) => s.destination !== 'triage').map((s) => ({ message: s.notification, id: s.deduplicationId }));
        for (const record of store.records.values()) {
          for (const force of ['kent', 'essex', 'norfolk']) {
            const access = accessOf(record, force);
            if (access.kind === 'none') continue;
            given.push(forceReportSummary(record, force, access), forceReport(record, force, access, await store.auditTrail(record.reference)));
          }
        }
        const text = JSON.stringify(given);
        assert.ok(forceQueues.sent.some((s) => s.destination === 'norfolk'), 'Norfolk received the report');
        assert.ok(forceQueues.sent.some((s) => s.notification.type === 'report.answer'), 'an answer reached a force');
        for (const [field, value] of Object.entries(c)) {
          const note = field === 'outcomeNote';
          // Kent's own note is Kent's own words, shown back to Kent alone.
          const seen = note ? JSON.stringify(given.filter((g) => !JSON.stringify(g).includes('"force":"kent"') || JSON.stringify(g).includes('norfolk'))) : text;
          assert.ok(!seen.includes(value), `${field} reached a force`);
        }
        // The contact centre's references: the contact's and each part's (a force reference may hold "PAC-" by chance).
        for (const held of store.records.keys()) assert.ok(!text.includes(held), "the reporter's reference reached a force");
        // Kent's own note comes back to Kent as written; whatever it holds is not a time the service gave.
        const withoutNote = text.split(c.outcomeNote).join('').replace(/FR-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '');
        { const m = withoutNote.match(TIME_OF_DAY); assert.ok(!m, `a time of day reached a force: ${m ? withoutNote.slice(Math.max(0, m.index! - 80), m.index! + 40) : ""}`); }
        const references = new Set([...store.records.values()].flatMap((r: ReportRecord) => Object.values(r.forceReferences ?? {})));
        assert.ok(references.size >= 2, 'each force has its own reference');
      }),
      { numRuns: 100 },
    );
  });
});
