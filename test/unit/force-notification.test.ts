import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  forceNotification,
  forceNotificationSchema,
  notificationDeduplicationId,
} from '../../functions/domain/force-notification.ts';
import { intakeMessage } from '../../functions/domain/intake.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import { reportSubmissionSchema } from '../../functions/domain/report.ts';
import { routedRecord } from '../../functions/domain/report-record.ts';
import type { SealedOriginal } from '../../functions/domain/ports.ts';
import { routeReport } from '../../functions/domain/routing.ts';
import { fullReport, minimalReport } from '../support/reports.ts';

const routed = (input: unknown) => {
  const report = reportSubmissionSchema.parse(input);
  const message = intakeMessage('PAC-7K3M-9QXD' as Reference, 'online', report, new Date('2025-01-02T03:04:05Z'));
  const sealed = { algorithm: 'AES-256-GCM', keyId: 'k', encryptedDataKey: '', iv: '', ciphertext: 'sealed', authTag: '' } satisfies SealedOriginal;
  return routedRecord(message, routeReport(report, message.receivedAt), sealed, new Date('2025-01-02T03:04:06Z'), { review: false });
};

describe('the notification a force receives', () => {
  it('carries the schema version, the reference, the force, the report and how it was routed', () => {
    const notification = forceNotification(routed(fullReport()), new Date('2025-01-02T03:04:07Z'));
    assert.deepEqual(forceNotificationSchema.parse(notification), notification, 'conforms to its published schema');
    assert.equal(notification.schemaVersion, '1.0');
    assert.equal(notification.reference, 'PAC-7K3M-9QXD');
    assert.deepEqual(notification.force, { id: 'kent', name: 'Kent Police' });
    assert.deepEqual(notification.categories, ['bribery']);
    assert.equal(notification.subject?.collarNumber, 'AB123');
    assert.equal(notification.routing.rule, 'subject-force');
    assert.equal(notification.disseminatedAt, '2025-01-02T03:04:07.000Z');
  });

  it("never carries a confidential reporter's contact details, only that the contact centre holds some", () => {
    const contact = { name: 'Jo Bloggs', email: 'jo@example.org', phone: '07700 900123' };
    const notification = forceNotification(
      routed(minimalReport({ force: 'Kent', reporter: { mode: 'confidential', contact } })),
      new Date(),
    );
    const text = JSON.stringify(notification);
    for (const value of Object.values(contact)) assert.ok(!text.includes(value), `${value} leaked`);
    assert.deepEqual(notification.reporter, { mode: 'confidential', contactDetailsHeld: true });
  });

  it('has one deduplication id per report and destination, however often it is built', () => {
    const report = routed(minimalReport({ force: 'the Met' }));
    assert.equal(notificationDeduplicationId(report), 'report.disseminated:PAC-7K3M-9QXD:metropolitan');
    assert.equal(notificationDeduplicationId(report), notificationDeduplicationId(routed(minimalReport({ force: 'Met' }))));
  });

  it('goes to triage under the name the contact centre knows', () => {
    assert.deepEqual(forceNotification(routed(minimalReport()), new Date()).force, {
      id: 'triage',
      name: 'National triage (contact centre)',
    });
  });
});
