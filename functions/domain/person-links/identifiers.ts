/**
 * The identifiers of the person a report is about, as typed normalised forms
 * ("collar|metropolitan|1234", "name|smith|david", "name-initial|smith|d",
 * "station|metropolitan|brixton"), from what the reporter put in the subject fields, and from the
 * narrative where a field was left empty ("PC 4471 Gavin Pryce took £200", "shoulder number 2213").
 * These forms are never stored: each becomes a keyed hash (match-keys.ts) before it leaves memory.
 */
import { findForce, type ForceId } from '../forces.ts';
import type { ReportSubmission } from '../report.ts';
import { collarDigits, fold, parseName, soundex, stationPlace, type PersonName } from './normalise.ts';

/** What each kind of identifier says; the scorer weighs them by kind (scorer.ts). */
export const IDENTIFIER_KINDS = [
  'collar', // collar number with its force: collar|<force>|<digits>
  'collar-number', // the digits alone, for a report that gives no force: collar-number|<digits>
  'collar-swap', // the collar number with two neighbouring digits swapped, keyed as that number: collar|<force>|<swapped>
  'name', // surname and a canonical first name: name|<surname>|<first>
  'name-initial', // surname and an initial: name-initial|<surname>|<initial>
  'name-sound', // the surname's Soundex code and a canonical first name: name-sound|<code>|<first>
  'name-sound-initial', // the surname's Soundex code and an initial: name-sound-initial|<code>|<initial>
  'surname', // surname|<surname>
  'surname-sound', // surname-sound|<code>
  'surname-near', // the surname and each form of it one letter shorter, for surnames of five letters or more: surname-near|<form>
  'first-name', // a canonical first name alone: first-name|<first>
  'first-prefix', // the first three letters of a first name as written and of each canonical one: first-prefix|<letters>
  'initial', // an initial the first name may begin with: initial|<initial>
  'station', // station with its force: station|<force>|<place>
  'station-place', // the station's place alone: station-place|<place>
  'force', // the force that employs the person: force|<force>
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export interface Identifier {
  readonly kind: IdentifierKind;
  /** The typed normalised form, which is hashed and then forgotten. */
  readonly form: string;
  /**
   * True for a name built on one of the commonest surnames (COMMON_SURNAMES): "Smith" in the Met
   * says much less than "Winterbottom" in Kent, and the scorer weighs it less.
   */
  readonly common?: true;
}

/**
 * The commonest surnames in England, Wales and Scotland, roughly the first eighty, written from
 * general knowledge of the published rankings (not from the test data). A name on one of them is
 * weighed as weaker evidence.
 */
const COMMON_SURNAMES = new Set(
  (
    'smith jones williams taylor brown davies evans wilson thomas johnson roberts robinson thompson wright walker white ' +
    'edwards hughes green hall lewis harris clarke clark patel jackson wood turner martin cooper hill ward morris moore ' +
    'lee king baker harrison morgan allen james scott phillips watson davis parker price bennett young griffiths mitchell ' +
    'kelly cook carter richardson bailey collins bell shaw murphy miller cox richards khan marshall anderson simpson ' +
    'ellis adams singh begum ali ahmed hussain campbell stewart murray macdonald mcdonald wilkinson chapman'
  ).split(' '),
);

/**
 * The parts of a report the identifiers are read from, and the force the service routed it to
 * (by the force the reporter named, or by the postcode of where it happened), when it was routed
 * to a force.
 */
export type LinkableReport = Pick<ReportSubmission, 'subject' | 'force' | 'narrative'> & { readonly routedTo?: ForceId };

const RANK_WORDS =
  String.raw`Mr|Mrs|Ms|Miss|W?PC|DC|W?PS|DS|DI|DCI|PCSO|Sgt|Sergeant|Serg|Insp|Inspector|Constable|Det(?:ective)?\.?\s+(?:Con(?:stable)?|Sgt|Sergeant|Insp(?:ector)?)`;
/** In text written in both cases: a rank, perhaps a number, then one or two capitalised words. */
const RANK_BEFORE_NAME = new RegExp(String.raw`\b(?:${RANK_WORDS})\.?\s+(?:\d{2,6}\s+)?(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)?)`, 'gu');
/** In text written all in one case, names cannot be told from other words: a rank and the one word after it. */
const RANK_BEFORE_WORD = new RegExp(String.raw`\b(?:${RANK_WORDS})\.?\s+(?:\d{2,6}\s+)?(\p{L}[\p{L}'’-]+)`, 'giu');
const COLLAR_AFTER_RANK = /\b(?:W?PC|DC|W?PS|DS|PCSO|Sgt|Sergeant|Constable)\.?\s*(?:no\.?\s*|number\s*)?(\d{2,6})\b/i;
const COLLAR_AFTER_WORD = /\b(?:collar|shoulder|warrant|badge|epaulette)\s*(?:number|no\.?|num|#)?\s*(?:was|is|of|:)?\s*(?:[A-Za-z]{1,3}\s?)?(\d{2,6})\b/i;
/** Capitalised words that follow a name in a sentence and are not part of it. */
const NOT_A_SURNAME = new Set([
  'he', 'she', 'they', 'the', 'a', 'an', 'on', 'at', 'in', 'and', 'or', 'was', 'were', 'who', 'from', 'said', 'says', 'took', 'takes', 'has', 'had', 'have',
  'is', 'of', 'for', 'with', 'to', 'it', 'i', 'this', 'that', 'then', 'when', 'but', 'also', 'keeps', 'kept', 'made', 'makes', 'told', 'tells', 'searched',
  'asked', 'came', 'comes', 'stopped', 'sent', 'sends', 'called', 'did', 'does', 'will', 'would', 'who', 'whose', 'there', 'here', 'again',
]);

/** The first name-like words after a rank in the narrative: "PC 4471 Gavin Pryce", "DS Ferris". */
const nameInNarrative = (narrative: string): string | undefined => {
  const oneCase = narrative === narrative.toLowerCase() || narrative === narrative.toUpperCase();
  for (const match of narrative.matchAll(oneCase ? RANK_BEFORE_WORD : RANK_BEFORE_NAME)) {
    const words = match[1]!.split(/\s+/).filter((word) => !NOT_A_SURNAME.has(fold(word)));
    if (words.length > 0) return words.join(' ');
  }
  return undefined;
};

const collarInNarrative = (narrative: string): string | undefined =>
  (COLLAR_AFTER_WORD.exec(narrative) ?? COLLAR_AFTER_RANK.exec(narrative) ?? [])[1];

/**
 * The identifiers of the person a report is about, each once. The force is the subject's, or
 * the report's when the subject's is not given, or the one it was routed to (most reports are
 * about an officer of the force where it happened); a force nobody can name ("unknown") is no force.
 */
export const identifiersOf = (report: LinkableReport): Identifier[] => {
  const subject = report.subject;
  const force: ForceId | undefined = findForce(subject?.force ?? '')?.id ?? findForce(report.force ?? '')?.id ?? report.routedTo;
  const writtenName = subject?.name ?? nameInNarrative(report.narrative);
  const writtenCollar = subject?.collarNumber ?? collarInNarrative(report.narrative);
  const found: Identifier[] = [];
  const add: Add = (kind, parts, common) => found.push({ kind, form: [kind, ...parts].join('|'), ...(common ? { common } : {}) });

  if (force !== undefined) add('force', [force]);
  const digits = writtenCollar === undefined ? undefined : collarDigits(writtenCollar);
  if (digits !== undefined) {
    if (force !== undefined) {
      add('collar', [force, digits]);
      // Keyed as the collar number it could be, so that it matches that number's 'collar' key.
      for (const swapped of swaps(digits)) found.push({ kind: 'collar-swap', form: ['collar', force, swapped].join('|') });
    }
    add('collar-number', [digits]);
  }
  if (writtenName !== undefined) addName(parseName(writtenName), add);
  const place = subject?.station === undefined ? undefined : stationPlace(subject.station);
  if (place !== undefined) {
    if (force !== undefined) add('station', [force, place]);
    add('station-place', [place]);
  }
  const seen = new Set<string>();
  return found.filter(({ form }) => !seen.has(form) && seen.add(form) !== undefined);
};

/**
 * The collar number with each pair of neighbouring digits swapped ("1835" for "1853"), the slip
 * people make most when they copy a number: a report with "1853" shares one of these with a
 * report with "1835". Only the swaps that change the number.
 */
const swaps = (digits: string): string[] => {
  const found = new Set<string>();
  for (let at = 0; at + 1 < digits.length; at += 1) {
    if (digits[at] === digits[at + 1]) continue;
    const swapped = digits.slice(0, at) + digits[at + 1] + digits[at] + digits.slice(at + 2);
    if (!swapped.startsWith('0')) found.add(swapped);
  }
  return [...found];
};

/**
 * The surname and each form of it with one letter left out: two surnames share one of these when
 * one is the other with a letter dropped or added ("Chaudhy", "Chaudhry"), or a letter changed
 * ("Mensah", "Mesnah" share "mesah"), whether or not they sound alike. Short surnames are left
 * out: "Ali" and "Al" are not one name misspelt.
 */
const nearForms = (surname: string): string[] => {
  if (surname.length < 5) return [];
  const forms = new Set([surname]);
  for (let at = 0; at < surname.length; at += 1) forms.add(surname.slice(0, at) + surname.slice(at + 1));
  return [...forms];
};

type Add = (kind: IdentifierKind, parts: readonly string[], common?: true) => void;

const addFirstPrefixes = (name: PersonName, add: Add) => {
  for (const first of [...(name.written === undefined ? [] : [name.written]), ...name.firstNames]) {
    if (first.length >= 3) add('first-prefix', [first.slice(0, 3)]);
  }
};

const addName = (name: PersonName, add: Add) => {
  addFirstPrefixes(name, add);
  if (name.surname === undefined) {
    for (const first of name.firstNames) add('first-name', [first]);
    for (const initial of name.initials) add('initial', [initial]);
    return;
  }
  const common = COMMON_SURNAMES.has(name.surname) ? true : undefined;
  const sound = soundex(name.surname);
  add('surname', [name.surname], common);
  add('surname-sound', [sound], common);
  for (const near of nearForms(name.surname)) add('surname-near', [near], common);
  for (const first of name.firstNames) {
    add('name', [name.surname, first], common);
    add('name-sound', [sound, first], common);
    add('first-name', [first]);
  }
  for (const initial of name.initials) {
    add('initial', [initial]);
    add('name-initial', [name.surname, initial], common);
    add('name-sound-initial', [sound, initial], common);
  }
};
