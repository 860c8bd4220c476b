/**
 * POST /reports/{reference}/information: a reporter adds to their report. What they add is sealed
 * and reviewed like the report itself, then passed to the force that has it.
 */
import { openedOrProblem, receivedOrProblem } from '#adapters/http/reporter-problems.ts';
import { json, publicRoute } from '#adapters/http/routes.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, originalsVault, reportStore, portsFor } from '#adapters/composition-root.ts';
import { addInformation, informationRequestSchema, MAX_FOLLOW_UP_BYTES } from '#domain/reporter-follow-up.ts';

const reporterPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, vault: originalsVault, clock });

export const handler = publicRoute({
  schema: informationRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-information',
}).handler(async (event) => {
  const ports = reporterPorts();
  const opened = await openedOrProblem(ports, event.pathParameters, event.body.code);
  receivedOrProblem(await addInformation(ports, opened, event.body.information, ports.clock()));
  return json(202, { status: 'received' });
});
