/**
 * GET /contact-centre/reviews/{reference}/answers/{answerId}: a reporter's answer in full for
 * review: their own words (opened with the contact-centre key, the reading recorded), the
 * identifying details flagged in them, and the question it answers (none for information the
 * reporter added unasked).
 */
import { answerSummary, questionSummary } from '#adapters/contact-centre-views.ts';
import { clock, followUpStore, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { followUpIdFrom, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { openAnswerForReview } from '#domain/follow-up.ts';
import { findIdentifyingDetails } from '#domain/identifying-details.ts';

const answerPorts = portsFor({ followUps: followUpStore, reports: reportStore, vault: originalsVault, clock });

export const handler = staffRoute(['analysts', 'supervisors']).handler(async (event) => {
  const ports = answerPorts();
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const opened = await openAnswerForReview(ports, reference, answerId, event.staff.username, ports.clock());
  if (opened.kind === 'refused') throw statusProblem(404, 'Not Found', 'There is no such answer.');
  const { answer, question, original } = opened.value;
  return json(200, {
    ...answerSummary(answer),
    question: question === undefined ? null : questionSummary(question),
    original,
    flags: findIdentifyingDetails(original).map((flag) => ({ pointer: '/answer', ...flag })),
  });
});
