/**
 * POST /reports/{reference}/answers: a reporter answers a question the contact centre relayed to
 * them. The answer is sealed and waits for review, like one taken by phone; the force sees only
 * the sanitised, approved version.
 */
import { openedOrProblem, receivedOrProblem } from '#adapters/http/reporter-problems.ts';
import { json, publicRoute } from '#adapters/http/routes.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { answerAsReporter, MAX_FOLLOW_UP_BYTES, reporterAnswerRequestSchema } from '#domain/reporter-follow-up.ts';

const reporterPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, vault: originalsVault, clock });

export const handler = publicRoute({
  schema: reporterAnswerRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-answer',
}).handler(async (event) => {
  const ports = reporterPorts();
  const opened = await openedOrProblem(ports, event.pathParameters, event.body.code);
  receivedOrProblem(await answerAsReporter(ports, opened, event.body.questionId, event.body.answer, ports.clock()));
  return json(202, { status: 'received' });
});
