/**
 * POST /force/reports/{reference}/transfer: the force passes the report (by its own reference for
 * it) to another force, with a reason. The report moves to that force, which is notified on its
 * queue under its own reference; the first force keeps only what it had. A report that speaks of
 * the receiving force's own professional standards or chief officers goes back to the contact
 * centre instead, as one for a force that has not joined yet waits in triage: the first force is
 * told only that it is held. Repeating a transfer whose notification did not go out finishes it,
 * with the same deduplication id. The reason stays with the contact centre.
 */
import { clock, followUpStore, forceQueues, reportStore, portsFor } from '#adapters/composition-root.ts';
import { forceStepOrProblem } from '#adapters/http/step-problems.ts';
import { forceRouteWithBody, json } from '#adapters/http/routes.ts';
import { logger } from '#adapters/logger.ts';
import { transferReport } from '#domain/disseminating-steps.ts';
import { forceReportSummary } from '#domain/force-facing.ts';
import { forceRequestSchemas, MAX_FORCE_REQUEST_BYTES } from '#domain/force-work.ts';
import { findForce } from '#domain/forces.ts';
import { TRIAGE } from '#domain/entities/routing-decision.ts';

const transferPorts = portsFor({ store: reportStore, followUps: followUpStore, forceQueues, clock });

export const handler = forceRouteWithBody({
  schema: forceRequestSchemas.transfer,
  maxBytes: MAX_FORCE_REQUEST_BYTES,
  problem: 'invalid-transfer',
}).handler(async (event) => {
  const ports = transferPorts();
  const forceReference = event.pathParameters?.reference ?? '';
  const { force: receiving, reason } = event.body;
  const record = await forceStepOrProblem(() => transferReport(ports, event.force.id, forceReference, receiving, reason));
  logger.info('Report transferred', { reference: record.reference, from: event.force.id, to: record.routing.destination });
  return json(200, {
    ...forceReportSummary(record, event.force.id, { kind: 'former', until: record.formerCustodians?.at(-1)?.until ?? '' }),
    transferredTo: findForce(receiving)?.id ?? receiving,
    heldInTriage: record.routing.destination === TRIAGE,
  });
});
