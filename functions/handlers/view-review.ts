/**
 * GET /contact-centre/reviews/{reference}: one contact in full for review: the reporter's original
 * words (opened with the contact-centre key, and the reading recorded in the audit trail), the
 * identifying details flagged in them, the sanitised version so far, the audit trail, and the
 * other reports that may concern the same person (suggested, and confirmed).
 */
import { contactForReview } from '#adapters/contact-centre-views.ts';
import { clock, originalsVault, personLinkStore, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { flagIdentifyingDetails } from '#domain/review-flags.ts';
import { personLinksOf } from '#domain/person-links/decisions.ts';
import { openForReview } from '#domain/review.ts';

const reviewPorts = portsFor({ reports: reportStore, vault: originalsVault, links: personLinkStore, clock });

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const ports = reviewPorts();
  const opened = await openForReview(ports, referenceFrom(event.pathParameters), event.staff.username, ports.clock());
  if (opened.kind === 'refused' && opened.refusal.kind === 'original-ended') {
    throw statusProblem(410, 'Gone', `The reporter's original words ended under the retention schedule on ${opened.refusal.on}. The report's record and audit trail are kept.`);
  }
  if (opened.kind === 'refused') throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  const { record, original, audit } = opened.value;
  return json(200, contactForReview(record, original, flagIdentifyingDetails(original), audit, await personLinksOf(ports, record)));
});
