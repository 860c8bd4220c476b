/**
 * A report as the service keeps it once routed: where it stands in its lifecycle, where it is
 * going and why, what a force may see of it, and the reporter's original words sealed so that only
 * the contact centre can open them. Built by functions/domain/report-record.ts; the moves between
 * statuses are in functions/domain/lifecycle.ts.
 */
import type { DisseminableContent } from '../disseminable-content.ts';
import type { Channel } from '../intake.ts';
import type { Reference } from '../reference.ts';
import type { ReporterMode } from '../report.ts';
import type { ReviewState } from '../review-state.ts';
import type { ForceReference } from './force-reference.ts';
import type { Protection } from './protection.ts';
import type { RoutingDecision } from './routing-decision.ts';
import type { SealedOriginal } from './sealed-original.ts';

/** What a force may record that it has done with a report. */
export const OUTCOMES = ['investigation_opened', 'recorded_as_intelligence', 'safeguarding_action', 'no_further_action'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/**
 * - `routed`: recorded; its notification is not yet confirmed on the destination's queue;
 * - `awaiting_review`: waiting for the contact centre to sanitise it and a supervisor to approve it;
 * - `approved`: approved for dissemination; its notification is not yet confirmed;
 * - `disseminated`: on the force's queue;
 * - `in_triage`: on the national triage queue (when review is off and no force could be chosen);
 * - `closed`: closed by the contact centre without dissemination;
 * - `split`: divided by the contact centre into reports for several forces, each with its own
 *   reference, review and dissemination;
 * - an outcome the force recorded: `investigation_opened`, `recorded_as_intelligence`,
 *   `safeguarding_action`, `no_further_action` (see lifecycle.ts for the moves allowed).
 */
export type ReportStatus =
  | 'routed'
  | 'awaiting_review'
  | 'approved'
  | 'disseminated'
  | 'in_triage'
  | 'closed'
  | 'split'
  | Outcome;

export interface ReportRecord {
  readonly reference: Reference;
  readonly channel: Channel;
  readonly receivedAt: string;
  readonly routedAt: string;
  /** Where the report is going and why: the router's decision, or the contact centre's. */
  readonly routing: RoutingDecision;
  readonly categories: ReportRecordCategories;
  readonly reporterMode: ReporterMode;
  /** Whether the reporter left any way for the contact centre to reach them. */
  readonly contactDetailsHeld: boolean;
  /**
   * The reporter's report exactly as given, contact details and all, sealed: for the contact centre
   * only. Kept here by reports recorded before it had an item of its own (the store's
   * `keepOriginal`, written once, so that the report item rewritten at each step stays small);
   * absent on every report recorded since.
   */
  readonly original?: SealedOriginal;
  /**
   * The contact the original was sealed for, when this report was split from it (the seal is
   * bound to that reference); absent when it is this report's own.
   */
  readonly splitFrom?: Reference;
  /**
   * Set when the report speaks of a force's own professional standards, anti-corruption or vetting
   * unit or its chief officers: the forces it must never reach, whoever decides where it goes.
   */
  readonly protection?: Protection;
  /** Each force's own reference for the report, by force id: the only reference a force sees. */
  readonly forceReferences?: Readonly<Record<string, ForceReference>>;
  /** What a force may see: set at routing when review is off, by the contact centre when on. */
  readonly content?: DisseminableContent;
  readonly review?: ReviewState;
  /**
   * How many identifying details were flagged in the reporter's words when the report was routed
   * for review (functions/domain/review-flags.ts): the count the contact centre's queue shows, so
   * that listing needs no original opened. Absent on reports routed without review, split from
   * another, or recorded before it was kept.
   */
  readonly flaggedDetails?: number;
  /** The member of staff who took the report by phone, by username (the contact centre's only). */
  readonly takenBy?: string;
  readonly status: ReportStatus;
  /** When the notification was confirmed on the destination's queue. */
  readonly notifiedAt?: string;
  /**
   * While the report is due for notification: when the step that made it due (routing without
   * review, approval, transfer, release) was taken. The sweeper's index is ordered by it, and an
   * operator is paged when it is too long ago. Exact time: for the contact centre only.
   */
  readonly dueSince?: string;
  /**
   * The version of this record when its notification was sent to the destination it is with now:
   * for triage, the dissemination's number in the message id of every message sent about it
   * (functions/domain/report-record.ts disseminationVersion; a force's number counts its holdings).
   */
  readonly disseminatedVersion?: number;
  /** Forces that had the report before it was transferred, and until when: the custody chain. */
  readonly formerCustodians?: readonly { readonly force: string; readonly until: string }[];
  /** Outcomes forces recorded, in order. */
  readonly outcomes?: readonly { readonly outcome: Outcome; readonly force: string; readonly at: string; readonly note?: string }[];
  /** What of the report has ended under the retention schedule (functions/domain/retention.ts). */
  readonly retention?: RetentionRecord;
  /** Increases with every change; each write is conditional on the version it read. */
  readonly version: number;
}

/** The retention job's marks on a report: days (YYYY-MM-DD), never what was removed. */
export interface RetentionRecord {
  /**
   * The day keeping in contact is counted from, when the job found an exchange later than the
   * day the report settled (so the retention index lists it again only when it may be due).
   */
  readonly countFrom?: string;
  /** The day keeping in contact ended: contact details, follow-up codes, questions and answers gone. */
  readonly keepingInContactEnded?: string;
  /** The day the original ended: its key destroyed and its item gone. */
  readonly originalEnded?: string;
}

type ReportRecordCategories = DisseminableContent['categories'];
