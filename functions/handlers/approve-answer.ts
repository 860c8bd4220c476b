/**
 * POST /contact-centre/reviews/{reference}/answers/{answerId}/approval: a supervisor, never the
 * analyst who sanitised it, approves the answer; only then does the force that has the report now
 * receive it, under its own reference (never a force that asked and has since passed it on).
 * Information the reporter added goes to every force that has the report; if none has it yet it
 * stays approved and goes with the report when it is disseminated. Not approved while it speaks of
 * the own professional standards or chief officers of a force that has the report.
 */
import { answerSummary } from '#adapters/contact-centre-views.ts';
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { DynamoFollowUpStore } from '#adapters/follow-up-store.ts';
import { followUpIdFrom, followUpOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { SqsForceQueues } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { answerStep, approveAnswer, disseminateAnswer, protectedFromHolders } from '#domain/follow-up.ts';

const tableName = requiredEnvironment('TABLE_NAME');
const ports = {
  followUps: new DynamoFollowUpStore(documentClient, tableName),
  reports: new DynamoReportStore(documentClient, tableName),
  forceQueues: new SqsForceQueues(sqsClient, requiredEnvironment('REPORT_QUEUE_NAME_TEMPLATE')),
  clock: () => new Date(),
};

export const handler = staffRoute(['supervisors']).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const answerId = followUpIdFrom(event.pathParameters, 'answerId');
  const recorded = await ports.followUps.findAnswer(reference, answerId);
  const approved =
    recorded?.status === 'approved'
      ? recorded
      : await followUpOrProblem(async () => {
          const reachesProtected = recorded !== undefined && (await protectedFromHolders(ports.reports, recorded));
          return answerStep(ports.followUps, reference, answerId, (found) => approveAnswer(found, event.staff.username, new Date(), reachesProtected));
        });
  return json(200, answerSummary(await disseminateAnswer(ports, approved)));
});
