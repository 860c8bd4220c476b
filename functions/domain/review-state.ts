/** Where a report stands in the contact centre's review, and who did what. */
import type { DisseminableContent } from './disseminable-content.ts';

export const CLOSURE_REASONS = [
  'not_about_police',
  'duplicate',
  'insufficient_information',
  'advice_given',
  'malicious',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export interface StaffAction {
  readonly by: string;
  readonly at: string;
}

export interface ReviewState {
  readonly sanitised?: StaffAction & { readonly content: DisseminableContent };
  readonly closed?: StaffAction & { readonly reason: ClosureReason; readonly note?: string };
  readonly approved?: StaffAction;
  readonly split?: StaffAction & { readonly into: readonly string[] };
}
