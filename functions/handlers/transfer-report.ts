/**
 * POST /force/reports/{reference}/transfer: the force passes the report to another force, with a
 * reason. The report moves to that force, which is notified on its queue; the audit trail shows
 * the chain, and the first force keeps only what it had. Repeating a transfer whose notification
 * did not go out finishes it, with the same deduplication id.
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { forceReportSummary } from '#adapters/force-views.ts';
import { forceStepOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { SqsForceQueues } from '#adapters/queues.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { sqsClient } from '#adapters/sqs-client.ts';
import { disseminate } from '#domain/dissemination.ts';
import { forceRequestSchemas, forceStep, MAX_FORCE_REQUEST_BYTES, transfer, unfinishedTransferBy } from '#domain/force-work.ts';
import { findForce } from '#domain/forces.ts';
import { TRIAGE } from '#domain/routing.ts';

const ports = {
  store: new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME')),
  forceQueues: new SqsForceQueues(sqsClient, requiredEnvironment('REPORT_QUEUE_NAME_TEMPLATE')),
  clock: () => new Date(),
};

export const handler = forceRouteWithBody({
  schema: forceRequestSchemas.transfer,
  maxBytes: MAX_FORCE_REQUEST_BYTES,
  problem: { type: '/problems/invalid-transfer', title: 'The transfer needs attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const { force: receiving, reason } = event.body;
  const recorded = await ports.store.find(reference);
  const moved =
    recorded !== undefined && unfinishedTransferBy(recorded, event.force.id) && (recorded.routing.destination === findForce(receiving)?.id || recorded.routing.candidates.includes(findForce(receiving)?.id ?? ''))
      ? recorded
      : await forceStepOrProblem(() => forceStep(ports.store, reference, (found) => transfer(found, event.force.id, receiving, reason, new Date())));
  const { record } = await disseminate(ports, moved);
  logger.info('Report transferred', { reference, from: event.force.id, to: record.routing.destination });
  return json(200, {
    ...forceReportSummary(record, { kind: 'former', until: record.formerCustodians?.at(-1)?.until ?? '' }),
    transferredTo: findForce(receiving)?.id ?? receiving,
    heldInTriage: record.routing.destination === TRIAGE,
  });
});
