/**
 * The report store on DynamoDB: one table, keys by prefix.
 *
 * | item        | PK              | SK                          |
 * | reservation | REPORT#<ref>    | RESERVATION                 |
 * | report      | REPORT#<ref>    | REPORT                      |
 * | event       | REPORT#<ref>    | EVENT#<time>#<type>         |
 *
 * Reports carry GSI1 (DESTINATION#<force>, <receivedAt>#<ref>) so a force's reports can be listed
 * newest first. Every write that must happen once is conditional on the reference, so repeated
 * deliveries change nothing.
 */
import {
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { ReportStore } from '#domain/ports.ts';
import type { Reference } from '#domain/reference.ts';
import { statusOnceNotified, type RoutedReport } from '#domain/routed-report.ts';

const reportKey = (reference: string) => ({ PK: `REPORT#${reference}`, SK: 'REPORT' });

/** An audit event: append-only, one per thing that happened to a report. */
const auditEvent = (reference: string, at: string, type: string, detail: Record<string, unknown>) => ({
  PK: `REPORT#${reference}`,
  SK: `EVENT#${at}#${type}`,
  kind: 'event',
  reference,
  at,
  type,
  ...detail,
});

const reportItem = (report: RoutedReport) => ({
  ...reportKey(report.reference),
  kind: 'report',
  ...report,
  GSI1PK: `DESTINATION#${report.routing.destination}`,
  GSI1SK: `${report.receivedAt}#${report.reference}`,
});

const fromReportItem = (item: Record<string, unknown>): RoutedReport => {
  const { PK: _pk, SK: _sk, kind: _kind, GSI1PK: _gpk, GSI1SK: _gsk, ...report } = item;
  return report as unknown as RoutedReport;
};

/** True when a write was refused only because its condition found the work already done. */
const alreadyDone = (error: unknown): boolean => {
  if (!(error instanceof Error)) return false;
  if (error.name === 'ConditionalCheckFailedException') return true;
  if (error.name !== 'TransactionCanceledException') return false;
  const codes = ((error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? []).map((r) => r.Code);
  return codes.includes('ConditionalCheckFailed') && codes.every((code) => code === 'ConditionalCheckFailed' || code === 'None');
};

export class DynamoReportStore implements ReportStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async reserveReference(reference: Reference, at: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: `REPORT#${reference}`, SK: 'RESERVATION', kind: 'reservation', reservedAt: at.toISOString() },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (alreadyDone(error)) return false;
      throw error;
    }
  }

  async recordRouted(report: RoutedReport): Promise<RoutedReport> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: this.tableName, Item: reportItem(report), ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName: this.tableName, Item: auditEvent(report.reference, report.receivedAt, 'received', { channel: report.channel }) } },
            {
              Put: {
                TableName: this.tableName,
                Item: auditEvent(report.reference, report.routedAt, 'routed', {
                  destination: report.routing.destination,
                  rule: report.routing.rule,
                  reason: report.routing.reason,
                }),
              },
            },
          ],
        }),
      );
      return report;
    } catch (error) {
      if (!alreadyDone(error)) throw error;
      const recorded = await this.find(report.reference);
      if (recorded === undefined) throw error;
      return recorded;
    }
  }

  async recordNotified(report: RoutedReport, at: Date): Promise<void> {
    const notifiedAt = at.toISOString();
    const status = statusOnceNotified(report);
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: reportKey(report.reference),
                UpdateExpression: 'SET #status = :status, notifiedAt = :at',
                ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(notifiedAt)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':status': status, ':at': notifiedAt },
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: auditEvent(report.reference, notifiedAt, status === 'in_triage' ? 'queued_for_triage' : 'disseminated', {
                  destination: report.routing.destination,
                }),
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (!alreadyDone(error)) throw error;
    }
  }

  async find(reference: Reference): Promise<RoutedReport | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: reportKey(reference), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : fromReportItem(Item);
  }
}
