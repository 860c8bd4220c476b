/**
 * POST /reports/{reference}/follow-up: a reporter, with their reference and follow-up code, sees
 * where their report stands and the questions relayed to them. A wrong code and an unknown
 * reference get the same 404; ten wrong codes in an hour shut the reference for an hour (429).
 */
import { openedOrProblem } from '#adapters/http/reporter-problems.ts';
import { json, publicRoute } from '#adapters/http/routes.ts';
import { clock, followUpAccess, followUpCodeKeys, followUpStore, reportStore, portsFor } from '#adapters/composition-root.ts';
import { MAX_FOLLOW_UP_BYTES, openReportRequestSchema, reporterView } from '#domain/reporter-follow-up.ts';

const reporterPorts = portsFor({ access: followUpAccess, codeKeys: followUpCodeKeys, reports: reportStore, followUps: followUpStore, clock });

export const handler = publicRoute({
  schema: openReportRequestSchema,
  maxBytes: MAX_FOLLOW_UP_BYTES,
  problem: 'invalid-follow-up',
}).handler(async (event) => {
  const ports = reporterPorts();
  const opened = await openedOrProblem(ports, event.pathParameters, event.body.code);
  return json(200, await reporterView(ports.followUps, opened));
});
