/**
 * Every document a force's queue carries, each a published contract, versioned: the report
 * notification, the reporter's answer to a question, and information the reporter added.
 * schemas/force-notification.v3.json, force-answer.v3.json and force-information.v3.json are
 * generated from these schemas (earlier versions stay in schemas/ as they were published), and test/unit/published-documents.contract.test.ts fails the
 * build if they differ. A change a consumer could trip on needs a new version, not an edit
 * (schemas/CHANGELOG.md).
 *
 * What goes into them is chosen from an allow-list elsewhere: force-facing.ts for the report,
 * force-notification.ts, force-answer-notification.ts and force-information-notification.ts for
 * each document. Never the reporter's reference, contact details, how they made contact, or any
 * time of day.
 */
import * as z from '../zod.ts';
import { described, named } from '../zod.ts';
import { REFERENCE_PATTERN } from '../reference.ts';
import { CATEGORIES, SUBJECT_ROLES } from '../report.ts';
import { FORCE_REFERENCE_PATTERN } from './force-reference.ts';

// ─── the parts they share ─────────────────────────────────────────────────────────────────────

const day = () => z.iso.date();

export const forceNameSchema = described(z.strictObject({ id: z.string(), name: z.string() }), 'A force, as the registry names it.');

/** The report's content as a force receives it: as reviewed, with forces named by the registry. */
export const forceContentSchema = z.strictObject({
  categories: z.array(z.enum(CATEGORIES)).check(z.minLength(1)),
  subject: z.optional(
    z.strictObject({
      role: z.enum(SUBJECT_ROLES),
      name: z.optional(z.string()),
      collarNumber: z.optional(z.string()),
      rank: z.optional(z.string()),
      station: z.optional(z.string()),
      employer: described(z.optional(forceNameSchema), 'The force that employs the person, when the registry knows it.'),
    }),
  ),
  forceNamed: described(z.optional(forceNameSchema), 'The force the report names for where it happened, when the registry knows it.'),
  location: z.optional(z.strictObject({ description: z.optional(z.string()), postcode: z.optional(z.string()) })),
  when: z.optional(z.strictObject({ from: z.optional(day()), to: z.optional(day()), ongoing: z.optional(z.boolean()) })),
  narrative: z.string(),
});

export type ForceContent = z.infer<typeof forceContentSchema>;

export const forceRoutingSchema = described(
  z.strictObject({ rule: z.string(), explanation: described(z.string(), "Why the report is with this force, in the service's fixed words.") }),
  'How the report came to this force.',
);

/** A force's own reference; on the contact centre's triage queue, the contact centre's reference. */
export const forceMessageReference = described(
  z.string().check(
    z.refine((value) => FORCE_REFERENCE_PATTERN.test(value) || REFERENCE_PATTERN.test(value), { error: 'reference must be a force reference' }),
  ),
  "The force's own reference for the report (FR-XXXX-XXXX-XXXX), unlinkable to any other; on the triage queue, the contact centre's reference.",
);

/**
 * Every message carries the id to deduplicate on. The FIFO queue drops a repeat only within five
 * minutes; a force's system must keep the ids it has stored and ignore a message whose id it has
 * seen, however late it comes.
 */
const messageId = () =>
  described(
    z.string().check(z.minLength(1), z.maxLength(128)),
    "This message's id: the same for every copy of this message, however often or late it is delivered, and different for any other message. Store it with what you store, and ignore a message whose id you already have. It equals the SQS MessageDeduplicationId.",
  );

// ─── the report ───────────────────────────────────────────────────────────────────────────────

export const FORCE_NOTIFICATION_VERSION = '3.0';

export const forceNotificationSchema = named(
  z.strictObject({
    schemaVersion: z.literal(FORCE_NOTIFICATION_VERSION),
    type: z.literal('report.disseminated'),
    messageId: messageId(),
    reference: forceMessageReference,
    force: described(forceNameSchema, 'The force (or triage) this notification is for.'),
    receivedOn: described(z.iso.date(), 'The day the service received the report.'),
    disseminatedOn: described(z.iso.date(), 'The day it was passed to this force.'),
    ...forceContentSchema.shape,
    routing: forceRoutingSchema,
  }),
  { id: 'ForceNotification', title: 'A report disseminated to a police force' },
);

export type ForceNotification = z.infer<typeof forceNotificationSchema>;

// ─── the reporter's answer to a question ──────────────────────────────────────────────────────

export const FORCE_ANSWER_VERSION = '3.0';

export const forceAnswerNotificationSchema = named(
  z.strictObject({
    schemaVersion: z.literal(FORCE_ANSWER_VERSION),
    type: z.literal('report.answer'),
    messageId: messageId(),
    reference: forceMessageReference,
    force: forceNameSchema,
    questionId: z.string(),
    askedBy: described(forceNameSchema, 'The force that asked the question.'),
    question: described(z.optional(z.string()), 'The question as it was asked; only to the force that asked it.'),
    answer: described(z.string(), "The reporter's answer, sanitised by the contact centre."),
    answeredOn: described(z.iso.date(), 'The day the reporter answered.'),
    disseminatedOn: z.iso.date(),
  }),
  { id: 'ForceAnswerNotification', title: "The reporter's answer to a force's question" },
);

export type ForceAnswerNotification = z.infer<typeof forceAnswerNotificationSchema>;

// ─── information the reporter added ───────────────────────────────────────────────────────────

export const FORCE_INFORMATION_VERSION = '3.0';

export const forceInformationNotificationSchema = named(
  z.strictObject({
    schemaVersion: z.literal(FORCE_INFORMATION_VERSION),
    type: z.literal('report.information'),
    messageId: messageId(),
    reference: forceMessageReference,
    force: forceNameSchema,
    informationId: z.string(),
    information: described(z.string(), 'What the reporter added, sanitised by the contact centre.'),
    receivedOn: described(z.iso.date(), 'The day the reporter added it.'),
    disseminatedOn: z.iso.date(),
  }),
  { id: 'ForceInformationNotification', title: 'More information from the reporter about a report' },
);

export type ForceInformationNotification = z.infer<typeof forceInformationNotificationSchema>;
