/**
 * The report store on DynamoDB: one table, keys by prefix.
 *
 * | item        | PK                  | SK                       | GSI1PK                 | GSI1SK             |
 * | reservation | REPORT#<ref>        | RESERVATION              |                        |                    |
 * |             | (with the first follow-up code's hash, `followUpCode`, where the report came with one) |
 * | original    | REPORT#<ref>        | ORIGINAL                 |                        |                    |
 * |             | (with `dissemination`, where the contact was sent straight on from routing: its destination and force reference) |
 * |             | (the sealed original, and `contact`: the reporter's contact details, sealed apart, until keeping in contact ends) |
 * | report      | REPORT#<ref>        | REPORT                   | REVIEW#awaiting, or    | <receivedAt>#<ref> |
 * |             |                     |                          | DESTINATION#<force>, or|                    |
 * |             |                     |                          | DUE#report             | <dueSince>#<ref>   |
 * |             | (and, once settled, in the Retention index: GSI2PK `RETENTION#<stage>`, GSI2SK `<day>#<ref>`) |
 * | event       | REPORT#<ref>        | EVENT#<time>#<type>#<id> |                        |                    |
 * |             |                     | (events one step decided together: one item, the first's key, the rest in `followedBy`) |
 * | statistics  | STATS#<destination> | <yyyy-mm>                |                        |                    |
 * | force ref.  | FORCE-REFERENCE#<r> | FORCE-REFERENCE          |                        |                    |
 *
 * The queue index (Queues, on GSI1PK and GSI1SK) is sparse: a report is in it while it waits for review (oldest first), while it is due
 * for notification (approved, or routed, and not yet confirmed on its destination's queue: the
 * sweeper's partition, longest due first) and once it is on a destination's queue. The three
 * never overlap, so each report is in one partition at most and no second index is needed. Every
 * change to a report is one transaction, conditional on the version
 * it read, that also appends its audit event and moves its counters: a retried step changes
 * nothing twice and counts nothing twice. The domain decides every change (the record, its events
 * and its counters); this store only writes them.
 *
 * An event's key ends with the id the domain gave it when it decided the event, and every event is
 * put only where nothing is (attribute_not_exists): two events of the same time and type are two
 * items, never one replacing the other, and a retried write of the same event fails its condition
 * like the rest of its transaction instead of adding a second.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';
import { QUEUE_INDEX, QUEUE_INDEX_ATTRIBUTES, RETENTION_INDEX } from '../configuration/stack-names.ts';
import { ConcurrentChange, type DuePage, type DueReport, type ReportStore } from '#domain/ports.ts';
import { conditionFailed, eventPut, eventsPut, queryPage, withoutKeys, type Item } from './dynamodb-items.ts';
import type { SplitChange } from '#domain/entities/split-change.ts';
import type { Reference } from '#domain/reference.ts';
import type { SealedOriginal, SealedReport } from '#domain/entities/sealed-original.ts';
import { retentionFacts } from '#domain/retention-schedule.ts';
import type { RetentionStage } from '#domain/ports.ts';
import type { FollowUpCredential } from '#domain/follow-up-code.ts';
import type { ForceReference, ForceReferenceEntry } from '#domain/entities/force-reference.ts';
import type { ForceId } from '#domain/forces.ts';
import { isWithAForce } from '#domain/lifecycle.ts';
import { dueSince, isDueForNotification } from '#domain/report-record.ts';
import type { ReportRecord, ReportStatus } from '#domain/entities/report-record.ts';
import type { CounterIncrement } from '#domain/entities/counters.ts';
import type { DirectDissemination, ForceReferenceGiven, KeptOriginal, RecordedContact, ReportChange } from '#domain/entities/report-change.ts';

/**
 * The table's queues (index Queues): awaiting review, due, each destination's reports, and the
 * follow-up store's. An entry holds its item's keys (PK, SK, GSI1PK, GSI1SK) and only what a
 * force's list shows (QUEUE_INDEX_ATTRIBUTES), so moving a report from queue to queue costs the
 * same however long its words are. The force's list is read from the entries; every other reader
 * reads each item it lists afresh (consistently, where the index lags) and keeps it only if it is
 * still in the queue read. It replaced GSI1, which projected every attribute: README's Deploy says
 * how a deployed table moves from one to the other (lib/constructs/report-store.ts).
 */
export { QUEUE_INDEX };

/** A report as a force's list shows it: what the queue index holds of it. */
export type ListedReport = Pick<ReportRecord, (typeof QUEUE_INDEX_ATTRIBUTES)[number]>;
const AWAITING_REVIEW = 'REVIEW#awaiting';
/** Reports due for notification: written with the change that makes them due, gone with the one that records them sent. */
export const DUE_REPORTS = 'DUE#report';

const reportKey = (reference: string) => ({ PK: `REPORT#${reference}`, SK: 'REPORT' });
/** The sealed original's own item, written once: the report item, rewritten at every step, does not carry it. */
const originalKey = (reference: string) => ({ PK: `REPORT#${reference}`, SK: 'ORIGINAL' });
const forceReferenceKey = (forceReference: string) => ({ PK: `FORCE-REFERENCE#${forceReference}`, SK: 'FORCE-REFERENCE' });

const indexKeys = (record: ReportRecord): Item => {
  const sortKey = `${record.receivedAt}#${record.reference}`;
  if (record.status === 'awaiting_review') return { GSI1PK: AWAITING_REVIEW, GSI1SK: sortKey };
  if (isDueForNotification(record)) return { GSI1PK: DUE_REPORTS, GSI1SK: `${dueSince(record)}#${record.reference}` };
  if (record.status === 'in_triage' || isWithAForce(record.status)) {
    return { GSI1PK: `DESTINATION#${record.routing.destination}`, GSI1SK: sortKey };
  }
  return {};
};

/** The retention index's partition for a stage. */
export const retentionPartition = (stage: RetentionStage): string => `RETENTION#${stage}`;

/**
 * Where a report is in the retention index: nowhere until it settles (reaches a force, or is
 * closed) and again nowhere once its original has ended; in between under its stage, by the day
 * its count starts. A split contact enters when its parts have ended its keeping in contact.
 */
export const retentionIndexKeys = (record: ReportRecord): Item => {
  const marks = record.retention;
  if (marks?.originalEnded !== undefined) return {};
  const key = (stage: RetentionStage, day: string) => ({ GSI2PK: retentionPartition(stage), GSI2SK: `${day}#${record.reference}` });
  if (marks?.keepingInContactEnded !== undefined) return key('original', marks.keepingInContactEnded);
  const facts = retentionFacts(record);
  if (facts.settledAt === undefined || (facts.state !== 'disseminated' && facts.state !== 'closed')) return {};
  const settled = facts.settledAt.slice(0, 10);
  const from = marks?.countFrom !== undefined && marks.countFrom > settled ? marks.countFrom : settled;
  return key(facts.state === 'closed' ? 'closed' : 'keeping-in-contact', from);
};

export { RETENTION_INDEX };

export const reportItem = (record: ReportRecord): Item => ({ ...reportKey(record.reference), kind: 'report', ...record, ...indexKeys(record), ...retentionIndexKeys(record) });

const fromReportItem = (item: Item): ReportRecord => withoutKeys<ReportRecord>(item);

/** The reference of a report's item, from its table key (an index entry has it too). */
const referenceOf = (key: Item): Reference => String(key.PK).slice('REPORT#'.length) as Reference;

/** The time an index entry's sort key begins with: `<time>#<reference or id>`. */
const sinceOf = (key: Item): string => String(key.GSI1SK).split('#')[0]!;

const fromEventItem = (item: Item): AuditEvent[] => {
  const { id, type, at, by, detail } = item as unknown as Partial<AuditEvent> & Pick<AuditEvent, 'type' | 'at' | 'detail'>;
  // An event written before events had ids is known by its key, which was unique when written.
  const event = { id: id ?? String(item.SK), type, at, ...(by === undefined ? {} : { by }), detail };
  // Events decided in the same step, kept in the first one's item (dynamodb-items.ts eventsPut).
  const followedBy = (item.followedBy ?? []) as AuditEvent[];
  return [event, ...followedBy.map((next) => ({ id: next.id, type: next.type, at: next.at, ...(next.by === undefined ? {} : { by: next.by }), detail: next.detail }))];
};

/** One update per statistics item (a transaction may touch each item once), adding up its counters. */
const counterUpdates = (tableName: string, increments: readonly CounterIncrement[]) => {
  const byItem = new Map<string, { destination: string; month: string; counts: Map<string, number> }>();
  for (const { destination, month, counter } of increments) {
    const key = `${destination}|${month}`;
    const entry = byItem.get(key) ?? { destination, month, counts: new Map<string, number>() };
    entry.counts.set(counter, (entry.counts.get(counter) ?? 0) + 1);
    byItem.set(key, entry);
  }
  return [...byItem.values()].map(({ destination, month, counts }) => {
    const names = [...counts.keys()];
    return {
      Update: {
        TableName: tableName,
        Key: { PK: `STATS#${destination}`, SK: month },
        UpdateExpression: `SET kind = :kind ADD ${names.map((_, i) => `#c${i} :n${i}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(names.map((name, i) => [`#c${i}`, name])),
        ExpressionAttributeValues: { ':kind': 'statistics', ...Object.fromEntries(names.map((name, i) => [`:n${i}`, counts.get(name)])) },
      },
    };
  });
};

export class DynamoReportStore implements ReportStore {
  readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async reserveReference(reference: Reference, at: Date, firstCode?: FollowUpCredential): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          // The first follow-up code's hash, if given, in the same item: one write, not two
          // (follow-up-access-store.ts reads it there when no later code replaced it).
          Item: {
            PK: `REPORT#${reference}`,
            SK: 'RESERVATION',
            kind: 'reservation',
            reservedAt: at.toISOString(),
            ...(firstCode === undefined ? {} : { followUpCode: firstCode }),
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  }

  async recordRouted({ record, events, counters, forceReference }: RecordedContact): Promise<ReportRecord> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: reportItem(record), ConditionExpression: 'attribute_not_exists(PK)' } },
            ...(forceReference === undefined ? [] : [this.claiming(record.reference, forceReference.force, forceReference.forceReference)]),
            ...eventsPut(this.tableName, record.reference, events),
            ...counterUpdates(this.tableName, counters),
          ],
        }),
      );
      return record;
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // Recorded by another delivery: what it recorded stands. Not recorded (the force reference
      // drawn was taken, once in 2^60): the error, and the message's next delivery draws another.
      const recorded = await this.find(record.reference);
      if (recorded === undefined) throw error;
      return recorded;
    }
  }

  /** The put that claims a force reference for a report, only if no report holds it yet. */
  private claiming(reference: Reference, force: ForceId, forceReference: ForceReference) {
    return {
      Put: {
        TableName: this.tableName,
        Item: { ...forceReferenceKey(forceReference), kind: 'force-reference', reference, force },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    };
  }

  async recordNotified(before: ReportRecord, change: ReportChange): Promise<ReportRecord> {
    try {
      await this.recordChange(before, change);
      return change.record;
    } catch (error) {
      if (!(error instanceof ConcurrentChange)) throw error;
      // Another delivery got there first; what it recorded stands.
      const recorded = await this.find(before.reference);
      if (recorded?.notifiedAt === undefined) throw error;
      return recorded;
    }
  }

  /** The put that replaces a report's item only if nobody changed it since it was read. */
  private replacing(before: ReportRecord, after: ReportRecord) {
    return {
      Put: {
        TableName: this.tableName,
        Item: reportItem(after),
        ConditionExpression: 'version = :read',
        ExpressionAttributeValues: { ':read': before.version },
      },
    };
  }

  async recordChange(before: ReportRecord, { record: after, event, counters, referenceGiven }: ReportChange): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            this.replacing(before, after),
            ...(referenceGiven === undefined ? [] : [this.claiming(after.reference, referenceGiven.force, referenceGiven.forceReference)]),
            // The step's event and, when it gave the force its reference, that event: decided together, one item.
            ...eventsPut(this.tableName, after.reference, referenceGiven === undefined ? [event] : [event, referenceGiven.event]),
            ...counterUpdates(this.tableName, counters),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new ConcurrentChange(before.reference);
      throw error;
    }
  }

  async recordSplit(before: ReportRecord, { contact, reports, events }: SplitChange): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            this.replacing(before, contact),
            ...reports.map((report) => ({
              Put: { TableName: this.tableName, Item: reportItem(report), ConditionExpression: 'attribute_not_exists(PK)' },
            })),
            ...events.map(({ reference, event }) => eventPut(this.tableName, reference, event)),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new ConcurrentChange(before.reference);
      throw error;
    }
  }

  async recordForceReference(before: ReportRecord, { record: after, event, force, forceReference }: ForceReferenceGiven): Promise<ReportRecord | undefined> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            this.claiming(before.reference, force, forceReference),
            this.replacing(before, after),
            eventPut(this.tableName, before.reference, event),
          ],
        }),
      );
      return after;
    } catch (error) {
      if (conditionFailed(error)) return undefined;
      throw error;
    }
  }

  async findByForceReference(forceReference: ForceReference): Promise<ForceReferenceEntry | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: forceReferenceKey(forceReference), ConsistentRead: true }));
    if (Item === undefined) return undefined;
    return { reference: Item.reference as Reference, force: Item.force as ForceId };
  }

  /** Appends one event on its own; writing the same event again (a retry) leaves it once. */
  async appendEvent(reference: Reference, event: AuditEvent): Promise<void> {
    try {
      await this.client.send(new PutCommand(eventPut(this.tableName, reference, event).Put));
    } catch (error) {
      // Its key is the event's own: what is there is this event, written by an earlier attempt.
      if (conditionFailed(error)) return;
      throw error;
    }
  }

  async keepOriginal(reference: Reference, { original, contactDetails }: SealedReport, dissemination?: DirectDissemination): Promise<KeptOriginal> {
    const keep = {
      TableName: this.tableName,
      Item: {
        ...originalKey(reference),
        kind: 'original',
        reference,
        original,
        ...(contactDetails === undefined ? {} : { contact: contactDetails }),
        ...(dissemination === undefined ? {} : { dissemination }),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    };
    try {
      // A force's reference is claimed with the original: claimed before any message carries it.
      if (dissemination?.forceReference === undefined) await this.client.send(new PutCommand(keep));
      else {
        const claim = this.claiming(reference, dissemination.destination as ForceId, dissemination.forceReference);
        await this.client.send(new TransactWriteCommand({ TransactItems: [{ Put: keep }, claim] }));
      }
      return { first: true, ...(dissemination === undefined ? {} : { dissemination }) };
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      // Kept by an earlier delivery: what it was kept for stands. Not kept (the force reference
      // drawn was taken): the error, and the contact's next delivery draws another.
      const Item = await this.originalItem(reference);
      if (Item === undefined) throw error;
      const kept = Item.dissemination as DirectDissemination | undefined;
      return { first: false, ...(kept === undefined ? {} : { dissemination: kept }) };
    }
  }

  private async originalItem(reference: Reference): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: originalKey(reference), ConsistentRead: true }));
    return Item;
  }

  async findOriginal(reference: Reference): Promise<SealedReport | undefined> {
    const Item = await this.originalItem(reference);
    if (Item === undefined) return undefined;
    return { original: Item.original as SealedOriginal, ...(Item.contact === undefined ? {} : { contactDetails: Item.contact as SealedOriginal }) };
  }

  async find(reference: Reference): Promise<ReportRecord | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: reportKey(reference), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : fromReportItem(Item);
  }

  async awaitingReview(page: { limit: number; after?: string }): Promise<{ records: ReportRecord[]; next?: string }> {
    const { items, next } = await this.queuePage(
      { KeyConditionExpression: 'GSI1PK = :awaiting', ExpressionAttributeValues: { ':awaiting': AWAITING_REVIEW }, ScanIndexForward: true },
      page,
    );
    return { records: await this.stillIn(AWAITING_REVIEW, items), ...(next === undefined ? {} : { next }) };
  }

  async oldestAwaitingReview(): Promise<{ reference: Reference; receivedAt: string } | undefined> {
    const { items } = await this.queuePage(
      { KeyConditionExpression: 'GSI1PK = :awaiting', ExpressionAttributeValues: { ':awaiting': AWAITING_REVIEW }, ScanIndexForward: true },
      { limit: 1 },
    );
    const [oldest] = items;
    return oldest === undefined ? undefined : { reference: referenceOf(oldest), receivedAt: sinceOf(oldest) };
  }

  async dueForNotification({ dueBefore, ...page }: DuePage): Promise<{ records: DueReport[]; next?: string }> {
    const { items, next } = await this.queuePage(
      {
        KeyConditionExpression: 'GSI1PK = :due AND GSI1SK < :before',
        ExpressionAttributeValues: { ':due': DUE_REPORTS, ':before': dueBefore.toISOString() },
        ScanIndexForward: true,
      },
      page,
    );
    return { records: items.map((key) => ({ reference: referenceOf(key), dueSince: sinceOf(key) })), ...(next === undefined ? {} : { next }) };
  }

  /**
   * The reports with a force (or in triage), newest first, optionally of one status, as the queue
   * index holds them. A page may hold fewer than `limit` when a status filter is given; `next`
   * says whether there is more.
   */
  async withDestination(
    destination: string,
    { status, ...page }: { limit: number; after?: string; status?: ReportStatus },
  ): Promise<{ records: ListedReport[]; next?: string }> {
    const { items, next } = await this.queuePage(
      {
        KeyConditionExpression: 'GSI1PK = :destination',
        ...(status === undefined
          ? { ExpressionAttributeValues: { ':destination': `DESTINATION#${destination}` } }
          : {
              FilterExpression: '#status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':destination': `DESTINATION#${destination}`, ':status': status },
            }),
        ScanIndexForward: false,
      },
      page,
    );
    return { records: items.map((item) => withoutKeys<ListedReport>(item)), ...(next === undefined ? {} : { next }) };
  }

  /** One page of a queue's entries. */
  private queuePage(
    query: Omit<QueryCommandInput, 'TableName' | 'IndexName' | 'Limit' | 'ExclusiveStartKey'>,
    page: { limit: number; after?: string | undefined },
  ): Promise<{ items: Item[]; next?: string }> {
    return queryPage(this.client, { TableName: this.tableName, IndexName: QUEUE_INDEX, ...query }, page);
  }

  /** The reports an index page lists, each read afresh, in the order listed: those still in the queue read. */
  private async stillIn(partition: string, keys: readonly Item[]): Promise<ReportRecord[]> {
    const records = await Promise.all(keys.map((key) => this.find(referenceOf(key))));
    return records.filter((record): record is ReportRecord => record !== undefined && indexKeys(record).GSI1PK === partition);
  }

  async auditTrail(reference: Reference): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :events)',
          ExpressionAttributeValues: { ':pk': `REPORT#${reference}`, ':events': 'EVENT#' },
          ExclusiveStartKey,
        }),
      );
      events.push(...(page.Items ?? []).flatMap(fromEventItem));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return events;
  }
}
