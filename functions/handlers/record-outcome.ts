/** POST /force/reports/{reference}/outcome: the force records what it did with the report. */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { forceReportSummary } from '#adapters/force-views.ts';
import { forceStepOrProblem, referenceFrom } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { forceRequestSchemas, forceStep, MAX_FORCE_REQUEST_BYTES, recordOutcome } from '#domain/force-work.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = forceRouteWithBody({
  schema: forceRequestSchemas.outcome,
  maxBytes: MAX_FORCE_REQUEST_BYTES,
  problem: { type: '/problems/invalid-outcome', title: 'The outcome needs attention' },
}).handler(async (event) => {
  const reference = referenceFrom(event.pathParameters);
  const { outcome, note } = event.body;
  const record = await forceStepOrProblem(() =>
    forceStep(store, reference, (found) => recordOutcome(found, event.force.id, outcome, note, new Date())),
  );
  return json(200, forceReportSummary(record, { kind: 'custodian' }));
});
