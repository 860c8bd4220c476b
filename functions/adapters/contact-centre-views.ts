/** What the contact-centre API shows of a contact: in the list, and in full for review. */
import type { AuditEvent } from '#domain/audit.ts';
import type { Answer, Question } from '#domain/entities/follow-up.ts';
import { forceById } from '#domain/forces.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import type { ReportSubmission } from '#domain/report.ts';
import type { FlaggedDetail } from '#domain/review-flags.ts';
import type { LinkDecision, PersonLinks } from '#domain/person-links/decisions.ts';
import { TRIAGE } from '#domain/entities/routing-decision.ts';

const proposed = ({ routing }: ReportRecord) => ({
  destination: routing.destination,
  name: routing.destination === TRIAGE ? null : (forceById(routing.destination)?.name ?? routing.destination),
  rule: routing.rule,
  reason: routing.reason,
  candidates: routing.candidates,
});

export const contactSummary = (record: ReportRecord) => ({
  reference: record.reference,
  channel: record.channel,
  receivedAt: record.receivedAt,
  status: record.status,
  categories: record.categories,
  proposedForce: proposed(record),
  sanitised: record.review?.sanitised === undefined ? null : { by: record.review.sanitised.by, at: record.review.sanitised.at },
  closureProposed: record.review?.closureProposed ?? null,
  /** Who changed what the force will receive or where it goes: none of them may approve it. */
  changedBy: record.review?.changedBy ?? [],
  protection: record.protection ?? null,
});

const linkedForce = (force: string | undefined) => (force === undefined ? null : { id: force, name: forceById(force)?.name ?? force });
/** The day of a timestamp: the contact centre is shown when another report was received to the day, never the time. */
const onDay = (at: string) => at.slice(0, 10);

/** The other reports that may concern the same person: "N other reports may concern this person", and those confirmed. */
export const personLinksView = ({ suggested, confirmed }: PersonLinks) => ({
  summary: suggested.length === 0 ? null : `${suggested.length} other ${suggested.length === 1 ? 'report' : 'reports'} may concern this person`,
  suggested: suggested.map((link) => ({
    reference: link.reference,
    force: linkedForce(link.force),
    receivedOn: onDay(link.receivedAt),
    evidence: [...link.evidence],
    through: link.through ?? null,
  })),
  confirmed: confirmed.map((link) => ({ reference: link.other, force: linkedForce(link.otherForce), receivedOn: onDay(link.otherReceivedAt), confirmed: { by: link.by, at: link.at } })),
});

export const personLinkDecisionView = (decision: LinkDecision) => ({
  reference: decision.reference,
  other: decision.other,
  force: linkedForce(decision.otherForce),
  receivedOn: onDay(decision.otherReceivedAt),
  decision: decision.decision,
  by: decision.by,
  at: decision.at,
});

export const contactForReview = (
  record: ReportRecord,
  original: ReportSubmission,
  flags: readonly FlaggedDetail[],
  audit: readonly AuditEvent[],
  links: PersonLinks,
) => ({
  ...contactSummary(record),
  original,
  flags,
  sanitised: record.review?.sanitised ?? null,
  closed: record.review?.closed ?? null,
  approved: record.review?.approved ?? null,
  returned: record.review?.returned ?? null,
  // Field by field: an event's id keeps its key unique in the table and is no part of the view.
  audit: audit.map(({ type, at, by, detail }) => ({ type, at, ...(by === undefined ? {} : { by }), detail })),
  personLinks: personLinksView(links),
});

export const questionSummary = (question: Question) => ({
  id: question.id,
  reference: question.reference,
  force: { id: question.force, name: forceById(question.force)?.name ?? question.force },
  askedAt: question.askedAt,
  question: question.text,
  status: question.status,
  relayed: question.relayed ?? null,
});

export const answerSummary = ({ original: _sealed, ...answer }: Answer) => ({
  ...answer,
  sanitised: answer.sanitised ?? null,
  approved: answer.approved ?? null,
});
