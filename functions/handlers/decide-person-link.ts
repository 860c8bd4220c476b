/**
 * PUT /contact-centre/reviews/{reference}/links/{otherReference}: an analyst confirms or rejects a
 * suggested link between two reports about the same person. Kept for both reports and audited on
 * both, with who decided; a rejected link is not suggested again.
 */
import { personLinkDecisionView } from '#adapters/contact-centre-views.ts';
import { clock, personLinkStore, reportStore, portsFor } from '#adapters/composition-root.ts';
import { linkOrProblem, otherReferenceFrom, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { decidePersonLink } from '#domain/person-links/decisions.ts';
import { MAX_REVIEW_REQUEST_BYTES, personLinkDecisionSchema } from '#domain/review-requests.ts';

const linkPorts = portsFor({ reports: reportStore, links: personLinkStore, clock });

export const handler = staffRouteWithBody(['analysts', 'supervisors'], {
  schema: personLinkDecisionSchema,
  maxBytes: MAX_REVIEW_REQUEST_BYTES,
  problem: 'invalid-person-link-decision',
}).handler(async (event) => {
  const ports = linkPorts();
  const reference = referenceFrom(event.pathParameters);
  const other = otherReferenceFrom(event.pathParameters);
  const decided = await linkOrProblem(() => decidePersonLink(ports, reference, other, event.body.decision, event.staff.username, ports.clock()));
  return json(200, personLinkDecisionView(decided));
});
