/**
 * POST /contact-centre/reviews/{reference}/approval: a supervisor, never anyone who changed what the
 * force will receive or where it goes, approves the sanitised report, and only then does the
 * force's queue receive it (with any answers and information approved before it had a force). Approving
 * again after a failure part-way sends the same notification (same deduplication id) and records
 * it once.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, forceQueues, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { approveReport } from '#domain/disseminating-steps.ts';

const approvalPorts = portsFor({ store: reportStore, followUps: followUpStore, forceQueues, clock });

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const ports = approvalPorts();
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() => approveReport(ports, reference, event.staff.username));
  logger.info('Report disseminated after review', { reference, destination: record.routing.destination, supervisor: event.staff.username });
  return json(200, contactSummary(record));
});
