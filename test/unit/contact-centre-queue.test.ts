/** The queue's figures (functions/domain/contact-centre-queue.ts) and how the console words a wait. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactsAwaitingReview, reviewStageOf, stageFigures } from '../../functions/domain/contact-centre-queue.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { queuePage, waitInWords, type QueuedContact } from '../../functions/pages/console/queue-page.ts';

const NOW = new Date('2026-12-03T12:00:00Z');
const hoursAgo = (hours: number) => new Date(NOW.getTime() - hours * 3_600_000).toISOString();
const by = { by: 'ann', at: hoursAgo(1) };

describe("the contact centre's queue", () => {
  it("reads the contacts awaiting review a page at a time, in the store's order, up to a thousand, and says when there are more", async () => {
    const store = (total: number) => {
      const asked: { limit: number; after?: string }[] = [];
      const reports = {
        asked,
        awaitingReview: async (page: { limit: number; after?: string }) => {
          asked.push(page);
          const from = page.after === undefined ? 0 : Number(page.after);
          const to = Math.min(total, from + page.limit);
          const records = Array.from({ length: to - from }, (_, index) => ({ reference: `R${from + index}` }) as unknown as ReportRecord);
          return to < total ? { records, next: String(to) } : { records };
        },
      };
      return reports;
    };
    const few = store(250);
    const read = await contactsAwaitingReview(few);
    assert.deepEqual(read.records.map((record) => record.reference), Array.from({ length: 250 }, (_, index) => `R${index}`));
    assert.equal(read.more, false);
    assert.deepEqual(few.asked, [{ limit: 100 }, { limit: 100, after: '100' }, { limit: 100, after: '200' }]);
    const many = store(1_500);
    const first = await contactsAwaitingReview(many);
    assert.equal(first.records.length, 1_000);
    assert.equal(first.more, true);
    assert.equal(many.asked.length, 10);
    assert.deepEqual(await contactsAwaitingReview(store(0)), { records: [], more: false });
  });

  it('puts each contact at one stage: a closure proposed, else sanitised, else to sanitise', () => {
    assert.equal(reviewStageOf({}), 'to_sanitise');
    assert.equal(reviewStageOf({ review: { sanitised: { ...by, content: {} as never } } }), 'to_approve');
    assert.equal(reviewStageOf({ review: { sanitised: { ...by, content: {} as never }, closureProposed: { ...by, reason: 'duplicate' } } }), 'closure_to_confirm');
  });

  it('counts each stage and says how long its oldest has waited', () => {
    const figures = stageFigures(
      [{ receivedAt: hoursAgo(5) }, { receivedAt: hoursAgo(50) }, { receivedAt: hoursAgo(2), review: { sanitised: { ...by, content: {} as never } } }],
      [{ askedAt: hoursAgo(3) }],
      [],
      NOW,
    );
    assert.deepEqual(figures, [
      { stage: 'to_sanitise', count: 2, oldestSeconds: 50 * 3600 },
      { stage: 'to_approve', count: 1, oldestSeconds: 2 * 3600 },
      { stage: 'closure_to_confirm', count: 0, oldestSeconds: 0 },
      { stage: 'questions_to_relay', count: 1, oldestSeconds: 3 * 3600 },
      { stage: 'answers_to_review', count: 0, oldestSeconds: 0 },
    ]);
  });

  it('words a wait to its two largest units', () => {
    assert.equal(waitInWords(30), 'less than a minute');
    assert.equal(waitInWords(60), '1 minute');
    assert.equal(waitInWords(45 * 60), '45 minutes');
    assert.equal(waitInWords(3600), '1 hour');
    assert.equal(waitInWords(3600 + 120), '1 hour 2 minutes');
    assert.equal(waitInWords(50 * 3600), '2 days 2 hours');
    assert.equal(waitInWords(48 * 3600 + 59), '2 days');
  });
});

describe("the queue's links", () => {
  const contact = (reference: string, stage: QueuedContact['stage']): QueuedContact => ({ reference, channel: 'online', waitedSeconds: 60, proposedForce: 'Kent Police', why: 'named', stage, flaggedDetails: 0 });
  const contacts = [contact('PAC-AAAA-AAAA', 'to_sanitise'), contact('PAC-BBBB-BBBB', 'to_approve'), contact('PAC-CCCC-CCCC', 'closure_to_confirm')];
  const page = (groups: string[]) => queuePage({ person: { username: 'someone', groups, csrf: 't' }, stages: [], oldestWaitingSeconds: 60, alarmAfterSeconds: 3600, contacts, more: false });
  const linkOf = (markup: string, reference: string) => new RegExp(`href="([^"]+)">${reference}<`).exec(markup)?.[1];

  it('take a supervisor to what waits for them, and an analyst to the review', () => {
    const supervisor = page(['supervisors']);
    assert.deepEqual(contacts.map(({ reference }) => linkOf(supervisor, reference)), ['/review/PAC-AAAA-AAAA', '/approvals/PAC-BBBB-BBBB', '/closures']);
    const analyst = page(['analysts']);
    assert.deepEqual(contacts.map(({ reference }) => linkOf(analyst, reference)), ['/review/PAC-AAAA-AAAA', '/review/PAC-BBBB-BBBB', '/review/PAC-CCCC-CCCC']);
  });
});
