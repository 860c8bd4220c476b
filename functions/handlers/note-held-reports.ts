/**
 * POST /contact-centre/reviews/{reference}/held-reports: an analyst adds to the sanitised version
 * one sentence of fixed wording telling the chosen force that it holds other reports that may
 * concern the same person, by its own references for them: only reports an analyst confirmed
 * linked and that force holds now. A change to what the force receives, which a supervisor who
 * did not make it approves.
 */
import { contactSummary } from '#adapters/contact-centre-views.ts';
import { clock, personLinkStore, reportStore, portsFor } from '#adapters/composition-root.ts';
import { referenceFrom, stepOrProblem } from '#adapters/http/step-problems.ts';
import { json, staffRoute } from '#adapters/http/routes.ts';
import { noteHeldReportsFor } from '#domain/person-links/held-reports.ts';

const notingPorts = portsFor({ reports: reportStore, links: personLinkStore, clock });

export const handler = staffRoute(['analysts']).handler(async (event) => {
  const ports = notingPorts();
  const record = await stepOrProblem(() => noteHeldReportsFor(ports, referenceFrom(event.pathParameters), event.staff.username, ports.clock()));
  return json(200, contactSummary(record));
});
