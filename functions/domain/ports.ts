/**
 * What the domain needs from the outside world, named in the service's words. The DynamoDB and
 * SQS adapters in functions/adapters/ implement these; tests may implement them in memory.
 */
import type { ForceAnswerNotification, ForceInformationNotification, ForceNotification } from './entities/force-messages.ts';
import type { Answer, Question } from './entities/follow-up.ts';
import type { IntakeMessage } from './intake.ts';
import type { Reference } from './reference.ts';
import type { AuditEvent } from './audit.ts';
import type { ReportRecord } from './entities/report-record.ts';
import type { SplitChange } from './entities/split-change.ts';
import type { DirectDissemination, ForceReferenceGiven, KeptOriginal, RecordedContact, ReportChange } from './entities/report-change.ts';
import type { Destination } from './entities/routing-decision.ts';
import type { ForceReference, ForceReferenceEntry } from './entities/force-reference.ts';
import type { SealedOriginal, SealedReport } from './entities/sealed-original.ts';
import type { ForceId } from './forces.ts';
import type { FollowUpCredential } from './entities/follow-up-credential.ts';

export interface ReportStore {
  /**
   * Claims a reference for a new report; false if it is already taken. Given the hash of the
   * report's first follow-up code, keeps it with the claim, in the same write.
   */
  reserveReference(reference: Reference, at: Date, firstCode?: FollowUpCredential): Promise<boolean>;
  /**
   * Records a routed contact with its events and counters, once. When the reference is already
   * recorded (a repeated delivery), nothing is written and the record as first written is returned.
   */
  recordRouted(contact: RecordedContact): Promise<ReportRecord>;
  /**
   * Records that the destination's queue holds the report (the change notifiedChange decides).
   * When another delivery recorded it first, nothing is written and what it recorded is returned.
   */
  recordNotified(before: ReportRecord, change: ReportChange): Promise<ReportRecord>;
  /**
   * Replaces a record with the change's next version, appends its event and moves its counters,
   * all or nothing. Throws ConcurrentChange if the record is no longer the version it was read at.
   */
  recordChange(before: ReportRecord, change: ReportChange): Promise<void>;
  /**
   * Records a contact split into reports: the contact's next version and the new reports, with
   * their events, all or nothing. Throws ConcurrentChange if the contact changed meanwhile.
   */
  recordSplit(before: ReportRecord, change: SplitChange): Promise<void>;
  /**
   * Gives a force its own reference for a report: records the report's next version with it and
   * its event, and claims the reference, all or nothing. Undefined, with nothing written, when the
   * report changed since it was read or the reference is taken.
   */
  recordForceReference(before: ReportRecord, given: ForceReferenceGiven): Promise<ReportRecord | undefined>;
  /** Which report a force reference stands for, and which force holds it. */
  findByForceReference(forceReference: ForceReference): Promise<ForceReferenceEntry | undefined>;
  /** Appends an event that changes nothing else, such as someone reading the original. */
  appendEvent(reference: Reference, event: AuditEvent): Promise<void>;
  find(reference: Reference): Promise<ReportRecord | undefined>;
  /**
   * Keeps a report's sealed original (and the reporter's contact details, sealed apart), once, before the report is recorded, so no report is without
   * it; for a contact sent straight on from routing, with where it goes and, for a force, the
   * force's reference, claimed in the same write. Says whether this call kept it, and the direct
   * dissemination it is kept for: this call's, or an earlier delivery's (none when that one kept it
   * for review); a repeat leaves the one kept first. Fails when the force reference drawn is taken
   * (once in 2^60): nothing is kept, and the contact's next delivery draws another.
   */
  keepOriginal(reference: Reference, sealed: SealedReport, dissemination?: DirectDissemination): Promise<KeptOriginal>;
  /** The sealed original kept for a report (or a contact split later), and its contact details while they are kept. */
  findOriginal(reference: Reference): Promise<SealedReport | undefined>;
  /** Contacts awaiting review, oldest first. */
  awaitingReview(page: { limit: number; after?: string }): Promise<{ records: ReportRecord[]; next?: string }>;
  /** The contact that has waited longest for review, if any: which, and since when. */
  oldestAwaitingReview(): Promise<{ reference: Reference; receivedAt: string } | undefined>;
  /**
   * Reports due for notification (report-record.ts isDueForNotification) that became due before
   * the time given, longest due first: what a step recorded but did not finish sending. Only which
   * and since when, as the index has them: read each again before acting on it.
   */
  dueForNotification(page: DuePage): Promise<{ records: DueReport[]; next?: string }>;
  auditTrail(reference: Reference): Promise<AuditEvent[]>;
}

/** A report the due index lists: which, and since when it has been due. */
export interface DueReport {
  readonly reference: Reference;
  readonly dueSince: string;
}

/** An approved answer (or added information) the due index lists: which, and since when it has been due. */
export interface DueAnswer {
  readonly reference: Reference;
  readonly id: string;
  readonly dueSince: string;
}

/** A page of what is due to be sent: what became due before `dueBefore`, from `after` (the last page's `next`). */
export interface DuePage {
  readonly dueBefore: Date;
  readonly limit: number;
  readonly after?: string;
}

/** Someone else changed the report since it was read: read it again and decide again. */
export class ConcurrentChange extends Error {
  constructor(reference: string) {
    super(`Report ${reference} changed while it was being worked on`);
    this.name = 'ConcurrentChange';
  }
}

export interface IntakeQueue {
  enqueue(message: IntakeMessage): Promise<void>;
}

/** Every kind of message a force's queue carries: each a versioned, published document. */
export type ForceMessage = ForceNotification | ForceAnswerNotification | ForceInformationNotification;

export interface ForceQueues {
  /** Puts the message on the destination's queue; repeats with the same id are dropped. */
  notify(destination: Destination, message: ForceMessage, deduplicationId: string): Promise<void>;
}

/** Questions forces ask about reports, and the reporters' answers. */
export interface FollowUpStore {
  /** Records a new question and appends its event to the report's trail. */
  recordQuestion(question: Question, event: AuditEvent): Promise<void>;
  findQuestion(reference: Reference, id: string): Promise<Question | undefined>;
  /** Replaces a question with its next version (conditional on the version read), with its event. */
  recordQuestionChange(before: Question, after: Question, event: AuditEvent): Promise<void>;
  /** Records an answer and its question's next version together, with the event. */
  recordAnswer(before: Question, after: Question, answer: Answer, event: AuditEvent): Promise<void>;
  /** Records information a reporter added unasked, with its event. */
  recordInformation(information: Answer, event: AuditEvent): Promise<void>;
  findAnswer(reference: Reference, id: string): Promise<Answer | undefined>;
  recordAnswerChange(before: Answer, after: Answer, event: AuditEvent): Promise<void>;
  /** Questions waiting for the contact centre to relay them, oldest first. */
  questionsAwaitingRelay(limit: number): Promise<Question[]>;
  /** Answers waiting for review, oldest first. */
  answersAwaitingReview(limit: number): Promise<Answer[]>;
  /** Every question asked about a report, oldest first. */
  questionsAbout(reference: Reference): Promise<Question[]>;
  /** Every answer and piece of added information about a report, oldest first. */
  answersAbout(reference: Reference): Promise<Answer[]>;
  /**
   * Answers and added information approved before the time given and not yet sent, longest
   * approved first: which, and since when, as the index has them; read each again before acting.
   */
  answersDue(page: DuePage): Promise<{ answers: DueAnswer[]; next?: string }>;
}

export interface OriginalsVault {
  /** Seals the text (an answer, added information) under the contact-centre key, bound to the report's reference. */
  seal(reference: Reference, plaintext: string): Promise<SealedOriginal>;
  /**
   * Seals a report's original and its reporter's contact details apart, each under a key that can
   * be destroyed on its own day (the contact details' first), bound to the report's reference.
   */
  sealReport(reference: Reference, original: string, contactDetails?: string): Promise<SealedReport>;
  /**
   * Opens a sealed original; fails if it was sealed for another reference or tampered with, and
   * with KeyDestroyed once its key has been destroyed (the retention schedule ended it).
   */
  open(reference: Reference, sealed: SealedOriginal): Promise<string>;
  /**
   * Opens a report's original and, while they are kept, its contact details: with one request to
   * KMS when they share a data key, as a report sealed whole was opened with one.
   */
  openReport(reference: Reference, sealed: SealedReport): Promise<{ original: string; contactDetails?: string }>;
}

/** Destroys the data keys a report's texts were sealed under, so that no copy of them opens again. */
export interface KeyShredder {
  /** The keys of the reporter's contact details and of their answers and added information. */
  destroyKeepingInContactKeys(reference: Reference): Promise<void>;
  /** Every key of the report: its original's with them. */
  destroyAllKeys(reference: Reference): Promise<void>;
}

/** The text's key was destroyed: what was sealed under it is gone, from every copy. */
export class KeyDestroyed extends Error {
  constructor(reference: string) {
    super(`The key of a text of ${reference} has been destroyed under the retention schedule`);
    this.name = 'KeyDestroyed';
  }
}

/**
 * Where the retention job finds a report (functions/domain/retention.ts): closed without
 * dissemination (everything ends at once), keeping in contact (settled, or last heard of, on a
 * day), or keeping its original (keeping in contact ended on a day).
 */
export type RetentionStage = 'closed' | 'keeping-in-contact' | 'original';

/** What the retention job reads and removes; each removal is harmless to repeat. */
export interface RetentionStore {
  /**
   * Reports at a stage whose day to count from (closed, settled or last heard of; the day keeping
   * in contact ended, for the original) is on or before the day given: only which,
   * from the retention index. Read each afresh before acting on it.
   */
  atRetentionStage(stage: RetentionStage, onOrBefore: string, page: { limit: number; after?: string }): Promise<{ references: Reference[]; next?: string }>;
  /** Removes the reporter's sealed contact details from the original's item. */
  removeContactDetails(reference: Reference): Promise<void>;
  /** Removes every follow-up code hash kept for the report: the code stops working. */
  removeFollowUpCodes(reference: Reference): Promise<void>;
  /** Removes the questions and answers given. */
  removeFollowUps(reference: Reference, questionIds: readonly string[], answerIds: readonly string[]): Promise<void>;
  /** Removes the original's item (its ciphertext; its key is destroyed first). */
  removeOriginal(reference: Reference): Promise<void>;
  /**
   * Records the report's next version (what ended, on it) with the events saying so, all or
   * nothing; throws ConcurrentChange if the report changed since it was read.
   */
  recordRetention(before: ReportRecord, after: ReportRecord, events: readonly AuditEvent[]): Promise<void>;
}
