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

const GROUP = '[0-9A-Za-z]{4}';
const SEPARATOR = '[\\s._:#/-]{0,3}';
const grouped = (prefix: string, groups: number): RegExp =>
  new RegExp(`(?<![0-9A-Za-z])${prefix}(${SEPARATOR})(${GROUP}(?:(${SEPARATOR})${GROUP}){${groups - 1}})(?![0-9A-Za-z])`, 'gi');
/** A report reference however it is written: "PAC-7K3M-9QXD", "pac 7k3m 9qxd", "P.A.C. 7K3M9QXD". */
const REPORT_REFERENCES = grouped('P\\.?\\s?A\\.?\\s?C', 2);
/** A force reference however it is written: "FR-7K3M-9QXD-2H4P", "fr 7k3m9qxd2h4p". */
const FORCE_REFERENCES = grouped('F\\.?\\s?R', 3);
/** Groups as the references print them, without their letters: "7K3M-9QXD", "7k3m-9qxd-2h4p" (hyphens: spaced groups are too often words and numbers). */
const BARE_GROUPS = /(?<![0-9A-Za-z-])[0-9A-Za-z]{4}(?:-[0-9A-Za-z]{4}){1,2}(?![0-9A-Za-z-])/g;

/** The symbols of a reference as written, upper case, separators gone and confusions undone. */
const compact = (written: string): string => typedSymbols(written).replace(/[^0-9A-Z]/g, '');
/** The reference of these symbols (the parsers take a leading PAC or FR off, so it is given: symbols may begin with those letters). */
const reportReference = (symbols: string): string | undefined => parseReference(`PAC${symbols}`);
const forceReference = (symbols: string): string | undefined => parseForceReference(`FR${symbols}`);
/** Groups of random symbols, not words or a number: at least one digit and one letter as written. */
const looksRandom = (written: string): boolean => /[0-9]/.test(written) && /[A-Za-z]/.test(written);
/** After its PAC or FR, a reference's symbols: with a digit, or set apart from its letters (so "packaging", "package deal" and "front" are not). */
const symbolsAfterPrefix = ([, before, symbols]: RegExpMatchArray): string | undefined => (/[0-9]/.test(symbols ?? '') || before !== '' ? compact(symbols ?? '') : undefined);

/**
 * Text as it reads: compatibility forms folded (full-width "ＰＡＣ－７Ｋ３Ｍ" is PAC-7K3M), invisible
 * characters taken out (zero-width spaces and joiners, soft hyphens, word joiners) and every dash
 * read as a hyphen, so that a reference cannot hide behind how it was typed or pasted.
 */
const asTyped = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/[\u00AD\u034F\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g, '')
    .replace(/[\u2010-\u2015\u2212\u2043\uFE58\uFE63\u30FC]/g, '-');

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
  for (const match of text.matchAll(REPORT_REFERENCES)) add(reportReference(symbolsAfterPrefix(match) ?? '-'));
  for (const match of text.matchAll(FORCE_REFERENCES)) add(forceReference(symbolsAfterPrefix(match) ?? '-'));
  for (const [written] of text.matchAll(BARE_GROUPS)) {
    if (!looksRandom(written)) continue;
    const symbols = compact(written);
    add(symbols.length === 8 ? reportReference(symbols) : forceReference(symbols));
  }
  // This report's own references, found even run into other text; the force's own taken out first.
  const everything = compact(text.replace(FORCE_REFERENCES, (written: string, _before: string, symbols: string) => (own.has(forceReference(compact(symbols)) ?? '') ? ' ' : written)));
  const known = [record.reference, record.splitFrom, ...Object.values(record.forceReferences ?? {})].filter((reference) => reference !== undefined);
  for (const reference of known) if (everything.includes(compact(reference).replace(/^(PAC|FR)/, ''))) add(reference);
  return [...found];
};
