/** POST /contact-centre/reviews/{reference}/closure: the contact centre closes a contact without dissemination. */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { close, reviewStep } from '#domain/review.ts';
import { closureSchema, MAX_REVIEW_REQUEST_BYTES } from '#domain/review-requests.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: closureSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: { type: '/problems/invalid-closure', title: 'The closure needs attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const { reason, note } = event.body;
  const record = await stepOrProblem(() =>
    reviewStep(store, reference, (contact) => close(contact, reason, note, event.staff.username, new Date())),
  );
  return json(200, contactSummary(record));
});
