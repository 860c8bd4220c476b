/**
 * The flagged identifying details in a reporter's words, as the analyst's screens show them (the
 * report's review, an answer to sanitise): each marked and named for a screen reader, and each
 * replaced by its placeholder where the sanitised version starts.
 */
import type { IdentifyingDetail, IdentifyingKind } from '#domain/identifying-details.ts';
import { html, type SafeHtml } from '../html.ts';
import { withLineBreaks } from './words.ts';

/** What each kind of flagged detail is called, in the label read out with its highlight. */
export const KIND_NAMES: Readonly<Record<IdentifyingKind, string>> = {
  email: 'e-mail address',
  phone: 'phone number',
  postcode: 'postcode',
  url: 'link',
  vehicle_registration: 'vehicle registration',
  address: 'address',
  self_identification: 'name or description of the reporter',
};

/** What stands in the sanitised text where a detail was removed. */
export const PLACEHOLDERS: Readonly<Record<IdentifyingKind, string>> = {
  email: '[e-mail address removed]',
  phone: '[phone number removed]',
  postcode: '[postcode removed]',
  url: '[link removed]',
  vehicle_registration: '[vehicle registration removed]',
  address: '[address removed]',
  self_identification: '[name or description removed]',
};

/** The reporter's words (one text), each of the flagged details in it marked and named for a screen reader. */
export const markedText = (text: string, flags: readonly IdentifyingDetail[]): SafeHtml => {
  const pieces: SafeHtml[] = [];
  let from = 0;
  for (const flag of flags) {
    pieces.push(withLineBreaks(text.slice(from, flag.start)));
    pieces.push(html`<mark class="app-flag" data-kind="${flag.kind}"><span class="govuk-visually-hidden">Flagged ${KIND_NAMES[flag.kind]}: </span>${withLineBreaks(flag.text)}</mark>`);
    from = flag.end;
  }
  pieces.push(withLineBreaks(text.slice(from)));
  return html`${pieces}`;
};

/** The reporter's words (one text) with each of the details given replaced by its placeholder: where a sanitised version starts. */
export const withPlaceholders = (text: string, flags: readonly IdentifyingDetail[]): string => {
  let out = '';
  let from = 0;
  for (const flag of flags) {
    out += text.slice(from, flag.start) + PLACEHOLDERS[flag.kind];
    from = flag.end;
  }
  return out + text.slice(from);
};
