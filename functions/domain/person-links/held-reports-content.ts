/**
 * The sentence that tells a force of the other reports it holds about the same person, and the
 * check that what a force would receive names no report but its own (held-reports.ts says why).
 * Pure text, read by the review (approval) and a force's transfer.
 */
import type { DisseminableContent } from '../disseminable-content.ts';
import type { ForceReference } from '../entities/force-reference.ts';
import type { ReportRecord } from '../entities/report-record.ts';
import type { ForceId } from '../forces.ts';
import { parseForceReference } from '../force-reference.ts';
import { CONFUSABLE_SKELETONS } from '../confusable-skeletons.generated.ts';
import { parseReference, typedSymbols } from '../reference.ts';
import type { ReviewState } from '../review-state.ts';

/** What was noted: for which force, its references, and the sentence as added. */
export type HeldReportsNoted = NonNullable<ReviewState['heldReportsNoted']>;

/** The fixed wording, and nothing else: the force's own references, in order. */
export const heldReportsSentence = (forceReferences: readonly ForceReference[]): string =>
  forceReferences.length === 1
    ? `Your force holds another report that may concern the same person: ${forceReferences[0]}.`
    : `Your force holds other reports that may concern the same person: ${forceReferences.join(', ')}.`;

/** The content without a sentence noted before (to note it again, or before another force receives it). */
export const withoutHeldReports = (content: DisseminableContent, noted: HeldReportsNoted | undefined): DisseminableContent => {
  if (noted === undefined || !content.narrative.includes(noted.sentence)) return content;
  return { ...content, narrative: content.narrative.replace(noted.sentence, '').replace(/\s+$/, '').replace(/\n{3,}/g, '\n\n') };
};

/** Anything but a letter or digit, a few at most, between a reference's letters and its symbols or within them. */
const GAP = '[^0-9A-Za-z]{0,4}';
const symbolsWritten = (count: number): string => `[0-9A-Za-z](?:${GAP}[0-9A-Za-z]){${count - 1}}`;
const prefixed = (prefix: string, symbols: number): RegExp => new RegExp(`(?<![0-9A-Za-z])${prefix}(${GAP})(${symbolsWritten(symbols)})`, 'gi');
/** A report reference however it is written: "PAC-7K3M-9QXD", "pac 7k3m 9qxd", "P.A.C. 7K 3M 9Q XD". */
const REPORT_REFERENCES = prefixed('P\\.?\\s?A\\.?\\s?C', 8);
/** A force reference however it is written: "FR-7K3M-9QXD-2H4P", "fr 7k3m9qxd2h4p". */
const FORCE_REFERENCES = prefixed('F\\.?\\s?R', 12);
/** Groups as the references print them, without their letters: "7K3M-9QXD", "7k3m-9qxd-2h4p" (hyphens: spaced groups are too often words and numbers). */
const BARE_GROUPS = /(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){1,2}(?![0-9A-Za-z-])/g;
/** A group that is a number, an ordinal or a time ("2024", "12th", "10am"): a date or a range, not a reference. */
const COUNTED = /^(?:\d+|\d{1,2}(?:st|nd|rd|th|am|pm))$/i;

/** The symbols of a reference as written, upper case, separators gone and confusions undone. */
const compact = (written: string): string => typedSymbols(written).replace(/[^0-9A-Z]/g, '');
/** The reference of these symbols (the parsers take a leading PAC or FR off, so it is given: symbols may begin with those letters). */
const reportReference = (symbols: string): string | undefined => parseReference(`PAC${symbols}`);
const forceReference = (symbols: string): string | undefined => parseForceReference(`FR${symbols}`);
/**
 * After its PAC or FR, a reference's symbols: with a digit as written, or else typed as the service
 * prints it (a hyphen after the letters and between groups of four), so that "the PAC said this",
 * "package deal", "Fr. Mark Ryan Wood" and "front" are not.
 */
const symbolsAfterPrefix = ([, before, symbols]: RegExpMatchArray, groups: number): string | undefined => {
  const written = symbols ?? '';
  // Run straight on from its letters ("PAC7K3M9QXD"), a reference is run together: "packaging 12" is not one.
  if (before === '' && /[^0-9A-Za-z]/.test(written)) return undefined;
  const printed = new RegExp(`^[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){${groups - 1}}$`).test(written) && /^[^0-9A-Za-z]*[-:#_][^0-9A-Za-z]*$/.test(before ?? '');
  return /[0-9]/.test(written) || printed ? compact(written) : undefined;
};
/** Hyphen-joined groups without their letters that may be a reference: a digit and a letter as written, and no group a number, an ordinal or a time. */
const mayBeBare = (written: string): boolean => /[0-9]/.test(written) && /[A-Za-z]/.test(written) && !written.split('-').some((group) => COUNTED.test(group));

const DIGIT = /^\p{Nd}$/u;
/**
 * A digit of another script as the ASCII digit of the same value ("٤" is 4): Unicode's decimal
 * digits come in runs of ten from zero, so its value is its place in its run.
 */
const asAsciiDigit = (character: string): string => {
  const code = character.codePointAt(0) ?? 0;
  let start = code;
  while (start > 0 && DIGIT.test(String.fromCodePoint(start - 1))) start -= 1;
  return String((code - start) % 10);
};

/** A letter or digit from another script that reads as a Latin one (Cyrillic "а", Greek "Ο"), as TR39 folds it. */
const asLatin = (character: string): string => {
  const skeleton = CONFUSABLE_SKELETONS[character];
  return skeleton !== undefined && /^[0-9A-Za-z]$/.test(skeleton) ? skeleton : character;
};

/**
 * Text as it reads: compatibility forms folded (full-width "ＰＡＣ－７Ｋ３Ｍ" is PAC-7K3M), accents and
 * other marks taken off, any script's digits read as ASCII ones, invisible characters taken out (zero-width spaces and joiners, soft
 * hyphens, variation selectors), every dash read as a hyphen, look-alike letters from other
 * scripts read as Latin, and the character references of HTML read as what they stand for, so
 * that a reference cannot hide behind how it was typed or pasted.
 */
const asTyped = (text: string): string =>
  text
    .replace(/&#(\d{1,7});|&#x([0-9a-f]{1,6});/gi, (entity, decimal: string | undefined, hex: string | undefined) => {
      const code = decimal === undefined ? Number.parseInt(hex ?? '', 16) : Number(decimal);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    })
    .replace(/&(?:hyphen|dash|ndash|mdash|minus);/gi, '-')
    .normalize('NFKD')
    .replace(/[\p{M}\p{Default_Ignorable_Code_Point}]/gu, '')
    .normalize('NFKC')
    .replace(/\p{Dash}/gu, '-')
    .replace(/[^\x00-\x7F]/gu, (character) => (DIGIT.test(character) ? asAsciiDigit(character) : asLatin(character)));

/** Every match, each tried from one character after the last one's start: "fr FR-7K3M-…" holds two tries, and the second is the reference. */
const overlapping = (pattern: RegExp, text: string): RegExpExecArray[] => {
  const matches: RegExpExecArray[] = [];
  const sticky = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (let match = sticky.exec(text); match !== null; match = sticky.exec(text)) {
    matches.push(match);
    sticky.lastIndex = match.index + 1;
  }
  return matches;
};

/** Every piece of text in what a force would receive, at any depth. */
const textsIn = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : typeof value === 'object' && value !== null ? Object.values(value).flatMap(textsIn) : [];

/**
 * The references in what a force would receive that it may not see: every report reference (the
 * reporter's, or the contact centre's for another report), and every force reference but its own
 * for this report and those noted for it. A reference is found however it was typed or read back
 * (any case, spaces or none, O for 0, I or L for 1), with or without its PAC or FR, and this
 * report's own references are found even run into other text.
 */
export const foreignReferencesIn = (record: Pick<ReportRecord, 'forceReferences' | 'review'> & Partial<Pick<ReportRecord, 'reference' | 'splitFrom'>>, content: DisseminableContent | string, force: ForceId): string[] => {
  const text = asTyped(textsIn(content).join('\n'));
  const noted = record.review?.heldReportsNoted;
  const own = new Set<string>([...(noted?.force === force ? noted.forceReferences : []), ...(record.forceReferences?.[force] === undefined ? [] : [record.forceReferences[force]])]);
  const found = new Set<string>();
  const add = (reference: string | undefined): void => {
    if (reference !== undefined && !own.has(reference)) found.add(reference);
  };
  for (const match of overlapping(REPORT_REFERENCES, text)) add(reportReference(symbolsAfterPrefix(match, 2) ?? '-'));
  for (const match of overlapping(FORCE_REFERENCES, text)) add(forceReference(symbolsAfterPrefix(match, 3) ?? '-'));
  for (const [written] of text.matchAll(BARE_GROUPS)) {
    if (!mayBeBare(written)) continue;
    const symbols = compact(written);
    add(symbols.length === 8 ? reportReference(symbols) : forceReference(symbols));
  }
  // This report's own references, found even run into other text; the force's own taken out first.
  const everything = compact(text.replace(FORCE_REFERENCES, (written: string, _before: string, symbols: string) => (own.has(forceReference(compact(symbols)) ?? '') ? ' ' : written)));
  const known = [record.reference, record.splitFrom, ...Object.values(record.forceReferences ?? {})].filter((reference) => reference !== undefined);
  for (const reference of known) if (everything.includes(compact(reference).replace(/^(PAC|FR)/, ''))) add(reference);
  return [...found];
};
