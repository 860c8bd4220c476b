/**
 * The reporter's side of keeping in contact, without an account: with the reference and the
 * follow-up code they were given, a reporter may see where their report stands (received, passed
 * to a police force, or closed: never which force, nor what it did), read the questions the
 * contact centre has relayed to them and answer them, and add more information. Answers and
 * additions are sealed and reviewed like the report itself before any force sees them.
 *
 * A wrong code and an unknown reference get the same answer after the same work; ten wrong codes
 * for a reference within an hour shut it for an hour (follow-up-attempts.ts).
 */
import * as z from './zod.ts';
import { described, named } from './zod.ts';
import { typedText } from './typed-text.ts';
import { admitAttempt, withdrawAttempt, type AttemptLog } from './follow-up-attempts.ts';
import {
  codeMatches,
  issueFollowUpCode,
  FOLLOW_UP_CODE_DIGITS,
  parseFollowUpCode,
  type CodeKeys,
  type FollowUpCode,
  type FollowUpCredential,
} from './follow-up-code.ts';
import { answer, FOLLOW_UP_TEXT_MAX, MAX_FOLLOW_UP_BYTES, receiveInformation, reportWithParts, type FollowUpOutcome } from './follow-up.ts';
import type { Answer, Question } from './entities/follow-up.ts';
import { isWithAForce } from './lifecycle.ts';
import { ConcurrentChange, type FollowUpStore, type OriginalsVault, type ReportStore } from './ports.ts';
import type { Reference } from './reference.ts';
import type { ReportRecord } from './entities/report-record.ts';

export { MAX_FOLLOW_UP_BYTES };
// Issuing lives with the code itself, so that the functions taking reports in do not load the rest of this module.
export { issueFollowUpCode };

/** Follow-up codes and the attempts made with them. */
export interface FollowUpAccess {
  /** Keeps the credential for a reference, replacing any earlier one. */
  saveCredential(reference: Reference, credential: FollowUpCredential): Promise<void>;
  /** The code that works for a reference: the one issued last (on its own, or kept with the reservation). */
  findCredential(reference: Reference): Promise<FollowUpCredential | undefined>;
  attemptLog(reference: Reference): Promise<AttemptLog>;
  /** Replaces the log, conditional on the version read; throws ConcurrentChange otherwise. */
  saveAttemptLog(reference: Reference, before: AttemptLog, after: AttemptLog): Promise<void>;
}

export const REPORTER_STATUSES = ['received', 'passed_to_a_police_force', 'closed'] as const;
export type ReporterStatus = (typeof REPORTER_STATUSES)[number];

/** Whether a report has reached a police force, now or before a transfer. */
const reachedAForce = (record: ReportRecord): boolean => isWithAForce(record.status) || (record.formerCustodians?.length ?? 0) > 0;

/**
 * All a reporter is told of where their report stands. A contact split into reports for several
 * forces has been passed to a police force once any part of it has.
 */
export const reporterStatus = (record: ReportRecord | undefined, parts: readonly ReportRecord[] = []): ReporterStatus => {
  if (record === undefined) return 'received';
  if (record.status === 'closed') return 'closed';
  if (record.status === 'split') {
    if (parts.some(reachedAForce)) return 'passed_to_a_police_force';
    return parts.length > 0 && parts.every((part) => part.status === 'closed') ? 'closed' : 'received';
  }
  return reachedAForce(record) ? 'passed_to_a_police_force' : 'received';
};

export const reporterQuestionSchema = z.strictObject({
  id: z.string(),
  askedAt: z.iso.datetime(),
  text: described(z.string(), 'The question, as the contact centre relayed it.'),
  answered: z.boolean(),
});

export const reporterViewSchema = named(
  z.strictObject({
    reference: z.string(),
    status: described(z.enum(REPORTER_STATUSES), 'received, passed_to_a_police_force or closed: never which force, nor what it did.'),
    questions: described(z.array(reporterQuestionSchema), 'Questions relayed to the reporter, oldest first.'),
  }),
  { id: 'ReporterView', title: 'A report as its reporter may see it' },
);

export type ReporterView = z.infer<typeof reporterViewSchema>;
export type ReporterQuestion = z.infer<typeof reporterQuestionSchema>;

const codeField = z.pipe(
  z
    .string({ error: 'code is required: the follow-up code you were given' })
    .check(z.refine((typed) => parseFollowUpCode(typed) !== undefined, { error: `code must be the ${FOLLOW_UP_CODE_DIGITS}-digit follow-up code you were given` })),
  z.transform((typed: string) => parseFollowUpCode(typed) as FollowUpCode),
);

export const openReportRequestSchema = named(z.strictObject({ code: codeField }), { id: 'OpenReportRequest', title: 'A follow-up code' });

export const reporterAnswerRequestSchema = named(
  z.strictObject({
    code: codeField,
    questionId: typedText('questionId', 'questionId is required').check(z.minLength(1), z.maxLength(100)),
    answer: typedText('answer', 'answer is required').check(
      z.trim(),
      z.minLength(1, { error: 'answer must not be empty' }),
      z.maxLength(FOLLOW_UP_TEXT_MAX),
    ),
  }),
  { id: 'ReporterAnswerRequest', title: "The reporter's answer to a relayed question" },
);

/** A reporter's answer taken by phone by a call agent: the caller proves it is their report with its follow-up code, as online. */
export const phoneAnswerRequestSchema = named(
  z.strictObject({
    code: codeField,
    answer: reporterAnswerRequestSchema.shape.answer,
  }),
  { id: 'PhoneAnswerRequest', title: "A caller's answer to a relayed question, with the follow-up code they read out" },
);

export const informationRequestSchema = named(
  z.strictObject({
    code: codeField,
    information: typedText('information', 'information is required').check(
      z.trim(),
      z.minLength(1, { error: 'information must not be empty' }),
      z.maxLength(FOLLOW_UP_TEXT_MAX),
    ),
  }),
  { id: 'InformationRequest', title: 'More information from the reporter' },
);

export interface ReporterPorts {
  readonly access: FollowUpAccess;
  readonly codeKeys: Pick<CodeKeys, 'find'>;
  readonly reports: Pick<ReportStore, 'find'>;
  readonly followUps: FollowUpStore;
}

export type Opening =
  | { readonly kind: 'opened'; readonly reference: Reference; readonly record: ReportRecord | undefined; readonly parts: readonly ReportRecord[] }
  /** The same whether the reference is unknown or the code wrong. */
  | { readonly kind: 'not-recognised' }
  | { readonly kind: 'too-many-attempts' };

const LOG_TRIES = 20;

const attemptId = (): string => crypto.randomUUID();

/**
 * Decides the attempt log's next version and saves it, reading it again whenever someone else
 * changed it first. Starts from `known` (the log as this request last saved it) if given. Gives
 * the decision and the log as saved, or undefined if the tries ran out.
 */
const changeLog = async <T>(
  access: FollowUpAccess,
  reference: Reference,
  decide: (log: AttemptLog) => { readonly next?: AttemptLog; readonly result: T },
  known?: AttemptLog,
): Promise<{ result: T; log: AttemptLog } | undefined> => {
  let log = known ?? (await access.attemptLog(reference));
  for (let tries = 0; tries < LOG_TRIES; tries++) {
    const { next, result } = decide(log);
    try {
      if (next !== undefined) await access.saveAttemptLog(reference, log, next);
      return { result, log: next ?? log };
    } catch (error) {
      if (!(error instanceof ConcurrentChange)) throw error;
    }
    log = await access.attemptLog(reference);
  }
  return undefined;
};

/** Opens a report with its reference and follow-up code, counting the attempt. */
export const openReport = async (ports: ReporterPorts, reference: Reference, code: FollowUpCode, now: Date): Promise<Opening> => {
  const admitted = await changeLog(ports.access, reference, (log) => {
    const admission = admitAttempt(log, now, attemptId());
    return { next: admission.log === log ? undefined : admission.log, result: admission.kind === 'admitted' ? admission.attempt : undefined };
  });
  // Shut, or so many guesses at once that this one could not be counted: refuse rather than let it through uncounted.
  const attempt = admitted?.result;
  if (admitted === undefined || attempt === undefined) return { kind: 'too-many-attempts' };
  if (!(await codeMatches(code, await ports.access.findCredential(reference), ports.codeKeys))) return { kind: 'not-recognised' };
  await changeLog(
    ports.access,
    reference,
    (log) => ({ next: log.attempts.includes(attempt) ? withdrawAttempt(log, attempt) : undefined, result: true }),
    admitted.log,
  );
  return { kind: 'opened', reference, ...(await reportWithParts(ports.reports, reference)) };
};

/** A report its reporter has opened with the right code. */
export type Opened = Extract<Opening, { kind: 'opened' }>;

/** The questions a reporter may see: those the contact centre has relayed, about the report or its parts. */
/** The questions relayed to the reporter about their report or the parts it was split into, answered or not, oldest first. */
export const relayedQuestions = async (followUps: Pick<FollowUpStore, 'questionsAbout'>, opened: Opened): Promise<Question[]> => {
  const references = [opened.reference, ...opened.parts.map((part) => part.reference)];
  const questions = (await Promise.all(references.map((reference) => followUps.questionsAbout(reference)))).flat();
  return questions.filter((question) => question.status !== 'awaiting_relay').sort((a, b) => a.askedAt.localeCompare(b.askedAt));
};

export const reporterView = async (followUps: FollowUpStore, opened: Opened): Promise<ReporterView> => ({
  reference: opened.reference,
  status: reporterStatus(opened.record, opened.parts),
  questions: (await relayedQuestions(followUps, opened)).map((question) => ({
    id: question.id,
    askedAt: question.askedAt,
    text: question.text,
    answered: question.status === 'answered',
  })),
});

/** The reporter answers a relayed question through their follow-up inbox. */
export const answerAsReporter = async (
  ports: ReporterPorts & { readonly vault: Pick<OriginalsVault, 'seal'> },
  opened: Opened,
  questionId: string,
  text: string,
  at: Date,
  byPhone?: { readonly callAgent: string },
): Promise<FollowUpOutcome<Answer>> => {
  const question = (await relayedQuestions(ports.followUps, opened)).find((q) => q.id === questionId);
  if (question === undefined) return { kind: 'refused', refusal: { kind: 'not-found' } };
  return byPhone === undefined ? answer(ports, question.reference, question.id, text, 'online', at) : answer(ports, question.reference, question.id, text, 'phone', at, byPhone.callAgent);
};

/** The reporter adds to their report: sealed and reviewed like an answer, then passed to the force that has it. */
export const addInformation = async (
  ports: ReporterPorts & { readonly vault: Pick<OriginalsVault, 'seal'> },
  opened: Opened,
  text: string,
  at: Date,
): Promise<FollowUpOutcome<Answer>> => {
  if (opened.record === undefined) return { kind: 'refused', refusal: { kind: 'wrong-state', status: 'received' } };
  return receiveInformation(ports, opened.record, text, 'online', at);
};
