/**
 * Identifying details flagged in a contact's own words, field by field, so that the analyst can
 * redact them: every free-text answer is searched, each find located by the field's JSON Pointer
 * and its position in that field. The reporter's contact details are not flagged: they are
 * identifying by definition and never leave the contact centre.
 */
import { findIdentifyingDetails, type IdentifyingDetail } from './identifying-details.ts';
import type { ReportSubmission } from './report.ts';

export interface FlaggedDetail extends IdentifyingDetail {
  /** RFC 6901 pointer to the field, e.g. "/narrative" or "/location/description". */
  readonly pointer: string;
}

const textFields = (value: unknown, pointer: string): { pointer: string; text: string }[] => {
  if (typeof value === 'string') return [{ pointer, text: value }];
  if (Array.isArray(value)) return value.flatMap((item, index) => textFields(item, `${pointer}/${index}`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => textFields(item, `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [];
};

export const flagIdentifyingDetails = ({ reporter: _reporter, categories: _categories, ...answers }: ReportSubmission): FlaggedDetail[] =>
  textFields(answers, '').flatMap(({ pointer, text }) => findIdentifyingDetails(text).map((detail) => ({ pointer, ...detail })));
