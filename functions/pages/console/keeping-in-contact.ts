/**
 * Keeping in contact on the staff console (functions/handlers/console-keeping-in-contact.ts):
 *
 * - the forces' questions waiting to be relayed to reporters, oldest first, each with a button to
 *   mark it relayed (analysts and call agents);
 * - a caller's answer to a relayed question, or information they add unasked, taken by phone once
 *   the caller has given their reference and follow-up code (call agents; keyboard first: the
 *   fields in the order the caller gives them, the first one focused);
 * - the answers waiting to be sanitised, and the screen to sanitise one: the reporter's words with
 *   each flagged detail marked, and the sanitised version started from them with every flagged
 *   detail replaced by its placeholder (analysts).
 *
 * Everything works without script; every form carries the session's CSRF token.
 */
import { FOLLOW_UP_CODE_DIGITS } from '#domain/follow-up-code.ts';
import type { IdentifyingDetail } from '#domain/identifying-details.ts';
import { radios, successBanner, textarea, textInput } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, type FieldError } from '../layout.ts';
import { consolePage, type Person } from './layout.ts';
import { hiddenInput, panel, submitButton } from './parts.ts';
import { waitInWords } from './queue-page.ts';
import { markedText } from './redactions.ts';
import { answerKind, channelName, dateAndTime, REFERENCE_EXAMPLE } from './words.ts';

const title = (text: string, problem: boolean): string => (problem ? `Error: ${text}` : text);
const fieldError = (errors: readonly FieldError[], field: string): string | undefined => errors.find((error) => error.field === field)?.message;

// ─── the questions to relay ────────────────────────────────────────────────────────────────────

interface QuestionToRelay {
  readonly reference: string;
  readonly questionId: string;
  readonly force: string;
  readonly askedAt: string;
  readonly waitedSeconds: number;
  readonly text: string;
}

export interface QuestionsView {
  readonly person: Person;
  readonly questions: readonly QuestionToRelay[];
  /** The question just marked relayed. */
  readonly relayed?: { readonly reference: string; readonly questionId: string };
  readonly refusal?: string;
}

export const questionsPage = ({ person, questions, relayed, refusal }: QuestionsView): string =>
  consolePage({
    person,
    path: '/questions',
    title: title('Questions to relay', refusal !== undefined),
    main: html`
${refusal === undefined ? '' : errorSummary([], refusal)}
${relayed === undefined ? '' : html`<div id="relayed">${successBanner('Question relayed', `The question about ${relayed.reference} is now in the reporter's follow-up inbox, and call agents will read it to them if they phone.`)}</div>`}
<h1 class="govuk-heading-l">Questions to relay</h1>
<p class="govuk-body">Forces' questions to reporters, oldest first. Check that a question asks nothing that would identify the reporter, then mark it relayed: the reporter sees it in their follow-up inbox, and call agents read it to them when they phone.</p>
${questions.length === 0
      ? html`<p class="govuk-body" id="no-questions">No question is waiting to be relayed.</p>`
      : html`<table class="govuk-table" id="questions">
  <caption class="govuk-table__caption govuk-table__caption--m">Waiting to be relayed, oldest first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Report</th>
    <th scope="col" class="govuk-table__header">Force</th>
    <th scope="col" class="govuk-table__header">Waiting</th>
    <th scope="col" class="govuk-table__header">Question</th>
    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Action</span></th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${questions.map(
      (question) => html`<tr class="govuk-table__row" data-question="${question.questionId}">
      <th scope="row" class="govuk-table__header">${question.reference}</th>
      <td class="govuk-table__cell">${question.force}</td>
      <td class="govuk-table__cell">${waitInWords(question.waitedSeconds)}<span class="govuk-visually-hidden"> (asked ${dateAndTime(question.askedAt)})</span></td>
      <td class="govuk-table__cell">${question.text}</td>
      <td class="govuk-table__cell">
        <form method="post" action="/questions/${question.reference}/${question.questionId}/relay" novalidate>
          ${hiddenInput('csrf', person.csrf)}
          <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">Mark as relayed<span class="govuk-visually-hidden">: the question about ${question.reference}</span></button>
        </form>
      </td>
    </tr>`,
    )}
  </tbody>
</table>`}`,
  });

// ─── a caller's answer, or information they add, by phone ──────────────────────────────────────

/** What the caller's words are about: a relayed question's id, or INFORMATION. */
export const INFORMATION = 'information';

interface RelayedQuestion {
  readonly questionId: string;
  readonly askedAt: string;
  readonly text: string;
}

export interface PhoneAnswerView {
  readonly person: Person;
  readonly reference?: string;
  readonly code?: string;
  /** Present once the caller has given a reference and the code that matches it: the questions relayed to them and not yet answered. */
  readonly questions?: readonly RelayedQuestion[];
  readonly about?: string;
  readonly words?: string;
  readonly errors?: readonly FieldError[];
  readonly errorDescription?: string;
}

const findCallerForm = (view: PhoneAnswerView, errors: readonly FieldError[]): SafeHtml => html`
<form method="post" action="/phone-answer" novalidate>
  ${hiddenInput('csrf', view.person.csrf)}
  ${textInput({ id: 'reference', name: 'reference', label: "The caller's reference", hint: `For example, ${REFERENCE_EXAMPLE}`, value: view.reference ?? '', error: fieldError(errors, 'reference'), autocomplete: 'off', spellcheck: false })}
  ${textInput({ id: 'code', name: 'code', label: 'Their follow-up code', hint: `The ${FOLLOW_UP_CODE_DIGITS}-digit code they were given when they made the report, with or without its spaces`, value: view.code ?? '', error: fieldError(errors, 'code'), autocomplete: 'off', spellcheck: false, inputmode: 'numeric', width: 'govuk-input--width-20' })}
  ${submitButton('Find their report')}
</form>`;

const recordForm = (view: PhoneAnswerView, questions: readonly RelayedQuestion[], errors: readonly FieldError[]): SafeHtml => {
  const about = view.about ?? (questions.length === 1 ? questions[0]!.questionId : undefined);
  return html`
<p class="govuk-body" id="caller">The caller gave the reference <strong>${view.reference ?? ''}</strong> and the follow-up code that matches it.</p>
<form method="post" action="/phone-answer" novalidate>
  ${hiddenInput('csrf', view.person.csrf)}
  ${hiddenInput('reference', view.reference ?? '')}
  ${hiddenInput('code', view.code ?? '')}
  ${radios({
    idPrefix: 'about',
    name: 'about',
    legend: 'What the caller is telling you',
    hint: questions.length === 0 ? 'No question has been relayed to them that they have not answered.' : 'Read the question to the caller before you type their answer.',
    items: [
      ...questions.map((question) => ({ value: question.questionId, text: `An answer to: “${question.text}”`, hint: `Asked ${dateAndTime(question.askedAt)}` })),
      { value: INFORMATION, text: 'Information they add, unasked' },
    ],
    checked: about === undefined ? [] : [about],
    error: fieldError(errors, 'about'),
  })}
  ${textarea({ id: 'words', name: 'words', label: "The caller's words", hint: 'As they say them. An analyst removes anything that identifies them before any force sees it.', value: view.words ?? '', rows: 8, error: fieldError(errors, 'words'), spellcheck: true })}
  ${submitButton('Record what they said')}
</form>
<p class="govuk-body"><a class="govuk-link" href="/phone-answer">Another caller</a></p>`;
};

export const phoneAnswerPage = (view: PhoneAnswerView): string => {
  const errors = view.errors ?? [];
  const problem = errors.length > 0 || view.errorDescription !== undefined;
  return consolePage({
    person: view.person,
    path: '/phone-answer',
    title: title("A caller's answer or added information", problem),
    main: html`
${problem ? errorSummary(errors, view.errorDescription) : ''}
<h1 class="govuk-heading-l">A caller's answer or added information</h1>
${view.questions === undefined
      ? html`<p class="govuk-body">Ask the caller for their reference and their follow-up code. Nothing about the report is shown until both match.</p>${findCallerForm(view, errors)}`
      : recordForm(view, view.questions, errors)}`,
  });
};

export const phoneAnswerRecordedPage = (person: Person, reference: string, isAnswer: boolean): string =>
  consolePage({
    person,
    path: '/phone-answer',
    title: isAnswer ? 'Answer recorded' : 'Information recorded',
    main: html`
${panel(isAnswer ? 'Answer recorded' : 'Information recorded', html`For ${reference}. It waits for an analyst to sanitise it and a supervisor to approve it before the force sees it.`)}
<p class="govuk-body"><a class="govuk-link" href="/phone-answer" id="next">Take another caller's answer</a></p>`,
  });

// ─── the answers to sanitise ───────────────────────────────────────────────────────────────────

interface AnswerToSanitise {
  readonly reference: string;
  readonly answerId: string;
  readonly isAnswer: boolean;
  readonly channel: string;
  readonly waitedSeconds: number;
}


export const answersToSanitisePage = (person: Person, answers: readonly AnswerToSanitise[], sanitised?: string): string =>
  consolePage({
    person,
    path: '/answers-to-sanitise',
    title: 'Answers to sanitise',
    main: html`
${sanitised === undefined ? '' : html`<div id="sanitised">${successBanner('Sanitised', `What the reporter said about ${sanitised}, sanitised, now waits for a supervisor's approval.`)}</div>`}
<h1 class="govuk-heading-l">Answers to sanitise</h1>
<p class="govuk-body">Reporters' answers to forces' questions, and information they added, oldest first. Sanitise each so that nothing identifies the reporter; a supervisor then approves it.</p>
${answers.length === 0
      ? html`<p class="govuk-body" id="no-answers">No answer is waiting to be sanitised.</p>`
      : html`<table class="govuk-table" id="answers">
  <caption class="govuk-table__caption govuk-table__caption--m">Waiting to be sanitised, oldest first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Report</th>
    <th scope="col" class="govuk-table__header">What it is</th>
    <th scope="col" class="govuk-table__header">How</th>
    <th scope="col" class="govuk-table__header">Waiting</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${answers.map(
      (answer) => html`<tr class="govuk-table__row" data-answer="${answer.answerId}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="/answers-to-sanitise/${answer.reference}/${answer.answerId}">${answer.reference}<span class="govuk-visually-hidden">: ${answerKind(answer.isAnswer).toLowerCase()}</span></a></th>
      <td class="govuk-table__cell">${answerKind(answer.isAnswer)}</td>
      <td class="govuk-table__cell">${channelName(answer.channel)}</td>
      <td class="govuk-table__cell">${waitInWords(answer.waitedSeconds)}</td>
    </tr>`,
    )}
  </tbody>
</table>`}`,
  });

interface SanitiseAnswerView {
  readonly person: Person;
  readonly reference: string;
  readonly answerId: string;
  readonly question?: string;
  readonly channel: string;
  readonly receivedAt: string;
  readonly original: string;
  readonly flags: readonly IdentifyingDetail[];
  /** The sanitised version in the textarea: as posted, or as last sanitised, or started from the placeholders. */
  readonly text: string;
  readonly sanitisedBy?: string;
  /** Already approved: nothing to sanitise. */
  readonly approved: boolean;
  readonly errors?: readonly FieldError[];
  readonly refusal?: string;
}

export const sanitiseAnswerPage = (view: SanitiseAnswerView): string => {
  const errors = view.errors ?? [];
  const problem = errors.length > 0 || view.refusal !== undefined;
  const what = view.question === undefined ? 'the information added' : 'the answer';
  return consolePage({
    person: view.person,
    path: '/answers-to-sanitise',
    title: title(`Sanitise ${what} about ${view.reference}`, problem),
    main: html`
${problem ? errorSummary(errors, view.refusal) : ''}
<span class="govuk-caption-l">Report ${view.reference}</span>
<h1 class="govuk-heading-l">Sanitise ${what}</h1>
${view.question === undefined ? '' : html`<h2 class="govuk-heading-m">The force's question</h2><p class="govuk-inset-text" id="question">${view.question}</p>`}
<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Received</dt><dd class="govuk-summary-list__value">${dateAndTime(view.receivedAt)}, ${channelName(view.channel).toLowerCase()}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Identifying details flagged</dt><dd class="govuk-summary-list__value" id="flag-count">${view.flags.length.toLocaleString('en-GB')}</dd></div>
  ${view.sanitisedBy === undefined ? '' : html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Last sanitised by</dt><dd class="govuk-summary-list__value">${view.sanitisedBy}</dd></div>`}
</dl>
<h2 class="govuk-heading-m">The reporter's words</h2>
<div class="govuk-inset-text" id="original">${markedText(view.original, view.flags)}</div>
${view.approved
      ? html`<p class="govuk-body" id="already-approved">This answer is already approved: there is nothing to sanitise.</p>`
      : html`<form method="post" action="/answers-to-sanitise/${view.reference}/${view.answerId}" novalidate>
  ${hiddenInput('csrf', view.person.csrf)}
  ${textarea({
    id: 'text',
    name: 'text',
    label: 'The sanitised version the force will see',
    hint: 'Started from the reporter\'s words with each flagged detail replaced by a placeholder. Take out anything else that could identify them.',
    value: view.text,
    rows: 8,
    error: fieldError(errors, 'text'),
    spellcheck: true,
  })}
  ${submitButton('Save the sanitised version')}
</form>`}
<p class="govuk-body"><a class="govuk-link" href="/answers-to-sanitise">Back to answers to sanitise</a></p>`,
  });
};
