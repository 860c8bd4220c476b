/**
 * The force notification: the document each force's systems read from its queue. It is a
 * published contract, versioned: schemas/force-notification.v1.json is generated from this schema
 * and test/unit/force-notification.contract.test.ts fails the build if the two differ. A change a
 * consumer could trip on needs a new version, not an edit.
 *
 * It never carries the reporter's contact details: only whether the contact centre holds any.
 */
import * as z from 'zod';
import { forceById } from './forces.ts';
import { CHANNELS } from './intake.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import { CATEGORIES, locationSchema, subjectSchema } from './report.ts';
import type { ReportRecord } from './report-record.ts';
import { TRIAGE } from './routing.ts';

export const FORCE_NOTIFICATION_VERSION = '1.0';

export const forceNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_NOTIFICATION_VERSION),
    type: z.literal('report.disseminated'),
    reference: z.string().regex(REFERENCE_PATTERN),
    force: z.strictObject({ id: z.string(), name: z.string() }).describe('The force (or triage) this notification is for.'),
    channel: z.enum(CHANNELS),
    receivedAt: z.iso.datetime(),
    disseminatedAt: z.iso.datetime(),
    categories: z.array(z.enum(CATEGORIES)).min(1),
    subject: subjectSchema.optional(),
    forceNamedByReporter: z.string().optional(),
    location: locationSchema.optional(),
    when: z
      .strictObject({ from: z.iso.date().optional(), to: z.iso.date().optional(), ongoing: z.boolean().optional() })
      .optional(),
    narrative: z.string(),
    reporter: z.strictObject({
      mode: z.enum(['anonymous', 'confidential']),
      contactDetailsHeld: z.boolean().describe('Whether the contact centre holds a way to reach the reporter.'),
    }),
    routing: z.strictObject({
      rule: z.string(),
      reason: z.string(),
      candidates: z.array(z.string()),
    }),
  })
  .meta({ id: 'ForceNotification', title: 'A report disseminated to a police force' });

export type ForceNotification = z.infer<typeof forceNotificationSchema>;

const destinationName = (destination: string): string =>
  destination === TRIAGE ? 'National triage (contact centre)' : (forceById(destination)?.name ?? destination);

export const forceNotification = (record: ReportRecord, disseminatedAt: Date): ForceNotification => {
  const { content, routing } = record;
  if (content === undefined) throw new Error(`Report ${record.reference} has nothing a force may see yet`);
  return {
    schemaVersion: FORCE_NOTIFICATION_VERSION,
    type: 'report.disseminated',
    reference: record.reference,
    force: { id: routing.destination, name: destinationName(routing.destination) },
    channel: record.channel,
    receivedAt: record.receivedAt,
    disseminatedAt: disseminatedAt.toISOString(),
    categories: [...content.categories],
    subject: content.subject,
    forceNamedByReporter: content.force,
    location: content.location,
    when: content.when,
    narrative: content.narrative,
    reporter: { mode: record.reporterMode, contactDetailsHeld: record.contactDetailsHeld },
    routing: { rule: routing.rule, reason: routing.reason, candidates: [...routing.candidates] },
  };
};

/**
 * The same report disseminated to the same destination is one notification, however many times
 * the router is asked: the destination's FIFO queue drops repeats carrying this id.
 */
export const notificationDeduplicationId = (record: ReportRecord): string =>
  `report.disseminated:${record.reference}:${record.routing.destination}`;
