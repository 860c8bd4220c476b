import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessOf, recordOutcome, releaseToJoinedForce, transfer, type ForceResult } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import { canMove } from '../../functions/domain/lifecycle.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { minimalReport } from '../support/reports.ts';


const withForce = (force: string, received = '2024-05-01T10:00:00Z'): ReportRecord => {
  const report = reportSubmissionSchema.parse(minimalReport({ force }));
  const message = intakeMessage('PAC-AAAA-CCCC' as Reference, 'online', report, new Date(received));
  const record = routedRecord(message, routeReport(report, message.receivedAt), new Date(received), { review: false });
  return { ...record, status: record.routing.destination === 'triage' ? 'in_triage' : 'disseminated', notifiedAt: received };
};
const changed = (result: ForceResult) => {
  assert.ok(result.kind === 'done', JSON.stringify(result));
  return result.value;
};
const at = new Date('2024-06-01T12:00:00Z');

describe('a force working its reports', () => {
  it('records outcomes the lifecycle allows, and counts investigations and no further action', () => {
    const opened = changed(recordOutcome(withForce('Kent'), 'kent', 'investigation_opened', 'op X', at));
    assert.deepEqual(opened.counters, [{ destination: 'kent', month: '2024-06', counter: 'investigations_opened' }]);
    const closed = changed(recordOutcome(opened.record, 'kent', 'no_further_action', undefined, at));
    assert.equal(closed.record.status, 'no_further_action');
    assert.deepEqual(recordOutcome(closed.record, 'kent', 'investigation_opened', undefined, at), {
      kind: 'refused',
      refusal: { kind: 'not-allowed', from: 'no_further_action', to: 'investigation_opened' },
    });
    assert.equal(canMove('recorded_as_intelligence', 'investigation_opened'), true);
    assert.equal(canMove('investigation_opened', 'recorded_as_intelligence'), false);
  });

  it("treats another force's report as not there", () => {
    assert.deepEqual(recordOutcome(withForce('Kent'), 'essex', 'investigation_opened', undefined, at), { kind: 'refused', refusal: { kind: 'not-found' } });
    assert.equal(accessOf(withForce('Kent'), 'essex').kind, 'none');
  });

  it('passes a report on: routed to the other force, counted for the first, which keeps only what it had', () => {
    const moved = changed(transfer(withForce('Kent'), 'kent', 'Essex Police', 'the officer is in Essex', at));
    assert.deepEqual([moved.record.status, moved.record.routing.destination, moved.record.routing.rule], ['routed', 'essex', 'transferred']);
    assert.deepEqual(moved.counters, [{ destination: 'kent', month: '2024-06', counter: 'passed_to_other_forces' }]);
    assert.deepEqual(accessOf({ ...moved.record, status: 'disseminated' }, 'kent'), { kind: 'former', until: at.toISOString() });
    assert.deepEqual(recordOutcome({ ...moved.record, status: 'disseminated' }, 'kent', 'no_further_action', undefined, at), {
      kind: 'refused',
      refusal: { kind: 'passed-on', to: 'essex' },
    });
    assert.deepEqual(transfer(withForce('Kent'), 'kent', 'Kent', 'x', at), { kind: 'refused', refusal: { kind: 'same-force' } });
  });

  it('holds a report passed to a force that has not joined yet in triage, and releases it once that force has joined', () => {
    const met = withForce('the Met', '2023-02-01T10:00:00Z');
    const held = changed(transfer(met, 'metropolitan', 'Kent', 'a Kent officer', new Date('2023-03-01T10:00:00Z')));
    assert.deepEqual([held.record.routing.destination, held.record.routing.rule, held.record.routing.candidates], ['triage', 'not-yet-joined', ['kent']]);
    const inTriage = { ...held.record, status: 'in_triage' as const };
    assert.equal(releaseToJoinedForce(inTriage, 'operator:olive', new Date('2024-03-13T23:00:00Z')), undefined, 'Kent joins on 14 March 2024');
    const released = releaseToJoinedForce(inTriage, 'operator:olive', new Date('2024-03-14T09:00:00Z'));
    assert.deepEqual([released?.record.status, released?.record.routing.destination, released?.record.routing.rule], ['routed', 'kent', 'released']);
    assert.equal(releaseToJoinedForce(withForce('Kent'), 'operator:olive', at), undefined, 'only held reports are released');
  });
});
