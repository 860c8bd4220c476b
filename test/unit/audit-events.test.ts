/**
 * Audit events are decided whole in the domain, identity included: each has an id of its own, so
 * no two share a key in the table, and the id is the event's, not its reader's to see.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditEvent } from '../../functions/domain/audit.ts';
import { routeContact } from '../../functions/domain/dissemination.ts';
import { forceReport } from '../../functions/domain/force-facing.ts';
import { readAsForce } from '../../functions/domain/force-work.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { parseReviewPolicy } from '../../functions/domain/review-policy.ts';
import { InMemoryFollowUpStore, InMemoryForceQueues, InMemoryReportStore, InMemoryVault } from '../support/in-memory-ports.ts';
import { minimalReport } from '../support/reports.ts';

describe('audit events', () => {
  it('each has an id of its own, even of the same type, time and actor', () => {
    const at = new Date('2024-03-04T09:15:00.123Z');
    const first = auditEvent('original_read', at, {}, 'analyst.ann');
    const second = auditEvent('original_read', at, {}, 'analyst.ann');
    assert.notEqual(first.id, second.id);
    assert.deepEqual({ ...first, id: '' }, { ...second, id: '' }, 'and otherwise the same');
    assert.equal(auditEvent('original_read', at, {}, 'analyst.ann', 'given').id, 'given', 'or the id it is given');
  });

  it('never shows a force the id', async () => {
    const now = new Date('2023-02-01T10:00:05Z');
    const store = new InMemoryReportStore();
    const ports = { store, followUps: new InMemoryFollowUpStore(), forceQueues: new InMemoryForceQueues(), vault: new InMemoryVault(), clock: () => now };
    const message = intakeMessage('PAC-AAAA-CCCC' as Reference, 'online', reportSubmissionSchema.parse(minimalReport({ force: 'the Met' })), now);
    const { record } = await routeContact(ports, message, parseReviewPolicy('off'));
    const read = await readAsForce(store, 'metropolitan', record.forceReferences?.metropolitan ?? '', now);
    assert.ok(read.kind === 'done');
    const ids = read.value.audit.map((event) => event.id);
    assert.ok(ids.length > 0 && ids.every((id) => id.length > 0));
    const view = forceReport(read.value.record, 'metropolitan', read.value.access, read.value.audit);
    assert.ok(view.audit.length > 0);
    const shown = JSON.stringify(view);
    for (const id of ids) assert.ok(!shown.includes(id), `the force view shows no event id (${id})`);
    for (const entry of view.audit) assert.ok(!('id' in entry));
  });
});
