import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  forceNotification,
  notificationDeduplicationId,
} from '../../functions/domain/force-notification.ts';
import { forceNotificationSchema } from '../../functions/domain/entities/force-messages.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { ForceReference } from '../../functions/domain/entities/force-reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { disseminationVersion, notifiedChange } from '../../functions/domain/report-record.ts';
import { routedRecord } from '../../functions/domain/routed-record.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { fullReport, minimalReport } from '../support/reports.ts';

const routed = (input: unknown) => {
  const report = reportSubmissionSchema.parse(input);
  const message = intakeMessage('PAC-7K3M-9QXD' as Reference, 'online', report, new Date('2025-01-02T03:04:05Z'));
  const record = routedRecord(message, routeReport(report, message.receivedAt), new Date('2025-01-02T03:04:06Z'), { review: false });
  return { ...record, forceReferences: { [record.routing.destination]: 'FR-AAAA-BBBB-CCCC' as ForceReference } };
};

describe('the notification a force receives', () => {
  it("carries the schema version, the force's own reference, the force, the report, dates and how it was routed", () => {
    const notification = forceNotification(routed(fullReport()), new Date('2025-01-02T03:04:07Z'));
    assert.deepEqual(forceNotificationSchema.parse(notification), notification, 'conforms to its published schema');
    assert.equal(notification.schemaVersion, '3.0');
    assert.equal(notification.messageId, notificationDeduplicationId(routed(fullReport())), 'the id a force deduplicates on');
    assert.equal(notification.reference, 'FR-AAAA-BBBB-CCCC', "the force's own reference, never the reporter's");
    assert.ok(!JSON.stringify(notification).includes('PAC-7K3M-9QXD'));
    assert.deepEqual(notification.force, { id: 'kent', name: 'Kent Police' });
    assert.deepEqual(notification.categories, ['bribery']);
    assert.equal(notification.subject?.collarNumber, 'AB123');
    assert.deepEqual(notification.subject?.employer, { id: 'kent', name: 'Kent Police' });
    assert.equal(notification.routing.rule, 'subject-force');
    assert.equal(notification.routing.explanation, 'The person reported works for Kent Police.');
    assert.equal(notification.receivedOn, '2025-01-02');
    assert.equal(notification.disseminatedOn, '2025-01-02');
    assert.ok(!/\d{2}:\d{2}/.test(JSON.stringify({ ...notification, narrative: '' })), 'no time of day anywhere');
  });

  it("never carries a confidential reporter's contact details, nor whether there are any", () => {
    const contact = { name: 'Jo Bloggs', email: 'jo@example.org', phone: '07700 900123' };
    const notification = forceNotification(
      routed(minimalReport({ force: 'Kent', reporter: { mode: 'confidential', contact } })),
      new Date(),
    );
    const text = JSON.stringify(notification);
    for (const value of Object.values(contact)) assert.ok(!text.includes(value), `${value} leaked`);
    assert.ok(!('reporter' in notification));
    assert.ok(!('channel' in notification));
  });

  it('has one deduplication id per dissemination of a report to a destination, however often it is built', () => {
    const report = routed(minimalReport({ force: 'the Met' }));
    assert.equal(notificationDeduplicationId(report), 'report.disseminated:FR-AAAA-BBBB-CCCC:metropolitan:v1');
    assert.equal(notificationDeduplicationId(report), notificationDeduplicationId(routed(minimalReport({ force: 'Met' }))));
    assert.equal(forceNotification(report, new Date()).messageId, notificationDeduplicationId(report));
  });

  it('gives a later dissemination to the same force an id of its own, and keeps the id once the report is sent', () => {
    const first = routed(minimalReport({ force: 'the Met' }));
    const sent = notifiedChange(first, new Date('2025-01-02T03:05:00Z')).record;
    assert.equal(disseminationVersion(sent), disseminationVersion(first), 'what is sent later for this dissemination belongs to it');
    // Passed on and back: the Met held it once before, so its second copy is a new message, the second.
    const back = {
      ...sent,
      status: 'routed' as const,
      notifiedAt: undefined,
      formerCustodians: [
        { force: 'metropolitan', until: '2025-01-03T00:00:00Z' },
        { force: 'kent', until: '2025-01-04T00:00:00Z' },
      ],
      version: sent.version + 2,
    };
    assert.notEqual(notificationDeduplicationId(back), notificationDeduplicationId(first));
    assert.equal(notificationDeduplicationId(back), 'report.disseminated:FR-AAAA-BBBB-CCCC:metropolitan:v2');
    // The number counts the force's own holdings only: nothing of how often the record changed.
    assert.equal(notificationDeduplicationId({ ...first, version: 17 }), notificationDeduplicationId(first));
  });

  it('goes to triage under the name the contact centre knows', () => {
    assert.deepEqual(forceNotification(routed(minimalReport()), new Date()).force, {
      id: 'triage',
      name: 'National triage (contact centre)',
    });
  });
});
