/**
 * The call agent's phone report form, made for typing while the caller talks: the questions in the
 * order a caller usually tells them (what happened, who, where, when), then what kind of wrongdoing
 * it is and whether the caller stays anonymous; every field reached by Tab, in that order, no
 * mouse needed. Its fields are the public form's (functions/pages/report-form.ts
 * reads them into a report the same way), worded for the agent. Then the confirmation: the
 * reference and follow-up code large, to read back, shown this once.
 */
import { CATEGORIES } from '#domain/report.ts';
import { NARRATIVE_MAX } from '#domain/report.ts';
import { forcesByName } from '#domain/forces.ts';
import { groupedFollowUpCode } from '#domain/follow-up-code.ts';
import { checkboxes, dateInput, panel, radios, select, textarea, textInput } from '../components.ts';
import { html } from '../html.ts';
import { errorSummary, firstErrorPerField, type FieldError } from '../layout.ts';
import { en } from '../messages/en.ts';
import type { ReportFormValues } from '../report-form.ts';
import { consolePage, type Person } from './layout.ts';
import { hiddenInput, submitButton } from './parts.ts';

/** The form's fields in the order the caller tells them: the order of the error summary. */
const PHONE_FORM_ORDER = [
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
  'categories',
  'reporterMode',
  'contactName',
  'contactEmail',
  'contactPhone',
  'contactSafeTimes',
];
const inFormOrder = (errors: readonly FieldError[]): FieldError[] =>
  [...errors].sort((a, b) => (PHONE_FORM_ORDER.indexOf(a.field) >>> 0) - (PHONE_FORM_ORDER.indexOf(b.field) >>> 0));

const FORCE_OPTIONS = [
  { value: 'unknown', text: 'Not known' },
  ...forcesByName().map((force) => ({ value: force.id, text: force.name })),
];

interface PhoneReportPageOptions {
  readonly person: Person;
  /** Sent back with the report, so that sending the same form twice (a double press, a reload) makes one report. */
  readonly idempotencyKey: string;
  readonly values?: Partial<ReportFormValues>;
  readonly errors?: readonly FieldError[];
  /** A problem with the form as a whole, said at the top. */
  readonly errorDescription?: string;
}

export const phoneReportPage = ({ person, idempotencyKey, values: typed = {}, errors = [], errorDescription }: PhoneReportPageOptions): string => {
  const values = { categories: [], force: 'unknown', ongoing: false, ...typed } as Partial<ReportFormValues> & { categories: readonly string[] };
  const shown = inFormOrder(firstErrorPerField(errors));
  const errorFor = (field: string) => shown.find((error) => error.field === field)?.message;
  return consolePage({
    person,
    path: '/phone-report',
    title: shown.length > 0 || errorDescription !== undefined ? 'Error: Take a report by phone' : 'Take a report by phone',
    main: html`
${shown.length > 0 || errorDescription !== undefined ? errorSummary(shown, errorDescription) : ''}
<h1 class="govuk-heading-l">Take a report by phone</h1>
<p class="govuk-body">Type as the caller tells it. Tab moves to the next question; only what happened and what kind of wrongdoing it is are needed. Never ask for or type the number they are calling from.</p>
<form method="post" action="/phone-report" novalidate accept-charset="utf-8">
${hiddenInput('csrf', person.csrf)}
${hiddenInput('idempotencyKey', idempotencyKey)}

${textarea({ id: 'narrative', name: 'narrative', label: 'What happened, in the caller\'s words', heading: true, value: values.narrative, error: errorFor('narrative'), rows: 10, maxLength: NARRATIVE_MAX, autocomplete: 'off' })}

<h2 class="govuk-heading-m">Who it is about</h2>
${radios({
  name: 'subjectRole',
  idPrefix: 'subjectRole',
  legend: 'They are',
  error: errorFor('subjectRole'),
  items: [
    { value: 'officer', text: 'A police officer' },
    { value: 'staff', text: 'Police staff' },
    { value: 'volunteer', text: 'A volunteer (special constable or other)' },
    { value: 'unknown', text: 'Not known' },
  ],
  checked: values.subjectRole === undefined ? [] : [values.subjectRole],
  small: true,
})}
${textInput({ id: 'subjectName', name: 'subjectName', label: 'Their name', value: values.subjectName, error: errorFor('subjectName'), autocomplete: 'off', spellcheck: false })}
${textInput({ id: 'subjectCollarNumber', name: 'subjectCollarNumber', label: 'Collar or shoulder number', value: values.subjectCollarNumber, error: errorFor('subjectCollarNumber'), autocomplete: 'off', spellcheck: false, width: 'govuk-input--width-10' })}
${textInput({ id: 'subjectRank', name: 'subjectRank', label: 'Rank or job', value: values.subjectRank, error: errorFor('subjectRank'), autocomplete: 'off' })}
${textInput({ id: 'subjectStation', name: 'subjectStation', label: 'Station or team', value: values.subjectStation, error: errorFor('subjectStation'), autocomplete: 'off' })}

<h2 class="govuk-heading-m">Where</h2>
${select({ id: 'force', name: 'force', label: 'The force they work for, or where it happened', value: values.force, error: errorFor('force'), options: FORCE_OPTIONS, autocomplete: 'off' })}
${textInput({ id: 'postcode', name: 'postcode', label: 'Postcode where it happened', value: values.postcode, error: errorFor('postcode'), autocomplete: 'off', autocapitalize: 'characters', spellcheck: false, width: 'govuk-input--width-10' })}
${textarea({ id: 'locationDescription', name: 'locationDescription', label: 'The place, in the caller\'s words', value: values.locationDescription, error: errorFor('locationDescription'), rows: 2, autocomplete: 'off' })}

<h2 class="govuk-heading-m">When</h2>
${dateInput({
  id: 'when',
  legend: 'When it happened, or started',
  hint: 'For example, 27 3 2024. Leave it empty if the caller does not know.',
  error: errorFor('whenDay') ?? errorFor('whenMonth') ?? errorFor('whenYear'),
  parts: [
    { id: 'whenDay', name: 'whenDay', label: 'Day', value: values.whenDay, width: 2, error: errorFor('whenDay') !== undefined },
    { id: 'whenMonth', name: 'whenMonth', label: 'Month', value: values.whenMonth, width: 2, error: errorFor('whenMonth') !== undefined },
    { id: 'whenYear', name: 'whenYear', label: 'Year', value: values.whenYear, width: 4, error: errorFor('whenYear') !== undefined },
  ],
})}
${checkboxes({ name: 'ongoing', idPrefix: 'ongoing', error: errorFor('ongoing'), items: [{ value: 'yes', text: 'It is still going on' }], checked: values.ongoing === true ? ['yes'] : [], small: true })}

${checkboxes({
  name: 'categories',
  idPrefix: 'categories',
  legend: 'What kind of wrongdoing it is',
  heading: true,
  hint: 'Choose every one that fits.',
  error: errorFor('categories'),
  items: CATEGORIES.map((category) => ({ value: category, text: en.categories.descriptions[category] })),
  checked: values.categories,
  small: true,
})}

<h2 class="govuk-heading-m">The caller</h2>
${radios({
  name: 'reporterMode',
  idPrefix: 'reporterMode',
  legend: 'Do they want to stay anonymous?',
  error: errorFor('reporterMode'),
  items: [
    { value: 'anonymous', text: 'Yes, anonymous: take no name or contact details' },
    { value: 'confidential', text: 'No: they give a way to reach them, kept from the police' },
  ],
  checked: values.reporterMode === undefined ? [] : [values.reporterMode],
  small: true,
})}
${textInput({ id: 'contactName', name: 'contactName', label: 'Their name (only if not anonymous)', value: values.contactName, error: errorFor('contactName'), autocomplete: 'off' })}
${textInput({ id: 'contactEmail', name: 'contactEmail', label: 'E-mail address (only if not anonymous)', type: 'email', value: values.contactEmail, error: errorFor('contactEmail'), autocomplete: 'off', spellcheck: false })}
${textInput({ id: 'contactPhone', name: 'contactPhone', label: 'A number they choose to give (only if not anonymous)', type: 'tel', value: values.contactPhone, error: errorFor('contactPhone'), autocomplete: 'off' })}
${textInput({ id: 'contactSafeTimes', name: 'contactSafeTimes', label: 'When it is safe to contact them', value: values.contactSafeTimes, error: errorFor('contactSafeTimes'), autocomplete: 'off' })}

${submitButton('Record the report')}
</form>`,
  });
};

/** After the report is taken: what to read back to the caller, large, this once. */
export const phoneReportTakenPage = (person: Person, reference: string, followUpCode: string): string =>
  consolePage({
    person,
    title: 'Report recorded',
    main: html`
${panel('Report recorded', 'Read these to the caller now. They will not be shown again.')}
<h2 class="govuk-heading-m">Reference</h2>
<p class="app-read-out" id="reference">${reference}</p>
<h2 class="govuk-heading-m">Follow-up code</h2>
<p class="app-read-out" id="follow-up-code">${groupedFollowUpCode(followUpCode)}</p>
<p class="govuk-body">With both, the caller can come back online or by phone to see what happened, and answer any question, without giving their name.</p>
<p class="govuk-body"><a class="govuk-link" href="/phone-report" id="next-report">Take another report</a></p>`,
  });
