/**
 * The sentence that tells a force of the other reports it holds about the same person, and the
 * check that what a force would receive names no report but its own (held-reports.ts says why).
 * Pure text, read by the review (approval) and a force's transfer.
 */
import type { DisseminableContent } from '../disseminable-content.ts';
import type { ForceReference } from '../entities/force-reference.ts';
import type { ReportRecord } from '../entities/report-record.ts';
import type { ForceId } from '../forces.ts';
import { SYMBOL_CLASS } from '../reference.ts';
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

const FORCE_REFERENCES = new RegExp(`FR-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}`, 'g');
const REPORT_REFERENCES = new RegExp(`PAC-${SYMBOL_CLASS}{4}-${SYMBOL_CLASS}{4}`, 'g');

/**
 * The references in what a force would receive that it may not see: every report reference (the
 * reporter's, or the contact centre's for another report), and every force reference but its own
 * for this report and those noted for it.
 */
export const foreignReferencesIn = (record: Pick<ReportRecord, 'forceReferences' | 'review'>, content: DisseminableContent, force: ForceId): string[] => {
  const text = JSON.stringify(content);
  const noted = record.review?.heldReportsNoted;
  const own = new Set<string>([...(noted?.force === force ? noted.forceReferences : []), ...(record.forceReferences?.[force] === undefined ? [] : [record.forceReferences[force]])]);
  return [...new Set([...(text.match(REPORT_REFERENCES) ?? []), ...(text.match(FORCE_REFERENCES) ?? []).filter((found) => !own.has(found))])];
};
