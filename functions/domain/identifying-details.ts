/**
 * Details in a report's free text that could identify the person who wrote it: e-mail addresses
 * (also spelt out, "jo dot bloggs at gmail dot com", "tanya underscore briggs at …"), phone numbers
 * (with any extension, or read out: "oh seven seven double oh, …"), postcodes, links, vehicle
 * registrations, addresses ("my flat is 12 Bute Crescent", "flat 4, 22 High Street", "The Vicarage,
 * 2 Church Walk", "2/1 at 54 Dunmore Street", "I live in Bangor"), and phrases in which the reporter
 * names or describes themselves ("my name is Jo Bloggs", "I'm Jade", "I am his wife", "I'm the
 * boy's mum", "I am the only female PCSO at Bridgend", "I work in the canteen at …", "I coach the
 * under 12s at …", "Evri driver here", "I'm from Syria", "my son", "me nan", "wor lass", "our
 * Jason", "my Polish worker", "Ms Danielle Okonjo", a name signed at the end or beside the
 * reporter's own number: "Thanks, Jo", "K. Wallace", "Leanne, leanne.t@…"). Helplines and
 * emergency numbers (Crimestoppers, Samaritans, 101, 999…) are nobody's own and are left alone.
 *
 * The work is split by kind: identifying-details/contact.ts (e-mail, links, phones, postcodes,
 * registrations), addresses.ts, names.ts (where a name starts and ends), self-descriptions.ts
 * (relatives, jobs, roles, origins), and shared.ts (clauses and small text helpers). This file
 * settles what they find into one list of highlights.
 *
 * The contact-centre analyst sees these highlighted and decides what to redact before the report
 * goes to a force; nothing here removes anything. A missed detail can put a reporter in front of
 * the officer they reported, while a needless highlight costs the analyst a glance, so where a
 * pattern is a real identifier as often as not it is flagged. Patterns that are mostly something
 * else (dates, times, money, collar numbers, crime and incident numbers, road names, car models,
 * the officer's own name) are left alone, and the short, ambiguous shapes of vehicle registration
 * are flagged only where the text is talking about a vehicle. How well this does is measured on
 * three labelled corpora of realistic reports, two of them written blind to this code: see
 * scripts/measure-identifying-details.ts.
 *
 * No pattern can match the same characters in two ways, each can start only where a word or
 * token starts, repetitions are bounded, and the steps that follow a match look a bounded distance
 * ahead, so the time taken grows in step with the length of the text, whatever it holds (a
 * 10,000-character report built to make patterns backtrack takes milliseconds).
 */

import { addresses } from './identifying-details/addresses.ts';
import { emails, isPublicNumber, phones, postcodes, spokenEmails, urls, vehicleRegistrations } from './identifying-details/contact.ts';
import { selfIdentifications } from './identifying-details/self-descriptions.ts';
import type { Candidate, IdentifyingKind } from './identifying-details/shared.ts';

export type { IdentifyingKind } from './identifying-details/shared.ts';

export interface IdentifyingDetail {
  readonly kind: IdentifyingKind;
  /** UTF-16 index, inclusive. */
  readonly start: number;
  /** UTF-16 index, exclusive; text.slice(start, end) === detail.text. */
  readonly end: number;
  readonly text: string;
}

/**
 * Every identifying detail in the text, sorted by start and never overlapping. Exact details
 * (e-mail, link, phone, postcode, registration) come first: where two overlap the longer is kept,
 * then the earlier. Addresses and self-descriptions run to the end of a clause and may take in an
 * exact detail ("I live at 12 Acacia Avenue, Leeds LS1 4AB"): the exact detail keeps its own
 * highlight and kind, and the clause is highlighted around it. Clauses that overlap each other
 * are settled as exact details are.
 */
export const findIdentifyingDetails = (text: string): IdentifyingDetail[] => {
  const exact = keepLongest([
    ...emails(text),
    ...spokenEmails(text),
    ...urls(text),
    ...phones(text).filter((phone) => !isPublicNumber(text, phone)),
    ...postcodes(text),
    ...vehicleRegistrations(text),
  ]);
  const places = keepLongest(addresses(text).flatMap((clause) => around(text, clause, exact)), exact);
  const selves = selfIdentifications(text, exact).flatMap((clause) => around(text, clause, places));
  return keepLongest(selves, places).map(({ kind, start, end }) => ({ kind, start, end, text: text.slice(start, end) }));
};

/** Adds candidates to `kept` (sorted by start, disjoint), longest first, skipping any that overlap. */
const keepLongest = (candidates: readonly Candidate[], already: readonly Candidate[] = []): Candidate[] => {
  const ranked = candidates
    .filter((c) => c.end > c.start)
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Candidate[] = [...already];
  for (const candidate of ranked) {
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (kept[middle]!.start < candidate.start) low = middle + 1;
      else high = middle;
    }
    const before = kept[low - 1];
    const after = kept[low];
    if (before !== undefined && before.end > candidate.start) continue;
    if (after !== undefined && after.start < candidate.end) continue;
    kept.splice(low, 0, candidate);
  }
  return kept;
};

/**
 * The pieces of a clause that lie outside the exact details, trimmed of spaces and punctuation. A
 * piece after an exact detail is kept only if it starts like part of an address or a name ("LS1
 * 4AB, Leeds"), not like the rest of the sentence ("SA13 2AA mam is there all day").
 */
const around = (text: string, clause: Candidate, exact: readonly Candidate[]): Candidate[] => {
  const pieces: Candidate[] = [];
  let from = clause.start;
  const cut = (to: number) => {
    let start = from;
    let end = to;
    while (start < end && /[\s,;:()\-–—/]/u.test(text[start]!)) start++;
    while (end > start && /[\s,;:(\-–—/]/u.test(text[end - 1]!)) end--;
    if (start > clause.start && from > clause.start && /^\p{Ll}/u.test(text[start] ?? '')) return;
    if (/[\p{L}\p{N}]/u.test(text.slice(start, end))) pieces.push({ kind: clause.kind, start, end });
  };
  for (const detail of exact) {
    if (detail.end <= from || detail.start >= clause.end) continue;
    cut(Math.max(from, Math.min(detail.start, clause.end)));
    from = Math.max(from, detail.end);
  }
  if (from < clause.end) cut(clause.end);
  return pieces;
};
