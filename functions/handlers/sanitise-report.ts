/** PUT /contact-centre/reviews/{reference}/sanitised: an analyst writes what the force will see. */
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { disseminableContentSchema } from '#domain/disseminable-content.ts';
import { MAX_REPORT_BYTES } from '#domain/report.ts';
import { reviewStep, sanitise } from '#domain/review.ts';

const reviewPorts = portsFor({ reports: reportStore, clock });

export const handler = staffRouteWithBody(['analysts'], {
  schema: disseminableContentSchema,
  maxBytes: MAX_REPORT_BYTES,
  problem: 'invalid-sanitised-report',
}).handler(async (event) => {
  const { reports, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const record = await stepOrProblem(() =>
    reviewStep(reports, reference, (contact) => sanitise(contact, event.body, event.staff.username, clock())),
  );
  return json(200, contactSummary(record));
});
