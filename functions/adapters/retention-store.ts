/**
 * What the retention job reads and removes in the report table (the layouts are report-store.ts's,
 * follow-up-store.ts's and follow-up-access-store.ts's):
 *
 * - the retention index (RETENTION_INDEX, keys only): `RETENTION#<stage>` by `<day>#<ref>`;
 * - `REPORT#<ref>` / `ORIGINAL`: its `contact` attribute (the sealed contact details), then the item;
 * - `REPORT#<ref>` / `FOLLOW-UP-CODE`, and the `followUpCode` of `REPORT#<ref>` / `RESERVATION`;
 * - `REPORT#<ref>` / `QUESTION#<id>` and `ANSWER#<id>`;
 * - `REPORT#<ref>` / `REPORT`: its next version, with the events of what ended.
 *
 * Every removal is harmless to repeat: a delete of what is gone deletes nothing, and an attribute
 * is removed only from an item that is there (an update would otherwise make the item anew).
 */
import { GetCommand, DeleteCommand, ScanCommand, TransactWriteCommand, type ScanCommandInput, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { ConcurrentChange, type RetentionStage, type RetentionStore } from '#domain/ports.ts';
import type { Reference } from '#domain/reference.ts';
import type { SealedOriginal, SealedReport } from '#domain/entities/sealed-original.ts';
import { conditionFailed, eventsPut, queryPage, withoutKeys, type Item } from './dynamodb-items.ts';
import { reportItem, RETENTION_INDEX, retentionIndexKeys, retentionPartition } from './report-store.ts';

/** Every page of a Scan, in turn: how an operator's one-off command reads the whole table (no function scans). */
async function* scanPages(client: DynamoDBDocumentClient, scan: Omit<ScanCommandInput, 'ExclusiveStartKey'>): AsyncGenerator<Item[]> {
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...scan, ExclusiveStartKey }));
    yield page.Items ?? [];
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
}

export class DynamoRetentionStore implements RetentionStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async atRetentionStage(stage: RetentionStage, onOrBefore: string, page: { limit: number; after?: string }): Promise<{ references: Reference[]; next?: string }> {
    const { items, next } = await queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: RETENTION_INDEX,
        KeyConditionExpression: 'GSI2PK = :stage AND GSI2SK < :after',
        // `<day>#<ref>`: every entry of that day and before sorts below the day after's `#`.
        ExpressionAttributeValues: { ':stage': retentionPartition(stage), ':after': `${onOrBefore}#~` },
        ScanIndexForward: true,
      },
      page,
    );
    return { references: items.map((key) => String(key.PK).slice('REPORT#'.length) as Reference), ...(next === undefined ? {} : { next }) };
  }

  private async removeAttribute(reference: Reference, sortKey: string, attribute: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `REPORT#${reference}`, SK: sortKey },
          UpdateExpression: 'REMOVE #attribute',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#attribute': attribute },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error;
    }
  }

  private async remove(reference: Reference, sortKey: string): Promise<void> {
    await this.client.send(new DeleteCommand({ TableName: this.tableName, Key: { PK: `REPORT#${reference}`, SK: sortKey } }));
  }

  async removeContactDetails(reference: Reference): Promise<void> {
    await this.removeAttribute(reference, 'ORIGINAL', 'contact');
  }

  async removeFollowUpCodes(reference: Reference): Promise<void> {
    await this.remove(reference, 'FOLLOW-UP-CODE');
    await this.removeAttribute(reference, 'RESERVATION', 'followUpCode');
  }

  async removeFollowUps(reference: Reference, questionIds: readonly string[], answerIds: readonly string[]): Promise<void> {
    for (const id of questionIds) await this.remove(reference, `QUESTION#${id}`);
    for (const id of answerIds) await this.remove(reference, `ANSWER#${id}`);
  }

  async removeOriginal(reference: Reference): Promise<void> {
    await this.remove(reference, 'ORIGINAL');
  }

  async recordRetention(before: ReportRecord, after: ReportRecord, events: readonly AuditEvent[]): Promise<void> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: reportItem(after), ConditionExpression: 'version = :read', ExpressionAttributeValues: { ':read': before.version } } },
            ...(events.length === 0 ? [] : eventsPut(this.tableName, after.reference, events)),
          ],
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new ConcurrentChange(before.reference);
      throw error;
    }
  }

  /**
   * Once, by an operator, after this is first deployed: puts every settled report written before
   * the retention index existed into it (a report enters it when its item is next written, and a
   * finished report's may never be). A Scan of the report items, a page at a time: the only Scan in
   * the service, run by a person, never by a function. Each entry is set only on the version read,
   * and only where none is, so it is harmless to run again or beside the service.
   */
  async indexExisting(onPage: (indexed: number, looked: number) => void = () => {}): Promise<{ looked: number; indexed: number }> {
    let looked = 0;
    let indexed = 0;
    const pages = scanPages(this.client, {
      TableName: this.tableName,
      FilterExpression: 'SK = :report AND attribute_not_exists(GSI2PK)',
      ExpressionAttributeValues: { ':report': 'REPORT' },
    });
    for await (const items of pages) {
      for (const item of items) {
        looked++;
        const keys = retentionIndexKeys(withoutKeys<ReportRecord>(item));
        if (keys.GSI2PK === undefined) continue;
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { PK: item.PK, SK: item.SK },
              UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
              ConditionExpression: 'version = :read AND attribute_not_exists(GSI2PK)',
              ExpressionAttributeValues: { ':pk': keys.GSI2PK, ':sk': keys.GSI2SK, ':read': item.version },
            }),
          );
          indexed++;
        } catch (error) {
          // Written meanwhile: the write put it in the index itself.
          if (!conditionFailed(error)) throw error;
        }
      }
      onPage(indexed, looked);
    }
    return { looked, indexed };
  }

  /**
   * Once, by an operator with the originals key's break-glass role (only it, and the review
   * views, may open originals): seals again, with the contact details apart, every original
   * sealed before retention (the first form: in an ORIGINAL item, or in a report item from before
   * originals had their own), so that its contact details end on their day; and every answer so
   * sealed, under a data key of its own, so that destroying it shreds every copy. Each is replaced only
   * if it is still what was read. The old ciphertext stays in the table's point-in-time recovery
   * for its 35 days, openable there by the key's users; not after.
   */
  async resealLegacyOriginals(
    reseal: (sealedFor: Reference, sealed: SealedOriginal, keepContactDetails: boolean) => Promise<SealedReport>,
    resealAnswer: (reference: Reference, sealed: SealedOriginal) => Promise<SealedOriginal>,
    onPage: (resealed: number) => void = () => {},
  ): Promise<number> {
    let resealed = 0;
    const pages = scanPages(this.client, {
      TableName: this.tableName,
      FilterExpression:
        '(SK = :original AND attribute_not_exists(original.version)) OR (SK = :report AND attribute_exists(original)) OR (begins_with(SK, :answer) AND attribute_not_exists(original.version))',
      ExpressionAttributeValues: { ':original': 'ORIGINAL', ':report': 'REPORT', ':answer': 'ANSWER#' },
    });
    for await (const items of pages) {
      for (const item of items) {
        const reference = String(item.PK).slice('REPORT#'.length) as Reference;
        const sealedFor = (item.SK === 'REPORT' ? ((item.splitFrom as Reference | undefined) ?? reference) : reference);
        try {
          if (String(item.SK).startsWith('ANSWER#')) {
            // A reporter's answer or added information: sealed again under a key of its own, to end with keeping in contact.
            await this.client.send(
              new UpdateCommand({
                TableName: this.tableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: 'SET original = :new',
                ConditionExpression: 'original.ciphertext = :read',
                ExpressionAttributeValues: { ':new': await resealAnswer(reference, item.original as SealedOriginal), ':read': (item.original as { ciphertext: string }).ciphertext },
              }),
            );
            resealed++;
            continue;
          }
          // Whether the report's keeping in contact has not yet ended: only then are its contact details sealed again.
          const record =
            item.SK === 'REPORT'
              ? item
              : (await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: item.PK, SK: 'REPORT' }, ProjectionExpression: 'retention', ConsistentRead: true }))).Item;
          const keepContactDetails = (record?.retention as { keepingInContactEnded?: string } | undefined)?.keepingInContactEnded === undefined;
          const { original, contactDetails } = await reseal(sealedFor, item.original as SealedOriginal, keepContactDetails);
          if (item.SK === 'ORIGINAL') {
            await this.client.send(
              new UpdateCommand({
                TableName: this.tableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: contactDetails === undefined ? 'SET original = :new' : 'SET original = :new, contact = :contact',
                ConditionExpression: 'original.ciphertext = :read',
                ExpressionAttributeValues: { ':new': original, ':read': (item.original as { ciphertext: string }).ciphertext, ...(contactDetails === undefined ? {} : { ':contact': contactDetails }) },
              }),
            );
          } else {
            // A report item holding its original: the original moves to an item of its own (the
            // contact's, for a part split from it, where none is yet), and leaves the report item.
            await this.client.send(
              new TransactWriteCommand({
                TransactItems: [
                  {
                    Put: {
                      TableName: this.tableName,
                      Item: { PK: `REPORT#${sealedFor}`, SK: 'ORIGINAL', kind: 'original', reference: sealedFor, original, ...(contactDetails === undefined ? {} : { contact: contactDetails }) },
                      ConditionExpression: 'attribute_not_exists(PK)',
                    },
                  },
                  {
                    Update: {
                      TableName: this.tableName,
                      Key: { PK: item.PK, SK: item.SK },
                      UpdateExpression: 'REMOVE original',
                      ConditionExpression: 'version = :read',
                      ExpressionAttributeValues: { ':read': item.version },
                    },
                  },
                ],
              }),
            );
          }
          resealed++;
        } catch (error) {
          if (!conditionFailed(error)) throw error;
          // A part whose contact's original was moved first (by the contact, or another part): only its copy goes.
          if (item.SK === 'REPORT') resealed += await this.dropCopy(item, sealedFor);
        }
      }
      onPage(resealed);
    }
    return resealed;
  }

  /** Removes a report item's copy of an original already kept in its own item; 0 when the report changed meanwhile (the next run looks again). */
  private async dropCopy(item: Item, sealedFor: Reference): Promise<number> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { ConditionCheck: { TableName: this.tableName, Key: { PK: `REPORT#${sealedFor}`, SK: 'ORIGINAL' }, ConditionExpression: 'attribute_exists(PK)' } },
            {
              Update: {
                TableName: this.tableName,
                Key: { PK: item.PK, SK: item.SK },
                UpdateExpression: 'REMOVE original',
                ConditionExpression: 'version = :read',
                ExpressionAttributeValues: { ':read': item.version },
              },
            },
          ],
        }),
      );
      return 1;
    } catch (error) {
      if (conditionFailed(error)) return 0;
      throw error;
    }
  }
}
