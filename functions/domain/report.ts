/**
 * What a member of the public (or a call agent on their behalf) tells the service: the public
 * contract of `POST /reports`. The zod schema is the single source of the type, the validation
 * and the published JSON Schema.
 */
import * as z from './zod.ts';
import { described, named } from './zod.ts';
import { groupedNumber } from './entities/numerals.ts';
import { typedText } from './typed-text.ts';

export const CATEGORIES = [
  'bribery',
  'abuse_of_position',
  'sexual_misconduct',
  'domestic_abuse',
  'discrimination',
  'other_criminality',
] as const;

export const categoryDescriptions: Record<Category, string> = {
  bribery: 'Bribery or selling information',
  abuse_of_position: 'Abuse of position for personal advantage',
  sexual_misconduct: 'Abuse of position for a sexual purpose',
  domestic_abuse: 'Abusing or controlling a partner',
  discrimination: 'Racist, homophobic, misogynistic or disablist conduct',
  other_criminality: 'Other criminality',
};

export const SUBJECT_ROLES = ['officer', 'staff', 'volunteer', 'unknown'] as const;

/** The largest report body the public API accepts: far above the longest narrative, far below abuse. */
export const MAX_REPORT_BYTES = 64 * 1024;

export const NARRATIVE_MIN = 20;
export const NARRATIVE_MAX = 10_000;

/**
 * Characters nobody types but that can hide or disguise text on an analyst's screen: control
 * characters other than tab and line breaks, and the bidirectional overrides used to make text
 * read differently from what it says.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/** Free text with a sensible ceiling; surrounding white space is not part of the answer. */
const text = (max: number, what: string) =>
  typedText(what).check(
    z.trim(),
    z.minLength(1, { error: `${what} must not be empty; leave it out if you do not know it` }),
    z.maxLength(max, { error: `${what} must be ${max} characters or fewer` }),
    z.refine((value) => !UNPRINTABLE.test(value), { error: `${what} contains characters that cannot be shown` }),
  );

/** A force as the reporter knows it: an id, an official name, a short name, an alias, or "unknown". */
const forceAsTyped = (what: string) => text(200, what);

/**
 * A full UK postcode ("SW1A 1AA"), or the part the reporter knows: a district ("HR3") or a
 * sector ("HR3 5"). Spacing and case do not matter.
 */
export const POSTCODE_PATTERN = /^\s*[A-Za-z]{1,2}[0-9][A-Za-z0-9]?(\s*[0-9]([A-Za-z]{2})?)?\s*$/;

const isoDate = (what: string) =>
  z.iso.date({ error: `${what} must be a date written as YYYY-MM-DD` });

export const subjectSchema = described(
  z.strictObject({
    role: z.enum(SUBJECT_ROLES, {
      error: `role must be one of: ${SUBJECT_ROLES.join(', ')}`,
    }),
    name: z.optional(text(200, 'name')),
    collarNumber: z.optional(text(20, 'collarNumber')),
    rank: z.optional(text(100, 'rank')),
    station: z.optional(text(200, 'station')),
    force: described(z.optional(forceAsTyped('subject.force')), 'The force that employs the person: an id, official name or alias, or "unknown".'),
  }),
  'Who the report is about.',
);

export const locationSchema = z.strictObject({
  description: z.optional(text(2_000, 'location.description')),
  postcode: z.optional(
    z.string({ error: 'postcode must be text' }).check(
      z.regex(POSTCODE_PATTERN, {
        error: 'postcode must be a UK postcode such as SW1A 1AA, or its first part such as SW1A or SW1A 1',
      }),
    ),
  ),
});

export const whenSchema = z
  .strictObject({
    from: z.optional(isoDate('when.from')),
    to: z.optional(isoDate('when.to')),
    ongoing: z.optional(z.boolean({ error: 'ongoing must be true or false' })),
  })
  .check(
    z.refine((when) => when.from === undefined || when.to === undefined || when.from <= when.to, {
      error: 'when.to must not be before when.from',
      path: ['to'],
    }),
  );

export const contactSchema = described(
  z.strictObject({
    name: z.optional(text(200, 'contact.name')),
    email: z.optional(z.email({ error: 'contact.email must be an e-mail address' }).check(z.maxLength(254))),
    phone: z.optional(
      z.string({ error: 'contact.phone must be text' }).check(z.regex(/^\+?[0-9 ()-]{7,20}$/, { error: 'contact.phone must be a telephone number' })),
    ),
    safeTimes: described(z.optional(text(500, 'contact.safeTimes')), 'When it is safe to contact the reporter, and how.'),
  }),
  'How the contact centre may reach a confidential reporter. Never sent to a force, never logged.',
);

export const reporterSchema = z.discriminatedUnion(
  'mode',
  [
    described(z.strictObject({ mode: z.literal('anonymous') }), 'Nothing about the reporter is collected: no contact details are accepted.'),
    described(
      z.strictObject({ mode: z.literal('confidential'), contact: z.optional(contactSchema) }),
      'The reporter may leave contact details for the contact centre only.',
    ),
  ],
  { error: 'reporter.mode must be "anonymous" or "confidential"' },
);

export const reportSubmissionSchema = named(
  z.strictObject({
    categories: z
      .array(z.enum(CATEGORIES, { error: `each category must be one of: ${CATEGORIES.join(', ')}` }), {
        error: 'categories must be a list',
      })
      .check(
        z.minLength(1, { error: 'choose at least one category' }),
        z.maxLength(CATEGORIES.length),
        z.refine((categories) => new Set(categories).size === categories.length, {
          error: 'each category may be chosen once',
        }),
      ),
    subject: z.optional(subjectSchema),
    force: described(z.optional(forceAsTyped('force')), 'The force the report concerns or where it happened: an id, official name or alias, or "unknown".'),
    location: z.optional(locationSchema),
    when: z.optional(whenSchema),
    narrative: typedText('narrative', 'narrative is required: tell us what happened').check(
      z.trim(),
      z.minLength(NARRATIVE_MIN, { error: `narrative must be at least ${NARRATIVE_MIN} characters: tell us what happened` }),
      z.maxLength(NARRATIVE_MAX, { error: `narrative must be ${groupedNumber(NARRATIVE_MAX)} characters or fewer` }),
      z.refine((value) => !UNPRINTABLE.test(value), { error: 'narrative contains characters that cannot be shown' }),
    ),
    reporter: z._default(reporterSchema, { mode: 'anonymous' }),
  }),
  { id: 'ReportSubmission', title: 'A report of police corruption or abuse' },
);

export type Category = (typeof CATEGORIES)[number];
export type ReportSubmission = z.output<typeof reportSubmissionSchema>;
export type ReporterMode = ReportSubmission['reporter']['mode'];
export type ReportSubmissionInput = z.input<typeof reportSubmissionSchema>;

/** How the contact centre may reach a confidential reporter. */
export type Contact = z.output<typeof contactSchema>;

/** A report's words without the reporter's contact details, and the contact details, to be sealed apart. */
export const separateContactDetails = (report: ReportSubmission): { original: ReportSubmission; contactDetails?: Contact } => {
  if (report.reporter.mode !== 'confidential' || report.reporter.contact === undefined) return { original: report };
  const { contact, ...reporter } = report.reporter;
  return { original: { ...report, reporter }, contactDetails: contact };
};

/** The report as the reporter gave it: its original with the contact details put back, while they are kept. */
export const withContactDetails = (original: ReportSubmission, contactDetails: Contact | undefined): ReportSubmission =>
  contactDetails === undefined || original.reporter.mode !== 'confidential' ? original : { ...original, reporter: { ...original.reporter, contact: contactDetails } };
