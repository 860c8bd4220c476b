/**
 * The force notification: the document each force's systems read from its queue. It is a
 * published contract, versioned: schemas/force-notification.v2.json is generated from this schema
 * and test/unit/published-documents.contract.test.ts fails the build if the two differ. A change
 * a consumer could trip on needs a new version, not an edit (schemas/CHANGELOG.md).
 *
 * Built from an allow-list (force-facing.ts): the force's own reference, the reviewed content, the
 * categories, dates and fixed wording. Never the reporter's reference, contact details, how they
 * made contact, or any time of day.
 */
import * as z from 'zod';
import { FORCE_REFERENCE_PATTERN, forceReferenceOf } from './force-reference.ts';
import { destinationName, forceContent, forceContentSchema, forceNameSchema, forceRoutingSchema, onDay, routingExplanation } from './force-facing.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import type { ReportRecord } from './report-record.ts';
import { TRIAGE } from './routing.ts';

export const FORCE_NOTIFICATION_VERSION = '2.0';

/** A force's own reference; on the contact centre's triage queue, the contact centre's reference. */
export const forceMessageReference = z
  .string()
  .refine((value) => FORCE_REFERENCE_PATTERN.test(value) || REFERENCE_PATTERN.test(value), { error: 'reference must be a force reference' })
  .describe("The force's own reference for the report (FR-XXXX-XXXX-XXXX), unlinkable to any other; on the triage queue, the contact centre's reference.");

export const forceNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_NOTIFICATION_VERSION),
    type: z.literal('report.disseminated'),
    reference: forceMessageReference,
    force: forceNameSchema.describe('The force (or triage) this notification is for.'),
    receivedOn: z.iso.date().describe('The day the service received the report.'),
    disseminatedOn: z.iso.date().describe('The day it was passed to this force.'),
    ...forceContentSchema.shape,
    routing: forceRoutingSchema,
  })
  .meta({ id: 'ForceNotification', title: 'A report disseminated to a police force' });

export type ForceNotification = z.infer<typeof forceNotificationSchema>;

/** The reference a destination knows the report by: the force's own, or the contact centre's in triage. */
export const destinationReference = (record: ReportRecord, destination = record.routing.destination): string => {
  if (destination === TRIAGE) return record.reference;
  const reference = forceReferenceOf(record, destination);
  if (reference === undefined) throw new Error(`${destination} has no reference for a report yet`);
  return reference;
};

export const forceNotification = (record: ReportRecord, disseminatedAt: Date): ForceNotification => {
  const { content, routing } = record;
  if (content === undefined) throw new Error(`Report ${record.reference} has nothing a force may see yet`);
  return {
    schemaVersion: FORCE_NOTIFICATION_VERSION,
    type: 'report.disseminated',
    reference: destinationReference(record),
    force: { id: routing.destination, name: destinationName(routing.destination) },
    receivedOn: onDay(record.receivedAt),
    disseminatedOn: onDay(disseminatedAt.toISOString()),
    ...forceContent(content),
    routing: { rule: routing.rule, explanation: routingExplanation(record) },
  };
};

/**
 * The same report disseminated to the same destination is one notification, however many times
 * the router is asked: the destination's FIFO queue drops repeats carrying this id. The id is seen
 * by the force, so it carries only the force's own reference.
 */
export const notificationDeduplicationId = (record: ReportRecord): string =>
  `report.disseminated:${destinationReference(record)}:${record.routing.destination}`;
