/**
 * The force notification: the document each force's systems read from its queue. It is a
 * published contract, versioned: its schema, in entities/force-messages.ts, is what
 * schemas/force-notification.v3.json is generated from, and
 * test/unit/published-documents.contract.test.ts fails the build if the two differ. A change a
 * consumer could trip on needs a new version, not an edit (schemas/CHANGELOG.md).
 *
 * Built from an allow-list (force-facing.ts): the force's own reference, the reviewed content, the
 * categories, dates and fixed wording. Never the reporter's reference, contact details, how they
 * made contact, or any time of day.
 */
import { forceReferenceOf } from './force-reference.ts';
import { destinationName, forceContent, onDay, routingExplanation } from './force-facing.ts';
import { FORCE_NOTIFICATION_VERSION, type ForceNotification } from './entities/force-messages.ts';
import type { ReportRecord } from './entities/report-record.ts';
import { disseminationVersion } from './report-record.ts';
import { TRIAGE } from './entities/routing-decision.ts';

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
    messageId: notificationDeduplicationId(record),
    reference: destinationReference(record),
    force: { id: routing.destination, name: destinationName(routing.destination) },
    receivedOn: onDay(record.receivedAt),
    disseminatedOn: onDay(disseminatedAt.toISOString()),
    ...forceContent(content),
    routing: { rule: routing.rule, explanation: routingExplanation(record) },
  };
};

/**
 * One dissemination of a report to a destination is one notification, however many times it is
 * attempted: the destination's FIFO queue drops repeats carrying this id within five minutes, and
 * a force's system deduplicates on it (the notification's `messageId`) for ever after. The
 * dissemination's number (report-record.ts disseminationVersion: how many times this force has
 * held the report) makes a later dissemination to the same force, after the report went elsewhere
 * and came back, a message of its own. The id is seen by the force, so it carries only the force's
 * own reference and that number, which tells it nothing it does not know.
 */
export const notificationDeduplicationId = (record: ReportRecord): string =>
  `report.disseminated:${destinationReference(record)}:${record.routing.destination}:v${disseminationVersion(record)}`;
