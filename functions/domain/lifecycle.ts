/**
 * The report lifecycle: every status a report can be in, and the moves between them. Every state
 * change is checked against this table and refused when it does not fit.
 *
 * Before a force sees it: routed → disseminated | in_triage; in_triage → routed (released to a force
 * that has since joined the service); awaiting_review → approved | closed |
 * split (and stays awaiting_review while sanitised or re-routed); approved → disseminated.
 * Once a force has it: an outcome, then perhaps another (an investigation can end in no further
 * action), or a transfer to another force, which routes it again (→ routed → disseminated there),
 * or, when the report speaks of that force's own professional standards or chief officers, sends it
 * back to the contact centre's review (→ awaiting_review).
 */
import { OUTCOMES, type ReportStatus } from './entities/report-record.ts';

const NEXT: Record<ReportStatus, readonly ReportStatus[]> = {
  routed: ['disseminated', 'in_triage'],
  awaiting_review: ['awaiting_review', 'approved', 'closed', 'split'],
  approved: ['disseminated'],
  in_triage: ['routed'],
  closed: [],
  split: [],
  disseminated: [...OUTCOMES, 'routed', 'awaiting_review'],
  recorded_as_intelligence: ['investigation_opened', 'safeguarding_action', 'no_further_action', 'routed', 'awaiting_review'],
  safeguarding_action: ['investigation_opened', 'no_further_action', 'routed', 'awaiting_review'],
  investigation_opened: ['safeguarding_action', 'no_further_action', 'routed', 'awaiting_review'],
  no_further_action: [],
};

export const canMove = (from: ReportStatus, to: ReportStatus): boolean => NEXT[from].includes(to);

/** The statuses in which the report is with a force: its custodian may see it and work it. */
export const WITH_A_FORCE: readonly ReportStatus[] = ['disseminated', ...OUTCOMES];

export const isWithAForce = (status: ReportStatus): boolean => WITH_A_FORCE.includes(status);
