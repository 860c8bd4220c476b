/**
 * What the report table and the data keys table hold, read for the holdings report
 * (functions/domain/holdings.ts): a parallel Scan of each, page by page, of only the attributes that
 * date an item and decide its retention (keys, times, statuses, whether a sealed text is there and
 * in which form) and never the words: no ciphertext, no narrative, no question or answer text, no
 * hash, no key. Nothing read is opened or printed.
 *
 * `classifyItem` and `classifyDataKey` are the one place that knows where each kind of thing is
 * kept (the keys are those of report-store.ts, follow-up-access-store.ts, follow-up-store.ts,
 * person-link-store.ts, statistics-store.ts and shreddable-vault.ts): when a kind moves, only they,
 * HOLDINGS_ATTRIBUTES and DATA_KEY_HOLDINGS_ATTRIBUTES change.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClassifiedItem, Held, RetainedRecord } from '#domain/holdings.ts';
import { exchangeTimesOf, type ScheduledAnswer, type ScheduledQuestion } from '#domain/retention-schedule.ts';
import { IDEMPOTENCY_PARTITION } from '../configuration/stack-names.ts';
import type { Item } from './dynamodb-items.ts';
import { CODE_KEY_PARTITION } from './follow-up-code-keys.ts';
import { PERSON_LINK_KEY_PARTITION } from './person-link-store.ts';
import { dataKeysPartition } from './shreddable-vault.ts';

/** The data keys table's partitions: `REPORT-KEYS#<ref>`. */
const DATA_KEYS_PARTITION_PREFIX = dataKeysPartition('' as Parameters<typeof dataKeysPartition>[0]);

/**
 * Events decided together are kept in one item, the first holding the rest under `followedBy`
 * (dynamodb-items.ts eventsPut): at most two follow today. The Scan reads only their times, and
 * this many of them.
 */
export const FOLLOWED_BY_READ = 16;

/** Every attribute path the classifier reads: what the Scan projects, and nothing else. */
export const HOLDINGS_ATTRIBUTES: readonly (readonly string[])[] = [
  ['PK'],
  ['SK'],
  // report: its dates and what the schedule asks of it; whether it still carries its original (older reports)
  ['status'],
  ['receivedAt'],
  ['notifiedAt'],
  ['contactDetailsHeld'],
  ['splitFrom'],
  ['review', 'closed', 'at'],
  // a split contact: the parts whose days decide its own (references only)
  ['review', 'split', 'into'],
  // what the retention job has ended (days)
  ['retention', 'keepingInContactEnded'],
  ['retention', 'originalEnded'],
  // a sealed original, on its own item (or in an older report's): whether it is there, and its form
  // (`version` 2: under a data key of its own, the contact details apart; none: sealed whole before retention)
  ['original', 'algorithm'],
  ['original', 'version'],
  // the reporter's contact details, sealed apart on the original's item: whether they are there (what they are: 'contact-details')
  ['contact', 'part'],
  // follow-up codes: the credential's, and the first code kept in the reservation
  ['issuedAt'],
  ['reservedAt'],
  ['followUpCode', 'issuedAt'],
  // questions (answers: receivedAt, notifiedAt above)
  ['askedAt'],
  ['relayed', 'at'],
  ['approved', 'at'],
  // audit events
  ['at'],
  ...Array.from({ length: FOLLOWED_BY_READ }, (_, i) => [`followedBy[${i}]`, 'at']),
  // a person-link filing: the report it files
  ['reference'],
];

/**
 * Every attribute path `classifyDataKey` reads of the data keys table: its keys, what the key seals,
 * and whether the contact details' own key is still there. That is known by the one part of it that
 * is no secret, its nonce (`iv`: a GCM nonce, kept in the clear beside every ciphertext), never the
 * wrapped key; a projection of the map itself would return the wrapped key. The nonce is reduced
 * to "there" at once and kept nowhere.
 */
export const DATA_KEY_HOLDINGS_ATTRIBUTES: readonly (readonly string[])[] = [['PK'], ['SK'], ['sealed'], ['contactDetailsKey', 'iv']];

/** The ProjectionExpression and its names, every name aliased (status, at and reference are reserved words). */
export const holdingsProjection = (attributes: readonly (readonly string[])[] = HOLDINGS_ATTRIBUTES): { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> } => {
  const names = new Map<string, string>();
  const alias = (name: string): string => {
    const [, plain, index = ''] = /^([^[]+)(\[\d+\])?$/.exec(name)!;
    if (!names.has(plain!)) names.set(plain!, `#h${names.size}`);
    return `${names.get(plain!)}${index}`;
  };
  const ProjectionExpression = attributes.map((path) => path.map(alias).join('.')).join(', ');
  return { ProjectionExpression, ExpressionAttributeNames: Object.fromEntries([...names].map(([name, aliased]) => [aliased, name])) };
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const nested = (item: Item, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Item)[key] : undefined), item);
/** A question's and an answer's times, as exchangeTimesOf (the retention job's) reads them. */
const at = (value: unknown): { at: string } | undefined => (text(value) === undefined ? undefined : { at: String(value) });
const questionTimes = (item: Item): ScheduledQuestion | undefined => {
  const relayed = at(nested(item, 'relayed', 'at'));
  return text(item.askedAt) === undefined ? undefined : { askedAt: String(item.askedAt), ...(relayed === undefined ? {} : { relayed }) };
};
const answerTimes = (item: Item): ScheduledAnswer | undefined => {
  const approved = at(nested(item, 'approved', 'at'));
  if (text(item.receivedAt) === undefined) return undefined;
  return {
    receivedAt: String(item.receivedAt),
    ...(approved === undefined ? {} : { approved }),
    ...(text(item.notifiedAt) === undefined ? {} : { notifiedAt: String(item.notifiedAt) }),
  };
};
const dated = (held: Omit<Held, 'madeAt'>, madeAt: unknown): Held => {
  const at = text(madeAt);
  return at === undefined ? held : { ...held, madeAt: at };
};

/**
 * A report's sealed original, kept for `sealedFor`, and its reporter's contact details: sealed apart
 * beside it (`contact`) while they are kept, or, in an original sealed before retention (no
 * `version`), inside it if the record says the reporter left them.
 */
const originalOf = (sealedFor: string, sealed: unknown, contact: unknown, madeAt?: unknown): Held[] => {
  const apart = nested({ sealed } as Item, 'sealed', 'version') !== undefined;
  const contactDetails: Held[] = apart
    ? contact === undefined
      ? []
      : [dated({ kind: 'contact-details', of: sealedFor }, madeAt)]
    : [dated({ kind: 'contact-details', of: sealedFor, ifContactDetailsLeft: true }, madeAt)];
  return [dated({ kind: 'original', of: sealedFor }, madeAt), ...contactDetails];
};

/** A report's own item: its record, and (on reports recorded before originals had their own item) its original. */
const reportItem = (reference: string, item: Item): ClassifiedItem => {
  const closedAt = text(nested(item, 'review', 'closed', 'at'));
  const split = nested(item, 'review', 'split', 'into');
  const into = Array.isArray(split) ? split.filter((part): part is string => typeof part === 'string') : undefined;
  const marks = { keepingInContactEnded: text(nested(item, 'retention', 'keepingInContactEnded')), originalEnded: text(nested(item, 'retention', 'originalEnded')) };
  const ended = marks.keepingInContactEnded === undefined && marks.originalEnded === undefined ? undefined : Object.fromEntries(Object.entries(marks).filter(([, day]) => day !== undefined));
  const record: RetainedRecord = {
    reference: reference as RetainedRecord['reference'],
    status: String(item.status) as RetainedRecord['status'],
    receivedAt: String(item.receivedAt),
    contactDetailsHeld: item.contactDetailsHeld === true,
    ...(text(item.notifiedAt) === undefined ? {} : { notifiedAt: String(item.notifiedAt) }),
    ...(text(item.splitFrom) === undefined ? {} : { splitFrom: String(item.splitFrom) as RetainedRecord['reference'] }),
    ...(closedAt === undefined && into === undefined ? {} : { review: { ...(closedAt === undefined ? {} : { closed: { at: closedAt } }), ...(into === undefined ? {} : { split: { into } }) } }),
    ...(ended === undefined ? {} : { retention: ended }),
  };
  const sealedFor = record.splitFrom ?? reference;
  const original = nested(item, 'original', 'algorithm') === undefined ? [] : originalOf(sealedFor, item.original, undefined, item.receivedAt);
  return { record, held: [dated({ kind: 'report', of: reference }, item.receivedAt), ...original] };
};

/** What one item of the report table holds. Reads only HOLDINGS_ATTRIBUTES. */
export const classifyItem = (item: Item): ClassifiedItem => {
  const pk = String(item.PK);
  const sk = String(item.SK);
  if (pk.startsWith('REPORT#')) {
    const reference = pk.slice('REPORT#'.length);
    if (sk === 'REPORT') return reportItem(reference, item);
    if (sk === 'ORIGINAL') return { held: originalOf(reference, item.original, item.contact) };
    if (sk === 'RESERVATION') {
      // The first follow-up code's hash, kept with the reservation (follow-up-access-store.ts).
      const code = nested(item, 'followUpCode', 'issuedAt');
      return code === undefined && !('followUpCode' in item) ? { held: [], other: 'reservations' } : { held: [dated({ kind: 'follow-up-code', of: reference }, code ?? item.reservedAt)] };
    }
    if (sk === 'FOLLOW-UP-CODE') return { held: [dated({ kind: 'follow-up-code', of: reference }, item.issuedAt)] };
    if (sk.startsWith('QUESTION#')) {
      return { held: [dated({ kind: 'question', of: reference }, item.askedAt)], exchanges: { of: reference, at: exchangeTimesOf([questionTimes(item)].filter((q) => q !== undefined), []) } };
    }
    if (sk.startsWith('ANSWER#')) {
      return { held: [dated({ kind: 'answer', of: reference }, item.receivedAt)], exchanges: { of: reference, at: exchangeTimesOf([], [answerTimes(item)].filter((a) => a !== undefined)) } };
    }
    if (sk.startsWith('EVENT#')) {
      const following = Array.isArray(item.followedBy) ? (item.followedBy as Item[]) : [];
      return { held: [item, ...following].map((event) => dated({ kind: 'audit-event', of: reference }, event.at)) };
    }
    return { held: [], other: 'other items of a report' };
  }
  if (pk.startsWith('STATS#')) return { held: [dated({ kind: 'statistics' }, sk)] };
  if (pk.startsWith('PERSON-KEYS#')) return { held: [dated({ kind: 'person-link-keys', of: pk.slice('PERSON-KEYS#'.length) }, item.receivedAt)] };
  if (pk.startsWith('PERSON-KEY#')) return { held: [text(item.reference) === undefined ? { kind: 'person-link-filing' } : { kind: 'person-link-filing', of: String(item.reference) }] };
  if (pk.startsWith('FORCE-REFERENCE#')) return { held: [], other: 'force references' };
  if (pk.startsWith('FOLLOW-UP-ATTEMPTS#')) return { held: [], other: 'follow-up attempt logs (times only, gone in hours)' };
  if (pk === IDEMPOTENCY_PARTITION) return { held: [], other: 'idempotency records (gone in a day)' };
  if (pk === CODE_KEY_PARTITION || pk === PERSON_LINK_KEY_PARTITION) return { held: [], other: 'wrapped keys' };
  return { held: [], other: 'items of no known kind' };
};

/**
 * What one item of the data keys table holds: a report's data key (shreddable-vault.ts), which
 * opens its original (`sealed: 'report'`) and, while they are kept, its contact details through
 * their own key sealed under it; or an answer's. Dated by the report it is kept for. Reads only
 * DATA_KEY_HOLDINGS_ATTRIBUTES, and keeps nothing of the key.
 */
export const classifyDataKey = (item: Item): ClassifiedItem => {
  const pk = String(item.PK);
  if (!pk.startsWith(DATA_KEYS_PARTITION_PREFIX)) return { held: [], other: 'items of no known kind' };
  const of = pk.slice(DATA_KEYS_PARTITION_PREFIX.length);
  if (item.sealed === 'answer') return { held: [{ kind: 'answer-key', of }] };
  const contactDetails = nested(item, 'contactDetailsKey', 'iv') === undefined ? [] : [{ kind: 'contact-details-key' as const, of }];
  return { held: [{ kind: 'original-key', of }, ...contactDetails] };
};

export interface HoldingsScanOptions {
  /** Segments scanned at once (the Scan's TotalSegments). */
  readonly segments?: number;
  /** Told after each page: how many items have been read so far, in every segment. */
  readonly onPage?: (itemsRead: number) => void;
}

/** Every item of a table, projected and classified: a parallel Scan, each segment page by page. */
const scanClassified = async (
  client: DynamoDBDocumentClient,
  TableName: string,
  attributes: readonly (readonly string[])[],
  classify: (item: Item) => ClassifiedItem,
  { segments = 4, onPage }: HoldingsScanOptions,
): Promise<ClassifiedItem[]> => {
  const projection = holdingsProjection(attributes);
  const classified: ClassifiedItem[] = [];
  const segment = async (Segment: number): Promise<void> => {
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName, Segment, TotalSegments: segments, ...projection, ExclusiveStartKey }));
      for (const item of page.Items ?? []) classified.push(classify(item));
      onPage?.(classified.length);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
  };
  await Promise.all(Array.from({ length: segments }, (_, i) => segment(i)));
  return classified;
};

/** Every item of the report table, classified. */
export const readHoldings = (client: DynamoDBDocumentClient, tableName: string, options: HoldingsScanOptions = {}): Promise<ClassifiedItem[]> =>
  scanClassified(client, tableName, HOLDINGS_ATTRIBUTES, classifyItem, options);

/** Every item of the data keys table, classified: which keys are held, never a key. */
export const readDataKeyHoldings = (client: DynamoDBDocumentClient, keysTableName: string, options: HoldingsScanOptions = {}): Promise<ClassifiedItem[]> =>
  scanClassified(client, keysTableName, DATA_KEY_HOLDINGS_ATTRIBUTES, classifyDataKey, options);
