/** GET /contact-centre/follow-ups: forces' questions waiting to be relayed, and reporters' answers waiting for review, oldest first. */
import { answerSummary, questionSummary } from '#adapters/contact-centre-views.ts';
import { followUpStore, portsFor } from '#adapters/composition-root.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';

const followUpPorts = portsFor({ followUps: followUpStore });
const LIMIT = 100;

export const handler = staffRoute(['analysts', 'supervisors']).handler(async () => {
  const { followUps } = followUpPorts();
  const [questions, answers] = await Promise.all([followUps.questionsAwaitingRelay(LIMIT), followUps.answersAwaitingReview(LIMIT)]);
  return json(200, { questionsAwaitingRelay: questions.map(questionSummary), answersAwaitingReview: answers.map(answerSummary) });
});
