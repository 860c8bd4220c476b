/**
 * What the report table holds, read for the holdings report (functions/domain/holdings.ts): a
 * parallel Scan, page by page, of only the attributes that date an item and decide its retention
 * (keys, times, statuses, whether a sealed original is there) and never the words: no ciphertext,
 * no narrative, no question or answer text, no hash. Nothing read is opened or printed.
 *
 * `classifyItem` is the one place that knows where each kind of thing is kept (the keys are those
 * of report-store.ts, follow-up-access-store.ts, follow-up-store.ts, person-link-store.ts and
 * statistics-store.ts): when a kind moves (contact details into an item of their own, a data key
 * beside its original), only it and HOLDINGS_ATTRIBUTES change.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ClassifiedItem, Held, RetainedRecord } from '#domain/holdings.ts';
import { IDEMPOTENCY_PARTITION } from '../configuration/stack-names.ts';
import type { Item } from './dynamodb-items.ts';
import { CODE_KEY_PARTITION } from './follow-up-code-keys.ts';
import { PERSON_LINK_KEY_PARTITION } from './person-link-store.ts';

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
  ['original', 'algorithm'],
  // follow-up codes: the credential's, and the first code kept in the reservation
  ['issuedAt'],
  ['reservedAt'],
  ['followUpCode', 'issuedAt'],
  // questions (answers: receivedAt, notifiedAt above)
  ['askedAt'],
  ['relayed', 'at'],
  // audit events
  ['at'],
  ...Array.from({ length: FOLLOWED_BY_READ }, (_, i) => [`followedBy[${i}]`, 'at']),
  // a person-link filing: the report it files
  ['reference'],
];

/** The ProjectionExpression and its names, every name aliased (status, at and reference are reserved words). */
export const holdingsProjection = (): { ProjectionExpression: string; ExpressionAttributeNames: Record<string, string> } => {
  const names = new Map<string, string>();
  const alias = (name: string): string => {
    const [, plain, index = ''] = /^([^[]+)(\[\d+\])?$/.exec(name)!;
    if (!names.has(plain!)) names.set(plain!, `#h${names.size}`);
    return `${names.get(plain!)}${index}`;
  };
  const ProjectionExpression = HOLDINGS_ATTRIBUTES.map((path) => path.map(alias).join('.')).join(', ');
  return { ProjectionExpression, ExpressionAttributeNames: Object.fromEntries([...names].map(([name, aliased]) => [aliased, name])) };
};

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const nested = (item: Item, ...path: string[]): unknown =>
  path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Item)[key] : undefined), item);
const times = (...values: unknown[]): string[] => values.filter((value): value is string => typeof value === 'string');
const dated = (held: Omit<Held, 'madeAt'>, madeAt: unknown): Held => {
  const at = text(madeAt);
  return at === undefined ? held : { ...held, madeAt: at };
};

/** A report's sealed original and the contact details sealed in it, kept for `sealedFor`. */
const originalOf = (sealedFor: string, madeAt?: unknown): Held[] => [
  dated({ kind: 'original', of: sealedFor }, madeAt),
  dated({ kind: 'contact-details', of: sealedFor, ifContactDetailsLeft: true }, madeAt),
];

/** A report's own item: its record, and (on reports recorded before originals had their own item) its original. */
const reportItem = (reference: string, item: Item): ClassifiedItem => {
  const closedAt = text(nested(item, 'review', 'closed', 'at'));
  const record: RetainedRecord = {
    reference: reference as RetainedRecord['reference'],
    status: String(item.status) as RetainedRecord['status'],
    receivedAt: String(item.receivedAt),
    contactDetailsHeld: item.contactDetailsHeld === true,
    ...(text(item.notifiedAt) === undefined ? {} : { notifiedAt: String(item.notifiedAt) }),
    ...(text(item.splitFrom) === undefined ? {} : { splitFrom: String(item.splitFrom) as RetainedRecord['reference'] }),
    ...(closedAt === undefined ? {} : { review: { closed: { at: closedAt } } }),
  };
  const sealedFor = record.splitFrom ?? reference;
  const original = nested(item, 'original', 'algorithm') === undefined ? [] : originalOf(sealedFor, item.receivedAt);
  return { record, held: [dated({ kind: 'report', of: reference }, item.receivedAt), ...original] };
};

/** What one item of the report table holds. Reads only HOLDINGS_ATTRIBUTES. */
export const classifyItem = (item: Item): ClassifiedItem => {
  const pk = String(item.PK);
  const sk = String(item.SK);
  if (pk.startsWith('REPORT#')) {
    const reference = pk.slice('REPORT#'.length);
    if (sk === 'REPORT') return reportItem(reference, item);
    if (sk === 'ORIGINAL') return { held: originalOf(reference) };
    if (sk === 'RESERVATION') {
      // The first follow-up code's hash, kept with the reservation (follow-up-access-store.ts).
      const code = nested(item, 'followUpCode', 'issuedAt');
      return code === undefined && !('followUpCode' in item) ? { held: [], other: 'reservations' } : { held: [dated({ kind: 'follow-up-code', of: reference }, code ?? item.reservedAt)] };
    }
    if (sk === 'FOLLOW-UP-CODE') return { held: [dated({ kind: 'follow-up-code', of: reference }, item.issuedAt)] };
    if (sk.startsWith('QUESTION#')) {
      return { held: [dated({ kind: 'question', of: reference }, item.askedAt)], exchanges: { of: reference, at: times(item.askedAt, nested(item, 'relayed', 'at')) } };
    }
    if (sk.startsWith('ANSWER#')) {
      return { held: [dated({ kind: 'answer', of: reference }, item.receivedAt)], exchanges: { of: reference, at: times(item.receivedAt, item.notifiedAt) } };
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

export interface HoldingsScanOptions {
  /** Segments scanned at once (the Scan's TotalSegments). */
  readonly segments?: number;
  /** Told after each page: how many items have been read so far, in every segment. */
  readonly onPage?: (itemsRead: number) => void;
}

/** Every item of the table, classified: a parallel Scan, each segment page by page. */
export const readHoldings = async (client: DynamoDBDocumentClient, tableName: string, { segments = 4, onPage }: HoldingsScanOptions = {}): Promise<ClassifiedItem[]> => {
  const projection = holdingsProjection();
  const classified: ClassifiedItem[] = [];
  const segment = async (Segment: number): Promise<void> => {
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: tableName, Segment, TotalSegments: segments, ...projection, ExclusiveStartKey }));
      for (const item of page.Items ?? []) classified.push(classifyItem(item));
      onPage?.(classified.length);
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
  };
  await Promise.all(Array.from({ length: segments }, (_, i) => segment(i)));
  return classified;
};
