/** GET /force/reports?status=&limit=&after=: the calling force's reports, newest first, filtered by status, paginated. */
import { reportStore, portsFor } from '#adapters/composition-root.ts';
import { problem } from '#adapters/http/problem-catalogue.ts';
import { forceRoute, json } from '#adapters/http/routes.ts';
import { forceReportSummary } from '#domain/force-facing.ts';
import { WITH_A_FORCE } from '#domain/lifecycle.ts';
import type { ReportStatus } from '#domain/entities/report-record.ts';

const forcePorts = portsFor({ reports: reportStore });
const PAGE = { default: 25, max: 100 };

export const handler = forceRoute().handler(async (event) => {
  const query = event.queryStringParameters ?? {};
  const status = query.status as ReportStatus | undefined;
  if (status !== undefined && !WITH_A_FORCE.includes(status)) {
    throw problem('invalid-query', { errors: [{ pointer: '/status', detail: `status must be one of: ${WITH_A_FORCE.join(', ')}` }] });
  }
  const requested = Number.parseInt(query.limit ?? '', 10);
  const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, PAGE.max) : PAGE.default;
  const { records, next } = await forcePorts().reports.withDestination(event.force.id, {
    limit,
    ...(query.after === undefined ? {} : { after: query.after }),
    ...(status === undefined ? {} : { status }),
  });
  return json(200, { reports: records.map((record) => forceReportSummary(record, event.force.id, { kind: 'custodian' })), next: next ?? null });
});
