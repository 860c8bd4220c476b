/**
 * A force's question about a report, and what the reporter sends after it: an answer, or
 * information they add unasked. The steps that make and move them are in
 * functions/domain/follow-up.ts.
 */
import type { Channel } from '../intake.ts';
import type { Reference } from '../reference.ts';
import type { StaffAction } from '../review-state.ts';
import type { SealedOriginal } from './sealed-original.ts';

export type QuestionStatus = 'awaiting_relay' | 'relayed' | 'answered';
export type AnswerStatus = 'awaiting_review' | 'approved' | 'disseminated';

export interface Question {
  readonly id: string;
  readonly reference: Reference;
  readonly force: string;
  readonly askedAt: string;
  readonly text: string;
  readonly status: QuestionStatus;
  readonly relayed?: StaffAction;
  readonly version: number;
}

/**
 * What a reporter sends after their report: an answer to a force's question, or more information
 * they chose to add (no question; it goes to whichever force has the report when it is approved).
 */
export interface Answer {
  readonly id: string;
  /** The question answered; absent for information the reporter added unasked. */
  readonly questionId?: string;
  readonly reference: Reference;
  /** The force that asked; absent for added information. */
  readonly force?: string;
  readonly channel: Channel;
  readonly receivedAt: string;
  /** The reporter's own words, sealed for the contact centre as an original is. */
  readonly original: SealedOriginal;
  readonly status: AnswerStatus;
  readonly sanitised?: StaffAction & { readonly text: string };
  readonly approved?: StaffAction;
  readonly notifiedAt?: string;
  readonly version: number;
}

const FOLLOW_UP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Whether text can be a question's or answer's id (a random UUID, as follow-up.ts newFollowUpId makes them): anything else is not looked up. */
export const isFollowUpId = (text: string): boolean => FOLLOW_UP_ID.test(text);
