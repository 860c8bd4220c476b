/** PUT /contact-centre/reviews/{reference}/force: the contact centre chooses the force, and says why. */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { chooseForce, reviewStep } from '#domain/review.ts';
import { forceChoiceSchema, MAX_REVIEW_REQUEST_BYTES } from '#domain/review-requests.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: forceChoiceSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: { type: '/problems/invalid-force-choice', title: 'The force choice needs attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const { force, reason } = event.body;
  const record = await stepOrProblem(() =>
    reviewStep(store, reference, (contact) => chooseForce(contact, force, reason, event.staff.username, new Date())),
  );
  return json(200, contactSummary(record));
});
