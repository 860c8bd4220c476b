/**
 * GET /force/reports/{reference}: one of the calling force's reports in full, by the force's own
 * reference for it. Every read is recorded in the audit trail, naming the force. A force that passed
 * the report on still sees it as it was then, and nothing added afterwards; any other force, and
 * any other reference (the reporter's included), gets 404.
 */
import { documentClient } from '#adapters/dynamodb-client.ts';
import { requiredEnvironment } from '#adapters/environment.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { forceRoute, json } from '#adapters/http/routes.ts';
import { DynamoReportStore } from '#adapters/report-store.ts';
import { auditEvent } from '#domain/audit.ts';
import { forceReport } from '#domain/force-facing.ts';
import { reportForForce } from '#domain/force-reference.ts';
import { accessOf } from '#domain/force-work.ts';

const store = new DynamoReportStore(documentClient, requiredEnvironment('TABLE_NAME'));

export const handler = forceRoute().handler(async (event) => {
  const record = await reportForForce(store, event.force.id, event.pathParameters?.reference ?? '');
  const access = accessOf(record, event.force.id);
  if (record === undefined || access.kind === 'none') throw statusProblem(404, 'Not Found', 'There is no report with that reference for your force.');
  await store.appendEvent(record.reference, auditEvent('read_by_force', new Date(), { force: event.force.id }, `force:${event.force.id}`));
  return json(200, forceReport(record, event.force.id, access, await store.auditTrail(record.reference)));
});
