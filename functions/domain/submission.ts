/**
 * Taking a report in: give it a reference the reporter can keep and put it on the intake queue.
 * Nothing slow or fallible beyond that happens while the reporter waits.
 */
import * as z from './zod.ts';
import { described, named } from './zod.ts';
import { intakeMessage, type Channel } from './intake.ts';
import type { IntakeQueue, ReportStore } from './ports.ts';
import { newReference, REFERENCE_PATTERN, type Reference } from './reference.ts';
import type { ReportSubmission } from './report.ts';
import type { FollowUpCredential } from './entities/follow-up-credential.ts';
import { credentialFor, newFollowUpCode, type CodeKeys, type FollowUpCode } from './follow-up-code.ts';

/** Forty random bits make a repeat unlikely but not impossible; a reference is never given twice. */
const RESERVATION_ATTEMPTS = 5;

export interface SubmissionPorts {
  readonly store: Pick<ReportStore, 'reserveReference'>;
  readonly intake: IntakeQueue;
  readonly newReference?: () => Reference;
}

export const takeReport = async (
  { store, intake, newReference: next = newReference }: SubmissionPorts,
  channel: Channel,
  report: ReportSubmission,
  receivedAt: Date,
  firstCode?: FollowUpCredential,
  /** The member of staff taking the report by phone: the audit trail names them. */
  takenBy?: string,
): Promise<Reference> => {
  for (let attempt = 0; attempt < RESERVATION_ATTEMPTS; attempt++) {
    const reference = next();
    if (await store.reserveReference(reference, receivedAt, firstCode)) {
      await intake.enqueue(intakeMessage(reference, channel, report, receivedAt, takenBy));
      return reference;
    }
  }
  throw new Error(`No free reference after ${RESERVATION_ATTEMPTS} attempts`);
};

/** What the reporter is told when a report is taken in. */
export const reportReceiptSchema = named(
  z.strictObject({
    reference: described(z.string().check(z.regex(REFERENCE_PATTERN)), 'Keep this: quote it to the contact centre or to follow the report up.'),
    status: z.literal('received'),
    followUpCode: described(
      z.string().check(z.regex(/^\d{4}( \d{4}){3}$/)),
      'Sixteen digits, shown once: with the reference they let the reporter see where the report stands, answer questions and add information. ' +
        'Only a hash is kept, so nobody can recover a lost code. Sending the same report again with the same Idempotency-Key gives a new code, and the earlier one stops working.',
    ),
  }),
  { id: 'ReportReceipt', title: 'A report taken in' },
);

export type ReportReceipt = z.infer<typeof reportReceiptSchema>;

/**
 * Takes a report in and issues its first follow-up code in the same write: the code's hash is kept
 * with the reference's reservation, not in an item of its own (a code issued again later, for a
 * repeated submission, is kept in its own item and takes precedence: FollowUpAccess.findCredential).
 */
export const takeReportWithCode = async (
  ports: SubmissionPorts & { readonly codeKeys: Pick<CodeKeys, 'current'> },
  channel: Channel,
  report: ReportSubmission,
  at: Date,
  takenBy?: string,
): Promise<{ reference: Reference; code: FollowUpCode }> => {
  const code = newFollowUpCode();
  const reference = await takeReport(ports, channel, report, at, credentialFor(code, at, await ports.codeKeys.current()), takenBy);
  return { reference, code };
};
