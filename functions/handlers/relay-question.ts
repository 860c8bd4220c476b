/**
 * POST /contact-centre/reviews/{reference}/questions/{questionId}/relay: the contact centre relays
 * a force's question to the reporter (their follow-up inbox; call agents read it to reporters who
 * phone back).
 */
import { questionSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, portsFor } from '#adapters/composition-root.ts';
import { followUpIdFrom, followUpOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { relay } from '#domain/follow-up.ts';

const relayPorts = portsFor({ followUps: followUpStore, clock });

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const { followUps, clock } = relayPorts();
  const reference = referenceFrom(event.pathParameters);
  const questionId = followUpIdFrom(event.pathParameters, 'questionId');
  const question = await followUpOrProblem(() => relay(followUps, reference, questionId, event.staff.username, clock()));
  return json(200, questionSummary(question));
});
