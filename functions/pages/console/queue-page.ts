/**
 * "The queue": what is waiting at each stage and for how long (the oldest contact's wait is the
 * figure the review-backlog alarm pages on), then the contacts awaiting review, oldest first, each
 * with its age, channel, the force it is proposed for and why, how many identifying details were
 * flagged in it, and its stage.
 */
import type { QueueStage, StageFigures } from '#domain/contact-centre-queue.ts';
import { warningText } from '../components.ts';
import { html, type SafeHtml } from '../html.ts';
import { consolePage, type Person } from './layout.ts';
import { tag } from './parts.ts';
import { channelName } from './words.ts';

const STAGE_NAMES: Readonly<Record<QueueStage, string>> = {
  to_sanitise: 'Contacts to sanitise',
  to_approve: 'Contacts to approve',
  closure_to_confirm: 'Closures to confirm',
  questions_to_relay: "Forces' questions to relay",
  answers_to_review: 'Answers and information to review',
};

const SHORT_STAGE_NAMES: Readonly<Record<QueueStage, string>> = {
  to_sanitise: 'To sanitise',
  to_approve: 'To approve',
  closure_to_confirm: 'Closure to confirm',
  questions_to_relay: 'To relay',
  answers_to_review: 'To review',
};

const plural = (count: number, one: string): string => `${count.toLocaleString('en-GB')} ${one}${count === 1 ? '' : 's'}`;

/** A wait in words, to the two largest units: "2 days 3 hours", "45 minutes", "less than a minute". */
export const waitInWords = (seconds: number): string => {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 1) return 'less than a minute';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours > 0 ? `${plural(days, 'day')} ${plural(hours, 'hour')}` : plural(days, 'day');
  if (hours > 0) return mins > 0 ? `${plural(hours, 'hour')} ${plural(mins, 'minute')}` : plural(hours, 'hour');
  return plural(mins, 'minute');
};

export interface QueuedContact {
  readonly reference: string;
  readonly channel: string;
  readonly waitedSeconds: number;
  /** The proposed force's name, or "Triage". */
  readonly proposedForce: string;
  readonly why: string;
  readonly stage: QueueStage;
  /** How many identifying details were flagged in the reporter's words; undefined when not counted. */
  readonly flaggedDetails: number | undefined;
}

interface QueueView {
  readonly person: Person;
  readonly stages: readonly StageFigures[];
  /** How long the oldest contact awaiting review has waited: the review-backlog alarm's figure. */
  readonly oldestWaitingSeconds: number;
  /** The alarm's limit, in seconds. */
  readonly alarmAfterSeconds: number;
  readonly contacts: readonly QueuedContact[];
  /** True when there were more contacts than the page lists (and counts). */
  readonly more: boolean;
}

const stagesTable = (stages: readonly StageFigures[], more: boolean): SafeHtml => html`<table class="govuk-table" id="stages">
  <caption class="govuk-table__caption govuk-table__caption--m">Waiting at each stage</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Stage</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">Waiting</th>
      <th scope="col" class="govuk-table__header">Oldest has waited</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${stages.map(
      (figures) => html`<tr class="govuk-table__row" data-stage="${figures.stage}">
      <th scope="row" class="govuk-table__header">${STAGE_NAMES[figures.stage]}</th>
      <td class="govuk-table__cell govuk-table__cell--numeric">${figures.count.toLocaleString('en-GB')}${more && figures.stage !== 'questions_to_relay' && figures.stage !== 'answers_to_review' ? ' or more' : ''}</td>
      <td class="govuk-table__cell">${figures.count === 0 ? 'None waiting' : waitInWords(figures.oldestSeconds)}</td>
    </tr>`,
    )}
  </tbody>
</table>`;

/**
 * Where a contact's reference leads: a supervisor goes to what waits for them (the approval, or the
 * closures to confirm); everyone else to the analyst's review of it.
 */
const screenFor = (contact: QueuedContact, supervisor: boolean): string => {
  if (supervisor && contact.stage === 'to_approve') return `/approvals/${contact.reference}`;
  if (supervisor && contact.stage === 'closure_to_confirm') return '/closures';
  return `/review/${contact.reference}`;
};

const contactsTable = (contacts: readonly QueuedContact[], supervisor: boolean): SafeHtml =>
  contacts.length === 0
    ? html`<p class="govuk-body" id="no-contacts">No contact is waiting for review.</p>`
    : html`<table class="govuk-table" id="contacts">
  <caption class="govuk-table__caption govuk-table__caption--m">Contacts awaiting review, oldest first</caption>
  <thead class="govuk-table__head">
    <tr class="govuk-table__row">
      <th scope="col" class="govuk-table__header">Reference</th>
      <th scope="col" class="govuk-table__header">Waiting</th>
      <th scope="col" class="govuk-table__header">Channel</th>
      <th scope="col" class="govuk-table__header">Proposed force and why</th>
      <th scope="col" class="govuk-table__header govuk-table__header--numeric">Identifying details flagged</th>
      <th scope="col" class="govuk-table__header">Stage</th>
    </tr>
  </thead>
  <tbody class="govuk-table__body">
    ${contacts.map(
      (contact) => html`<tr class="govuk-table__row" data-reference="${contact.reference}">
      <th scope="row" class="govuk-table__header"><a class="govuk-link" href="${screenFor(contact, supervisor)}">${contact.reference}</a></th>
      <td class="govuk-table__cell">${waitInWords(contact.waitedSeconds)}</td>
      <td class="govuk-table__cell">${channelName(contact.channel)}</td>
      <td class="govuk-table__cell"><strong>${contact.proposedForce}</strong><br><span class="govuk-body-s">${contact.why}</span></td>
      <td class="govuk-table__cell govuk-table__cell--numeric" data-flagged>${contact.flaggedDetails === undefined ? html`<span class="govuk-visually-hidden">Not counted</span><span aria-hidden="true">–</span>` : contact.flaggedDetails.toLocaleString('en-GB')}</td>
      <td class="govuk-table__cell">${tag(SHORT_STAGE_NAMES[contact.stage], contact.stage === 'to_sanitise' ? 'blue' : 'grey')}</td>
    </tr>`,
    )}
  </tbody>
</table>`;

export const queuePage = (view: QueueView): string =>
  consolePage({
    person: view.person,
    path: '/queue',
    title: 'The queue',
    main: html`
<h1 class="govuk-heading-l">The queue</h1>
<p class="govuk-body-l" id="oldest-wait">${view.oldestWaitingSeconds === 0 && view.contacts.length === 0
      ? 'No contact is waiting for review.'
      : html`The oldest contact awaiting review has waited <strong>${waitInWords(view.oldestWaitingSeconds)}</strong>.`}</p>
${view.oldestWaitingSeconds > view.alarmAfterSeconds
      ? warningText(html`A contact has waited longer than ${waitInWords(view.alarmAfterSeconds)}: the on-call operator has been paged.`)
      : ''}
${stagesTable(view.stages, view.more)}
${contactsTable(view.contacts, view.person.groups.includes('supervisors'))}
${view.more ? html`<p class="govuk-body">Only the ${view.contacts.length.toLocaleString('en-GB')} oldest contacts are listed.</p>` : ''}`,
  });
