/**
 * POST /contact-centre/reports: a call agent records a report taken by phone. The same report as
 * online, marked channel phone; there is no field for the caller's number and none is kept. The
 * caller is given the reference and a follow-up code to keep, as an online reporter is: the call
 * agent reads both out, and only the code's hash is kept.
 */
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { reportIntake } from '#adapters/report-intake.ts';
import { groupedFollowUpCode } from '#domain/follow-up-code.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '#domain/report.ts';
import type { ReportReceipt } from '#domain/submission.ts';

const intake = reportIntake('phone');

export const handler = staffRouteWithBody(['call-agents'], {
  schema: reportSubmissionSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: 'invalid-report',
}).handler(async (event) => {
  const reference = await intake.take(event.body, event.staff.username);
  const code = await intake.issueCode(reference);
  logger.info('Report taken in', { reference, channel: 'phone', callAgent: event.staff.username });
  return json(202, { reference, status: 'received', followUpCode: groupedFollowUpCode(code) } satisfies ReportReceipt);
});
