/**
 * POST /contact-centre/reviews/{reference}/answers/{answerId}/approval: a supervisor, never the
 * analyst who sanitised it, approves the answer; only then does the force that has the report now
 * receive it, under its own reference (never a force that asked and has since passed it on).
 * Information the reporter added goes to every force that has the report; if none has it yet it
 * stays approved and goes with the report when it is disseminated. Not approved while it speaks of
 * the own professional standards or chief officers of a force that has the report.
 */
import { answerSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, forceQueues, reportStore, portsFor } from '#adapters/composition-root.ts';
import { followUpIdFrom, followUpOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { approveAnswerFor } from '#domain/disseminating-steps.ts';

const approvalPorts = portsFor({ followUps: followUpStore, reports: reportStore, forceQueues, clock });

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const ports = approvalPorts();
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const approved = await followUpOrProblem(() => approveAnswerFor(ports, reference, answerId, event.staff.username));
  return json(200, answerSummary(approved));
});
