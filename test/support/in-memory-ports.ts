/** The domain's ports in memory, for unit tests of the use cases (integration tests use the real ones). */
import type { AuditEvent } from '../../functions/domain/audit.ts';
import type { IntakeMessage } from '../../functions/domain/intake.ts';
import {
  ConcurrentChange,
  type DueAnswer,
  type DuePage,
  type DueReport,
  type ForceMessage,
  type FollowUpStore,
  type ForceQueues,
  type IntakeQueue,
  type OriginalsVault,
  type ReportStore,
} from '../../functions/domain/ports.ts';
import type { SealedOriginal, SealedReport } from '../../functions/domain/entities/sealed-original.ts';
import type { Reference } from '../../functions/domain/reference.ts';
import type { Answer, Question } from '../../functions/domain/entities/follow-up.ts';
import type { ForceReference, ForceReferenceEntry } from '../../functions/domain/entities/force-reference.ts';
import type { ReportRecord } from '../../functions/domain/entities/report-record.ts';
import { dueSince, isDueForNotification } from '../../functions/domain/report-record.ts';
import type { SplitChange } from '../../functions/domain/entities/split-change.ts';
import type { CounterIncrement } from '../../functions/domain/entities/counters.ts';
import type { DirectDissemination, ForceReferenceGiven, KeptOriginal, RecordedContact, ReportChange } from '../../functions/domain/entities/report-change.ts';

export class InMemoryReportStore implements ReportStore {
  readonly reserved = new Set<string>();
  readonly records = new Map<string, ReportRecord>();
  readonly events: (AuditEvent & { reference: string })[] = [];
  readonly counters = new Map<string, number>();

  async reserveReference(reference: Reference): Promise<boolean> {
    if (this.reserved.has(reference)) return false;
    this.reserved.add(reference);
    return true;
  }

  async recordRouted({ record, events, counters, forceReference }: RecordedContact): Promise<ReportRecord> {
    const recorded = this.records.get(record.reference);
    if (recorded !== undefined) return recorded;
    if (forceReference !== undefined) {
      if (this.forceReferences.has(forceReference.forceReference)) throw new Error('force reference taken');
      this.forceReferences.set(forceReference.forceReference, { reference: record.reference, force: forceReference.force });
    }
    this.records.set(record.reference, record);
    for (const event of events) this.events.push({ ...event, reference: record.reference });
    this.count(counters);
    return record;
  }

  async recordNotified(before: ReportRecord, change: ReportChange): Promise<ReportRecord> {
    const recorded = this.records.get(before.reference);
    if (recorded === undefined) throw new Error('not recorded');
    if (recorded.notifiedAt !== undefined) return recorded;
    await this.recordChange(before, change);
    return change.record;
  }

  async recordChange(before: ReportRecord, { record: after, event, counters, referenceGiven }: ReportChange): Promise<void> {
    if (this.records.get(before.reference)?.version !== before.version) throw new ConcurrentChange(before.reference);
    if (referenceGiven !== undefined) {
      if (this.forceReferences.has(referenceGiven.forceReference)) throw new ConcurrentChange(before.reference);
      this.forceReferences.set(referenceGiven.forceReference, { reference: after.reference, force: referenceGiven.force });
    }
    this.records.set(after.reference, after);
    this.events.push({ ...event, reference: after.reference });
    if (referenceGiven !== undefined) this.events.push({ ...referenceGiven.event, reference: after.reference });
    this.count(counters);
  }

  private count(counters: readonly CounterIncrement[]): void {
    for (const { destination, month, counter } of counters) {
      const key = `${destination}|${month}|${counter}`;
      this.counters.set(key, (this.counters.get(key) ?? 0) + 1);
    }
  }

  async recordSplit(before: ReportRecord, { contact, reports, events }: SplitChange): Promise<void> {
    if (this.records.get(before.reference)?.version !== before.version) throw new ConcurrentChange(before.reference);
    this.records.set(contact.reference, contact);
    for (const report of reports) this.records.set(report.reference, report);
    for (const { reference, event } of events) this.events.push({ ...event, reference });
  }

  readonly forceReferences = new Map<string, ForceReferenceEntry>();

  async recordForceReference(before: ReportRecord, { record: after, event, force, forceReference }: ForceReferenceGiven): Promise<ReportRecord | undefined> {
    if (this.records.get(before.reference)?.version !== before.version || this.forceReferences.has(forceReference)) return undefined;
    this.forceReferences.set(forceReference, { reference: before.reference, force });
    this.records.set(after.reference, after);
    this.events.push({ ...event, reference: after.reference });
    return after;
  }

  async findByForceReference(forceReference: ForceReference): Promise<ForceReferenceEntry | undefined> {
    return this.forceReferences.get(forceReference);
  }

  /** As in DynamoDB: an event is kept once however often it is written (its id is its key). */
  async appendEvent(reference: Reference, event: AuditEvent): Promise<void> {
    if (this.events.some((kept) => kept.reference === reference && kept.id === event.id)) return;
    this.events.push({ ...event, reference });
  }

  async find(reference: Reference): Promise<ReportRecord | undefined> {
    return this.records.get(reference);
  }

  readonly originals = new Map<string, SealedReport>();

  readonly directDisseminations = new Map<string, DirectDissemination | undefined>();

  async keepOriginal(reference: Reference, original: SealedReport, dissemination?: DirectDissemination): Promise<KeptOriginal> {
    if (this.originals.has(reference)) {
      const kept = this.directDisseminations.get(reference);
      return { first: false, ...(kept === undefined ? {} : { dissemination: kept }) };
    }
    const { destination, forceReference } = dissemination ?? {};
    if (destination !== undefined && forceReference !== undefined) {
      if (this.forceReferences.has(forceReference)) throw new Error('force reference taken');
      this.forceReferences.set(forceReference, { reference, force: destination as ForceReferenceEntry['force'] });
    }
    this.originals.set(reference, original);
    this.directDisseminations.set(reference, dissemination);
    return { first: true, ...(dissemination === undefined ? {} : { dissemination }) };
  }

  async findOriginal(reference: Reference): Promise<SealedReport | undefined> {
    return this.originals.get(reference);
  }

  async awaitingReview(): Promise<{ records: ReportRecord[] }> {
    return { records: [...this.records.values()].filter((r) => r.status === 'awaiting_review') };
  }

  async oldestAwaitingReview(): Promise<{ reference: Reference; receivedAt: string } | undefined> {
    const [oldest] = [...this.records.values()].filter((r) => r.status === 'awaiting_review').sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
    return oldest === undefined ? undefined : { reference: oldest.reference, receivedAt: oldest.receivedAt };
  }

  async dueForNotification({ dueBefore }: DuePage): Promise<{ records: DueReport[] }> {
    const due = [...this.records.values()].filter((r) => isDueForNotification(r) && dueSince(r) < dueBefore.toISOString());
    return { records: due.sort((a, b) => dueSince(a).localeCompare(dueSince(b))).map((r) => ({ reference: r.reference, dueSince: dueSince(r) })) };
  }

  async auditTrail(reference: Reference): Promise<AuditEvent[]> {
    return this.events.filter((event) => event.reference === reference);
  }
}

export class InMemoryIntakeQueue implements IntakeQueue {
  readonly messages: IntakeMessage[] = [];
  async enqueue(message: IntakeMessage): Promise<void> {
    this.messages.push(message);
  }
}

export class InMemoryForceQueues implements ForceQueues {
  readonly sent: { destination: string; notification: ForceMessage; deduplicationId: string }[] = [];
  async notify(destination: string, notification: ForceMessage, deduplicationId: string): Promise<void> {
    this.sent.push({ destination, notification, deduplicationId });
  }
}

/** Not encryption: a stand-in that keeps the text recoverable and marks what it sealed. */
export class InMemoryVault implements OriginalsVault {
  async seal(reference: Reference, plaintext: string): Promise<SealedOriginal> {
    return { algorithm: 'AES-256-GCM', keyId: 'in-memory', encryptedDataKey: reference, iv: '', ciphertext: Buffer.from(plaintext).toString('base64'), authTag: '' };
  }
  async sealReport(reference: Reference, original: string, contactDetails?: string): Promise<SealedReport> {
    return { original: await this.seal(reference, original), ...(contactDetails === undefined ? {} : { contactDetails: await this.seal(reference, contactDetails) }) };
  }
  async openReport(reference: Reference, sealed: SealedReport): Promise<{ original: string; contactDetails?: string }> {
    return { original: await this.open(reference, sealed.original), ...(sealed.contactDetails === undefined ? {} : { contactDetails: await this.open(reference, sealed.contactDetails) }) };
  }
  async open(reference: Reference, sealed: SealedOriginal): Promise<string> {
    if (sealed.version !== undefined || sealed.encryptedDataKey !== reference) throw new Error('sealed for another report');
    return Buffer.from(sealed.ciphertext, 'base64').toString('utf8');
  }
}

/** Questions and answers in memory, each change conditional on the version read, as in DynamoDB. */
export class InMemoryFollowUpStore implements FollowUpStore {
  readonly questions = new Map<string, Question>();
  readonly answers = new Map<string, Answer>();
  readonly events: (AuditEvent & { reference: string })[] = [];

  private expect<T extends { version: number }>(map: Map<string, T>, key: string, before: T | undefined, reference: string): void {
    if (map.get(key)?.version !== before?.version) throw new ConcurrentChange(reference);
  }

  async recordQuestion(question: Question, event: AuditEvent): Promise<void> {
    this.expect(this.questions, question.id, undefined, question.reference);
    this.questions.set(question.id, question);
    this.events.push({ ...event, reference: question.reference });
  }
  async findQuestion(reference: Reference, id: string): Promise<Question | undefined> {
    const question = this.questions.get(id);
    return question?.reference === reference ? question : undefined;
  }
  async recordQuestionChange(before: Question, after: Question, event: AuditEvent): Promise<void> {
    this.expect(this.questions, before.id, before, before.reference);
    this.questions.set(after.id, after);
    this.events.push({ ...event, reference: after.reference });
  }
  async recordAnswer(before: Question, after: Question, answer: Answer, event: AuditEvent): Promise<void> {
    this.expect(this.questions, before.id, before, before.reference);
    this.questions.set(after.id, after);
    this.answers.set(answer.id, answer);
    this.events.push({ ...event, reference: after.reference });
  }
  async recordInformation(information: Answer, event: AuditEvent): Promise<void> {
    this.answers.set(information.id, information);
    this.events.push({ ...event, reference: information.reference });
  }
  async findAnswer(reference: Reference, id: string): Promise<Answer | undefined> {
    const answer = this.answers.get(id);
    return answer?.reference === reference ? answer : undefined;
  }
  async recordAnswerChange(before: Answer, after: Answer, event: AuditEvent): Promise<void> {
    this.expect(this.answers, before.id, before, before.reference);
    this.answers.set(after.id, after);
    this.events.push({ ...event, reference: after.reference });
  }
  async questionsAwaitingRelay(limit: number): Promise<Question[]> {
    return [...this.questions.values()].filter((q) => q.status === 'awaiting_relay').slice(0, limit);
  }
  async answersAwaitingReview(limit: number): Promise<Answer[]> {
    return [...this.answers.values()].filter((a) => a.status === 'awaiting_review').slice(0, limit);
  }
  async questionsAbout(reference: Reference): Promise<Question[]> {
    return [...this.questions.values()].filter((q) => q.reference === reference);
  }
  async answersAbout(reference: Reference): Promise<Answer[]> {
    return [...this.answers.values()].filter((a) => a.reference === reference);
  }
  async answersDue({ dueBefore }: DuePage): Promise<{ answers: DueAnswer[] }> {
    const due = [...this.answers.values()].filter((a) => a.status === 'approved' && (a.approved?.at ?? '') < dueBefore.toISOString());
    return {
      answers: due
        .sort((a, b) => (a.approved?.at ?? '').localeCompare(b.approved?.at ?? ''))
        .map((a) => ({ reference: a.reference, id: a.id, dueSince: a.approved?.at ?? a.receivedAt })),
    };
  }
}
