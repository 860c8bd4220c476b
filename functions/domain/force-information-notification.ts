/**
 * The notification a force receives when the reporter has added information to a report it has,
 * once the contact centre has sanitised and approved it. A published contract like the others:
 * schemas/force-information.v2.json is generated from this schema and checked by a test.
 */
import * as z from 'zod';
import type { Answer } from './follow-up.ts';
import { destinationName, forceNameSchema, onDay } from './force-facing.ts';
import { forceMessageReference } from './force-notification.ts';

export const FORCE_INFORMATION_VERSION = '2.0';

export const forceInformationNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_INFORMATION_VERSION),
    type: z.literal('report.information'),
    reference: forceMessageReference,
    force: forceNameSchema,
    informationId: z.string(),
    information: z.string().describe('What the reporter added, sanitised by the contact centre.'),
    receivedOn: z.iso.date().describe('The day the reporter added it.'),
    disseminatedOn: z.iso.date(),
  })
  .meta({ id: 'ForceInformationNotification', title: 'More information from the reporter about a report' });

export type ForceInformationNotification = z.infer<typeof forceInformationNotificationSchema>;

export const forceInformationNotification = (
  to: { readonly force: string; readonly reference: string },
  information: Answer,
  at: Date,
): ForceInformationNotification => {
  if (information.sanitised === undefined) throw new Error(`Information ${information.id} has not been sanitised`);
  return {
    schemaVersion: FORCE_INFORMATION_VERSION,
    type: 'report.information',
    reference: to.reference,
    force: { id: to.force, name: destinationName(to.force) },
    informationId: information.id,
    information: information.sanitised.text,
    receivedOn: onDay(information.receivedAt),
    disseminatedOn: onDay(at.toISOString()),
  };
};
