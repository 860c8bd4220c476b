/**
 * POST /contact-centre/reports/{reference}/questions/{questionId}/answers: a reporter who phones
 * back answers a relayed question; the call agent records the answer, which is sealed like an
 * original and waits for review.
 */
import { answerSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, originalsVault, portsFor } from '#adapters/composition-root.ts';
import { followUpIdFrom, followUpOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { answer, answerRequestSchema, MAX_FOLLOW_UP_BYTES } from '#domain/follow-up.ts';

const answerPorts = portsFor({ followUps: followUpStore, vault: originalsVault, clock });

export const handler = staffRouteWithBody(['call-agents'], {
  schema: answerRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-answer',
}).handler(async (event) => {
  const ports = answerPorts();
  const reference = referenceFrom(event.pathParameters);
  const questionId = followUpIdFrom(event.pathParameters, 'questionId');
  const received = await followUpOrProblem(() =>
    answer(ports, reference, questionId, event.body.answer, 'phone', ports.clock(), event.staff.username),
  );
  return json(202, answerSummary(received));
});
