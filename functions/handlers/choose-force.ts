/** PUT /contact-centre/reviews/{reference}/force: the contact centre chooses the force, and says why. */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { chooseForce, reviewStep } from '#domain/review.ts';
import { forceChoiceSchema, MAX_REVIEW_REQUEST_BYTES } from '#domain/review-requests.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: forceChoiceSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: 'invalid-force-choice',
}).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const { force, reason } = event.body;
  const record = await stepOrProblem(() =>
    reviewStep(reports, reference, (contact) => chooseForce(contact, force, reason, event.staff.username, clock())),
  );
  return json(200, contactSummary(record));
});
