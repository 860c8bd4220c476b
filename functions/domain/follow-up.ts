/**
 * Keeping in contact: a force may ask the reporter a question about a report it has received. The
 * question waits for the contact centre, which relays it to the reporter (the reporter's follow-up
 * inbox, or a call agent when they phone back). The reporter's answer is sealed like an original,
 * sanitised and approved by two people the same way as a report, and only then reaches the force,
 * linked to the report.
 */
import * as z from 'zod';
import { auditEvent, type AuditEvent } from './audit.ts';
import { accessOf } from './force-work.ts';
import type { Channel } from './intake.ts';
import { answerDeduplicationId, forceAnswerNotification } from './force-answer-notification.ts';
import { forceInformationNotification, informationDeduplicationId } from './force-information-notification.ts';
import { isWithAForce } from './lifecycle.ts';
import type { FollowUpStore, ForceQueues, OriginalsVault, ReportStore, SealedOriginal } from './ports.ts';
import type { Reference } from './reference.ts';
import type { ReportRecord } from './report-record.ts';
import type { StaffAction } from './review-state.ts';

export const MAX_FOLLOW_UP_BYTES = 16 * 1024;
/** The longest answer, or addition, a reporter may send. */
export const FOLLOW_UP_TEXT_MAX = 10_000;

export const questionRequestSchema = z
  .strictObject({ question: z.string({ error: 'question is required' }).trim().min(10, { error: 'question must be at least 10 characters' }).max(2_000) })
  .meta({ id: 'QuestionRequest', title: "A force's question for the reporter" });

export const answerRequestSchema = z
  .strictObject({ answer: z.string({ error: 'answer is required' }).trim().min(1).max(FOLLOW_UP_TEXT_MAX) })
  .meta({ id: 'AnswerRequest', title: "The reporter's answer to a question" });

export const sanitisedAnswerSchema = z
  .strictObject({ text: z.string({ error: 'text is required' }).trim().min(1).max(FOLLOW_UP_TEXT_MAX) })
  .meta({ id: 'SanitisedAnswer', title: 'An answer as the force will see it, sanitised by the contact centre' });

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

export type FollowUpRefusal =
  | { readonly kind: 'not-found' }
  | { readonly kind: 'wrong-state'; readonly status: string }
  | { readonly kind: 'not-sanitised' }
  | { readonly kind: 'own-sanitisation' };

export type FollowUpResult<T> = { readonly ok: true; readonly value: T; readonly event: AuditEvent } | { readonly ok: false; readonly refusal: FollowUpRefusal };

const refused = <T>(refusal: FollowUpRefusal): FollowUpResult<T> => ({ ok: false, refusal });

/**
 * A force asks about a report. Only the force that has the report may ask; to any other force it
 * does not exist.
 */
export const askQuestion = (record: ReportRecord | undefined, force: string, text: string, id: string, at: Date): FollowUpResult<Question> => {
  if (accessOf(record, force).kind !== 'custodian' || record === undefined) return refused({ kind: 'not-found' });
  const askedAt = at.toISOString();
  return {
    ok: true,
    value: { id, reference: record.reference, force, askedAt, text, status: 'awaiting_relay', version: 1 },
    event: auditEvent('question_asked', askedAt, { questionId: id }, `force:${force}`),
  };
};

export const relayQuestion = (question: Question, by: string, at: Date): FollowUpResult<Question> =>
  question.status !== 'awaiting_relay'
    ? refused({ kind: 'wrong-state', status: question.status })
    : {
        ok: true,
        value: { ...question, status: 'relayed', relayed: { by, at: at.toISOString() }, version: question.version + 1 },
        event: auditEvent('question_relayed', at, { questionId: question.id }, by),
      };

/** The reporter answers a relayed question; the question is then answered. */
export const receiveAnswer = (
  question: Question,
  original: SealedOriginal,
  channel: Channel,
  id: string,
  at: Date,
  by?: string,
): FollowUpResult<{ question: Question; answer: Answer }> => {
  if (question.status !== 'relayed') return refused({ kind: 'wrong-state', status: question.status });
  const receivedAt = at.toISOString();
  return {
    ok: true,
    value: {
      question: { ...question, status: 'answered', version: question.version + 1 },
      answer: {
        id,
        questionId: question.id,
        reference: question.reference,
        force: question.force,
        channel,
        receivedAt,
        original,
        status: 'awaiting_review',
        version: 1,
      },
    },
    event: auditEvent('answer_received', receivedAt, { questionId: question.id, answerId: id, channel }, by),
  };
};

export const sanitiseAnswer = (answer: Answer, text: string, by: string, at: Date): FollowUpResult<Answer> =>
  answer.status !== 'awaiting_review'
    ? refused({ kind: 'wrong-state', status: answer.status })
    : {
        ok: true,
        value: { ...answer, sanitised: { by, at: at.toISOString(), text }, version: answer.version + 1 },
        event: auditEvent('answer_sanitised', at, { answerId: answer.id }, by),
      };

/** Four eyes, as for reports: the supervisor may not be the analyst who sanitised the answer. */
export const approveAnswer = (answer: Answer, by: string, at: Date): FollowUpResult<Answer> => {
  if (answer.status !== 'awaiting_review') return refused({ kind: 'wrong-state', status: answer.status });
  if (answer.sanitised === undefined) return refused({ kind: 'not-sanitised' });
  if (answer.sanitised.by === by) return refused({ kind: 'own-sanitisation' });
  return {
    ok: true,
    value: { ...answer, status: 'approved', approved: { by, at: at.toISOString() }, version: answer.version + 1 },
    event: auditEvent('answer_approved', at, { answerId: answer.id }, by),
  };
};

export type FollowUpOutcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'refused'; readonly refusal: FollowUpRefusal };

const notFound = { kind: 'refused', refusal: { kind: 'not-found' } } as const;

export const newFollowUpId = (): string => crypto.randomUUID();

/** A force asks the reporter a question about a report it received. */
export const ask = async (
  ports: { reports: Pick<ReportStore, 'find'>; followUps: Pick<FollowUpStore, 'recordQuestion'> },
  reference: Reference,
  force: string,
  text: string,
  at: Date,
): Promise<FollowUpOutcome<Question>> => {
  const result = askQuestion(await ports.reports.find(reference), force, text, newFollowUpId(), at);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  await ports.followUps.recordQuestion(result.value, result.event);
  return { kind: 'done', value: result.value };
};

export const relay = async (followUps: FollowUpStore, reference: Reference, questionId: string, by: string, at: Date): Promise<FollowUpOutcome<Question>> => {
  const question = await followUps.findQuestion(reference, questionId);
  if (question === undefined) return notFound;
  const result = relayQuestion(question, by, at);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  await followUps.recordQuestionChange(question, result.value, result.event);
  return { kind: 'done', value: result.value };
};

/** The reporter's answer, taken by a call agent or through the reporter's follow-up inbox. */
export const answer = async (
  ports: { followUps: FollowUpStore; vault: Pick<OriginalsVault, 'seal'> },
  reference: Reference,
  questionId: string,
  text: string,
  channel: Channel,
  at: Date,
  by?: string,
): Promise<FollowUpOutcome<Answer>> => {
  const question = await ports.followUps.findQuestion(reference, questionId);
  if (question === undefined) return notFound;
  if (question.status !== 'relayed') return { kind: 'refused', refusal: { kind: 'wrong-state', status: question.status } };
  const result = receiveAnswer(question, await ports.vault.seal(reference, text), channel, newFollowUpId(), at, by);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  await ports.followUps.recordAnswer(question, result.value.question, result.value.answer, result.event);
  return { kind: 'done', value: result.value.answer };
};

/**
 * The reporter adds information to their report, unasked. Sealed like an answer and reviewed the
 * same way; a contact split into several reports keeps it under the contact, and it goes to every
 * force that has a part.
 */
export const receiveInformation = async (
  ports: { followUps: Pick<FollowUpStore, 'recordInformation'>; vault: Pick<OriginalsVault, 'seal'> },
  record: ReportRecord,
  text: string,
  channel: Channel,
  at: Date,
): Promise<FollowUpOutcome<Answer>> => {
  const id = newFollowUpId();
  const receivedAt = at.toISOString();
  const information: Answer = {
    id,
    reference: record.reference,
    channel,
    receivedAt,
    original: await ports.vault.seal(record.reference, text),
    status: 'awaiting_review',
    version: 1,
  };
  await ports.followUps.recordInformation(information, auditEvent('information_received', receivedAt, { answerId: id, channel }));
  return { kind: 'done', value: information };
};

/** Reads an answer, decides a review step on it, and records it. */
export const answerStep = async (
  followUps: FollowUpStore,
  reference: Reference,
  answerId: string,
  decide: (answer: Answer) => FollowUpResult<Answer>,
): Promise<FollowUpOutcome<Answer>> => {
  const found = await followUps.findAnswer(reference, answerId);
  if (found === undefined) return notFound;
  const result = decide(found);
  if (!result.ok) return { kind: 'refused', refusal: result.refusal };
  await followUps.recordAnswerChange(found, result.value, result.event);
  return { kind: 'done', value: result.value };
};

/** A report and, for a contact split between forces, the reports it was divided into. */
export const reportWithParts = async (
  reports: Pick<ReportStore, 'find'>,
  reference: Reference,
): Promise<{ record: ReportRecord | undefined; parts: ReportRecord[] }> => {
  const record = await reports.find(reference);
  const parts = await Promise.all((record?.review?.split?.into ?? []).map((part) => reports.find(part as Reference)));
  return { record, parts: parts.filter((part) => part !== undefined) };
};

/** Where approved information goes: each report (or part of a split contact) that a force now has. */
export const informationDestinations = (record: ReportRecord | undefined, parts: readonly ReportRecord[]): ReportRecord[] =>
  [record, ...parts].filter((r): r is ReportRecord => r !== undefined && isWithAForce(r.status));

/**
 * Sends an approved answer to the force that asked, or approved information to every force that has
 * the report, once, and records that it is there. Information about a report that no force has yet
 * stays approved; approving it again once a force has the report sends it.
 */
export const disseminateAnswer = async (
  ports: { followUps: FollowUpStore; forceQueues: ForceQueues; reports: Pick<ReportStore, 'find'>; clock: () => Date },
  approved: Answer,
): Promise<Answer> => {
  if (approved.status !== 'approved') return approved;
  const now = ports.clock();
  let destinations: string[];
  if (approved.questionId === undefined) {
    const { record, parts } = await reportWithParts(ports.reports, approved.reference);
    const reports = informationDestinations(record, parts);
    if (reports.length === 0) return approved;
    for (const report of reports) {
      await ports.forceQueues.notify(
        report.routing.destination,
        forceInformationNotification(report, approved, now),
        informationDeduplicationId(report.reference, approved),
      );
    }
    destinations = reports.map((report) => report.routing.destination);
  } else {
    const question = await ports.followUps.findQuestion(approved.reference, approved.questionId);
    if (question === undefined || approved.force === undefined) throw new Error(`Answer ${approved.id} has no question`);
    await ports.forceQueues.notify(approved.force, forceAnswerNotification(question, approved, now), answerDeduplicationId(approved));
    destinations = [approved.force];
  }
  const sent: Answer = { ...approved, status: 'disseminated', notifiedAt: now.toISOString(), version: approved.version + 1 };
  await ports.followUps.recordAnswerChange(approved, sent, auditEvent('answer_disseminated', now, { answerId: approved.id, destination: destinations.join(',') }));
  return sent;
};
