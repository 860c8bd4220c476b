/**
 * What the force API shows a force of its reports: what was disseminated to it, where the report
 * stands, and the steps forces took, never anything of the contact centre's own work (who
 * sanitised, what the original said) or of what happened after the force passed it on.
 */
import type { AuditEvent } from '#domain/audit.ts';
import { forceById } from '#domain/forces.ts';
import { eventsVisibleTo, type Access } from '#domain/force-work.ts';
import type { ReportRecord } from '#domain/report-record.ts';

/** The audit events a force may see; the contact centre's internal steps stay with it. */
const FORCE_VISIBLE_EVENTS = new Set([
  'received',
  'disseminated',
  'read_by_force',
  'outcome_recorded',
  'transferred',
  'question_asked',
  'answer_disseminated',
]);

const forceName = (id: string) => forceById(id)?.name ?? id;

export const forceReportSummary = (record: ReportRecord, access: Access) => ({
  reference: record.reference,
  status: access.kind === 'former' ? 'transferred' : record.status,
  categories: record.categories,
  receivedAt: record.receivedAt,
  disseminatedAt: record.notifiedAt ?? null,
});

export const forceReport = (record: ReportRecord, access: Access, events: readonly AuditEvent[]) => ({
  ...forceReportSummary(record, access),
  channel: record.channel,
  content: record.content ?? null,
  reporter: { mode: record.reporterMode, contactDetailsHeld: record.contactDetailsHeld },
  ...(access.kind === 'former'
    ? { transferredAt: access.until }
    : { routing: { rule: record.routing.rule, reason: record.routing.reason }, outcomes: record.outcomes ?? [] }),
  passedOnBy: (record.formerCustodians ?? []).filter((c) => access.kind !== 'former' || c.until <= access.until).map((c) => ({ force: c.force, name: forceName(c.force), at: c.until })),
  audit: eventsVisibleTo(access, events)
    .filter((event) => FORCE_VISIBLE_EVENTS.has(event.type))
    .map(({ type, at, by, detail }) => ({ type, at, ...(by?.startsWith('force:') ? { by } : {}), detail })),
});
