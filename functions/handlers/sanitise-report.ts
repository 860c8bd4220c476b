/** PUT /contact-centre/reviews/{reference}/sanitised: an analyst writes what the force will see. */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { disseminableContentSchema } from '#domain/disseminable-content.ts';
import { MAX_REPORT_BYTES } from '#domain/report.ts';
import { reviewStep, sanitise } from '#domain/review.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = staffRouteWithBody(['analysts'], {
  schema: disseminableContentSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: { type: '/problems/invalid-sanitised-report', title: 'The sanitised report has answers that need attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() =>
    reviewStep(store, reference, (contact) => sanitise(contact, event.body, event.staff.username, new Date())),
  );
  return json(200, contactSummary(record));
});
