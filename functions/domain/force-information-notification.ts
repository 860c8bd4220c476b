/**
 * The notification a force receives when the reporter has added information to a report it has,
 * once the contact centre has sanitised and approved it. A published contract like the others:
 * schemas/force-information.v3.json is generated from its schema (in entities/force-messages.ts)
 * and checked by a test.
 */
import type { Answer } from './entities/follow-up.ts';
import type { FollowUpDestination } from './force-answer-notification.ts';
import { destinationName, onDay } from './force-facing.ts';
import { FORCE_INFORMATION_VERSION, type ForceInformationNotification } from './entities/force-messages.ts';

/** As answerMessageId: one message per piece of information and dissemination of the report to the force. */
export const informationMessageId = (to: FollowUpDestination, information: Pick<Answer, 'id'>): string =>
  `report.information:${to.reference}:${information.id}:v${to.dissemination}`;

export const forceInformationNotification = (
  to: FollowUpDestination,
  information: Answer,
  at: Date,
): ForceInformationNotification => {
  if (information.sanitised === undefined) throw new Error(`Information ${information.id} has not been sanitised`);
  return {
    schemaVersion: FORCE_INFORMATION_VERSION,
    type: 'report.information',
    messageId: informationMessageId(to, information),
    reference: to.reference,
    force: { id: to.force, name: destinationName(to.force) },
    informationId: information.id,
    information: information.sanitised.text,
    receivedOn: onDay(information.receivedAt),
    disseminatedOn: onDay(at.toISOString()),
  };
};
