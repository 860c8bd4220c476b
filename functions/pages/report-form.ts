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
import { CATEGORIES, NARRATIVE_MAX, NARRATIVE_MIN, type Category } from '#domain/report.ts';
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
import { firstErrorPerField, page, type FieldError, type LanguageLink } from './layout.ts';
import { en } from './messages/en.ts';
import { messagesFor, pathIn, type Language, type Messages } from './messages/language.ts';

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
/** The months in Welsh, taken in either language whichever page the form came from. */
const WELSH_MONTH_NAMES = ['ionawr', 'chwefror', 'mawrth', 'ebrill', 'mai', 'mehefin', 'gorffennaf', 'awst', 'medi', 'hydref', 'tachwedd', 'rhagfyr'];

/** A month as a number (1 to 12), or a name or its first 3 letters or more ("Jan", "sept", "Chwef"), in English or Welsh. */
const monthNumber = (typed: string): number | undefined => {
  if (/^[0-9]{1,2}$/.test(typed)) return Number(typed);
  const lower = typed.toLowerCase();
  if (lower.length < 3) return undefined;
  const index = MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  if (index !== -1) return index + 1;
  const welsh = WELSH_MONTH_NAMES.findIndex((name) => name.startsWith(lower));
  return welsh === -1 ? undefined : welsh + 1;
};

type FormErrorWords = Messages['formErrors'];

/** Today's date in the UK, as YYYY-MM-DD. */
const ukToday = (now: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

/**
 * Checks a GOV.UK date input, with GOV.UK's messages: all of it or none of it, a real date, a
 * 4-digit year, not in the future.
 */
export const checkDate = (typed: { day: string; month: string; year: string }, today: string, words: FormErrorWords = en.formErrors): DateCheck => {
  const day = typed.day.trim();
  const month = typed.month.trim();
  const year = typed.year.trim();
  if (day === '' && month === '' && year === '') return { kind: 'empty' };
  const missing = (['day', 'month', 'year'] as const).filter((part) => ({ day, month, year })[part] === '');
  if (missing.length > 0) return { kind: 'problem', message: words.dateMustInclude(missing), parts: missing };

  const dayNumber = /^[0-9]{1,2}$/.test(day) ? Number(day) : undefined;
  const monthValue = monthNumber(month);
  const unreal: DatePartName[] = [];
  if (dayNumber === undefined || dayNumber < 1 || dayNumber > 31) unreal.push('day');
  if (monthValue === undefined || monthValue < 1 || monthValue > 12) unreal.push('month');
  if (!/^[0-9]+$/.test(year)) unreal.push('year');
  if (unreal.length > 0) return { kind: 'problem', message: words.dateReal, parts: unreal };
  if (!/^[0-9]{4}$/.test(year)) return { kind: 'problem', message: words.yearFourDigits, parts: ['year'] };

  const date = new Date(Date.UTC(Number(year), monthValue! - 1, dayNumber!));
  if (date.getUTCFullYear() !== Number(year) || date.getUTCMonth() !== monthValue! - 1 || date.getUTCDate() !== dayNumber) {
    return { kind: 'problem', message: words.dateReal, parts: ['day', 'month', 'year'] };
  }
  const iso = `${year}-${String(monthValue).padStart(2, '0')}-${String(dayNumber).padStart(2, '0')}`;
  if (Number(year) < 1900) return { kind: 'problem', message: words.date1900, parts: ['year'] };
  if (iso > today) return { kind: 'problem', message: words.dateFuture, parts: ['day', 'month', 'year'] };
  return { kind: 'date', iso };
};

const DATE_PART_FIELD: Record<DatePartName, ReportFormField> = { day: 'whenDay', month: 'whenMonth', year: 'whenYear' };
const DATE_FIELDS: readonly string[] = Object.values(DATE_PART_FIELD);

// ---------------------------------------------------------------------------------------------
// From the form to the submission
// ---------------------------------------------------------------------------------------------

export const ANONYMOUS_WITH_CONTACT = en.formErrors.anonymousWithContact;

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
  language: Language = 'en',
): { values: ReportFormValues; submission: unknown; errors: FieldError[] } => {
  const words = messagesFor(language).formErrors;
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
    if (forceById(force) === undefined) errors.push({ field: 'force', message: words.chooseForce });
    else submission.force = force;
  }

  const location = given({ postcode: values.postcode, description: values.locationDescription });
  if (!isEmpty(location)) submission.location = location;

  const date = checkDate({ day: values.whenDay, month: values.whenMonth, year: values.whenYear }, ukToday(now), words);
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
    if (!isEmpty(contact)) errors.push({ field: 'reporterMode', message: words.anonymousWithContact });
    submission.reporter = { mode };
  } else if (mode === '') {
    if (!isEmpty(contact)) errors.push({ field: 'reporterMode', message: words.chooseReporterMode });
  } else {
    submission.reporter = { mode };
  }

  return { values, submission, errors };
};

// ---------------------------------------------------------------------------------------------
// The schema's issues as GOV.UK error messages
// ---------------------------------------------------------------------------------------------

type Issue = z.core.$ZodIssue;

/** A free-text answer: its id on the form, and its messages in the catalogue. */
type TextFieldWords = FormErrorWords['subjectName'];

const TEXT_FIELDS: Readonly<Record<string, { readonly id: ReportFormField; readonly words: (errors: FormErrorWords) => TextFieldWords }>> = {
  'subject.name': { id: 'subjectName', words: (errors) => errors.subjectName },
  'subject.collarNumber': { id: 'subjectCollarNumber', words: (errors) => errors.subjectCollarNumber },
  'subject.rank': { id: 'subjectRank', words: (errors) => errors.subjectRank },
  'subject.station': { id: 'subjectStation', words: (errors) => errors.subjectStation },
  'location.description': { id: 'locationDescription', words: (errors) => errors.locationDescription },
  'reporter.contact.name': { id: 'contactName', words: (errors) => errors.contactName },
  'reporter.contact.safeTimes': { id: 'contactSafeTimes', words: (errors) => errors.contactSafeTimes },
};

const limit = (issue: Issue): string | undefined =>
  issue.code === 'too_big' ? groupedNumber(Number(issue.maximum)) : undefined;

const textFieldMessage = (field: TextFieldWords, issue: Issue): string => {
  switch (issue.code) {
    case 'too_big':
      return field.tooLong(limit(issue) ?? '');
    case 'custom':
      return field.hidden;
    default:
      return field.enter;
  }
};

const narrativeMessage = (issue: Issue, words: FormErrorWords): string => {
  switch (issue.code) {
    case 'too_big':
      return words.narrativeTooLong(groupedNumber(NARRATIVE_MAX));
    case 'custom':
      return words.narrativeHidden;
    default:
      return words.narrativeTooShort(NARRATIVE_MIN);
  }
};

/** The input to link to for a part of the report as a whole. */
const GROUP_FIELDS: Readonly<Record<string, ReportFormField>> = {
  subject: 'subjectRole',
  location: 'postcode',
  when: 'whenDay',
  reporter: 'reporterMode',
  'reporter.contact': 'contactName',
};

/**
 * One issue as the error for the input it is about, in the page's words: by the issue's path and
 * code, never by the schema's own message (which is the API's, in English).
 */
const issueError = (issue: Issue, words: FormErrorWords): FieldError => {
  const path = issue.path.filter((segment): segment is string => typeof segment === 'string');
  const key = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    // Answers the form never sends, except for contact details with "stay anonymous".
    if (key === 'reporter' && issue.keys.includes('contact')) return { field: 'reporterMode', message: words.anonymousWithContact };
    return { field: GROUP_FIELDS[key] ?? 'categories', message: words.unexpected };
  }
  const textField = TEXT_FIELDS[key];
  if (textField !== undefined) return { field: textField.id, message: textFieldMessage(textField.words(words), issue) };

  switch (key) {
    case 'categories':
      return { field: 'categories', message: issue.code === 'custom' ? words.categoryOnce : words.chooseCategory };
    case 'narrative':
      return { field: 'narrative', message: narrativeMessage(issue, words) };
    case 'subject':
    case 'subject.role':
      return { field: 'subjectRole', message: words.chooseRole };
    case 'subject.force':
    case 'force':
      return { field: 'force', message: words.chooseForce };
    case 'location':
    case 'location.postcode':
      return { field: 'postcode', message: words.postcode };
    case 'when':
    case 'when.from':
      return { field: 'whenDay', message: words.dateReal };
    case 'when.to':
      return { field: 'whenDay', message: words.dateEnded };
    case 'when.ongoing':
      return { field: 'ongoing', message: words.ongoing };
    case 'reporter':
    case 'reporter.mode':
      return { field: 'reporterMode', message: words.chooseReporterMode };
    case 'reporter.contact':
      return { field: 'contactName', message: words.generic };
    case 'reporter.contact.email':
      return { field: 'contactEmail', message: issue.code === 'too_big' ? words.emailTooLong(limit(issue) ?? '') : words.email };
    case 'reporter.contact.phone':
      return { field: 'contactPhone', message: words.phone };
    default:
      // The root, or a part of the report the form does not have: nothing the person can see
      // to correct, so the error is on the first question.
      return { field: 'categories', message: words.unexpected };
  }
};

/**
 * The issues reportSubmissionSchema.safeParse found in a submission from `submissionFromForm`,
 * as GOV.UK error messages, each with the id of the input to link to: for a group of checkboxes
 * or radios, the first one; for the date, the day. One error per input.
 */
export const fieldErrors = (issues: readonly Issue[], language: Language = 'en'): FieldError[] => {
  const words = messagesFor(language).formErrors;
  return firstErrorPerField(issues.map((issue) => issueError(issue, words)));
};

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

/** A force's name in a language: the Welsh forces' in Welsh on the Welsh pages, every other as the registry gives it. */
const forceName = (words: Messages, force: { readonly id: string; readonly name: string }): string =>
  (words.forceNames as Readonly<Record<string, string>>)[force.id] ?? force.name;

const forceOptions = (words: Messages) => [
  { value: 'unknown', text: words.form.doNotKnow },
  // Alphabetical by name, compared in lower case rather than with localeCompare(…, 'en-GB'): the same
  // order for these names (a test holds it to the collation's), without loading ICU's collator as the
  // function starts.
  ...FORCES.map((force) => ({ value: force.id, text: forceName(words, force) }))
    .sort((a, b) => (a.text.toLowerCase() < b.text.toLowerCase() ? -1 : a.text.toLowerCase() > b.text.toLowerCase() ? 1 : 0)),
];

const FORCE_OPTIONS: Partial<Record<Language, ReturnType<typeof forceOptions>>> = {};
const forceOptionsIn = (language: Language) => (FORCE_OPTIONS[language] ??= forceOptions(messagesFor(language)));

export interface ReportFormPageOptions {
  readonly values?: Partial<ReportFormValues>;
  readonly errors?: readonly FieldError[];
  /** Sent back with the report, so that sending the same report twice makes one report. */
  readonly idempotencyKey: string;
  readonly language?: Language;
}

export const reportFormPage = ({ values: typed = {}, errors = [], idempotencyKey, language = 'en' }: ReportFormPageOptions): string => {
  const words = messagesFor(language);
  const form = words.form;
  const componentWords = words.components;
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
<p class="govuk-hint">${form.contactIntro}</p>
${textInput({ id: 'contactName', name: 'contactName', label: form.contactNameLabel, value: values.contactName, error: errorFor('contactName'), autocomplete: 'name', spellcheck: false, words: componentWords })}
${textInput({
  id: 'contactEmail',
  name: 'contactEmail',
  label: form.contactEmailLabel,
  words: componentWords,
  type: 'email',
  value: values.contactEmail,
  error: errorFor('contactEmail'),
  autocomplete: 'email',
  spellcheck: false,
})}
${textInput({
  id: 'contactPhone',
  name: 'contactPhone',
  label: form.contactPhoneLabel,
  words: componentWords,
  type: 'tel',
  value: values.contactPhone,
  error: errorFor('contactPhone'),
  autocomplete: 'tel',
  width: 'govuk-input--width-20',
})}
${textarea({
  id: 'contactSafeTimes',
  name: 'contactSafeTimes',
  label: form.safeTimesLabel,
  hint: form.safeTimesHint,
  words: componentWords,
  value: values.contactSafeTimes,
  error: errorFor('contactSafeTimes'),
  rows: 3,
  autocomplete: 'off',
})}`;

  const ongoingError = errorFor('ongoing');

  const main = html`
<h1 class="govuk-heading-xl">${form.title}</h1>
<p class="govuk-body">${form.intro}</p>
<p class="govuk-body">${form.nothingSent}</p>

<form method="post" action="${pathIn(language, '/report')}" novalidate accept-charset="utf-8">
${hiddenInput('idempotencyKey', idempotencyKey)}

${checkboxes({
  name: 'categories',
  idPrefix: 'categories',
  legend: form.categoriesLegend,
  heading: true,
  hint: form.categoriesHint,
  error: errorFor('categories'),
  items: CATEGORIES.map((category) => ({
    value: category,
    text: words.categories.descriptions[category],
    hint: (words.categories.hints as Partial<Record<Category, string>>)[category],
  })),
  words: componentWords,
  checked: values.categories,
})}

${textarea({
  id: 'narrative',
  name: 'narrative',
  label: form.narrativeLabel,
  heading: true,
  hint: form.narrativeHint,
  words: componentWords,
  value: values.narrative,
  error: errorFor('narrative'),
  rows: 10,
  maxLength: NARRATIVE_MAX,
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">${form.whoHeading}</h2>
<p class="govuk-body">${form.whoIntro}</p>
${radios({
  name: 'subjectRole',
  idPrefix: 'subjectRole',
  legend: form.roleLegend,
  error: errorFor('subjectRole'),
  items: [
    { value: 'officer', text: form.roleOfficer },
    { value: 'staff', text: form.roleStaff, hint: form.roleStaffHint },
    { value: 'volunteer', text: form.roleVolunteer },
    { value: 'unknown', text: form.doNotKnow },
  ],
  words: componentWords,
  checked: [values.subjectRole],
})}
${textInput({ id: 'subjectName', name: 'subjectName', label: form.nameLabel, value: values.subjectName, error: errorFor('subjectName'), autocomplete: 'off', spellcheck: false, words: componentWords })}
${textInput({
  id: 'subjectCollarNumber',
  name: 'subjectCollarNumber',
  label: form.collarLabel,
  hint: form.collarHint,
  words: componentWords,
  value: values.subjectCollarNumber,
  error: errorFor('subjectCollarNumber'),
  autocomplete: 'off',
  spellcheck: false,
  width: 'govuk-input--width-10',
})}
${textInput({
  id: 'subjectRank',
  name: 'subjectRank',
  label: form.rankLabel,
  hint: form.rankHint,
  words: componentWords,
  value: values.subjectRank,
  error: errorFor('subjectRank'),
  autocomplete: 'off',
})}
${textInput({
  id: 'subjectStation',
  name: 'subjectStation',
  label: form.stationLabel,
  hint: form.stationHint,
  words: componentWords,
  value: values.subjectStation,
  error: errorFor('subjectStation'),
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">${form.whereHeading}</h2>
${select({
  id: 'force',
  name: 'force',
  label: form.forceLabel,
  hint: form.forceHint,
  value: values.force,
  error: errorFor('force'),
  options: forceOptionsIn(language),
  words: componentWords,
  autocomplete: 'off',
})}
${textInput({
  id: 'postcode',
  name: 'postcode',
  label: form.postcodeLabel,
  hint: form.postcodeHint,
  words: componentWords,
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
  label: form.locationLabel,
  hint: form.locationHint,
  words: componentWords,
  value: values.locationDescription,
  error: errorFor('locationDescription'),
  rows: 3,
  autocomplete: 'off',
})}

<h2 class="govuk-heading-m">${form.whenHeading}</h2>
${dateInput({
  id: 'when',
  legend: form.whenLegend,
  hint: form.whenHint,
  words: componentWords,
  error: dateError?.message,
  parts: [
    { id: 'whenDay', name: 'whenDay', label: form.day, value: values.whenDay, width: 2, error: markedParts.includes('day') },
    { id: 'whenMonth', name: 'whenMonth', label: form.month, value: values.whenMonth, width: 2, error: markedParts.includes('month') },
    { id: 'whenYear', name: 'whenYear', label: form.year, value: values.whenYear, width: 4, error: markedParts.includes('year') },
  ],
})}
${checkboxes({
  name: 'ongoing',
  idPrefix: 'ongoing',
  error: ongoingError,
  items: [{ value: 'yes', text: form.ongoing }],
  words: componentWords,
  checked: values.ongoing ? ['yes'] : [],
  small: true,
})}

<h2 class="govuk-heading-m">${form.aboutYouHeading}</h2>
${radios({
  name: 'reporterMode',
  idPrefix: 'reporterMode',
  legend: form.modeLegend,
  error: errorFor('reporterMode'),
  words: componentWords,
  items: [
    { value: 'anonymous', text: form.modeAnonymous },
    {
      value: 'confidential',
      text: form.modeConfidential,
      hint: form.modeConfidentialHint,
      conditional: contactFields,
    },
  ],
  checked: [values.reporterMode],
})}

<p class="govuk-body">${form.youWillGet}</p>
${submitButton(form.send)}
</form>`;

  // With errors, the language link sends the form again to the other language's path, so the
  // answers stay and the errors are said in that language; the empty form links to its path.
  const languageLink: LanguageLink =
    shown.length === 0
      ? { path: '/report' }
      : { post: '/report', fields: html`${hiddenInput('idempotencyKey', idempotencyKey)}${hiddenReportFields(values)}` };
  return page({ language, languageLink, title: form.title, main, errors: shown });
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
  readonly language?: Language;
  /**
   * The form as it was sent, with its key, and the seal of this confirmation: the language link
   * sends them again, with the code, to the other language's path, which answers with this page in
   * that language (the same report, so the same reference, and with the seal the same code).
   * Without it, the link is to the start page.
   */
  readonly sent?: { readonly values: ReportFormValues; readonly idempotencyKey: string; readonly seal: string };
}

export const confirmationPage = ({ reference, followUpCode, language = 'en', sent }: ConfirmationPageOptions): string => {
  const words = messagesFor(language);
  const confirmation = words.confirmation;
  return page({
    language,
    languageLink:
      sent === undefined
        ? { path: '/' }
        : {
            post: '/report',
            fields: html`${hiddenInput('idempotencyKey', sent.idempotencyKey)}${hiddenReportFields(sent.values)}${hiddenInput('followUpCode', followUpCode)}${hiddenInput('confirmationSeal', sent.seal)}`,
          },
    title: confirmation.title,
    main: html`
${panel(confirmation.title, html`${confirmation.yourReference}<br><strong class="app-reference">${reference}</strong>`)}

<h2 class="govuk-heading-m">${confirmation.codeHeading}</h2>
<p class="govuk-body">${confirmation.codeUse}</p>
<p class="app-code" id="follow-up-code">${groupDigits(followUpCode)}</p>
${warningText(confirmation.writeDown, words.components)}

<h2 class="govuk-heading-m">${confirmation.nextHeading}</h2>
<p class="govuk-body">${confirmation.nextCheck}</p>
<p class="govuk-body">${confirmation.nextQuestions.before} <a class="govuk-link" href="${pathIn(language, '/follow-up')}">${confirmation.nextQuestions.link}</a> ${confirmation.nextQuestions.after}</p>`,
  });
};

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
  readonly language?: Language;
  /** The form's own key, which the language link sends again with the values (this same page, in the other language). */
  readonly sentIdempotencyKey?: string;
}

/**
 * For a form sent again with its key but with something changed (the person went back, changed
 * the report and pressed ‘Send report’ again). The first report was taken in and its reference
 * shown; this says so without showing anything from either, and offers to send what was sent just
 * now as a new report with one press, or to add to the first one instead.
 */
export const changedReportPage = ({ values, idempotencyKey, language = 'en', sentIdempotencyKey }: ChangedReportPageOptions): string => {
  const changed = messagesFor(language).changed;
  return page({
    language,
    languageLink:
      sentIdempotencyKey === undefined
        ? { path: '/' }
        : { post: '/report', fields: html`${hiddenInput('idempotencyKey', sentIdempotencyKey)}${hiddenReportFields(values)}` },
    title: changed.title,
    main: html`
<h1 class="govuk-heading-l">${changed.title}</h1>
<p class="govuk-body">${changed.received}</p>
<p class="govuk-body">${changed.different}</p>

<h2 class="govuk-heading-m">${changed.sendNewHeading}</h2>
<p class="govuk-body">${changed.sendNewText}</p>
<form method="post" action="${pathIn(language, '/report')}" novalidate accept-charset="utf-8">
${hiddenInput('idempotencyKey', idempotencyKey)}
${hiddenReportFields(values)}
${submitButton(changed.sendNew)}
</form>

<h2 class="govuk-heading-m">${changed.addHeading}</h2>
<p class="govuk-body">${changed.add.before} <a class="govuk-link" href="${pathIn(language, '/follow-up')}">${changed.add.link}</a> ${changed.add.after}</p>

<p class="govuk-body">${changed.nothingElse}</p>
<p class="govuk-body"><a class="govuk-link" href="${pathIn(language, '/')}">${changed.startLink}</a></p>`,
  });
};
