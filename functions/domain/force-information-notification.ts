/**
 * The notification a force receives when the reporter has added information to a report it has,
 * once the contact centre has sanitised and approved it. A published contract like the others:
 * schemas/force-information.v1.json is generated from this schema and checked by a test.
 */
import * as z from 'zod';
import type { Answer } from './follow-up.ts';
import { forceById } from './forces.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import type { ReportRecord } from './report-record.ts';

export const FORCE_INFORMATION_VERSION = '1.0';

export const forceInformationNotificationSchema = z
  .strictObject({
    schemaVersion: z.literal(FORCE_INFORMATION_VERSION),
    type: z.literal('report.information'),
    reference: z.string().regex(REFERENCE_PATTERN).describe('The report the information adds to, as the force knows it.'),
    force: z.strictObject({ id: z.string(), name: z.string() }),
    informationId: z.string(),
    information: z.string().describe('What the reporter added, sanitised by the contact centre.'),
    receivedAt: z.iso.datetime(),
    disseminatedAt: z.iso.datetime(),
  })
  .meta({ id: 'ForceInformationNotification', title: 'More information from the reporter about a report' });

export type ForceInformationNotification = z.infer<typeof forceInformationNotificationSchema>;

export const forceInformationNotification = (report: ReportRecord, information: Answer, at: Date): ForceInformationNotification => {
  if (information.sanitised === undefined) throw new Error(`Information ${information.id} has not been sanitised`);
  const force = report.routing.destination;
  return {
    schemaVersion: FORCE_INFORMATION_VERSION,
    type: 'report.information',
    reference: report.reference,
    force: { id: force, name: forceById(force)?.name ?? force },
    informationId: information.id,
    information: information.sanitised.text,
    receivedAt: information.receivedAt,
    disseminatedAt: at.toISOString(),
  };
};

export const informationDeduplicationId = (reference: string, information: Answer): string => `report.information:${reference}:${information.id}`;
