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
import { messagesFor, pathIn, type Language } from './messages/language.ts';

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

export interface FollowUpSignInPageOptions {
  readonly values?: { readonly reference?: string; readonly code?: string };
  /** Errors for the `reference` and `code` fields. */
  readonly errors?: readonly FieldError[];
  readonly refusal?: SignInRefusal | undefined;
  readonly language?: Language;
}

export const followUpSignInPage = ({ values = {}, errors = [], refusal, language = 'en' }: FollowUpSignInPageOptions = {}): string => {
  const words = messagesFor(language);
  const signIn = words.signIn;
  const errorFor = (field: string): string | undefined => errors.find((error) => error.field === field)?.message;
  // The same words whatever was wrong: whether a reference exists is not given away.
  const refusals = { 'not-recognised': signIn.notRecognised, 'too-many-attempts': signIn.tooManyAttempts } as const;
  return page({
    language,
    // Never the code: the other language's sign-in page is asked for afresh.
    languageLink: { path: '/follow-up' },
    title: signIn.title,
    errors,
    ...(refusal === undefined ? {} : { errorDescription: refusals[refusal] }),
    main: html`
<h1 class="govuk-heading-l">${signIn.title}</h1>
<p class="govuk-body">${signIn.intro}</p>

<form method="post" action="${pathIn(language, '/follow-up')}" novalidate accept-charset="utf-8">
${textInput({
  id: 'reference',
  name: 'reference',
  label: signIn.referenceLabel,
  hint: signIn.referenceHint,
  value: values.reference,
  error: errorFor('reference'),
  autocomplete: 'off',
  autocapitalize: 'characters',
  spellcheck: false,
  width: 'govuk-input--width-20',
  words: words.components,
})}
${textInput({
  id: 'code',
  name: 'code',
  label: signIn.codeLabel,
  hint: signIn.codeHint(FOLLOW_UP_CODE_DIGITS),
  value: values.code,
  error: errorFor('code'),
  autocomplete: 'off',
  inputmode: 'numeric',
  spellcheck: false,
  width: 'govuk-input--width-20',
  words: words.components,
})}
${submitButton(signIn.continue)}
</form>

<h2 class="govuk-heading-m">${signIn.lostHeading}</h2>
<p class="govuk-body">${signIn.lost.before} <a class="govuk-link" href="${pathIn(language, '/report')}">${signIn.lost.link}</a> ${signIn.lost.middle} <a class="govuk-link" href="${telHref(CONTACT_CENTRE_PHONE)}">${CONTACT_CENTRE_PHONE}</a>${signIn.lost.after}</p>`,
  });
};

const COLOURS: Record<FollowUpStatus, TagColour> = { received: 'blue', passed_to_a_police_force: 'green', closed: 'grey' };

/** "3 March 2025" ("3 Mawrth 2025"), in UK time; what was given, if it is not a date. */
const dayOf = (isoDateTime: string, locale: string): string => {
  const date = new Date(isoDateTime);
  return Number.isNaN(date.getTime())
    ? isoDateTime
    : date.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/London' });
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
  readonly language?: Language;
}

export const followUpPage = ({ reference, code, status, questions, values = {}, errors = [], notice, language = 'en' }: FollowUpPageOptions): string => {
  const words = messagesFor(language);
  const followUp = words.followUp;
  const errorFor = (field: string): string | undefined => errors.find((error) => error.field === field)?.message;
  const shown = followUp.statuses[status];
  const notices = { 'answer-received': followUp.answerReceived, 'information-received': followUp.informationReceived } as const;
  const credentials = html`${hiddenInput('reference', reference)}
${hiddenInput('code', code)}`;

  const question = (question: FollowUpQuestion) => {
    const id = `answer-${question.id}`;
    const asked = html`${followUp.askedOn(dayOf(question.askedAt, words.locale))}`;
    return question.answered
      ? html`
<div class="app-question">
  <h3 class="govuk-heading-s">${asked}</h3>
  <p class="govuk-body app-question__text">${question.text}</p>
  <p class="govuk-body">${tag(followUp.answered, 'green')}</p>
</div>`
      : html`
<div class="app-question">
  <h3 class="govuk-heading-s">${asked}</h3>
  <form method="post" action="${pathIn(language, '/follow-up/answer')}" novalidate accept-charset="utf-8">
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
      words: words.components,
    })}
    ${submitButton(followUp.sendAnswer)}
  </form>
</div>`;
  };

  return page({
    language,
    // The report opened again in the other language, with the same reference and code: nothing is sent again.
    languageLink: { post: '/follow-up', fields: credentials },
    title: followUp.title,
    errors,
    main: html`
${notice === undefined ? '' : successBanner(notices[notice], followUp.checkedBeforePassedOn, words.components)}
<h1 class="govuk-heading-l">${followUp.title}</h1>

<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">${followUp.reference}</dt>
    <dd class="govuk-summary-list__value"><span class="app-reference">${reference}</span></dd>
  </div>
  <div class="govuk-summary-list__row">
    <dt class="govuk-summary-list__key">${followUp.status}</dt>
    <dd class="govuk-summary-list__value">${tag(shown.tag, COLOURS[status])}<p class="govuk-body app-status-explanation">${shown.explanation}</p></dd>
  </div>
</dl>

<h2 class="govuk-heading-m">${followUp.questionsHeading}</h2>
${questions.length === 0
  ? html`<p class="govuk-body">${followUp.noQuestions}</p>`
  : html`<p class="govuk-body">${followUp.answersChecked}</p>
${questions.map(question)}`}

<form method="post" action="${pathIn(language, '/follow-up/information')}" novalidate accept-charset="utf-8" class="app-section">
  ${credentials}
  ${textarea({
    id: 'information',
    name: 'information',
    label: followUp.addLabel,
    heading: true,
    hint: followUp.addHint,
    value: values.information,
    error: errorFor('information'),
    rows: 6,
    autocomplete: 'off',
    words: words.components,
  })}
  ${submitButton(followUp.sendInformation)}
</form>

<h2 class="govuk-heading-m">${followUp.finishedHeading}</h2>
<p class="govuk-body">${followUp.notSignedIn}</p>
<p class="govuk-body"><a class="govuk-link" href="${pathIn(language, '/')}">${followUp.signOut}</a></p>`,
  });
};
