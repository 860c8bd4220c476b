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
import { answerStep, approveAnswer, disseminateAnswer, protectedFromHolders } from '#domain/follow-up.ts';

const approvalPorts = portsFor({ followUps: followUpStore, reports: reportStore, forceQueues, clock });

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const ports = approvalPorts();
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const recorded = await ports.followUps.findAnswer(reference, answerId);
  const approved =
    recorded?.status === 'approved'
      ? recorded
      : await followUpOrProblem(async () => {
          const reachesProtected = recorded !== undefined && (await protectedFromHolders(ports.reports, recorded));
          return answerStep(ports.followUps, reference, answerId, (found) => approveAnswer(found, event.staff.username, ports.clock(), reachesProtected));
        });
  return json(200, answerSummary(await disseminateAnswer(ports, approved)));
});
