/**
 * POST /reports: a member of the public submits a report. Validate, assign a reference, enqueue,
 * issue a follow-up code, answer 202. Routing, storage and notification happen behind the intake
 * queue. The same Idempotency-Key with the same report within 24 hours answers with the same
 * reference (and a fresh follow-up code: the one shown last is the one that works).
 */
import { idempotentIntake } from '#adapters/idempotent-intake.ts';
import { json, publicRoute } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { reportIntake } from '#adapters/report-intake.ts';
import { groupedFollowUpCode } from '#domain/follow-up-code.ts';
import { MAX_REPORT_BYTES, reportSubmissionSchema } from '#domain/report.ts';
import type { ReportReceipt } from '#domain/submission.ts';

const intake = reportIntake('online');
const takeOnce = idempotentIntake(intake.take);

export const handler = publicRoute({
  schema: reportSubmissionSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: 'invalid-report',
}).handler(async (event, context) => {
  const { reference } = await takeOnce({ idempotencyKey: event.headers['idempotency-key'], report: event.body }, context);
  const code = await intake.issueCode(reference);
  logger.info('Report taken in', { reference, channel: 'online' });
  return json(202, { reference, status: 'received', followUpCode: groupedFollowUpCode(code) } satisfies ReportReceipt);
});
