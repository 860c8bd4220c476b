import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RETENTION,
  hasCome,
  retentionDates,
  retentionFacts,
  retentionScheduleSchema,
  splitContactDates,
} from '../../functions/domain/retention-schedule.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';

const record = (overrides: Partial<ReportRecord>): ReportRecord =>
  ({
    reference: 'ABCD-2345-EFGH',
    channel: 'online',
    receivedAt: '2026-01-10T09:00:00.000Z',
    routedAt: '2026-01-10T09:00:01.000Z',
    routing: { destination: 'metropolitan', rule: 'postcode', reason: 'x' },
    categories: ['bribery'],
    reporterMode: 'confidential',
    contactDetailsHeld: true,
    status: 'routed',
    version: 1,
    ...overrides,
  }) as ReportRecord;

test('nothing of a report still with the contact centre is due, however old', () => {
  for (const status of ['routed', 'awaiting_review', 'approved', 'in_triage'] as const) {
    const facts = retentionFacts(record({ status, notifiedAt: status === 'in_triage' ? '2020-01-01T00:00:00.000Z' : undefined }));
    assert.equal(facts.state, 'open', status);
    assert.equal(retentionDates(facts), undefined, status);
  }
});

test('a disseminated report keeps contact a year after it reached its force, and its original a year after that', () => {
  const facts = retentionFacts(record({ status: 'disseminated', notifiedAt: '2026-01-10T23:59:00.000Z' }));
  assert.deepEqual(retentionDates(facts), { keepingInContactEnds: '2027-01-10', originalEnds: '2028-01-10' });
});

test('an outcome recorded by the force does not restart the clock; a later exchange does', () => {
  const disseminated = record({ status: 'investigation_opened', notifiedAt: '2026-01-10T10:00:00.000Z' });
  assert.deepEqual(retentionDates(retentionFacts(disseminated)), { keepingInContactEnds: '2027-01-10', originalEnds: '2028-01-10' });
  const talking = retentionFacts(disseminated, ['2026-03-01T10:00:00.000Z', '2026-06-30T08:00:00.000Z', '2026-02-01T00:00:00.000Z']);
  assert.deepEqual(retentionDates(talking), { keepingInContactEnds: '2027-06-30', originalEnds: '2028-06-29' });
});

test('a contact closed without dissemination ends whole ninety days after it was closed', () => {
  const closed = record({
    status: 'closed',
    review: { closed: { by: 'sup', at: '2026-02-01T12:00:00.000Z', reason: 'not_about_police' } } as unknown as ReportRecord['review'],
  });
  assert.deepEqual(retentionDates(retentionFacts(closed)), { keepingInContactEnds: '2026-05-02', originalEnds: '2026-05-02' });
});

test('a split contact keeps its shared original until its last part ends, and nothing while a part is open', () => {
  const a = { keepingInContactEnds: '2027-01-10', originalEnds: '2028-01-10' };
  const b = { keepingInContactEnds: '2027-03-01', originalEnds: '2027-12-01' };
  assert.deepEqual(splitContactDates([a, b]), { keepingInContactEnds: '2027-03-01', originalEnds: '2028-01-10' });
  assert.equal(splitContactDates([a, undefined]), undefined);
  assert.equal(splitContactDates([]), undefined);
  assert.equal(retentionDates(retentionFacts(record({ status: 'split' }))), undefined);
});

test('the schedule an operator sets defaults each field and refuses nonsense', () => {
  assert.deepEqual(retentionScheduleSchema.parse({}), DEFAULT_RETENTION);
  assert.deepEqual(retentionScheduleSchema.parse({ originalDays: 30 }), { ...DEFAULT_RETENTION, originalDays: 30 });
  for (const bad of [{ originalDays: 0 }, { keepingInContactDays: 1.5 }, { closedWithoutDisseminationDays: 99_999 }, { other: 1 }]) {
    assert.equal(retentionScheduleSchema.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('a day has come from its first moment, UTC', () => {
  assert.equal(hasCome('2027-01-10', new Date('2027-01-09T23:59:59.999Z')), false);
  assert.equal(hasCome('2027-01-10', new Date('2027-01-10T00:00:00.000Z')), true);
  assert.equal(hasCome('2027-01-10', new Date('2030-01-01T00:00:00.000Z')), true);
});
