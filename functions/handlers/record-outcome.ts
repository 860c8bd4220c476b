/** POST /force/reports/{reference}/outcome: the force records what it did with the report. */
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { forceStepOrProblem } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { forceReportSummary } from '#domain/force-facing.ts';
import { forceRequestSchemas, forceStep, MAX_FORCE_REQUEST_BYTES, recordOutcome } from '#domain/force-work.ts';

const forcePorts = portsFor({ reports: reportStore, clock });

export const handler = forceRouteWithBody({
  schema: forceRequestSchemas.outcome,
  maxBytes: MAX_FORCE_REQUEST_BYTES,
  problem: 'invalid-outcome',
}).handler(async (event) => {
  const { reports, clock } = forcePorts();
  const { outcome, note } = event.body;
  const record = await forceStepOrProblem(() =>
    forceStep(reports, event.force.id, event.pathParameters?.reference ?? '', (found) => recordOutcome(found, event.force.id, outcome, note, clock())),
  );
  return json(200, forceReportSummary(record, event.force.id, { kind: 'custodian' }));
});
