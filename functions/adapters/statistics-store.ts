/**
 * The statistics counters on DynamoDB, read: the `STATS#<force>` items of the report table, one
 * per month that counted anything (sort key `<yyyy-mm>`), each with a numeric attribute per
 * counter (functions/adapters/report-store.ts moves them, in the transaction of the change they
 * count). A query by force between two months; at most 120 small items, so one page in practice,
 * but every page is read. Reads are strongly consistent: these are exact counters.
 */
import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ForceId } from '#domain/forces.ts';
import { COUNTERS, type Counter } from '#domain/entities/counters.ts';
import { isMonth, type MonthlyCounts, type MonthRange, type StatisticsReader } from '#domain/statistics-view.ts';
import type { Item } from './dynamodb-items.ts';

export const statisticsKey = (force: ForceId) => `STATS#${force}`;

const monthlyCounts = (item: Item): MonthlyCounts | undefined => {
  const month = item.SK;
  if (typeof month !== 'string' || !isMonth(month)) return undefined;
  const counts: Partial<Record<Counter, number>> = {};
  for (const counter of COUNTERS) {
    const value = item[counter];
    if (typeof value === 'number') counts[counter] = value;
  }
  return { month, counts };
};

export class DynamoStatisticsStore implements StatisticsReader {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async monthlyCounts(force: ForceId, { from, to }: MonthRange): Promise<MonthlyCounts[]> {
    const months: MonthlyCounts[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :stats AND SK BETWEEN :from AND :to',
          ExpressionAttributeValues: { ':stats': statisticsKey(force), ':from': from, ':to': to },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const counted = monthlyCounts(item);
        if (counted !== undefined) months.push(counted);
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return months;
  }
}
