/**
 * What the contact-centre, force and statistics APIs answer, as zod schemas: the published
 * contract for each route's success responses (lib/route-registry.ts names the schema for each
 * route and status; scripts/api-documents.ts publishes them in schemas/openapi.json). The local
 * gateway checks every JSON answer against them, so every integration test also checks the
 * document.
 *
 * The objects are strict on purpose: a field the handlers add without adding it here fails the
 * check, so nothing reaches a caller, least of all a force, unless the contract names it.
 *
 * The views themselves are built elsewhere: the contact centre's in
 * functions/adapters/contact-centre-views.ts, a force's in force-facing.ts, the statistics in
 * statistics-view.ts. The reporter's view and a report's receipt have their schemas beside their
 * code (reporter-follow-up.ts, submission.ts).
 */
import * as z from './zod.ts';
import { described, named } from './zod.ts';
import { CATEGORIES, reportSubmissionSchema } from './report.ts';
import { CHANNELS } from './intake.ts';
import { CLOSURE_REASONS } from './review-state.ts';
import { OUTCOMES, type ReportStatus } from './entities/report-record.ts';
import { disseminableContentSchema } from './disseminable-content.ts';
import { forceContentSchema, forceNameSchema, forceRoutingSchema } from './entities/force-messages.ts';
import { FORCE_REFERENCE_PATTERN } from './entities/force-reference.ts';
import { REFERENCE_PATTERN } from './reference.ts';
import { COLUMNS, FEWER_THAN_FIVE, SUPPRESSION_THRESHOLD } from './statistics-view.ts';
import type { AnswerStatus, QuestionStatus } from './entities/follow-up.ts';
import type { IdentifyingKind } from './identifying-details.ts';
import type { ProtectedKind } from './entities/protection.ts';
import type { RoutingRule } from './entities/routing-decision.ts';
import { LINK_DECISIONS } from './person-links/link-decision.ts';

/** Compiles only when the list names every member of the union: a new status must be added here too. */
type Every<Union, Listed> = [Exclude<Union, Listed>] extends [never] ? true : { missing: Exclude<Union, Listed> };
const every = <Union extends string>() => <const Listed extends readonly Union[]>(list: Listed & (Every<Union, Listed[number]> extends true ? unknown : never)) => list;

export const REPORT_STATUSES = every<ReportStatus>()(['routed', 'awaiting_review', 'approved', 'disseminated', 'in_triage', 'closed', 'split', ...OUTCOMES]);
export const ROUTING_RULES = every<RoutingRule>()([
  'subject-force',
  'named-force',
  'postcode',
  'postcode-candidates',
  'protected-unit',
  'not-yet-joined',
  'no-force-identified',
  'contact-centre',
  'transferred',
  'released',
]);
export const IDENTIFYING_KINDS = every<IdentifyingKind>()(['email', 'phone', 'postcode', 'url', 'vehicle_registration', 'address', 'self_identification']);
export const PROTECTED_KINDS = every<ProtectedKind>()(['unit', 'chief-officer', 'commissioner']);
export const QUESTION_STATUSES = every<QuestionStatus>()(['awaiting_relay', 'relayed', 'answered']);
export const ANSWER_STATUSES = every<AnswerStatus>()(['awaiting_review', 'approved', 'disseminated']);

const timestamp = () => z.iso.datetime();
const day = () => z.iso.date();
const reference = () => z.string().check(z.regex(REFERENCE_PATTERN));
const cursor = () => described(z.nullable(z.string()), 'Send it back as `after` for the next page; null on the last page.');

// ─── the contact centre ───────────────────────────────────────────────────────────────────────

export const staffActionSchema = named(z.strictObject({ by: described(z.string(), 'The member of staff, by username.'), at: timestamp() }), {
  id: 'StaffAction',
  title: 'Who did something, and when',
});

export const auditEventSchema = named(
  z.strictObject({
    type: z.string(),
    at: timestamp(),
    by: described(z.optional(z.string()), "The member of staff, or `force:<id>`; absent for the service's own steps."),
    detail: z.record(z.string(), z.unknown()),
  }),
  { id: 'AuditEvent', title: 'An entry in the audit trail' },
);

export const flaggedDetailSchema = named(
  z.strictObject({
    pointer: described(z.string(), 'RFC 6901 pointer to the field the detail is in, e.g. /narrative.'),
    kind: z.enum(IDENTIFYING_KINDS),
    start: described(z.number().check(z.int()), 'UTF-16 index, inclusive.'),
    end: described(z.number().check(z.int()), 'UTF-16 index, exclusive.'),
    text: z.string(),
  }),
  { id: 'FlaggedDetail', title: 'A detail that could identify the reporter, for the analyst to consider' },
);

const protectionSchema = described(
  z.strictObject({
    from: described(z.array(z.string()), 'The forces the report must never reach.'),
    mentions: z.array(z.strictObject({ kind: z.enum(PROTECTED_KINDS), field: z.string(), term: z.string(), onlyFor: z.array(z.string()) })),
  }),
  "Set when the report speaks of a force's own professional standards, anti-corruption or vetting unit, or its chief officers.",
);

const closureProposalSchema = z.strictObject({ ...staffActionSchema.shape, reason: z.enum(CLOSURE_REASONS), note: z.optional(z.string()) });

export const contactSummarySchema = named(
  z.strictObject({
    reference: reference(),
    channel: z.enum(CHANNELS),
    receivedAt: timestamp(),
    status: z.enum(REPORT_STATUSES),
    categories: z.array(z.enum(CATEGORIES)),
    proposedForce: described(
      z.strictObject({
        destination: described(z.string(), 'A force id, or "triage".'),
        name: described(z.nullable(z.string()), "The force's name; null for triage."),
        rule: z.enum(ROUTING_RULES),
        reason: z.string(),
        candidates: z.array(z.string()),
      }),
      "Where the contact is going and why: the router's decision, or the contact centre's.",
    ),
    sanitised: described(z.nullable(staffActionSchema), 'Who last wrote the sanitised version, and when.'),
    closureProposed: z.nullable(closureProposalSchema),
    changedBy: described(z.array(z.string()), 'Who changed what the force will receive or where it goes: none of them may approve it.'),
    protection: z.nullable(protectionSchema),
  }),
  { id: 'ContactSummary', title: 'A contact as the contact centre lists it' },
);

export const contactListSchema = named(z.strictObject({ contacts: z.array(contactSummarySchema), next: cursor() }), {
  id: 'ContactList',
  title: 'Contacts awaiting review, oldest first',
});

const linkedForceSchema = described(
  z.nullable(z.strictObject({ id: z.string(), name: z.string() })),
  'The force the other report went to (as filed, or when the link was decided); null while it was in triage.',
);

export const suggestedLinkSchema = named(
  z.strictObject({
    reference: reference(),
    force: linkedForceSchema,
    receivedOn: described(day(), 'The day the other report was received: the day only.'),
    evidence: described(z.array(z.string()), 'What it shares with this report ("same collar number and force"), or that it is linked through another report.'),
    through: described(z.nullable(reference()), 'The report it is linked through, when it shares nothing with this one directly.'),
  }),
  { id: 'SuggestedLink', title: 'Another report that may concern the same person' },
);

export const confirmedLinkSchema = named(
  z.strictObject({
    reference: reference(),
    force: linkedForceSchema,
    receivedOn: described(day(), 'The day the other report was received: the day only.'),
    confirmed: staffActionSchema,
  }),
  { id: 'ConfirmedLink', title: 'Another report an analyst confirmed concerns the same person' },
);

export const personLinksSchema = described(
  z.strictObject({
    summary: described(z.nullable(z.string()), '"3 other reports may concern this person"; null when none is suggested.'),
    suggested: described(z.array(suggestedLinkSchema), 'Suggested by the keyed hashes of the person each report is about and not yet decided, oldest first.'),
    confirmed: described(z.array(confirmedLinkSchema), 'Confirmed by an analyst, oldest first. Rejected links are not suggested again.'),
  }),
  'The other reports that may concern the person this one is about, across forces and years. For the contact centre only: a force never sees another force\'s report.',
);

export const personLinkDecisionResultSchema = named(
  z.strictObject({
    reference: reference(),
    other: reference(),
    force: linkedForceSchema,
    receivedOn: day(),
    decision: z.enum(LINK_DECISIONS),
    by: described(z.string(), 'The member of staff, by username.'),
    at: timestamp(),
  }),
  { id: 'PersonLinkDecisionResult', title: 'A link between two reports, confirmed or rejected' },
);

export const contactForReviewSchema = named(
  z.strictObject({
    ...contactSummarySchema.shape,
    original: described(reportSubmissionSchema, "The reporter's own words, opened with the contact centre's key; reading them is recorded."),
    flags: z.array(flaggedDetailSchema),
    sanitised: z.nullable(z.strictObject({ ...staffActionSchema.shape, content: disseminableContentSchema })),
    closed: z.nullable(z.strictObject({ ...closureProposalSchema.shape, proposedBy: z.optional(z.string()) })),
    approved: z.nullable(staffActionSchema),
    returned: described(
      z.nullable(
        z.strictObject({
          ...staffActionSchema.shape,
          reason: z.string(),
          draft: z.optional(z.strictObject({ ...staffActionSchema.shape, content: disseminableContentSchema })),
        }),
      ),
      'The last time a supervisor returned the sanitised version to the analysts, and why; with the draft returned (no longer the sanitised version) until an analyst sanitises again. Null if never returned.',
    ),
    audit: z.array(auditEventSchema),
    personLinks: personLinksSchema,
  }),
  { id: 'ContactForReview', title: 'A contact in full, for review' },
);

export const splitContactSchema = named(
  z.strictObject({ ...contactSummarySchema.shape, splitInto: described(z.array(reference()), 'The references of the reports it was divided into.') }),
  { id: 'SplitContactResult', title: 'A contact divided into reports for several forces' },
);

export const questionSummarySchema = named(
  z.strictObject({
    id: z.uuid(),
    reference: reference(),
    force: described(forceNameSchema, 'The force that asked.'),
    askedAt: timestamp(),
    question: z.string(),
    status: z.enum(QUESTION_STATUSES),
    relayed: z.nullable(staffActionSchema),
  }),
  { id: 'QuestionSummary', title: "A force's question for the reporter" },
);

export const answerSummarySchema = named(
  z.strictObject({
    id: z.uuid(),
    questionId: described(z.optional(z.uuid()), 'The question answered; absent for information the reporter added unasked.'),
    reference: reference(),
    force: described(z.optional(z.string()), 'The force that asked; absent for added information.'),
    channel: z.enum(CHANNELS),
    receivedAt: timestamp(),
    status: z.enum(ANSWER_STATUSES),
    sanitised: z.nullable(z.strictObject({ ...staffActionSchema.shape, text: z.string() })),
    approved: z.nullable(staffActionSchema),
    notifiedAt: described(z.optional(timestamp()), 'When the force that has the report was sent it.'),
    version: z.number().check(z.int()),
  }),
  { id: 'AnswerSummary', title: "A reporter's answer, or information they added, without their own words" },
);

export const answerForReviewSchema = named(
  z.strictObject({
    ...answerSummarySchema.shape,
    question: described(z.nullable(questionSummarySchema), 'The question it answers; null for information added unasked.'),
    original: described(z.string(), "The reporter's own words, opened with the contact centre's key; reading them is recorded."),
    flags: z.array(flaggedDetailSchema),
  }),
  { id: 'AnswerForReview', title: "A reporter's answer in full, for review" },
);

export const followUpQueuesSchema = named(
  z.strictObject({ questionsAwaitingRelay: z.array(questionSummarySchema), answersAwaitingReview: z.array(answerSummarySchema) }),
  { id: 'FollowUpQueues', title: "Forces' questions to relay and reporters' answers to review, oldest first" },
);

// ─── a force's system ─────────────────────────────────────────────────────────────────────────

export const forceReportSummarySchema = named(
  z.strictObject({
    reference: described(z.nullable(z.string().check(z.regex(FORCE_REFERENCE_PATTERN))), "Your force's own reference for the report."),
    status: described(z.enum([...REPORT_STATUSES, 'transferred']), '`transferred` once your force has passed it on.'),
    categories: z.array(z.enum(CATEGORIES)),
    receivedOn: day(),
    disseminatedOn: described(z.nullable(day()), 'The day it reached your force; null once passed on.'),
  }),
  { id: 'ForceReportSummary', title: 'A report as a force lists it' },
);

export const forceReportListSchema = named(z.strictObject({ reports: z.array(forceReportSummarySchema), next: cursor() }), {
  id: 'ForceReportList',
  title: "A force's reports, newest first",
});

const forceAuditEntrySchema = described(
  z.strictObject({
    type: z.enum(['received', 'disseminated', 'read_by_force', 'outcome_recorded', 'transferred', 'question_asked', 'answer_disseminated']),
    on: day(),
    force: described(z.optional(z.string()), 'The force that acted, when a force did.'),
    destination: z.optional(z.nullable(z.string())),
    outcome: z.optional(z.enum(OUTCOMES)),
    from: z.optional(z.nullable(z.string())),
    to: z.optional(z.nullable(z.string())),
    questionId: z.optional(z.string()),
  }),
  "An audit entry a force may see: the day, never the time, and no one's words.",
);

export const forceReportSchema = named(
  z.strictObject({
    ...forceReportSummarySchema.shape,
    content: described(z.nullable(forceContentSchema), 'The reviewed content.'),
    routing: described(z.optional(forceRoutingSchema), 'How the report came to your force; absent once you passed it on.'),
    outcomes: described(
      z.optional(
        z.array(
          z.strictObject({ outcome: z.enum(OUTCOMES), force: z.string(), on: day(), note: described(z.optional(z.string()), "Your force's own notes only.") }),
        ),
      ),
      'Absent once you passed it on.',
    ),
    transferredOn: described(z.optional(day()), 'The day your force passed it on; present only then.'),
    passedOnBy: z.array(z.strictObject({ force: z.string(), name: z.string(), on: day() })),
    audit: z.array(forceAuditEntrySchema),
  }),
  { id: 'ForceReport', title: 'A report in full, as a force may see it' },
);

export const transferResultSchema = named(
  z.strictObject({
    ...forceReportSummarySchema.shape,
    transferredTo: described(z.string(), "The receiving force's id (or what was typed, when the registry does not know it)."),
    heldInTriage: described(
      z.boolean(),
      'True when it waits with the contact centre instead: the receiving force has not joined, or may not receive it.',
    ),
  }),
  { id: 'TransferResult', title: 'A report passed on' },
);

export const questionAskedSchema = named(z.strictObject({ questionId: z.uuid(), status: z.literal('awaiting_relay') }), {
  id: 'QuestionAsked',
  title: 'A question waiting for the contact centre to relay it',
});

// ─── the public ───────────────────────────────────────────────────────────────────────────────

export const receivedSchema = named(z.strictObject({ status: z.literal('received') }), { id: 'Received', title: 'Taken in, waiting for review' });

const month = () => z.string().check(z.regex(/^\d{4}-(0[1-9]|1[0-2])$/));

const publicCountSchema = described(
  z.union([
    z.number().check(z.int(), z.gte(SUPPRESSION_THRESHOLD)),
    z.literal(FEWER_THAN_FIVE),
    described(z.string().check(z.regex(/^\d+ to \d+$/)), 'The range a figure including hidden counts must lie in.'),
  ]),
  `A count: ${SUPPRESSION_THRESHOLD} or more, "${FEWER_THAN_FIVE}", or a range such as "135 to 139".`,
);

const countsSchema = z.record(z.enum(COLUMNS), publicCountSchema);

export const publicStatisticsSchema = named(
  z.strictObject({
    view: z.literal('public'),
    force: forceNameSchema,
    from: month(),
    to: month(),
    columns: z.array(z.enum(COLUMNS)),
    months: z.array(z.strictObject({ month: month(), counts: countsSchema })),
    totals: countsSchema,
    suppression: described(z.string(), 'The suppression rules, in words.'),
  }),
  { id: 'PublicStatistics', title: "A force's published figures by month" },
);

export type ContactSummary = z.input<typeof contactSummarySchema>;
export type ContactList = z.input<typeof contactListSchema>;
export type ContactForReview = z.input<typeof contactForReviewSchema>;
export type SplitContactResult = z.input<typeof splitContactSchema>;
export type QuestionSummary = z.input<typeof questionSummarySchema>;
export type AnswerSummary = z.input<typeof answerSummarySchema>;
export type AnswerForReview = z.input<typeof answerForReviewSchema>;
export type FollowUpQueues = z.input<typeof followUpQueuesSchema>;
export type ForceReportSummary = z.input<typeof forceReportSummarySchema>;
export type ForceReportList = z.input<typeof forceReportListSchema>;
export type ForceReportView = z.input<typeof forceReportSchema>;
export type TransferResult = z.input<typeof transferResultSchema>;
export type QuestionAsked = z.input<typeof questionAskedSchema>;
export type Received = z.input<typeof receivedSchema>;
export type PublicStatisticsView = z.input<typeof publicStatisticsSchema>;
