/**
 * The message the submit path puts on the intake queue: the report as validated at the door,
 * with the reference the reporter was given and nothing else about the request.
 */
import * as z from './zod.ts';
import { parseOrThrow } from './zod.ts';
import { REFERENCE_PATTERN, type Reference } from './reference.ts';
import { reportSubmissionSchema, type ReportSubmission } from './report.ts';

export const CHANNELS = ['online', 'phone'] as const;
export type Channel = (typeof CHANNELS)[number];

export const intakeMessageSchema = z.strictObject({
  schemaVersion: z.literal(1),
  reference: z.string().check(z.regex(REFERENCE_PATTERN)),
  channel: z.enum(CHANNELS),
  receivedAt: z.iso.datetime(),
  report: reportSubmissionSchema,
  /** The member of staff who took the report (by phone), by username; absent for a report made online. */
  takenBy: z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
});

export interface IntakeMessage {
  readonly schemaVersion: 1;
  readonly reference: Reference;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly report: ReportSubmission;
  /** The member of staff who took the report (by phone), by username; absent for a report made online. */
  readonly takenBy?: string;
}

export const intakeMessage = (
  reference: Reference,
  channel: Channel,
  report: ReportSubmission,
  receivedAt: Date,
  takenBy?: string,
): IntakeMessage => ({ schemaVersion: 1, reference, channel, receivedAt: receivedAt.toISOString(), report, ...(takenBy === undefined ? {} : { takenBy }) });

/** Reads a message body from the intake queue; throws (and so ends on the DLQ) if it is not one. */
export const parseIntakeMessage = (body: string): IntakeMessage => intakeMessageFrom(JSON.parse(body));

/** An intake message from its parsed JSON; throws if it is not one. */
export const intakeMessageFrom = (value: unknown): IntakeMessage => {
  const { takenBy, ...parsed } = parseOrThrow(intakeMessageSchema, value);
  return { ...parsed, reference: parsed.reference as Reference, ...(takenBy === undefined ? {} : { takenBy }) };
};
