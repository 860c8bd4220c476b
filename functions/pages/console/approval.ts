/**
 * The supervisor's screens on the staff console:
 *
 * - "Contacts to approve": the sanitised contacts waiting for a supervisor, oldest first;
 * - the approval screen: the reporter's words and the sanitised version side by side (one above
 *   the other on a narrow screen), field by field, each word removed or added marked (<del> and
 *   <ins>, said as "removed" and "added" to a screen reader), any identifying detail still in the
 *   sanitised version called out at the top, the proposed force and why; then approve, or return
 *   to the analyst with a reason;
 * - "Closures to confirm": each proposed closure, its reason and who proposed it, and a button to
 *   confirm it.
 *
 * Every refusal the domain gives (one's own sanitisation, one's own proposal…) is said plainly at
 * the top, in a GOV.UK error summary.
 */
import { findIdentifyingDetails, type IdentifyingKind } from '#domain/identifying-details.ts';
import type { DisseminableContent } from '#domain/disseminable-content.ts';
import type { FlaggedDetail } from '#domain/review-flags.ts';
import type { ReportSubmission } from '#domain/report.ts';
import { forceById, type ForceId } from '#domain/forces.ts';
import { RETURN_REASON_MAX, type ReviewRefusal } from '#domain/review.ts';
import type { ClosureReason } from '#domain/review-state.ts';
import type { NotFound } from '#domain/entities/step-result.ts';
import type { FollowUpRefusal } from '#domain/follow-up.ts';
import { textarea } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { errorSummary, type FieldError } from '../layout.ts';
import { en } from '../messages/en.ts';
import { consolePage, type Person } from './layout.ts';
import { hiddenInput, panel, submitButton, warningText } from './parts.ts';
import { waitInWords } from './queue-page.ts';
import { wordDiff, type DiffPart } from './word-diff.ts';
import { answerKind, CLOSURE_REASON_NAMES, dateAndTime } from './words.ts';
import { KIND_NAMES } from './redactions.ts';

// ─── the differences ──────────────────────────────────────────────────────────────────────────

/** The fields a force may receive, as the approval screen names them, in the order it shows them. */
const FIELDS: readonly (readonly [pointer: string, label: string])[] = [
  ['/narrative', 'What happened'],
  ['/categories', 'What kind of wrongdoing'],
  ['/subject/role', 'They are'],
  ['/subject/name', 'Their name'],
  ['/subject/collarNumber', 'Collar or shoulder number'],
  ['/subject/rank', 'Rank or job'],
  ['/subject/station', 'Station or team'],
  ['/subject/force', 'The force that employs them'],
  ['/force', 'The force named'],
  ['/location/postcode', 'Postcode'],
  ['/location/description', 'The place'],
  ['/when/from', 'When it happened, or started'],
  ['/when/to', 'When it ended'],
  ['/when/ongoing', 'Still going on'],
];

const SUBJECT_ROLES: Readonly<Record<string, string>> = { officer: 'A police officer', staff: 'Police staff', volunteer: 'A volunteer', unknown: 'Not known' };

/** A field's value, in words: '' when it has none. */
const fieldText = (content: object | undefined, pointer: string): string => {
  const value = rawValue(content, pointer);
  if (value === undefined || value === null) return '';
  if (pointer === '/categories' && Array.isArray(value)) return value.map((category) => en.categories.descriptions[category as keyof typeof en.categories.descriptions] ?? String(category)).join('; ');
  if (pointer === '/subject/role') return SUBJECT_ROLES[String(value)] ?? String(value);
  // A force chosen from the form's list is its id: shown as the registry names it; anything typed, as typed.
  if (pointer === '/force' || pointer === '/subject/force') return forceById(String(value) as ForceId)?.name ?? String(value);
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
};

interface FieldComparison {
  readonly pointer: string;
  readonly label: string;
  readonly original: string;
  readonly sanitised: string;
  readonly parts: readonly DiffPart[];
  /** The sanitised value is a force chosen from the registry, shown by its name: nobody's words, nothing to detect in. */
  readonly fromRegistry?: boolean;
}

const isForceField = (pointer: string): boolean => pointer === '/force' || pointer === '/subject/force';
const rawValue = (content: object | undefined, pointer: string): unknown =>
  pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((at, key) => (typeof at === 'object' && at !== null ? (at as Record<string, unknown>)[key] : undefined), content);

/** Each field either version has, with the word-level differences from the original to the sanitised. */
export const compareFields = (original: ReportSubmission, sanitised: DisseminableContent): FieldComparison[] =>
  FIELDS.flatMap(([pointer, label]) => {
    const before = fieldText(original, pointer);
    const after = fieldText(sanitised, pointer);
    if (before === '' && after === '') return [];
    const fromRegistry = isForceField(pointer) && forceById(String(rawValue(sanitised, pointer)) as ForceId) !== undefined;
    return [{ pointer, label, original: before, sanitised: after, parts: wordDiff(before, after), ...(fromRegistry ? { fromRegistry } : {}) }];
  });


interface DetailLeftIn {
  readonly kind: IdentifyingKind;
  readonly text: string;
  /** The field of the sanitised version it is in. */
  readonly label: string;
}

/**
 * The identifying details still in the sanitised version: each detail flagged in the reporter's
 * words that is still there word for word (whatever its case), and each the same detector
 * (functions/domain/identifying-details.ts) finds in the sanitised text itself. One entry per
 * detail and field.
 */
export const detailsLeftIn = (flags: readonly FlaggedDetail[], fields: readonly FieldComparison[]): DetailLeftIn[] => {
  const found: DetailLeftIn[] = [];
  const seen = new Set<string>();
  const add = (kind: IdentifyingKind, text: string, label: string) => {
    const key = `${label}\0${text.toLowerCase()}`;
    if (seen.has(key) || text.trim() === '') return;
    seen.add(key);
    found.push({ kind, text, label });
  };
  for (const field of fields) {
    const sanitised = field.sanitised.toLowerCase();
    for (const flag of flags) if (sanitised.includes(flag.text.toLowerCase())) add(flag.kind, flag.text, field.label);
    if (field.fromRegistry !== true) for (const detail of findIdentifyingDetails(field.sanitised)) add(detail.kind, detail.text, field.label);
  }
  return found;
};

const marked = (parts: readonly DiffPart[], side: 'original' | 'sanitised'): SafeHtml[] =>
  parts.flatMap((part) => {
    if (part.kind === 'kept') return [html`${part.text}`];
    if (part.kind === 'removed' && side === 'original') return [html`<del><span class="govuk-visually-hidden">[removed: </span>${part.text}<span class="govuk-visually-hidden">]</span></del>`];
    if (part.kind === 'added' && side === 'sanitised') return [html`<ins><span class="govuk-visually-hidden">[added: </span>${part.text}<span class="govuk-visually-hidden">]</span></ins>`];
    return [];
  });

const comparison = (field: FieldComparison): SafeHtml => html`<div class="app-comparison" data-field="${field.pointer}">
  <h3 class="govuk-heading-s">${field.label}${field.original === field.sanitised ? html` <span class="govuk-body-s">(unchanged)</span>` : ''}</h3>
  <div class="govuk-grid-row">
  <div class="govuk-grid-column-one-half">
    <p class="govuk-caption-m">Original</p>
    <p class="govuk-body app-diff" data-side="original">${field.original === '' ? html`<span class="govuk-hint">Not given</span>` : marked(field.parts, 'original')}</p>
  </div>
  <div class="govuk-grid-column-one-half">
    <p class="govuk-caption-m">Sanitised</p>
    <p class="govuk-body app-diff" data-side="sanitised">${field.sanitised === '' ? html`<span class="govuk-hint">Left out</span>` : marked(field.parts, 'sanitised')}</p>
  </div>
  </div>
</div>`;

// ─── refusals, in plain words ─────────────────────────────────────────────────────────────────

const STATUS_WORDS: Readonly<Record<string, string>> = {
  approved: 'already approved',
  disseminated: 'already with its force',
  closed: 'closed',
  split: 'split into reports for several forces',
  in_triage: 'with national triage',
};

export type StepRefusal = ReviewRefusal | NotFound;

/** Why a step was refused, said plainly to the supervisor: what happened and what to do. */
export const refusalInWords = (refusal: StepRefusal, step: 'approve' | 'return' | 'confirm'): string => {
  switch (refusal.kind) {
    case 'own-sanitisation':
      return step === 'approve'
        ? 'You wrote the sanitised version of this contact, so you cannot approve it. Another supervisor must approve it.'
        : 'You wrote the sanitised version of this contact, so you cannot return it. Another supervisor must decide on it.';
    case 'own-change':
      return `You changed what the force will receive or where it goes, so you cannot ${step === 'approve' ? 'approve' : 'return'} it. Another supervisor must decide on it.`;
    case 'own-proposal':
      return 'You proposed closing this contact, so you cannot confirm it. Another supervisor must confirm it.';
    case 'not-sanitised':
      return 'There is no sanitised version to decide on: an analyst must sanitise it first.';
    case 'no-force-chosen':
      return 'No force has been chosen for this contact. An analyst must choose the force before it can be approved.';
    case 'no-closure-proposed':
      return 'No closure is proposed for this contact any more.';
    case 'not-awaiting-review':
      return `Nothing was changed: this contact is ${STATUS_WORDS[refusal.status] ?? refusal.status.replace(/_/g, ' ')}.`;
    case 'protected-unit':
      return `This report cannot go to ${refusal.force}: it speaks of that force's own professional standards, anti-corruption or vetting unit, or its chief officers. Return it to the analyst to choose another force.`;
    case 'foreign-reference':
      return `The sanitised version names ${refusal.references.join(', ')}. A force may see only its own references: return it to the analyst to take them out.`;
    case 'not-found':
      return 'There is no contact with that reference.';
    case 'unknown-force':
    case 'same-force-twice':
    case 'no-held-reports':
      return 'This step cannot be taken on this contact as it stands.';
  }
};

// ─── the screens ──────────────────────────────────────────────────────────────────────────────

export interface ApprovalView {
  readonly person: Person;
  readonly reference: string;
  readonly waitedSeconds: number;
  /** The proposed force's name, or "Triage" when none is chosen yet. */
  readonly proposedForce: string;
  readonly why: string;
  readonly original: ReportSubmission;
  readonly flags: readonly FlaggedDetail[];
  /** The sanitised version and who wrote it; absent when it waits for an analyst. */
  readonly sanitised?: { readonly by: string; readonly at: string; readonly content: DisseminableContent };
  /** The last return to the analyst, if there was one. */
  readonly returned?: { readonly by: string; readonly at: string; readonly reason: string };
  readonly closureProposed?: boolean;
  /** Where the contact stands: anything but awaiting_review has nothing left to decide. */
  readonly status?: string;
  /** What the supervisor typed as the reason, shown again with an error. */
  readonly reason?: string;
  readonly errors?: readonly FieldError[];
  /** A refusal, said at the top. */
  readonly refusal?: string;
}

export const approvalPage = (view: ApprovalView): string => {
  const { person, reference, sanitised } = view;
  const errors = view.errors ?? [];
  const fields = sanitised === undefined ? [] : compareFields(view.original, sanitised.content);
  const leftIn = detailsLeftIn(view.flags, fields);
  const problem = errors.length > 0 || view.refusal !== undefined;
  const reasonError = errors.find((error) => error.field === 'reason')?.message;
  return consolePage({
    person,
    path: '/approvals',
    title: `${problem ? 'Error: ' : ''}Approve ${reference}`,
    main: html`
${problem ? errorSummary(errors, view.refusal) : ''}
<span class="govuk-caption-l">Contact ${reference}</span>
<h1 class="govuk-heading-l">${sanitised === undefined ? (view.status === undefined || view.status === 'awaiting_review' ? 'Nothing to approve yet' : 'Nothing to decide') : 'Approve the sanitised version'}</h1>
${leftIn.length === 0
      ? ''
      : html`<div id="details-left-in">${warningText(html`${leftIn.length === 1 ? 'An identifying detail is' : `${leftIn.length} identifying details are`} still in the sanitised version:`)}
<ul class="govuk-list govuk-list--bullet">
  ${leftIn.map((detail) => html`<li data-kind="${detail.kind}">“${detail.text}” (${KIND_NAMES[detail.kind]}) in ${detail.label.toLowerCase()}</li>`)}
</ul></div>`}
<dl class="govuk-summary-list" id="contact-facts">
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Proposed force</dt><dd class="govuk-summary-list__value" id="proposed-force"><strong>${view.proposedForce}</strong><br><span class="govuk-body-s">${view.why}</span></dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Waiting</dt><dd class="govuk-summary-list__value">${waitInWords(view.waitedSeconds)}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sanitised by</dt><dd class="govuk-summary-list__value" id="sanitised-by">${sanitised === undefined ? 'Not sanitised yet' : html`${sanitised.by}, ${dateAndTime(sanitised.at)}`}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Identifying details flagged in the original</dt><dd class="govuk-summary-list__value">${view.flags.length.toLocaleString('en-GB')}</dd></div>
  ${view.returned === undefined
      ? ''
      : html`<div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Returned before</dt><dd class="govuk-summary-list__value" id="returned-before">By ${view.returned.by}, ${dateAndTime(view.returned.at)}: ${view.returned.reason}</dd></div>`}
</dl>
${view.closureProposed === true ? html`<p class="govuk-inset-text">A closure is proposed for this contact: see <a class="govuk-link" href="/closures">closures to confirm</a>.</p>` : ''}
${sanitised === undefined
      ? html`<p class="govuk-body" id="nothing-to-approve">${view.status === undefined || view.status === 'awaiting_review'
          ? 'There is nothing to approve: the contact is waiting for an analyst to sanitise it.'
          : `There is nothing to decide: this contact is ${STATUS_WORDS[view.status] ?? view.status.replace(/_/g, ' ')}.`}</p>
<p class="govuk-body"><a class="govuk-link" href="/approvals">Back to contacts to approve</a></p>`
      : html`<h2 class="govuk-heading-m">The original and the sanitised version</h2>
<p class="govuk-body">What the analyst took out of the reporter's words is struck through on the left; what they wrote in is underlined on the right.</p>
<div id="differences">
${fields.map(comparison)}
</div>
<h2 class="govuk-heading-m">Approve</h2>
<form method="post" action="/approvals/${reference}/approval" novalidate>
  ${hiddenInput('csrf', person.csrf)}
  <p class="govuk-body">Approving sends the sanitised version to <strong>${view.proposedForce}</strong>, now.</p>
  ${submitButton('Approve and send')}
</form>
<h2 class="govuk-heading-m">Or return it to the analyst</h2>
<form method="post" action="/approvals/${reference}/return" novalidate accept-charset="utf-8">
  ${hiddenInput('csrf', person.csrf)}
  ${textarea({ id: 'reason', name: 'reason', label: 'Why it goes back', hint: 'The analyst sees this. Say what to change, for example which detail still identifies the reporter.', value: view.reason, error: reasonError, rows: 3, maxLength: RETURN_REASON_MAX, autocomplete: 'off' })}
  <button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" data-prevent-double-click="true">Return to the analyst</button>
</form>`}`,
  });
};

export const approvedPage = (person: Person, reference: string, force: string): string =>
  consolePage({
    person,
    title: 'Approved and sent',
    main: html`
${panel('Approved and sent', html`${reference} has gone to ${force}`)}
<p class="govuk-body"><a class="govuk-link" href="/approvals" id="next">Back to contacts to approve</a></p>`,
  });

export const returnedPage = (person: Person, reference: string): string =>
  consolePage({
    person,
    title: 'Returned to the analyst',
    main: html`
${panel('Returned to the analyst', html`${reference} is back with the analyst, with your reason`)}
<p class="govuk-body"><a class="govuk-link" href="/approvals" id="next">Back to contacts to approve</a></p>`,
  });

interface ContactToApprove {
  readonly reference: string;
  readonly waitedSeconds: number;
  readonly proposedForce: string;
  readonly sanitisedBy: string;
}

export const approvalsPage = (person: Person, contacts: readonly ContactToApprove[]): string =>
  consolePage({
    person,
    path: '/approvals',
    title: 'Contacts to approve',
    main: html`
<h1 class="govuk-heading-l">Contacts to approve</h1>
${contacts.length === 0
      ? html`<p class="govuk-body" id="none-to-approve">No sanitised contact is waiting for approval.</p>`
      : html`<table class="govuk-table" id="to-approve">
  <caption class="govuk-table__caption govuk-table__caption--m">Sanitised, oldest first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Reference</th>
    <th scope="col" class="govuk-table__header">Waiting</th>
    <th scope="col" class="govuk-table__header">Proposed force</th>
    <th scope="col" class="govuk-table__header">Sanitised by</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${contacts.map(
      (contact) => html`<tr class="govuk-table__row" data-reference="${contact.reference}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="/approvals/${contact.reference}">${contact.reference}</a></th>
      <td class="govuk-table__cell">${waitInWords(contact.waitedSeconds)}</td>
      <td class="govuk-table__cell">${contact.proposedForce}</td>
      <td class="govuk-table__cell">${contact.sanitisedBy}</td>
    </tr>`,
    )}
  </tbody>
</table>`}`,
  });


interface ProposedClosure {
  readonly reference: string;
  readonly waitedSeconds: number;
  readonly proposedBy: string;
  readonly reason: ClosureReason;
  readonly note?: string;
}

interface ClosuresView {
  readonly person: Person;
  readonly closures: readonly ProposedClosure[];
  /** The reference just closed, said in a banner. */
  readonly closed?: string;
  readonly refusal?: string;
}

export const closuresPage = ({ person, closures, closed, refusal }: ClosuresView): string =>
  consolePage({
    person,
    path: '/closures',
    title: `${refusal === undefined ? '' : 'Error: '}Closures to confirm`,
    main: html`
${refusal === undefined ? '' : errorSummary([], refusal)}
${closed === undefined
      ? ''
      : html`<div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="closed-title" id="closed">
  <div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title" id="closed-title">Success</h2></div>
  <div class="govuk-notification-banner__content"><p class="govuk-notification-banner__heading">${closed} is closed. No force will receive it.</p></div>
</div>`}
<h1 class="govuk-heading-l">Closures to confirm</h1>
<p class="govuk-body">A contact closes without going to any force only once a supervisor who did not propose it confirms it.</p>
${closures.length === 0
      ? html`<p class="govuk-body" id="no-closures">No closure is waiting to be confirmed.</p>`
      : html`<table class="govuk-table" id="closures">
  <caption class="govuk-table__caption govuk-table__caption--m">Proposed closures, oldest first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Reference</th>
    <th scope="col" class="govuk-table__header">Reason</th>
    <th scope="col" class="govuk-table__header">Proposed by</th>
    <th scope="col" class="govuk-table__header">Waiting</th>
    <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">Confirm</span></th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${closures.map(
      (closure) => html`<tr class="govuk-table__row" data-reference="${closure.reference}">
      <th scope="row" class="govuk-table__header">${closure.reference}</th>
      <td class="govuk-table__cell">${CLOSURE_REASON_NAMES[closure.reason]}${closure.note === undefined ? '' : html`<br><span class="govuk-body-s">${closure.note}</span>`}</td>
      <td class="govuk-table__cell">${closure.proposedBy}${closure.proposedBy === person.username ? html` <span class="govuk-body-s">(you: another supervisor must confirm it)</span>` : ''}</td>
      <td class="govuk-table__cell">${waitInWords(closure.waitedSeconds)}</td>
      <td class="govuk-table__cell"><form method="post" action="/closures/${closure.reference}/confirmation" novalidate>
        ${hiddenInput('csrf', person.csrf)}
        <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" data-prevent-double-click="true">Confirm closure<span class="govuk-visually-hidden"> of ${closure.reference}</span></button>
      </form></td>
    </tr>`,
    )}
  </tbody>
</table>`}`,
  });

// ─── keeping in contact: a reporter's answer or added information ─────────────────────────────

interface AnswerToApprove {
  readonly reference: string;
  readonly answerId: string;
  /** An answer to a force's question, or information the reporter added unasked. */
  readonly isAnswer: boolean;
  readonly waitedSeconds: number;
  readonly sanitisedBy: string;
}


export const answersPage = (person: Person, answers: readonly AnswerToApprove[]): string =>
  consolePage({
    person,
    path: '/answers',
    title: 'Answers to approve',
    main: html`
<h1 class="govuk-heading-l">Answers to approve</h1>
<p class="govuk-body">Reporters' answers to forces' questions, and information they added, once an analyst has sanitised them.</p>
${answers.length === 0
      ? html`<p class="govuk-body" id="no-answers">No sanitised answer is waiting for approval.</p>`
      : html`<table class="govuk-table" id="answers">
  <caption class="govuk-table__caption govuk-table__caption--m">Sanitised, oldest first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Report</th>
    <th scope="col" class="govuk-table__header">What it is</th>
    <th scope="col" class="govuk-table__header">Waiting</th>
    <th scope="col" class="govuk-table__header">Sanitised by</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    ${answers.map(
      (answer) => html`<tr class="govuk-table__row" data-answer="${answer.answerId}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="/answers/${answer.reference}/${answer.answerId}">${answer.reference}<span class="govuk-visually-hidden">: ${answerKind(answer.isAnswer).toLowerCase()}</span></a></th>
      <td class="govuk-table__cell">${answerKind(answer.isAnswer)}</td>
      <td class="govuk-table__cell">${waitInWords(answer.waitedSeconds)}</td>
      <td class="govuk-table__cell">${answer.sanitisedBy}</td>
    </tr>`,
    )}
  </tbody>
</table>`}`,
  });

export interface AnswerApprovalView {
  readonly person: Person;
  readonly reference: string;
  readonly answerId: string;
  readonly question?: string;
  readonly original: string;
  readonly sanitised?: { readonly by: string; readonly at: string; readonly text: string };
  readonly approved: boolean;
  readonly refusal?: string;
}

/** Why a step on an answer was refused, said plainly. */
export const answerRefusalInWords = (refusal: FollowUpRefusal): string => {
  switch (refusal.kind) {
    case 'own-sanitisation':
      return 'You sanitised this answer, so you cannot approve it. Another supervisor must approve it.';
    case 'not-sanitised':
      return 'There is no sanitised version to approve: an analyst must sanitise it first.';
    case 'wrong-state':
      return `Nothing was changed: this answer is ${refusal.status === 'awaiting_review' ? 'waiting for review' : 'already approved'}.`;
    case 'protected-unit':
      return "This answer cannot go to the force that has the report: it speaks of that force's own professional standards, anti-corruption or vetting unit, or its chief officers.";
    case 'foreign-reference':
      return `The sanitised version names ${refusal.references.join(', ')}. A force may see only its own references: an analyst must take them out first.`;
    case 'not-found':
      return 'There is no such answer.';
  }
};

export const answerApprovalPage = (view: AnswerApprovalView): string => {
  const { person, sanitised } = view;
  const field: FieldComparison | undefined =
    sanitised === undefined
      ? undefined
      : { pointer: '/answer', label: view.question === undefined ? 'The information added' : 'The answer', original: view.original, sanitised: sanitised.text, parts: wordDiff(view.original, sanitised.text) };
  const flags = findIdentifyingDetails(view.original).map((detail) => ({ pointer: '/answer', ...detail }));
  const leftIn = field === undefined ? [] : detailsLeftIn(flags, [field]);
  return consolePage({
    person,
    path: '/answers',
    title: `${view.refusal === undefined ? '' : 'Error: '}Approve ${view.question === undefined ? 'the information added to' : 'an answer about'} ${view.reference}`,
    main: html`
${view.refusal === undefined ? '' : errorSummary([], view.refusal)}
<span class="govuk-caption-l">Report ${view.reference}</span>
<h1 class="govuk-heading-l">${sanitised === undefined ? 'Nothing to approve yet' : view.question === undefined ? 'Approve the information added' : 'Approve the answer'}</h1>
${leftIn.length === 0
      ? ''
      : html`<div id="details-left-in">${warningText(html`${leftIn.length === 1 ? 'An identifying detail is' : `${leftIn.length} identifying details are`} still in the sanitised version:`)}
<ul class="govuk-list govuk-list--bullet">
  ${leftIn.map((detail) => html`<li data-kind="${detail.kind}">“${detail.text}” (${KIND_NAMES[detail.kind]})</li>`)}
</ul></div>`}
${view.question === undefined ? '' : html`<h2 class="govuk-heading-m">The force's question</h2><p class="govuk-inset-text" id="question">${view.question}</p>`}
<dl class="govuk-summary-list">
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Sanitised by</dt><dd class="govuk-summary-list__value" id="sanitised-by">${sanitised === undefined ? 'Not sanitised yet' : html`${sanitised.by}, ${dateAndTime(sanitised.at)}`}</dd></div>
  <div class="govuk-summary-list__row"><dt class="govuk-summary-list__key">Identifying details flagged in the original</dt><dd class="govuk-summary-list__value">${flags.length.toLocaleString('en-GB')}</dd></div>
</dl>
${field === undefined
      ? html`<h2 class="govuk-heading-m">The reporter's words</h2><p class="govuk-body app-diff">${view.original}</p>
<p class="govuk-body" id="nothing-to-approve">There is nothing to approve: it is waiting for an analyst to sanitise it.</p>`
      : html`<h2 class="govuk-heading-m">The original and the sanitised version</h2>
<div id="differences">${comparison(field)}</div>
${view.approved
          ? html`<p class="govuk-body" id="already-approved">${view.question === undefined ? 'This information is approved.' : 'This answer is approved.'}</p>`
          : html`<form method="post" action="/answers/${view.reference}/${view.answerId}/approval" novalidate>
  ${hiddenInput('csrf', person.csrf)}
  <p class="govuk-body">Approving sends the sanitised version to the force that has the report, now.</p>
  ${submitButton('Approve and send')}
</form>`}`}
<p class="govuk-body"><a class="govuk-link" href="/answers">Back to answers to approve</a></p>`,
  });
};

export const answerApprovedPage = (person: Person, reference: string, isAnswer: boolean): string =>
  consolePage({
    person,
    title: isAnswer ? 'Answer approved and sent' : 'Information approved and sent',
    main: html`
${panel(isAnswer ? 'Answer approved and sent' : 'Information approved and sent', html`It has gone to the force that has ${reference}`)}
<p class="govuk-body"><a class="govuk-link" href="/answers" id="next">Back to answers to approve</a></p>`,
  });
