/** Pieces every DynamoDB adapter of the report table shares: audit events, conditions, cursors, pages. */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';

export type Item = Record<string, unknown>;

/**
 * An audit event's item. The sort key begins with the time, so a query reads the trail in time
 * order, and ends with the event's own id, so no two events share a key: two of the same type in
 * the same millisecond are both kept.
 */
const eventItem = (reference: string, event: AuditEvent): Item => ({
  PK: `REPORT#${reference}`,
  SK: `EVENT#${event.at}#${event.type}#${event.id}`,
  kind: 'event',
  reference,
  ...event,
});

/**
 * The put that appends an event to a report's trail, and never replaces one: its key is the
 * event's own, so the only item it can find there is the same event written before (a retry),
 * and its condition then fails as every other condition of the write does.
 */
export const eventPut = (tableName: string, reference: string, event: AuditEvent) => ({
  Put: { TableName: tableName, Item: eventItem(reference, event), ConditionExpression: 'attribute_not_exists(PK)' },
});

/**
 * The put that appends the events one step decided together (a contact's receipt, its routing and,
 * without review, its force's reference) as one item: the first event's, as eventPut writes it,
 * holding the others, in the order decided, under `followedBy`. One item costs one write where
 * each event on its own costs one each; the trail (report-store.ts auditTrail) reads every event
 * out of it, in place of the first. Conditional as eventPut: a retry of the step adds nothing.
 */
export const eventsPut = (tableName: string, reference: string, [first, ...rest]: readonly AuditEvent[]) => {
  if (first === undefined) return [];
  const put = eventPut(tableName, reference, first);
  return rest.length === 0 ? [put] : [{ Put: { ...put.Put, Item: { ...put.Put.Item, followedBy: rest } } }];
};

const codesOf = (error: unknown): (string | undefined)[] =>
  ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((reason) => reason.Code);

/** True when a write was refused only because its condition did not hold. */
export const conditionFailed = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const codes = codesOf(error);
  return codes.includes('ConditionalCheckFailed') && codes.every((code) => code === 'ConditionalCheckFailed' || code === 'None');
};

/** A page's LastEvaluatedKey as an opaque cursor for the next request, and back. */
export const encodeCursor = (key: Item | undefined) => (key === undefined ? undefined : Buffer.from(JSON.stringify(key)).toString('base64url'));

export const decodeCursor = (cursor: string | undefined): Item | undefined => {
  if (cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Item;
    return typeof key === 'object' && key !== null ? key : undefined;
  } catch {
    return undefined;
  }
};

/** One page of a query, from the cursor of the page before; `next` only when there may be more. */
export const queryPage = async (
  client: DynamoDBDocumentClient,
  query: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>,
  { limit, after }: { readonly limit: number; readonly after?: string | undefined },
): Promise<{ items: Item[]; next?: string }> => {
  const { Items = [], LastEvaluatedKey } = await client.send(new QueryCommand({ ...query, Limit: limit, ExclusiveStartKey: decodeCursor(after) }));
  const next = encodeCursor(LastEvaluatedKey);
  return { items: Items, ...(next === undefined ? {} : { next }) };
};

/** Strips the table's own keys from an item, leaving the domain object. */
export const withoutKeys = <T>(item: Item): T => {
  const { PK: _pk, SK: _sk, kind: _kind, GSI1PK: _gpk, GSI1SK: _gsk, GSI2PK: _rpk, GSI2SK: _rsk, ...rest } = item;
  return rest as T;
};
