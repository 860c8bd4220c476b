/**
 * The report form: one short page that posts a urlencoded body to /report, the mapping from that
 * body to the JSON shape reportSubmissionSchema takes, the schema's issues said as GOV.UK error
 * messages linked to the inputs they are about, the confirmation page, and the page for a form sent
 * again with its key but changed, which offers to send it as a new report.
 *
 * A handler uses them like this:
 *
 *   const { values, submission, errors } = submissionFromForm(form, now);
 *   const parsed = reportSubmissionSchema.safeParse(submission);
 *   const all = [...errors, ...(parsed.success ? [] : fieldErrors(parsed.error.issues))];
 *   if (all.length > 0) → 400 with reportFormPage({ values, errors: all, idempotencyKey: form.get('idempotencyKey') })
 *   else take parsed.data (never `submission` when `errors` is not empty) → confirmationPage(…)
 *
 * `submissionFromForm` leaves out of `submission` whatever it has already refused, so the two
 * lists never say the same thing twice; `reportFormPage` puts errors in the order of the form.
 */
import type * as z from '#domain/zod.ts';
import { FORCES, forceById } from '#domain/forces.ts';
import { CATEGORIES, categoryDescriptions, NARRATIVE_MAX, NARRATIVE_MIN, type Category } from '#domain/report.ts';
import {
  checkboxes,
  dateInput,
  hiddenInput,
  panel,
  radios,
  select,
  submitButton,
  textarea,
  textInput,
  warningText,
} from './components.ts';
import { groupedNumber } from '#domain/entities/numerals.ts';
import { html, type SafeHtml } from './html.ts';
import { firstErrorPerField, page, type FieldError } from './layout.ts';

export type { FieldError } from './layout.ts';

/** What the person typed, as they typed it, to fill the form in again. */
export interface ReportFormValues {
  readonly categories: readonly string[];
  readonly narrative: string;
  readonly subjectRole: string;
  readonly subjectName: string;
  readonly subjectCollarNumber: string;
  readonly subjectRank: string;
  readonly subjectStation: string;
  /** A force id, or 'unknown'. */
  readonly force: string;
  readonly postcode: string;
  readonly locationDescription: string;
  readonly whenDay: string;
  readonly whenMonth: string;
  readonly whenYear: string;
  readonly ongoing: boolean;
  /** 'anonymous', 'confidential' or '' when neither was chosen. */
  readonly reporterMode: string;
  readonly contactName: string;
  readonly contactEmail: string;
  readonly contactPhone: string;
  readonly contactSafeTimes: string;
}

/** The ids of the form's inputs in the order they appear: the order of the error summary. */
export const REPORT_FORM_FIELDS = [
  'categories',
  'narrative',
  'subjectRole',
  'subjectName',
  'subjectCollarNumber',
  'subjectRank',
  'subjectStation',
  'force',
  'postcode',
  'locationDescription',
  'whenDay',
  'whenMonth',
  'whenYear',
  'ongoing',
  'reporterMode',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactSafeTimes',
] as const;

export type ReportFormField = (typeof REPORT_FORM_FIELDS)[number];

const emptyValues: ReportFormValues = {
  categories: [],
  narrative: '',
  subjectRole: '',
  subjectName: '',
  subjectCollarNumber: '',
  subjectRank: '',
  subjectStation: '',
  force: 'unknown',
  postcode: '',
  locationDescription: '',
  whenDay: '',
  whenMonth: '',
  whenYear: '',
  ongoing: false,
  reporterMode: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  contactSafeTimes: '',
};

// ---------------------------------------------------------------------------------------------
// The date it started
// ---------------------------------------------------------------------------------------------

type DatePartName = 'day' | 'month' | 'year';

export type DateCheck =
  | { readonly kind: 'empty' }
  | { readonly kind: 'date'; readonly iso: string }
  | { readonly kind: 'problem'; readonly message: string; readonly parts: readonly DatePartName[] };

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month as a number (1 to 12), or a name or its first 3 letters or more ("Jan", "sept"). */
const monthNumber = (typed: string): number | undefined => {
  if (/^[0-9]{1,2}$/.test(typed)) return Number(typed);
  const lower = typed.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  return index === -1 ? undefined : index + 1;
};

const DATE_LABEL = 'Date it started';

const listed = (parts: readonly DatePartName[]): string =>
  parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;

/** Today's date in the UK, as YYYY-MM-DD. */
const ukToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * Checks a GOV.UK date input, with GOV.UK's messages: all of it or none of it, a real date, a
 * 4-digit year, not in the future.
 */
export const checkDate = (typed: { day: string; month: string; year: string }, today: string): DateCheck => {
  const day = typed.day.trim();
  const month = typed.month.trim();
  const year = typed.year.trim();
  if (day === '' && month === '' && year === '') return { kind: 'empty' };
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '');
  if (missing.length > 0) return { kind: 'problem', message: `${DATE_LABEL} must include a ${listed(missing)}`, parts: missing };

  const dayNumber = /^[0-9]{1,2}$/.test(day) ? Number(day) : undefined;
  const monthValue = monthNumber(month);
  const unreal: DatePartName[] = [];
  if (dayNumber === undefined || dayNumber < 1 || dayNumber > 31) unreal.push('day');
  if (monthValue === undefined || monthValue < 1 || monthValue > 12) unreal.push('month');
  if (!/^[0-9]+$/.test(year)) unreal.push('year');
  if (unreal.length > 0) return { kind: 'problem', message: `${DATE_LABEL} must be a real date`, parts: unreal };
  if (!/^[0-9]{4}$/.test(year)) return { kind: 'problem', message: 'Year must include 4 numbers', parts: ['year'] };

  const date = new Date(Date.UTC(Number(year), monthValue! - 1, dayNumber!));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== monthValue! - 1 || date.getUTCDate() !== dayNumber) {
    return { kind: 'problem', message: `${DATE_LABEL} must be a real date`, parts: ['day', 'month', 'year'] };
  }
  const iso = `${year}-${String(monthValue).padStart(2, '0')}-${String(dayNumber).padStart(2, '0')}`;
  if (Number(year) < 1900) return { kind: 'problem', message: `${DATE_LABEL} must be in 1900 or later`, parts: ['year'] };
  if (iso > today) return { kind: 'problem', message: `${DATE_LABEL} must be today or in the past`, parts: ['day', 'month', 'year'] };
  return { kind: 'date', iso };
};

const DATE_PART_FIELD: Record<DatePartName, ReportFormField> = { day: 'whenDay', month: 'whenMonth', year: 'whenYear' };
const DATE_FIELDS: readonly string[] = Object.values(DATE_PART_FIELD);

// ---------------------------------------------------------------------------------------------
// From the form to the submission
// ---------------------------------------------------------------------------------------------

export const ANONYMOUS_WITH_CONTACT =
  'You chose to stay anonymous. Remove your contact details, or choose to leave contact details';
const CHOOSE_REPORTER_MODE = 'Select whether you want to stay anonymous or leave contact details';
const CHOOSE_FORCE = 'Select the police force from the list, or ‘I do not know’';

/** Browsers send line breaks in a textarea as CRLF; counted as one character, as the page counts them. */
const text = (value: string): string => value.replace(/\r\n?/g, '\n');

export const valuesFromForm = (form: URLSearchParams): ReportFormValues => {
  const get = (name: string): string => text(form.get(name) ?? '');
  return {
    categories: form.getAll('categories'),
    narrative: get('narrative'),
    subjectRole: get('subjectRole'),
    subjectName: get('subjectName'),
    subjectCollarNumber: get('subjectCollarNumber'),
    subjectRank: get('subjectRank'),
    subjectStation: get('subjectStation'),
    force: get('force') || 'unknown',
    postcode: get('postcode'),
    locationDescription: get('locationDescription'),
    whenDay: get('whenDay'),
    whenMonth: get('whenMonth'),
    whenYear: get('whenYear'),
    ongoing: (form.get('ongoing') ?? '') !== '',
    reporterMode: get('reporterMode'),
    contactName: get('contactName'),
    contactEmail: get('contactEmail'),
    contactPhone: get('contactPhone'),
    contactSafeTimes: get('contactSafeTimes'),
  };
};

/** The answers given, trimmed, leaving out the ones left blank. */
const given = <K extends string>(entries: Record<K, string>): Partial<Record<K, string>> =>
  Object.fromEntries(
    Object.entries<string>(entries)
      .map(([key, value]) => [key, value.trim()] as const)
      .filter(([, value]) => value !== ''),
  ) as Partial<Record<K, string>>;

const isEmpty = (object: object): boolean => Object.keys(object).length === 0;

/**
 * The form as the JSON body reportSubmissionSchema takes, with what the person typed and the
 * problems only the form can have (a date in three parts, a force from the list, contact details
 * with "stay anonymous"). Answers left blank are left out.
 */
export const submissionFromForm = (
  form: URLSearchParams,
  now: Date,
): { values: ReportFormValues; submission: unknown; errors: FieldError[] } => {
  const values = valuesFromForm(form);
  const errors: FieldError[] = [];
  const submission: Record<string, unknown> = { categories: [...values.categories] };

  const subject = given({
    name: values.subjectName,
    collarNumber: values.subjectCollarNumber,
    rank: values.subjectRank,
    station: values.subjectStation,
  });
  const role = values.subjectRole.trim();
  if (role !== '' || !isEmpty(subject)) submission.subject = { role: role || 'unknown', ...subject };

  const force = values.force.trim();
  if (force !== '' && force !== 'unknown') {
    if (forceById(force) === undefined) errors.push({ field: 'force', message: CHOOSE_FORCE });
    else submission.force = force;
  }

  const location = given({ postcode: values.postcode, description: values.locationDescription });
  if (!isEmpty(location)) submission.location = location;

  const date = checkDate({ day: values.whenDay, month: values.whenMonth, year: values.whenYear }, ukToday(now));
  if (date.kind === 'problem') errors.push({ field: DATE_PART_FIELD[date.parts[0] ?? 'day'], message: date.message });
  const when = { ...(date.kind === 'date' ? { from: date.iso } : {}), ...(values.ongoing ? { ongoing: true } : {}) };
  if (!isEmpty(when)) submission.when = when;

  submission.narrative = values.narrative;

  const contact = given({
    name: values.contactName,
    email: values.contactEmail,
    phone: values.contactPhone,
    safeTimes: values.contactSafeTimes,
  });
  const mode = values.reporterMode.trim();
  if (mode === 'confidential') {
    submission.reporter = isEmpty(contact) ? { mode } : { mode, contact };
  } else if (mode === 'anonymous') {
    if (!isEmpty(contact)) errors.push({ field: 'reporterMode', message: ANONYMOUS_WITH_CONTACT });
    submission.reporter = { mode };
  } else if (mode === '') {
    if (!isEmpty(contact)) errors.push({ field: 'reporterMode', message: CHOOSE_REPORTER_MODE });
  } else {
    submission.reporter = { mode };
  }

  return { values, submission, errors };
};

// ---------------------------------------------------------------------------------------------
// The schema's issues as GOV.UK error messages
// ---------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/** A free-text answer: its id on the form, and how an error message names it. */
interface TextField {
  readonly id: ReportFormField;
  /** As the start of a sentence: "Their name must be 200 characters or less". */
  readonly name: string;
  /** As what to enter: "Enter their name". */
  readonly enter: string;
}

const TEXT_FIELDS: Readonly<Record<string, TextField>> = {
  'subject.name': { id: 'subjectName', name: 'Their name', enter: 'their name' },
  'subject.collarNumber': { id: 'subjectCollarNumber', name: 'Their collar or shoulder number', enter: 'their collar or shoulder number' },
  'subject.rank': { id: 'subjectRank', name: 'Their rank or job title', enter: 'their rank or job title' },
  'subject.station': { id: 'subjectStation', name: 'Where they work', enter: 'where they work' },
  'location.description': { id: 'locationDescription', name: 'Where it happened', enter: 'where it happened' },
  'reporter.contact.name': { id: 'contactName', name: 'Your name', enter: 'your name' },
  'reporter.contact.safeTimes': {
    id: 'contactSafeTimes',
    name: 'When and how it is safe to contact you',
    enter: 'when and how it is safe to contact you',
  },
};

const limit = (issue: Issue): string | undefined =>
  issue.code === 'too_big' ? groupedNumber(Number(issue.maximum)) : undefined;

const HIDDEN_CHARACTERS = 'includes hidden characters that cannot be shown. Type it again instead of pasting it';

const textFieldMessage = (field: TextField, issue: Issue): string => {
  switch (issue.code) {
    case 'too_big':
      return `${field.name} must be ${limit(issue)} characters or less`;
    case 'custom':
      return `${field.name} ${HIDDEN_CHARACTERS}`;
    default:
      return `Enter ${field.enter}`;
  }
};

const narrativeMessage = (issue: Issue): string => {
  switch (issue.code) {
    case 'too_big':
      return `What happened must be ${groupedNumber(NARRATIVE_MAX)} characters or less`;
    case 'custom':
      return `What happened ${HIDDEN_CHARACTERS}`;
    default:
      return `Tell us what happened, in at least ${NARRATIVE_MIN} characters`;
  }
};

const GENERIC = 'There is a problem with this answer. Check it and try again';
const UNEXPECTED = 'There is a problem with the report. Check your answers and try again';

/** The input to link to for a part of the report as a whole. */
const GROUP_FIELDS: Readonly<Record<string, ReportFormField>> = {
  subject: 'subjectRole',
  location: 'postcode',
  when: 'whenDay',
  reporter: 'reporterMode',
  'reporter.contact': 'contactName',
};

/** One issue as the error for the input it is about. */
const issueError = (issue: Issue): FieldError => {
  const path = issue.path.filter((segment): segment is string => typeof segment === 'string');
  const key = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    // Answers the form never sends, except for contact details with "stay anonymous".
    if (key === 'reporter' && issue.keys.includes('contact')) return { field: 'reporterMode', message: ANONYMOUS_WITH_CONTACT };
    return { field: GROUP_FIELDS[key] ?? 'categories', message: UNEXPECTED };
  }
  const textField = TEXT_FIELDS[key];
  if (textField !== undefined) return { field: textField.id, message: textFieldMessage(textField, issue) };

  switch (key) {
    case 'categories':
      return {
        field: 'categories',
        message: issue.code === 'custom' ? 'Select each thing the report is about only once' : 'Select what the report is about',
      };
    case 'narrative':
      return { field: 'narrative', message: narrativeMessage(issue) };
    case 'subject':
    case 'subject.role':
      return { field: 'subjectRole', message: 'Select what they do, or ‘I do not know’' };
    case 'subject.force':
    case 'force':
      return { field: 'force', message: CHOOSE_FORCE };
    case 'location':
    case 'location.postcode':
      return { field: 'postcode', message: 'Enter a postcode, like SW1A 1AA, or the first part, like SW1A' };
    case 'when':
    case 'when.from':
      return { field: 'whenDay', message: `${DATE_LABEL} must be a real date` };
    case 'when.to':
      return { field: 'whenDay', message: 'Date it ended must be the same as or after the date it started' };
    case 'when.ongoing':
      return { field: 'ongoing', message: 'Tick the box if it is still happening, or leave it empty' };
    case 'reporter':
    case 'reporter.mode':
      return { field: 'reporterMode', message: CHOOSE_REPORTER_MODE };
    case 'reporter.contact':
      return { field: 'contactName', message: GENERIC };
    case 'reporter.contact.email':
      return {
        field: 'contactEmail',
        message:
          issue.code === 'too_big'
            ? `Email address must be ${limit(issue)} characters or less`
            : 'Enter an email address in the correct format, like name@example.com',
      };
    case 'reporter.contact.phone':
      return { field: 'contactPhone', message: 'Enter a phone number, like 01632 960 001, 07700 900 982 or +44 808 157 0192' };
    default:
      // The root, or a part of the report the form does not have: nothing the person can see
      // to correct, so the error is on the first question.
      return { field: 'categories', message: UNEXPECTED };
  }
};

/**
 * The issues reportSubmissionSchema.safeParse found in a submission from `submissionFromForm`,
 * as GOV.UK error messages, each with the id of the input to link to: for a group of checkboxes
 * or radios, the first one; for the date, the day. One error per input.
 */
export const fieldErrors = (issues: readonly Issue[]): FieldError[] =>
  firstErrorPerField(issues.map(issueError));

/** Errors in the order of the form's inputs, one per input (a date, however many parts, once). */
export const orderedErrors = (errors: readonly FieldError[]): FieldError[] => {
  const position = (field: string): number => {
    const index = (REPORT_FORM_FIELDS as readonly string[]).indexOf(field);
    return index === -1 ? REPORT_FORM_FIELDS.length : index;
  };
  const once = firstErrorPerField(errors);
  const firstDate = once.find((error) => DATE_FIELDS.includes(error.field));
  return once
    .filter((error) => !DATE_FIELDS.includes(error.field) || error === firstDate)
    .map((error, index) => ({ error, index }))
    .sort((a, b) => position(a.error.field) - position(b.error.field) || a.index - b.index)
    .map(({ error }) => error);
};

// ---------------------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------------------

const CATEGORY_HINTS: Partial<Record<Category, string>> = {
  bribery: 'For example, taking money or favours, or passing on police information',
  abuse_of_position: 'Using their police role for their own gain',
  sexual_misconduct: 'Using their police role to pursue a sexual or improper emotional relationship with someone',
};

const FORCE_OPTIONS = [
  { value: 'unknown', text: 'I do not know' },
  // Alphabetical by name, compared in lower case rather than with localeCompare(…, 'en-GB'): the same
  // order for these names (a test holds it to the collation's), without loading ICU's collator as the
  // function starts.
  ...[...FORCES]
    .sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0))
    .map((force) => ({ value: force.id, text: force.name })),
];

export interface ReportFormPageOptions {
  readonly values?: Partial<ReportFormValues>;
  readonly errors?: readonly FieldError[];
  /** Sent back with the report, so that sending the same report twice makes one report. */
  readonly idempotencyKey: string;
}

export const reportFormPage = ({ values: typed = {}, errors = [], idempotencyKey }: ReportFormPageOptions): string => {
  const values: ReportFormValues = { ...emptyValues, ...typed };
  const shown = orderedErrors(errors);
  const errorFor = (field: string): string | undefined => shown.find((error) => error.field === field)?.message;

  const dateError = shown.find((error) => DATE_FIELDS.includes(error.field));
  // Which parts of the date to mark: the ones the check finds wrong ("9999-12-31": the highlight
  // does not depend on the clock), or all three when the problem is the whole date.
  const dateCheck = checkDate({ day: values.whenDay, month: values.whenMonth, year: values.whenYear }, '9999-12-31');
  const markedParts: readonly DatePartName[] =
    dateError === undefined ? [] : dateCheck.kind === 'problem' ? dateCheck.parts : ['day', 'month', 'year'];

  const contactFields = html`
<p class="govuk-hint">We will only use these if you chose to leave contact details. Only give details that are safe for us to use.</p>
${textInput({ id: 'contactName', name: 'contactName', label: 'Your name (optional)', value: values.contactName, error: errorFor('contactName'), autocomplete: 'name', spellcheck: false })}
${textInput({
  id: 'contactEmail',
  name: 'contactEmail',
  label: 'Email address (optional)',
  type: 'email',
  value: values.contactEmail,
  error: errorFor('contactEmail'),
  autocomplete: 'email',
  spellcheck: false,
})}
${textInput({
  id: 'contactPhone',
  name: 'contactPhone',
  label: 'Phone number (optional)',
  type: 'tel',
  value: values.contactPhone,
  error: errorFor('contactPhone'),
  autocomplete: 'tel',
  width: 'govuk-input--width-20',
})}
${textarea({
  id: 'contactSafeTimes',
  name: 'contactSafeTimes',
  label: 'When and how is it safe to contact you? (optional)',
  hint: 'For example, only by email, or only on weekday mornings. Tell us if we must not leave a message.',
  value: values.contactSafeTimes,
  error: errorFor('contactSafeTimes'),
  rows: 3,
  autocomplete: 'off',
})}`;

  const ongoingError = errorFor('ongoing');

  const main = html`
<h1 class="govuk-heading-xl">Make a report</h1>
<p class="govuk-body">Answer what you can. You only have to tell us what it is about and what happened.</p>
<p class="govuk-body">Nothing is sent until you press ‘Send report’ at the end of this page.</p>

<form method="post" action="/report" novalidate accept-charset="utf-8">
${hiddenInput('idempotencyKey', idempotencyKey)}

${checkboxes({
  name: 'categories',
  idPrefix: 'categories',
  legend: 'What is it about?',
  heading: true,
  hint: 'Select all that apply.',
  error: errorFor('categories'),
  items: CATEGORIES.map((category) => ({ value: category, text: categoryDescriptions[category], hint: CATEGORY_HINTS[category] })),
  checked: values.categories,
})}

${textarea({
  id: 'narrative',
  name: 'narrative',
  label: 'What happened?',
  heading: true,
  hint: html`Tell us what they did, when and where, and who else was there or saw it.
    If you want to stay anonymous, do not include your own name or anything else that could identify you.`,
  value: values.narrative,
  error: errorFor('narrative'),
  rows: 10,
  maxLength: NARRATIVE_MAX,
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">Who is it about?</h2>
<p class="govuk-body">Tell us what you know. You can leave any of these empty.</p>
${radios({
  name: 'subjectRole',
  idPrefix: 'subjectRole',
  legend: 'What do they do? (optional)',
  error: errorFor('subjectRole'),
  items: [
    { value: 'officer', text: 'A police officer' },
    { value: 'staff', text: 'A member of police staff', hint: 'For example, a call handler or a police community support officer (PCSO)' },
    { value: 'volunteer', text: 'A police volunteer' },
    { value: 'unknown', text: 'I do not know' },
  ],
  checked: [values.subjectRole],
})}
${textInput({ id: 'subjectName', name: 'subjectName', label: 'Their name (optional)', value: values.subjectName, error: errorFor('subjectName'), autocomplete: 'off', spellcheck: false })}
${textInput({
  id: 'subjectCollarNumber',
  name: 'subjectCollarNumber',
  label: 'Their collar or shoulder number (optional)',
  hint: 'Police officers wear this number on their uniform',
  value: values.subjectCollarNumber,
  error: errorFor('subjectCollarNumber'),
  autocomplete: 'off',
  spellcheck: false,
  width: 'govuk-input--width-10',
})}
${textInput({
  id: 'subjectRank',
  name: 'subjectRank',
  label: 'Their rank or job title (optional)',
  hint: 'For example, constable, sergeant or detective inspector',
  value: values.subjectRank,
  error: errorFor('subjectRank'),
  autocomplete: 'off',
})}
${textInput({
  id: 'subjectStation',
  name: 'subjectStation',
  label: 'Where they work (optional)',
  hint: 'For example, the police station or team',
  value: values.subjectStation,
  error: errorFor('subjectStation'),
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">Where did it happen?</h2>
${select({
  id: 'force',
  name: 'force',
  label: 'Police force (optional)',
  hint: 'The force they work for, or the area where it happened',
  value: values.force,
  error: errorFor('force'),
  options: FORCE_OPTIONS,
  autocomplete: 'off',
})}
${textInput({
  id: 'postcode',
  name: 'postcode',
  label: 'Postcode (optional)',
  hint: 'The full postcode, like SW1A 1AA, or the first part, like SW1A',
  value: values.postcode,
  error: errorFor('postcode'),
  autocomplete: 'off',
  autocapitalize: 'characters',
  spellcheck: false,
  width: 'govuk-input--width-10',
})}
${textarea({
  id: 'locationDescription',
  name: 'locationDescription',
  label: 'Describe where it happened (optional)',
  hint: 'For example, a street, a building, or inside a police station or car',
  value: values.locationDescription,
  error: errorFor('locationDescription'),
  rows: 3,
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">When did it happen?</h2>
${dateInput({
  id: 'when',
  legend: 'When did it start? (optional)',
  hint: 'For example, 27 3 2024. If you are not sure of the exact day, give your best guess.',
  error: dateError?.message,
  parts: [
    { id: 'whenDay', name: 'whenDay', label: 'Day', value: values.whenDay, width: 2, error: markedParts.includes('day') },
    { id: 'whenMonth', name: 'whenMonth', label: 'Month', value: values.whenMonth, width: 2, error: markedParts.includes('month') },
    { id: 'whenYear', name: 'whenYear', label: 'Year', value: values.whenYear, width: 4, error: markedParts.includes('year') },
  ],
})}
${checkboxes({
  name: 'ongoing',
  idPrefix: 'ongoing',
  error: ongoingError,
  items: [{ value: 'yes', text: 'It is still happening' }],
  checked: values.ongoing ? ['yes'] : [],
  small: true,
})}

<h2 class="govuk-heading-m">About you</h2>
${radios({
  name: 'reporterMode',
  idPrefix: 'reporterMode',
  legend: 'Do you want to stay anonymous?',
  error: errorFor('reporterMode'),
  items: [
    { value: 'anonymous', text: 'Stay anonymous: we will not ask who you are' },
    {
      value: 'confidential',
      text: 'Leave contact details for the contact centre only',
      hint: 'Our contact centre may get in touch about your report. They never pass your details to the police.',
      conditional: contactFields,
    },
  ],
  checked: [values.reporterMode],
})}

<p class="govuk-body">When you send your report, you will get a reference and a follow-up code.</p>
${submitButton('Send report')}
</form>`;

  return page({ title: 'Make a report', main, errors: shown });
};

// ---------------------------------------------------------------------------------------------
// The confirmation
// ---------------------------------------------------------------------------------------------

/** A code in groups of 4, to read and write down: "1234 5678 9012 3456". */
export const groupDigits = (code: string): string => (code.replace(/\s+/g, '').match(/.{1,4}/gsu) ?? []).join(' ');

export interface ConfirmationPageOptions {
  readonly reference: string;
  /** The code as a string of digits; shown once, here, and never again. */
  readonly followUpCode: string;
}

export const confirmationPage = ({ reference, followUpCode }: ConfirmationPageOptions): string =>
  page({
    title: 'Report sent',
    main: html`
${panel('Report sent', html`Your reference<br><strong class="app-reference">${reference}</strong>`)}

<h2 class="govuk-heading-m">Your follow-up code</h2>
<p class="govuk-body">You need this code and your reference to check your report, answer questions and add information.</p>
<p class="app-code" id="follow-up-code">${groupDigits(followUpCode)}</p>
${warningText(html`Write down your reference and follow-up code now, or keep them somewhere safe where nobody who should not see them will find them.
  Nobody can recover your follow-up code, including us. You will not see this page again.`)}

<h2 class="govuk-heading-m">What happens next</h2>
<p class="govuk-body">Our contact centre will check your report and remove anything that could identify you. Then they will pass it to the police force it concerns.</p>
<p class="govuk-body">The police may have questions for you. To see them, or to add more information, <a class="govuk-link" href="/follow-up">check a report you made</a> with your reference and follow-up code.</p>`,
  });

// ---------------------------------------------------------------------------------------------
// The form sent again, changed
// ---------------------------------------------------------------------------------------------

/**
 * What the person typed, as hidden inputs in the order of the form, so that posting them sends
 * what they sent, each value escaped. `valuesFromForm` reads them back as they were given.
 */
export const hiddenReportFields = (values: ReportFormValues): SafeHtml =>
  html`${REPORT_FORM_FIELDS.map((field) => {
    if (field === 'categories') return values.categories.map((category) => hiddenInput('categories', category));
    if (field === 'ongoing') return values.ongoing ? hiddenInput('ongoing', 'yes') : '';
    return hiddenInput(field, values[field]);
  })}`;

export interface ChangedReportPageOptions {
  /** What was sent just now, to send again as a new report if the person chooses to. */
  readonly values: ReportFormValues;
  /** A new key, never the form's: with it, what was sent just now is a report of its own. */
  readonly idempotencyKey: string;
}

/**
 * For a form sent again with its key but with something changed (the person went back, changed
 * the report and pressed ‘Send report’ again). The first report was taken in and its reference
 * shown; this says so without showing anything from either, and offers to send what was sent just
 * now as a new report with one press, or to add to the first one instead.
 */
export const changedReportPage = ({ values, idempotencyKey }: ChangedReportPageOptions): string =>
  page({
    title: 'You have already sent a report from this form',
    main: html`
<h1 class="govuk-heading-l">You have already sent a report from this form</h1>
<p class="govuk-body">We received the report you sent first. It is safe with us and you do not need to send it again. Its reference is on the page you saw when you sent it.</p>
<p class="govuk-body">What you sent just now is different from your first report, so we have not taken it in.</p>

<h2 class="govuk-heading-m">Send what you wrote just now as a new report</h2>
<p class="govuk-body">It will be a separate report, with a new reference and follow-up code. Your first report stays as it is.</p>
<form method="post" action="/report" novalidate accept-charset="utf-8">
${hiddenInput('idempotencyKey', idempotencyKey)}
${hiddenReportFields(values)}
${submitButton('Send as a new report')}
</form>

<h2 class="govuk-heading-m">Or add to your first report</h2>
<p class="govuk-body">If you wanted to correct your first report or tell us more, you can <a class="govuk-link" href="/follow-up">add information to a report you made</a> with its reference and follow-up code.</p>

<p class="govuk-body">If you did not mean to send anything else, you do not need to do anything.</p>
<p class="govuk-body"><a class="govuk-link" href="/">Go to the start page</a></p>`,
  });
