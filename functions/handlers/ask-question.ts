/**
 * POST /force/reports/{reference}/questions: a force asks the reporter a question about a report
 * it received. The question waits for the contact centre to relay it; the reporter's answer comes
 * back on the force's queue once sanitised and approved. To any other force the report does not
 * exist (404).
 */
import { clock, followUpStore, reportStore, portsFor } from '#adapters/composition-root.ts';
import { followUpOrProblem } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { ask, MAX_FOLLOW_UP_BYTES, questionRequestSchema } from '#domain/follow-up.ts';

const questionPorts = portsFor({ reports: reportStore, followUps: followUpStore, clock });

export const handler = forceRouteWithBody({
  schema: questionRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-question',
}).handler(async (event) => {
  const ports = questionPorts();
  const question = await followUpOrProblem(() => ask(ports, event.pathParameters?.reference ?? '', event.force.id, event.body.question, ports.clock()));
  logger.info('Question asked', { reference: question.reference, force: event.force.id, questionId: question.id });
  return json(201, { questionId: question.id, status: question.status });
});
