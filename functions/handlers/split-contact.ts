/**
 * POST /contact-centre/reviews/{reference}/split: the contact centre divides one contact into
 * reports for several forces, each with its own reference, review and approval.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { splitContact } from '#domain/review.ts';
import { MAX_REVIEW_REQUEST_BYTES, splitSchema } from '#domain/review-requests.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: splitSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: 'invalid-split',
}).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const contact = await stepOrProblem(() => splitContact(reports, reference, event.body.parts, event.staff.username, clock()));
  return json(200, { ...contactSummary(contact), splitInto: contact.review?.split?.into ?? [] });
});
