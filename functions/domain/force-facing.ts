/**
 * Everything a force is shown, built from an allow-list: the reviewed content, the categories,
 * the force's own identifiers, dates (never times) and the service's own fixed wording. Nothing
 * here copies a record and removes fields: each view names every field it gives, so a field added
 * to a record reaches no force until someone adds it here on purpose.
 *
 * Not given to a force: the reporter's reference (forces have their own, force-reference.ts); how
 * or when exactly the reporter made contact; whether they left contact details; the router's and
 * the contact centre's reasons, which may quote the reporter or staff (a force reads fixed wording
 * made from the rule and the registry instead); anything typed by another force.
 */
import * as z from './zod.ts';
import type { AuditEvent } from './audit.ts';
import type { DisseminableContent } from './disseminable-content.ts';
import { forceReferenceOf } from './force-reference.ts';
import type { Access } from './force-work.ts';
import { findForce, forceById } from './forces.ts';
import type { ReportRecord } from './entities/report-record.ts';
import { forceNameSchema, type ForceContent } from './entities/force-messages.ts';
import { TRIAGE } from './entities/routing-decision.ts';

/** The day of an ISO timestamp: all a force is told of when anything happened. */
export const onDay = (iso: string): string => iso.slice(0, 10);

/** A force as the registry names it, from a force id or what someone typed; undefined when it names none. */
export const registryForce = (typed: string | undefined): z.infer<typeof forceNameSchema> | undefined => {
  const force = typed === undefined ? undefined : (forceById(typed) ?? findForce(typed));
  return force === undefined ? undefined : { id: force.id, name: force.name };
};

/** The name of a destination for fixed wording: a force's registry name, or the contact centre's triage. */
export const destinationName = (destination: string): string =>
  destination === TRIAGE ? 'National triage (contact centre)' : (forceById(destination)?.name ?? destination);

const defined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

export const forceContent = (content: DisseminableContent): ForceContent => {
  const { subject, location, when } = content;
  return defined({
    categories: [...content.categories],
    subject:
      subject === undefined
        ? undefined
        : defined({
            role: subject.role,
            name: subject.name,
            collarNumber: subject.collarNumber,
            rank: subject.rank,
            station: subject.station,
            employer: registryForce(subject.force),
          }),
    forceNamed: registryForce(content.force),
    location: location === undefined ? undefined : defined({ description: location.description, postcode: location.postcode }),
    when: when === undefined ? undefined : defined({ from: when.from, to: when.to, ongoing: when.ongoing }),
    narrative: content.narrative,
  });
};

/**
 * Why the report is with this destination, in the service's fixed words: made from the rule that
 * chose it and the registry's names, never from anyone's free text.
 */
export const routingExplanation = (record: ReportRecord): string => {
  const { destination, rule, candidates } = record.routing;
  const name = destinationName(destination);
  const named = (ids: readonly string[]) => ids.map(destinationName).join(', ');
  switch (rule) {
    case 'subject-force':
      return `The person reported works for ${name}.`;
    case 'named-force':
      return `The report named ${name}.`;
    case 'postcode':
      return `The place given lies in ${name}'s area.`;
    case 'contact-centre':
      return `The contact centre chose ${name} on review.`;
    case 'transferred': {
      const from = record.formerCustodians?.at(-1)?.force;
      return from === undefined ? 'Passed on by another force.' : `Passed on by ${destinationName(from)}.`;
    }
    case 'released':
      return `Held by the contact centre until ${name} joined the service.`;
    case 'postcode-candidates':
      return `The place given lies in more than one force's area: ${named(candidates)}.`;
    case 'protected-unit':
      return "The report concerns a force's own professional standards or chief officers: the contact centre arranges independent handling.";
    case 'not-yet-joined':
      return `${named(candidates)} had not yet joined the service.`;
    case 'no-force-identified':
      return 'No force could be identified.';
  }
};

// ─── the force API's views ────────────────────────────────────────────────────────────────────

/** The audit events a force may see, and which of their details. */
const FORCE_VISIBLE_EVENTS: Readonly<Record<string, (detail: Readonly<Record<string, unknown>>) => Record<string, unknown>>> = {
  received: () => ({}),
  disseminated: ({ destination }) => ({ destination: registryId(destination) }),
  read_by_force: () => ({}),
  outcome_recorded: ({ outcome }) => ({ outcome }),
  transferred: ({ from, to }) => ({ from: registryId(from), to: registryId(to) }),
  question_asked: ({ questionId }) => ({ questionId }),
  answer_disseminated: () => ({}),
};

/** A force's registry id as recorded by the service, or null for anything else. */
const registryId = (value: unknown): string | null => (typeof value === 'string' && forceById(value) !== undefined ? value : null);

const forceOf = (by: string | undefined): string | undefined => (by?.startsWith('force:') ? by.slice('force:'.length) : undefined);

export const forceReportSummary = (
  record: Pick<ReportRecord, 'forceReferences' | 'status' | 'categories' | 'receivedAt' | 'notifiedAt'>,
  force: string,
  access: Access,
) => ({
  reference: forceReferenceOf(record, force) ?? null,
  status: access.kind === 'former' ? 'transferred' : record.status,
  categories: [...record.categories],
  receivedOn: onDay(record.receivedAt),
  disseminatedOn: access.kind === 'custodian' && record.notifiedAt !== undefined ? onDay(record.notifiedAt) : null,
});

export const forceReport = (record: ReportRecord, force: string, access: Access, events: readonly AuditEvent[]) => ({
  ...forceReportSummary(record, force, access),
  content: record.content === undefined ? null : forceContent(record.content),
  ...(access.kind === 'former'
    ? { transferredOn: onDay(access.until) }
    : {
        routing: { rule: record.routing.rule, explanation: routingExplanation(record) },
        outcomes: (record.outcomes ?? []).map((o) => ({
          outcome: o.outcome,
          force: o.force,
          on: onDay(o.at),
          ...(o.force === force && o.note !== undefined ? { note: o.note } : {}),
        })),
      }),
  passedOnBy: (record.formerCustodians ?? [])
    .filter((c) => access.kind !== 'former' || c.until <= access.until)
    .map((c) => ({ force: c.force, name: destinationName(c.force), on: onDay(c.until) })),
  audit: (access.kind === 'former' ? events.filter((event) => event.at <= access.until) : events).flatMap(({ type, at, by, detail }) => {
    const visible = FORCE_VISIBLE_EVENTS[type];
    if (visible === undefined) return [];
    const actor = forceOf(by);
    return [{ type, on: onDay(at), ...(actor === undefined ? {} : { force: actor }), ...visible(detail) }];
  }),
});
