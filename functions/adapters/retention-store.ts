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
import { DeleteCommand, ScanCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';
import type { ReportRecord } from '#domain/entities/report-record.ts';
import { ConcurrentChange, type RetentionStage, type RetentionStore } from '#domain/ports.ts';
import type { Reference } from '#domain/reference.ts';
import { conditionFailed, eventsPut, queryPage, withoutKeys, type Item } from './dynamodb-items.ts';
import { reportItem, RETENTION_INDEX, retentionIndexKeys, retentionPartition } from './report-store.ts';

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
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.client.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'SK = :report AND attribute_not_exists(GSI2PK)',
          ExpressionAttributeValues: { ':report': 'REPORT' },
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
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
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return { looked, indexed };
  }
}
