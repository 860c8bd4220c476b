/**
 * POST /contact-centre/reviews/{reference}/closure/confirmation: a supervisor, never the one who
 * proposed it, confirms a proposed closure; only then is the contact closed without dissemination.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { confirmClosure, reviewStep } from '#domain/review.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() => reviewStep(reports, reference, (contact) => confirmClosure(contact, event.staff.username, clock())));
  return json(200, contactSummary(record));
});
