/**
 * POST /contact-centre/reports/{reference}/questions/{questionId}/answers: a reporter who phones
 * back answers a relayed question; the call agent records the answer, which is sealed like an
 * original and waits for review. The caller proves the report is theirs as online: the follow-up
 * code they read out opens it (openReport: every wrong code counted, the same lock-out), and
 * nothing is recorded until it does. A call agent alone cannot put words in a reporter's mouth.
 */
import { answerSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, portsFor, reportStore } from '#adapters/composition-root.ts';
import { openedOrProblem } from '#adapters/http/reporter-problems.ts';
import { followUpIdFrom, followUpOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRouteWithBody } from '#adapters/http/routes.ts';
import { MAX_FOLLOW_UP_BYTES } from '#domain/follow-up.ts';
import { answerAsReporter, phoneAnswerRequestSchema } from '#domain/reporter-follow-up.ts';

const answerPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, vault: originalsVault, clock });

export const handler = staffRouteWithBody(['call-agents'], {
  schema: phoneAnswerRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-answer',
}).handler(async (event) => {
  const ports = answerPorts();
  const opened = await openedOrProblem(ports, event.pathParameters, event.body.code);
  const questionId = followUpIdFrom(event.pathParameters, 'questionId');
  const received = await followUpOrProblem(() => answerAsReporter(ports, opened, questionId, event.body.answer, ports.clock(), { callAgent: event.staff.username }));
  return json(202, answerSummary(received));
});
