/** GET /contact-centre/follow-ups: forces' questions waiting to be relayed, and reporters' answers waiting for review, oldest first. */
import { answerSummary, questionSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';

const followUps = new DynamoFollowUpStore(documentClient, requiredEnvironment('TABLE_NAME'));
const LIMIT = 100;

export const handler = staffRoute(['analysts', 'supervisors']).handler(async () => {
  const [questions, answers] = await Promise.all([followUps.questionsAwaitingRelay(LIMIT), followUps.answersAwaitingReview(LIMIT)]);
  return json(200, { questionsAwaitingRelay: questions.map(questionSummary), answersAwaitingReview: answers.map(answerSummary) });
});
