/**
 * POST /contact-centre/reviews/{reference}/split: the contact centre divides one contact into
 * reports for several forces, each with its own reference, review and approval.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { splitContact } from '#domain/review.ts';
import { MAX_REVIEW_REQUEST_BYTES, splitSchema } from '#domain/review-requests.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: splitSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: { type: '/problems/invalid-split', title: 'The split needs attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const contact = await stepOrProblem(() => splitContact(store, reference, event.body.parts, event.staff.username, new Date()));
  return json(200, { ...contactSummary(contact), splitInto: contact.review?.split?.into ?? [] });
});
