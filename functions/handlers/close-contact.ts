/**
 * POST /contact-centre/reviews/{reference}/closure: a member of the contact centre proposes closing a
 * contact without dissemination. Nothing closes until a supervisor who is not the proposer confirms
 * it (confirm-closure.ts); until then the contact stays in review.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { proposeClosure, reviewStep } from '#domain/review.ts';
import { closureSchema, MAX_REVIEW_REQUEST_BYTES } from '#domain/review-requests.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: closureSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: 'invalid-closure',
}).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const { reason, note } = event.body;
  const record = await stepOrProblem(() =>
    reviewStep(reports, reference, (contact) => proposeClosure(contact, reason, note, event.staff.username, clock())),
  );
  return json(200, contactSummary(record));
});
