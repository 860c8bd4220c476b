/**
 * GET /force/reports/{reference}: one of the calling force's reports in full, by the force's own
 * reference for it. Every read is recorded in the audit trail, naming the force. A force that passed
 * the report on still sees it as it was then, and nothing added afterwards; any other force, and
 * any other reference (the reporter's included), gets 404.
 */
import { clock, reportStore, portsFor } from '#adapters/composition-root.ts';
import { statusProblem } from '#adapters/http/problem.ts';
import { forceRoute, json } from '#adapters/http/routes.ts';
import { forceReport } from '#domain/force-facing.ts';
import { readAsForce } from '#domain/force-work.ts';

const forcePorts = portsFor({ reports: reportStore, clock });

export const handler = forceRoute().handler(async (event) => {
  const { reports, clock } = forcePorts();
  const read = await readAsForce(reports, event.force.id, event.pathParameters?.reference ?? '', clock());
  if (read.kind === 'refused') throw statusProblem(404, 'Not Found', 'There is no report with that reference for your force.');
  const { record, access, audit } = read.value;
  return json(200, forceReport(record, event.force.id, access, audit));
});
