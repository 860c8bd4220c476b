/**
 * The contact centre's queue as the staff console shows it: how many contacts, questions and
 * answers wait at each stage, and for how long. The console's screens read the contacts awaiting
 * review with contactsAwaitingReview; the rest is pure: what the records add up to.
 */
import type { ReportRecord } from './entities/report-record.ts';
import type { ReportStore } from './ports.ts';
import { secondsWaiting } from './review.ts';

/** The contacts the console's screens read at most: ten of the store's pages. */
const PAGE = 100;
const MOST = 1_000;

/** The contacts awaiting review, oldest first, up to a thousand; `more` when there are others after them. */
export const contactsAwaitingReview = async (reports: Pick<ReportStore, 'awaitingReview'>): Promise<{ records: ReportRecord[]; more: boolean }> => {
  const records: ReportRecord[] = [];
  let after: string | undefined;
  do {
    const page = await reports.awaitingReview({ limit: PAGE, ...(after === undefined ? {} : { after }) });
    records.push(...page.records);
    after = page.next;
  } while (after !== undefined && records.length < MOST);
  return { records, more: after !== undefined };
};

/**
 * - `to_sanitise`: a contact no one has yet sanitised or proposed to close;
 * - `to_approve`: sanitised, waiting for a supervisor who did not change it;
 * - `closure_to_confirm`: a closure proposed, waiting for a supervisor who did not propose it;
 * - `questions_to_relay`: a force's question, waiting to be relayed to the reporter;
 * - `answers_to_review`: a reporter's answer or added information, waiting for review.
 */
export const QUEUE_STAGES = ['to_sanitise', 'to_approve', 'closure_to_confirm', 'questions_to_relay', 'answers_to_review'] as const;
export type QueueStage = (typeof QUEUE_STAGES)[number];

export const reviewStageOf = (record: Pick<ReportRecord, 'review'>): 'to_sanitise' | 'to_approve' | 'closure_to_confirm' => {
  if (record.review?.closureProposed !== undefined) return 'closure_to_confirm';
  if (record.review?.sanitised !== undefined) return 'to_approve';
  return 'to_sanitise';
};

export interface StageFigures {
  readonly stage: QueueStage;
  readonly count: number;
  /** How long the oldest at this stage has waited, in seconds (0 when none waits). */
  readonly oldestSeconds: number;
}

export const stageFigures = (
  contacts: readonly Pick<ReportRecord, 'review' | 'receivedAt'>[],
  questions: readonly { readonly askedAt: string }[],
  answers: readonly { readonly receivedAt: string }[],
  now: Date,
): StageFigures[] => {
  const waited: Record<QueueStage, string[]> = { to_sanitise: [], to_approve: [], closure_to_confirm: [], questions_to_relay: [], answers_to_review: [] };
  for (const contact of contacts) waited[reviewStageOf(contact)].push(contact.receivedAt);
  for (const question of questions) waited.questions_to_relay.push(question.askedAt);
  for (const answer of answers) waited.answers_to_review.push(answer.receivedAt);
  return QUEUE_STAGES.map((stage) => {
    const times = waited[stage];
    const oldest = times.reduce<string | undefined>((found, at) => (found === undefined || Date.parse(at) < Date.parse(found) ? at : found), undefined);
    return { stage, count: times.length, oldestSeconds: secondsWaiting(oldest === undefined ? undefined : { receivedAt: oldest }, now) };
  });
};
