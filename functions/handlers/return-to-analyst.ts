/**
 * POST /contact-centre/reviews/{reference}/return: a supervisor, never anyone who changed what the
 * force will receive or where it goes, returns the sanitised version to the analysts with a reason
 * instead of approving it (returnToAnalyst); nothing can approve it until an analyst sanitises again.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { returnToAnalyst, reviewStep } from '#domain/review.ts';
import { MAX_REVIEW_REQUEST_BYTES, returnSchema } from '#domain/review-requests.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRouteWithBody(['supervisors'], {
  schema: returnSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: 'invalid-return',
}).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() => reviewStep(reports, reference, (contact) => returnToAnalyst(contact, event.body.reason, event.staff.username, clock())));
  logger.info('Contact returned to the analysts', { reference, supervisor: event.staff.username });
  return json(200, contactSummary(record));
});
