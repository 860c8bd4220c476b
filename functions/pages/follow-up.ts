/**
 * The reporter's follow-up pages: coming back to a report with its reference and follow-up code,
 * seeing where it stands, answering the questions relayed to them and adding information.
 *
 * There are no accounts and no cookies: every form on the report's page carries the reference and
 * code again as hidden inputs, and each post opens the report afresh. "Sign out" is only a link
 * away: there is nothing to clear.
 */
import { FOLLOW_UP_CODE_DIGITS } from '#domain/follow-up-code.ts';
import { hiddenInput, submitButton, successBanner, tag, textarea, textInput, type TagColour } from './components.ts';
import { html } from './html.ts';
import { CONTACT_CENTRE_PHONE, page, telHref, type FieldError } from './layout.ts';

export type { FieldError } from './layout.ts';
export { notFoundPage, problemPage } from './layout.ts';

/** Where a report stands, as its reporter may know it: never which force, nor what it did. */
export type FollowUpStatus = 'received' | 'passed_to_a_police_force' | 'closed';

export type SignInRefusal = 'not-recognised' | 'too-many-attempts';

export type FollowUpNotice = 'answer-received' | 'information-received';

export interface FollowUpQuestion {
  readonly id: string;
  /** ISO date and time. */
  readonly askedAt: string;
  readonly text: string;
  readonly answered: boolean;
}

const REFUSALS: Record<SignInRefusal, string> = {
  // The same words whatever was wrong: whether a reference exists is not given away.
  'not-recognised': 'We could not find a report with that reference and follow-up code. Check them and try again.',
  'too-many-attempts': 'There have been too many attempts to open this report. Try again in an hour.',
};

export interface FollowUpSignInPageOptions {
  readonly values?: { readonly reference?: string; readonly code?: string };
  /** Errors for the `reference` and `code` fields. */
  readonly errors?: readonly FieldError[];
  readonly refusal?: SignInRefusal | undefined;
}

export const followUpSignInPage = ({ values = {}, errors = [], refusal }: FollowUpSignInPageOptions = {}): string => {
  const errorFor = (field: string): string | undefined => errors.find((error) => error.field === field)?.message;
  return page({
    title: 'Check a report you made',
    errors,
    ...(refusal === undefined ? {} : { errorDescription: REFUSALS[refusal] }),
    main: html`
<h1 class="govuk-heading-l">Check a report you made</h1>
<p class="govuk-body">Enter the reference and follow-up code you were given when you sent your report. You can then see where your report is, answer any questions and add information.</p>

<form method="post" action="/follow-up" novalidate accept-charset="utf-8">
${textInput({
  id: 'reference',
  name: 'reference',
  label: 'Reference',
  hint: 'For example, PAC-7K3M-X9QD',
  value: values.reference,
  error: errorFor('reference'),
  autocomplete: 'off',
  autocapitalize: 'characters',
  spellcheck: false,
  width: 'govuk-input--width-20',
})}
${textInput({
  id: 'code',
  name: 'code',
  label: 'Follow-up code',
  hint: `${FOLLOW_UP_CODE_DIGITS} numbers, like 1234 5678 9012 3456. You can include the spaces.`,
  value: values.code,
  error: errorFor('code'),
  autocomplete: 'off',
  inputmode: 'numeric',
  spellcheck: false,
  width: 'govuk-input--width-20',
})}
${submitButton('Continue')}
</form>

<h2 class="govuk-heading-m">If you have lost your follow-up code</h2>
<p class="govuk-body">Nobody can recover a follow-up code, including us. You can <a class="govuk-link" href="/report">make a new report</a> and say that you have reported before, or call our contact centre free on <a class="govuk-link" href="${telHref(CONTACT_CENTRE_PHONE)}">${CONTACT_CENTRE_PHONE}</a>.</p>`,
  });
};

const STATUSES: Record<FollowUpStatus, { readonly tag: string; readonly colour: TagColour; readonly explanation: string }> = {
  received: {
    tag: 'Received',
    colour: 'blue',
    explanation: 'Our contact centre has your report. They remove anything that could identify you before it is passed to the police.',
  },
  passed_to_a_police_force: {
    tag: 'Passed to a police force',
    colour: 'green',
    explanation: 'Your report has been passed to the police force it concerns. They may ask you questions here.',
  },
  closed: {
    tag: 'Closed',
    colour: 'grey',
    explanation: 'We have finished dealing with your report. You can still add information if there is something new.',
  },
};

const NOTICES: Record<FollowUpNotice, string> = {
  'answer-received': 'Your answer has been sent',
  'information-received': 'Your information has been sent',
};

/** "3 March 2025", in UK time; what was given, if it is not a date. */
const dayOf = (isoDateTime: string): string => {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime())
    ? isoDateTime
    : date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
};

export interface FollowUpPageOptions {
  readonly reference: string;
  /** The follow-up code as it was accepted; posted again with every form on the page. */
  readonly code: string;
  readonly status: FollowUpStatus;
  /** The questions relayed to the reporter, oldest first. */
  readonly questions: readonly FollowUpQuestion[];
  /** What was typed, by input id: `answer-<questionId>` or `information`. */
  readonly values?: Readonly<Record<string, string | undefined>>;
  /** Errors for `answer-<questionId>` or `information`. */
  readonly errors?: readonly FieldError[];
  readonly notice?: FollowUpNotice | undefined;
}

export const followUpPage = ({ reference, code, status, questions, values = {}, errors = [], notice }: FollowUpPageOptions): string => {
  const errorFor = (field: string): string | undefined => errors.find((error) => error.field === field)?.message;
  const shown = STATUSES[status];
  const credentials = html`${hiddenInput('reference', reference)}
${hiddenInput('code', code)}`;

  const question = (question: FollowUpQuestion) => {
    const id = `answer-${question.id}`;
    const asked = html`Question asked on ${dayOf(question.askedAt)}`;
    return question.answered
      ? html`
<div class="app-question">
  <h3 class="govuk-heading-s">${asked}</h3>
  <p class="govuk-body app-question__text">${question.text}</p>
  <p class="govuk-body">${tag('Answered', 'green')}</p>
</div>`
      : html`
<div class="app-question">
  <h3 class="govuk-heading-s">${asked}</h3>
  <form method="post" action="/follow-up/answer" novalidate accept-charset="utf-8">
    ${credentials}
    ${hiddenInput('questionId', question.id)}
    ${textarea({
      id,
      name: 'answer',
      label: html`<span class="app-question__text">${question.text}</span>`,
      value: values[id],
      error: errorFor(id),
      rows: 5,
      autocomplete: 'off',
    })}
    ${submitButton('Send answer')}
  </form>
</div>`;
  };

  return page({
    title: 'Your report',
    errors,
    main: html`
${notice === undefined ? '' : successBanner(NOTICES[notice], 'Our contact centre will check it before it is passed on.')}
<h1 class="govuk-heading-l">Your report</h1>

<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">Reference</dt>
    <dd class="govuk-summary-list__value"><span class="app-reference">${reference}</span></dd>
  </div>
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">Status</dt>
    <dd class="govuk-summary-list__value">${tag(shown.tag, shown.colour)}<p class="govuk-body app-status-explanation">${shown.explanation}</p></dd>
  </div>
</dl>

<h2 class="govuk-heading-m">Questions for you</h2>
${questions.length === 0
  ? html`<p class="govuk-body">There are no questions for you at the moment. The police may ask questions later, so check back from time to time.</p>`
  : html`<p class="govuk-body">Our contact centre checks your answers and removes anything that could identify you before they are passed on.</p>
${questions.map(question)}`}

<form method="post" action="/follow-up/information" novalidate accept-charset="utf-8" class="app-section">
  ${credentials}
  ${textarea({
    id: 'information',
    name: 'information',
    label: 'Add more information',
    heading: true,
    hint: 'Tell us anything new or anything you left out. Our contact centre checks it and removes anything that could identify you before it is passed on.',
    value: values.information,
    error: errorFor('information'),
    rows: 6,
    autocomplete: 'off',
  })}
  ${submitButton('Send information')}
</form>

<h2 class="govuk-heading-m">When you have finished</h2>
<p class="govuk-body">We do not keep you signed in. To come back, you will need your reference and follow-up code again.</p>
<p class="govuk-body"><a class="govuk-link" href="/">Sign out</a></p>`,
  });
};
