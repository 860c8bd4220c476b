/**
 * Keeping in contact: a force may ask the reporter a question about a report it has received. The
 * question waits for the contact centre, which relays it to the reporter (the reporter's follow-up
 * inbox, or a call agent when they phone back). The reporter's answer is sealed like an original,
 * sanitised and approved by two people the same way as a report, and only then reaches the force,
 * linked to the report.
 */
import * as z from './zod.ts';
import { named } from './zod.ts';
import { typedText } from './typed-text.ts';
import { auditEvent, type AuditEvent } from './audit.ts';
import { accessOf } from './force-work.ts';
import type { Channel } from './intake.ts';
import { forceAnswerNotification } from './force-answer-notification.ts';
import { forceInformationNotification } from './force-information-notification.ts';
import { destinationReference } from './force-notification.ts';
import { reportForForce, withForceReference } from './force-reference.ts';
import { mayReach } from './routing.ts';
import { isWithAForce } from './lifecycle.ts';
import type { ForceId } from './forces.ts';
import { foreignReferencesIn } from './person-links/held-reports-content.ts';
import { disseminationVersion } from './report-record.ts';
import type { FollowUpStore, ForceQueues, OriginalsVault, ReportStore } from './ports.ts';
import type { Answer, Question } from './entities/follow-up.ts';
import type { SealedOriginal } from './entities/sealed-original.ts';
import type { Reference } from './reference.ts';
import type { ReportRecord } from './entities/report-record.ts';
import { done, refused, type NotFound, type StepResult } from './entities/step-result.ts';

export const MAX_FOLLOW_UP_BYTES = 16 * 1024;
/** The longest answer, or addition, a reporter may send. */
export const FOLLOW_UP_TEXT_MAX = 10_000;

export const questionRequestSchema = named(
  z.strictObject({
    question: typedText('question', 'question is required').check(
      z.trim(),
      z.minLength(10, { error: 'question must be at least 10 characters' }),
      z.maxLength(2_000),
    ),
  }),
  { id: 'QuestionRequest', title: "A force's question for the reporter" },
);

export const answerRequestSchema = named(
  z.strictObject({ answer: typedText('answer', 'answer is required').check(z.trim(), z.minLength(1), z.maxLength(FOLLOW_UP_TEXT_MAX)) }),
  { id: 'AnswerRequest', title: "The reporter's answer to a question" },
);

export const sanitisedAnswerSchema = named(
  z.strictObject({ text: typedText('text', 'text is required').check(z.trim(), z.minLength(1), z.maxLength(FOLLOW_UP_TEXT_MAX)) }),
  { id: 'SanitisedAnswer', title: 'An answer as the force will see it, sanitised by the contact centre' },
);

export type FollowUpRefusal =
  | NotFound
  | { readonly kind: 'wrong-state'; readonly status: string }
  | { readonly kind: 'not-sanitised' }
  | { readonly kind: 'own-sanitisation' }
  /** The answer speaks of the own professional standards or chief officers of a force that has the report. */
  | { readonly kind: 'protected-unit' }
  /** The sanitised answer names a reference a force that has the report may not see (the reporter's, or another force's). */
  | { readonly kind: 'foreign-reference'; readonly references: readonly string[] };

/** A question or answer as a step makes it, with the audit event that records the step. */
export interface FollowUpChange<T> {
  readonly record: T;
  readonly event: AuditEvent;
}

/** A step on a question or answer decided: the change to record, or why not. */
export type FollowUpResult<T> = StepResult<FollowUpChange<T>, FollowUpRefusal>;

/** A step on a question or answer taken: what it now is, or why not. */
export type FollowUpOutcome<T> = StepResult<T, FollowUpRefusal>;

/**
 * A force asks about a report. Only the force that has the report may ask; to any other force it
 * does not exist.
 */
export const askQuestion = (record: ReportRecord | undefined, force: string, text: string, id: string, at: Date): FollowUpResult<Question> => {
  if (accessOf(record, force).kind !== 'custodian' || record === undefined) return refused({ kind: 'not-found' });
  const askedAt = at.toISOString();
  return done({
    record: { id, reference: record.reference, force, askedAt, text, status: 'awaiting_relay', version: 1 },
    event: auditEvent('question_asked', askedAt, { questionId: id }, `force:${force}`),
  });
};

export const relayQuestion = (question: Question, by: string, at: Date): FollowUpResult<Question> =>
  question.status !== 'awaiting_relay'
    ? refused({ kind: 'wrong-state', status: question.status })
    : done({
        record: { ...question, status: 'relayed', relayed: { by, at: at.toISOString() }, version: question.version + 1 },
        event: auditEvent('question_relayed', at, { questionId: question.id }, by),
      });

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
  return done({
    record: {
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
  });
};

export const sanitiseAnswer = (answer: Answer, text: string, by: string, at: Date): FollowUpResult<Answer> =>
  answer.status !== 'awaiting_review'
    ? refused({ kind: 'wrong-state', status: answer.status })
    : done({
        record: { ...answer, sanitised: { by, at: at.toISOString(), text }, version: answer.version + 1 },
        event: auditEvent('answer_sanitised', at, { answerId: answer.id }, by),
      });

/**
 * Four eyes, as for reports: the supervisor may not be the analyst who sanitised the answer. Nor
 * may it be approved while it speaks of the own professional standards or chief officers of a force
 * that has the report (`reachesProtected`, from `protectedFromHolders`).
 */
export const approveAnswer = (answer: Answer, by: string, at: Date, reachesProtected = false, foreignReferences: readonly string[] = []): FollowUpResult<Answer> => {
  if (answer.status !== 'awaiting_review') return refused({ kind: 'wrong-state', status: answer.status });
  if (answer.sanitised === undefined) return refused({ kind: 'not-sanitised' });
  if (answer.sanitised.by === by) return refused({ kind: 'own-sanitisation' });
  if (reachesProtected) return refused({ kind: 'protected-unit' });
  if (foreignReferences.length > 0) return refused({ kind: 'foreign-reference', references: foreignReferences });
  return done({
    record: { ...answer, status: 'approved', approved: { by, at: at.toISOString() }, version: answer.version + 1 },
    event: auditEvent('answer_approved', at, { answerId: answer.id }, by),
  });
};

const notFound = refused<NotFound>({ kind: 'not-found' });

export const newFollowUpId = (): string => crypto.randomUUID();

/** A force asks the reporter a question about a report it received, by its own reference for it. */
export const ask = async (
  ports: { reports: Pick<ReportStore, 'find' | 'findByForceReference'>; followUps: Pick<FollowUpStore, 'recordQuestion'> },
  forceReference: string,
  force: string,
  text: string,
  at: Date,
): Promise<FollowUpOutcome<Question>> => {
  const result = askQuestion(await reportForForce(ports.reports, force, forceReference), force, text, newFollowUpId(), at);
  if (result.kind === 'refused') return result;
  await ports.followUps.recordQuestion(result.value.record, result.value.event);
  return done(result.value.record);
};

export const relay = async (followUps: FollowUpStore, reference: Reference, questionId: string, by: string, at: Date): Promise<FollowUpOutcome<Question>> => {
  const question = await followUps.findQuestion(reference, questionId);
  if (question === undefined) return notFound;
  const result = relayQuestion(question, by, at);
  if (result.kind === 'refused') return result;
  await followUps.recordQuestionChange(question, result.value.record, result.value.event);
  return done(result.value.record);
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
  if (question.status !== 'relayed') return refused({ kind: 'wrong-state', status: question.status });
  const result = receiveAnswer(question, await ports.vault.seal(reference, text), channel, newFollowUpId(), at, by);
  if (result.kind === 'refused') return result;
  const { record: received, event } = result.value;
  await ports.followUps.recordAnswer(question, received.question, received.answer, event);
  return done(received.answer);
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
  /** The call agent who took it by phone; none when the reporter sent it themselves. */
  by?: string,
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
  await ports.followUps.recordInformation(information, auditEvent('information_received', receivedAt, { answerId: id, channel }, by));
  return done(information);
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
  if (result.kind === 'refused') return result;
  await followUps.recordAnswerChange(found, result.value.record, result.value.event);
  return done(result.value.record);
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

/** The reports a force has now, of a report and the parts it was split into. */
export const reportsWithAForce = (record: ReportRecord | undefined, parts: readonly ReportRecord[]): ReportRecord[] =>
  [record, ...parts].filter((r): r is ReportRecord => r !== undefined && isWithAForce(r.status));

/** A reporter's answer, or information they added, opened for review: their own words, and the question it answers. */
export interface OpenedAnswer {
  readonly answer: Answer;
  readonly question?: Question;
  readonly original: string;
}

/** Opens a reporter's answer for a member of the contact centre, and records that they read it. */
export const openAnswerForReview = async (
  ports: {
    readonly followUps: Pick<FollowUpStore, 'findAnswer' | 'findQuestion'>;
    readonly reports: Pick<ReportStore, 'appendEvent'>;
    readonly vault: Pick<OriginalsVault, 'open'>;
  },
  reference: Reference,
  answerId: string,
  by: string,
  at: Date,
): Promise<StepResult<OpenedAnswer, NotFound>> => {
  const found = await ports.followUps.findAnswer(reference, answerId);
  if (found === undefined) return refused({ kind: 'not-found' });
  const question = found.questionId === undefined ? undefined : await ports.followUps.findQuestion(reference, found.questionId);
  if (found.questionId !== undefined && question === undefined) return refused({ kind: 'not-found' });
  const original = await ports.vault.open(reference, found.original);
  await ports.reports.appendEvent(reference, auditEvent('answer_read', at, { answerId }, by));
  return done({ answer: found, ...(question === undefined ? {} : { question }), original });
};

export interface FollowUpDisseminationPorts {
  readonly followUps: Pick<FollowUpStore, 'findQuestion' | 'recordAnswerChange' | 'answersAbout'>;
  readonly forceQueues: ForceQueues;
  readonly reports: Pick<ReportStore, 'find' | 'recordForceReference'>;
  readonly clock: () => Date;
}

/** Whether an answer's sanitised text may go to the force that has this report. */
const mayGoTo = (report: ReportRecord, answer: Answer): boolean =>
  answer.sanitised !== undefined &&
  mayReach(report.protection, { narrative: answer.sanitised.text }, report.routing.destination);

/**
 * Sends an approved answer or piece of information to a report a force has, as that force knows
 * the report: its own reference, dates only. Its message id, the deduplication id, carries that
 * reference and the version of the report's dissemination to the force: sent once per answer and
 * dissemination, however often attempted.
 */
const sendTo = async (ports: FollowUpDisseminationPorts, held: ReportRecord, item: Answer, now: Date): Promise<ReportRecord> => {
  const force = held.routing.destination;
  const report = await withForceReference(ports.reports, held, force, now);
  const to = { force, reference: destinationReference(report), dissemination: disseminationVersion(report) };
  if (item.questionId === undefined) {
    const message = forceInformationNotification(to, item, now);
    await ports.forceQueues.notify(force, message, message.messageId);
  } else {
    const question = await ports.followUps.findQuestion(item.reference, item.questionId);
    if (question === undefined) throw new Error(`Answer ${item.id} has no question`);
    const message = forceAnswerNotification(to, question, item, now);
    await ports.forceQueues.notify(force, message, message.messageId);
  }
  return report;
};

const markSent = async (ports: FollowUpDisseminationPorts, item: Answer, destinations: readonly string[], now: Date): Promise<Answer> => {
  if (item.status !== 'approved') return item;
  const sent: Answer = { ...item, status: 'disseminated', notifiedAt: now.toISOString(), version: item.version + 1 };
  await ports.followUps.recordAnswerChange(item, sent, auditEvent('answer_disseminated', now, { answerId: item.id, destination: destinations.join(',') }));
  return sent;
};

/**
 * Sends an approved answer or piece of information to every force that has the report (or a part
 * of a split contact) now, once, and records that it is there: never to a force that asked and
 * has since passed the report on. If no force has the report yet, it stays approved and goes with
 * the report when it is disseminated (`followUpsWithReport`).
 */
export const disseminateAnswer = async (ports: FollowUpDisseminationPorts, approved: Answer): Promise<Answer> => {
  if (approved.status !== 'approved') return approved;
  const { record, parts } = await reportWithParts(ports.reports, approved.reference);
  const holders = reportsWithAForce(record, parts).filter((report) => mayGoTo(report, approved));
  if (holders.length === 0) return approved;
  const now = ports.clock();
  for (const report of holders) await sendTo(ports, report, approved, now);
  return markSent(ports, approved, holders.map((report) => report.routing.destination), now);
};

/**
 * The reporter's approved answers and information about a report, sent to the force it has just
 * been disseminated to, after the report itself: what was approved before any force had it, and
 * what an earlier force had before passing it on. Information a reporter added to a contact that
 * was split goes with each part.
 */
export const followUpsWithReport = async (ports: FollowUpDisseminationPorts, report: ReportRecord): Promise<void> => {
  const own = await ports.followUps.answersAbout(report.reference);
  const ofContact = report.splitFrom === undefined ? [] : (await ports.followUps.answersAbout(report.splitFrom)).filter((item) => item.questionId === undefined);
  const due = [...own, ...ofContact].filter((item) => (item.status === 'approved' || item.status === 'disseminated') && mayGoTo(report, item));
  if (due.length === 0) return;
  const now = ports.clock();
  let current = report;
  for (const item of due) {
    current = await sendTo(ports, current, item, now);
    await markSent(ports, item, [report.routing.destination], now);
  }
};

/**
 * Whether an answer may be approved for the forces that have the report now: not if what it says
 * speaks of their own professional standards or chief officers.
 */
export const protectedFromHolders = async (reports: Pick<ReportStore, 'find'>, answer: Answer): Promise<boolean> =>
  protectedFor(await holdersOf(reports, answer), answer);

/** protectedFromHolders, for the holders read already. */
export const protectedFor = (holders: readonly ReportRecord[], answer: Answer): boolean => holders.some((report) => !mayGoTo(report, answer));

/** The reports with a force that an answer about this report would reach: the report, or its parts (each knowing what it was split from). */
export const holdersOf = async (reports: Pick<ReportStore, 'find'>, answer: Answer): Promise<ReportRecord[]> => {
  const { record, parts } = await reportWithParts(reports, answer.reference);
  return reportsWithAForce(record, parts);
};

/**
 * The references a sanitised answer names that a force that would receive it may not see: the
 * reporter's (the reporter's own words are where it is likeliest), or another force's. The same
 * check as a report's approval (held-reports-content.ts), for each force that has the report.
 */
export const referencesForeignToHolders = (holders: readonly ReportRecord[], text: string): string[] =>
  [...new Set(holders.flatMap((report) => foreignReferencesIn(report, text, report.routing.destination as ForceId)))];
