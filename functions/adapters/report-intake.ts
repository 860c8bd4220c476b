/**
 * What every function that takes a report in works with (the API's, the website form's and the
 * call agents'): taking the report onto the intake queue with a reserved reference, and issuing
 * its follow-up code, of which only the hash is kept.
 */
import type { Channel } from '#domain/intake.ts';
import type { Reference } from '#domain/reference.ts';
import type { ReportSubmission } from '#domain/report.ts';
import { issueFollowUpCode } from '#domain/follow-up-code.ts';
import { takeReport } from '#domain/submission.ts';
import { clock, followUpAccess, followUpCodeKeys, intakeQueue, reportStore, portsFor } from './composition-root.ts';

export const reportIntake = (channel: Channel) => {
  const ports = portsFor({ store: reportStore, intake: intakeQueue, access: followUpAccess, codeKeys: followUpCodeKeys, clock });
  return {
    take: (report: ReportSubmission): Promise<Reference> => {
      const taking = ports();
      return takeReport(taking, channel, report, taking.clock());
    },
    issueCode: (reference: Reference) => {
      const issuing = ports();
      return issueFollowUpCode(issuing, reference, issuing.clock());
    },
  };
};
