/**
 * What every function that takes a report in works with (the API's, the website form's and the
 * call agents'): taking the report onto the intake queue with a reserved reference, and issuing
 * its follow-up code, of which only the hash is kept.
 *
 * Taking a report issues its first code with it, kept with the reservation in one write
 * (takeReportWithCode). `issueCode` then hands that code out; it issues a new one (which replaces
 * it) only for a reference taken earlier, by a request this one repeats (the same Idempotency-Key:
 * the idempotency record holds the reference, never a code).
 *
 * A confirmation page shown in the other language (its language link sends the form again with
 * its key) shows the same code again: the page carries a seal of what it showed
 * (`sealConfirmation`), and `codeShownBefore` gives the code back only with the service's own seal.
 */
import type { Channel } from '#domain/intake.ts';
import type { FollowUpCode } from '#domain/follow-up-code.ts';
import type { Reference } from '#domain/reference.ts';
import type { ReportSubmission } from '#domain/report.ts';
import { codeShownBefore, confirmationSeal, issueFollowUpCode, type ShownConfirmation } from '#domain/follow-up-code.ts';
import { takeReportWithCode } from '#domain/submission.ts';
import { clock, followUpAccess, followUpCodeKeys, intakeQueue, reportStore, portsFor } from './composition-root.ts';

export const reportIntake = (channel: Channel) => {
  const ports = portsFor({ store: reportStore, intake: intakeQueue, access: followUpAccess, codeKeys: followUpCodeKeys, clock });
  /** Codes issued with a reference taken in this instance, until issueCode hands each out (once). */
  const issuedWithReference = new Map<Reference, FollowUpCode>();
  return {
    /** Takes a report in; `takenBy`, the member of staff who took it by phone, is named in its audit trail. */
    take: async (report: ReportSubmission, takenBy?: string): Promise<Reference> => {
      const taking = ports();
      const { reference, code } = await takeReportWithCode(taking, channel, report, taking.clock(), takenBy);
      issuedWithReference.set(reference, code);
      return reference;
    },
    issueCode: (reference: Reference): Promise<FollowUpCode> => {
      const issued = issuedWithReference.get(reference);
      if (issued !== undefined) {
        issuedWithReference.delete(reference);
        return Promise.resolve(issued);
      }
      const issuing = ports();
      return issueFollowUpCode(issuing, reference, issuing.clock());
    },
    sealConfirmation: async (shown: ShownConfirmation): Promise<string> => confirmationSeal(shown, await ports().codeKeys.current()),
    codeShownBefore: (reference: Reference, idempotencyKey: string, sent: { readonly code: string | null; readonly seal: string | null }) =>
      codeShownBefore(reference, idempotencyKey, sent, ports().codeKeys),
  };
};
