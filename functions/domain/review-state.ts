/** Where a report stands in the contact centre's review, and who did what. */
import type { DisseminableContent } from './disseminable-content.ts';
import type { ForceReference } from './entities/force-reference.ts';

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
  /**
   * The last time a supervisor sent the sanitised version back to the analysts, and why; with the
   * draft returned (no longer the sanitised version, so nothing can approve it) only until an
   * analyst sanitises again: a draft found wanting, perhaps still naming the reporter, is not kept.
   */
  readonly returned?: StaffAction & { readonly reason: string; readonly draft?: StaffAction & { readonly content: DisseminableContent } };
  readonly split?: StaffAction & { readonly into: readonly string[] };
  /**
   * The sentence an analyst added to the sanitised version telling the force it holds other reports
   * about the same person, with the force's own references for them, and the force they are its
   * references for (functions/domain/person-links/held-reports.ts): approval lets no other
   * reference through, and a transfer takes the sentence out.
   */
  readonly heldReportsNoted?: StaffAction & { readonly force: string; readonly forceReferences: readonly ForceReference[]; readonly sentence: string };
  /**
   * Everyone who changed what the force will receive or where it goes (the sanitised version, the
   * force, a split): none of them may approve it.
   */
  readonly changedBy?: readonly string[];
}
