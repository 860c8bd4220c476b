/** Words the console's screens say alike. */
import type { ClosureReason } from '#domain/review-state.ts';
import { TRIAGE } from '#domain/entities/routing-decision.ts';
import { forceById } from '#domain/forces.ts';
import { html, type SafeHtml } from '../html.ts';

/** A moment, as staff read it in the UK: "3 December 2026 at 15:04". */
export const dateAndTime = (iso: string): string =>
  new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });

/** A day, as staff read it: "3 December 2026" (from "2026-12-03" or a moment). */
export const dayInWords = (isoDay: string): string =>
  new Date(isoDay.length === 10 ? `${isoDay}T12:00:00Z` : isoDay).toLocaleDateString('en-GB', { timeZone: 'Europe/London', day: 'numeric', month: 'long', year: 'numeric' });

/** Someone's words, escaped, their line breaks kept. */
export const withLineBreaks = (text: string): SafeHtml => html`${text.split('\n').map((line, index) => (index === 0 ? html`${line}` : html`<br>${line}`))}`;

const CHANNEL_NAMES: Readonly<Record<string, string>> = { online: 'Online', phone: 'Phone' };

/** How a contact reached the service: "Online", "Phone". */
export const channelName = (channel: string): string => CHANNEL_NAMES[channel] ?? channel;

/** A reference as the service gives them (functions/domain/reference.ts), for hints and error messages. */
export const REFERENCE_EXAMPLE = 'PAC-7K3M-9QXD';

/** Why a contact is closed without going to a force, in the words of every screen that says it (the analyst's choice, the supervisor's list). */
export const CLOSURE_REASON_NAMES: Readonly<Record<ClosureReason, string>> = {
  not_about_police: 'Not about the police',
  duplicate: 'Repeats a report already made',
  insufficient_information: 'Not enough information to act on',
  advice_given: 'Advice given: nothing for a force to do',
  malicious: 'Malicious',
};

/** Where a contact is proposed to go, in words: the force's name, or triage (said as `triage` gives it). */
export const proposedForceName = (destination: string, triage = 'Triage'): string =>
  destination === TRIAGE ? triage : (forceById(destination)?.name ?? destination);

/** What a reporter's follow-up is: an answer to a force's question, or information they added unasked. */
export const answerKind = (isAnswer: boolean): string => (isAnswer ? 'Answer to a question' : 'Information added');
