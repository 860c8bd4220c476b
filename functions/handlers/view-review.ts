/**
 * GET /contact-centre/reviews/{reference}: one contact in full for review: the reporter's original
 * words (opened with the contact-centre key, and the reading recorded in the audit trail), the
 * identifying details flagged in them, the sanitised version so far and the audit trail.
 */
import { contactForReview } from '#adapters/contact-centre-views.ts';
import { clock, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { auditEvent } from '#domain/audit.ts';
import { reportSubmissionSchema } from '#domain/report.ts';
import { flagIdentifyingDetails } from '#domain/review-flags.ts';

const reviewPorts = portsFor({ reports: reportStore, vault: originalsVault, clock });

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const { reports, vault, clock } = reviewPorts();
  const reference = referenceFrom(event.pathParameters);
  const record = await reports.find(reference);
  if (record === undefined) throw statusProblem(404, 'Not Found', 'There is no report with that reference.');
  // A report split from a contact shares the contact's original, sealed for the contact's reference.
  const original = reportSubmissionSchema.parse(JSON.parse(await vault.open(record.splitFrom ?? reference, record.original)));
  await reports.appendEvent(reference, auditEvent('original_read', clock(), {}, event.staff.username));
  const audit = await reports.auditTrail(reference);
  return json(200, contactForReview(record, original, flagIdentifyingDetails(original), audit));
});
