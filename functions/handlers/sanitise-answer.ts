/** PUT /contact-centre/reviews/{reference}/answers/{answerId}/sanitised: an analyst writes the answer the force will see. */
import { answerSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, portsFor } from '#adapters/composition-root.ts';
import { followUpIdFrom, followUpOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { answerStep, MAX_FOLLOW_UP_BYTES, sanitiseAnswer, sanitisedAnswerSchema } from '#domain/follow-up.ts';

const answerPorts = portsFor({ followUps: followUpStore, clock });

export const handler = staffRouteWithBody(['analysts'], {
  schema: sanitisedAnswerSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-sanitised-answer',
}).handler(async (event) => {
  const { followUps, clock } = answerPorts();
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const sanitised = await followUpOrProblem(() =>
    answerStep(followUps, reference, answerId, (found) => sanitiseAnswer(found, event.body.text, event.staff.username, clock())),
  );
  return json(200, answerSummary(sanitised));
});
