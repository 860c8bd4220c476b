/**
 * What the domain needs from the outside world, named in the service's words. The DynamoDB and
 * SQS adapters in functions/adapters/ implement these; tests may implement them in memory.
 */
import type { ForceNotification } from './force-notification.ts';
import type { IntakeMessage } from './intake.ts';
import type { Reference } from './reference.ts';
import type { AuditEvent } from './audit.ts';
import type { ReportRecord } from './report-record.ts';
import type { SplitChange } from './review.ts';
import type { CounterIncrement } from './statistics.ts';
import type { Destination } from './routing.ts';

export interface ReportStore {
  /** Claims a reference for a new report; false if it is already taken. */
  reserveReference(reference: Reference, at: Date): Promise<boolean>;
  /**
   * Records a routed contact with its audit trail and counts it, once. When the reference is
   * already recorded (a repeated delivery), nothing is written and the record as first written is
   * returned.
   */
  recordRouted(record: ReportRecord): Promise<ReportRecord>;
  /** Records that the destination's queue holds the report, and counts it; a repeat changes nothing. */
  recordNotified(record: ReportRecord, at: Date): Promise<ReportRecord>;
  /**
   * Replaces a record with its next version, appends the event and moves the counters, all or
   * nothing. Throws ConcurrentChange if the record is no longer the version it was read at.
   */
  recordChange(before: ReportRecord, after: ReportRecord, event: AuditEvent, counters: readonly CounterIncrement[]): Promise<void>;
  /**
   * Records a contact split into reports: the contact's next version and the new reports, with
   * their events, all or nothing. Throws ConcurrentChange if the contact changed meanwhile.
   */
  recordSplit(before: ReportRecord, change: SplitChange): Promise<void>;
  /** Appends an event that changes nothing else, such as someone reading the original. */
  appendEvent(reference: Reference, event: AuditEvent): Promise<void>;
  find(reference: Reference): Promise<ReportRecord | undefined>;
  /** Contacts awaiting review, oldest first. */
  awaitingReview(page: { limit: number; after?: string }): Promise<{ records: ReportRecord[]; next?: string }>;
  auditTrail(reference: Reference): Promise<AuditEvent[]>;
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

export interface ForceQueues {
  /** Puts the notification on the destination's queue; repeats with the same id are dropped. */
  notify(destination: Destination, notification: ForceNotification, deduplicationId: string): Promise<void>;
}

/**
 * A report's original words, sealed so that only the contact centre can read them: the original
 * may identify the reporter, and is never sent to a force.
 */
export interface SealedOriginal {
  readonly algorithm: 'AES-256-GCM';
  /** The key that wraps the data key (a KMS key ARN in AWS). */
  readonly keyId: string;
  /** Base64 of the data key as wrapped by the key. */
  readonly encryptedDataKey: string;
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

export interface OriginalsVault {
  /** Seals the text under the contact-centre key, bound to the report's reference. */
  seal(reference: Reference, plaintext: string): Promise<SealedOriginal>;
  /** Opens a sealed original; fails if it was sealed for another reference or tampered with. */
  open(reference: Reference, sealed: SealedOriginal): Promise<string>;
}
