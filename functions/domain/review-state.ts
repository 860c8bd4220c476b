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
  /** The force the contact centre chose, and who chose it. */
  readonly forceChosen?: StaffAction & { readonly force: string };
  /** A closure one member of staff has proposed; it takes effect only once a supervisor who is not the proposer confirms it. */
  readonly closureProposed?: StaffAction & { readonly reason: ClosureReason; readonly note?: string };
  readonly closed?: StaffAction & { readonly reason: ClosureReason; readonly note?: string; readonly proposedBy?: string };
  readonly approved?: StaffAction;
  readonly split?: StaffAction & { readonly into: readonly string[] };
  /**
   * Everyone who changed what the force will receive or where it goes (the sanitised version, the
   * force, a split): none of them may approve it.
   */
  readonly changedBy?: readonly string[];
}
