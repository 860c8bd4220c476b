/**
 * POST /contact-centre/reviews/{reference}/closure/confirmation: a supervisor, never the one who
 * proposed it, confirms a proposed closure; only then is the contact closed without dissemination.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { confirmClosure, reviewStep } from '#domain/review.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() => reviewStep(store, reference, (contact) => confirmClosure(contact, event.staff.username, new Date())));
  return json(200, contactSummary(record));
});
