/**
 * Questions and answers in the report table, beside the report they are about:
 *
 * | item     | PK           | SK               | GSI1PK (while waiting; index Queues) | GSI1SK |
 * | question | REPORT#<ref> | QUESTION#<id>    | FOLLOW-UP#awaiting_relay   | <askedAt>#<id>  |
 * | answer   | REPORT#<ref> | ANSWER#<id>      | FOLLOW-UP#awaiting_review, | <receivedAt>#<id> |
 * |          |              |                  | or DUE#answer (approved)   | <approvedAt>#<id> |
 *
 * An approved answer (or added information) is in DUE#answer until the change that records it
 * sent: the sweeper's partition, longest approved first. One waiting for its report to reach a
 * force stays there, and goes with the report.
 * Each change is conditional on the version read and appends its audit event to the report's trail
 * in the same transaction.
 */
import { GetCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';
import type { Answer, Question } from '#domain/entities/follow-up.ts';
import { ConcurrentChange, type DueAnswer, type DuePage, type FollowUpStore } from '#domain/ports.ts';
import type { Reference } from '#domain/reference.ts';
import { conditionFailed, eventPut, queryPage, withoutKeys, type Item } from './dynamodb-items.ts';
import { QUEUE_INDEX } from './report-store.ts';

const AWAITING_RELAY = 'FOLLOW-UP#awaiting_relay';
const AWAITING_REVIEW = 'FOLLOW-UP#awaiting_review';
/** Approved answers and information not yet sent. */
export const DUE_ANSWERS = 'DUE#answer';

const answerIndexKeys = (answer: Answer): Item => {
  if (answer.status === 'awaiting_review') return { GSI1PK: AWAITING_REVIEW, GSI1SK: `${answer.receivedAt}#${answer.id}` };
  if (answer.status === 'approved') return { GSI1PK: DUE_ANSWERS, GSI1SK: `${answer.approved?.at ?? answer.receivedAt}#${answer.id}` };
  return {};
};

const questionItem = (question: Question): Item => ({
  PK: `REPORT#${question.reference}`,
  SK: `QUESTION#${question.id}`,
  kind: 'question',
  ...question,
  ...(question.status === 'awaiting_relay' ? { GSI1PK: AWAITING_RELAY, GSI1SK: `${question.askedAt}#${question.id}` } : {}),
});

const answerItem = (answer: Answer): Item => ({
  PK: `REPORT#${answer.reference}`,
  SK: `ANSWER#${answer.id}`,
  kind: 'answer',
  ...answer,
  ...answerIndexKeys(answer),
});

export class DynamoFollowUpStore implements FollowUpStore {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  private put(item: Item, condition: { expression: string; version?: number }) {
    return {
      Put: {
        TableName: this.tableName,
        Item: item,
        ConditionExpression: condition.expression,
        ...(condition.version === undefined ? {} : { ExpressionAttributeValues: { ':read': condition.version } }),
      },
    };
  }

  private async transact(reference: string, items: object[]): Promise<void> {
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items as never }));
    } catch (error) {
      if (conditionFailed(error)) throw new ConcurrentChange(reference);
      throw error;
    }
  }

  private event(reference: string, event: AuditEvent) {
    return eventPut(this.tableName, reference, event);
  }

  async recordQuestion(question: Question, event: AuditEvent): Promise<void> {
    await this.transact(question.reference, [
      this.put(questionItem(question), { expression: 'attribute_not_exists(PK)' }),
      this.event(question.reference, event),
    ]);
  }

  async recordQuestionChange(before: Question, after: Question, event: AuditEvent): Promise<void> {
    await this.transact(before.reference, [
      this.put(questionItem(after), { expression: 'version = :read', version: before.version }),
      this.event(before.reference, event),
    ]);
  }

  async recordAnswer(before: Question, after: Question, answer: Answer, event: AuditEvent): Promise<void> {
    await this.transact(before.reference, [
      this.put(questionItem(after), { expression: 'version = :read', version: before.version }),
      this.put(answerItem(answer), { expression: 'attribute_not_exists(PK)' }),
      this.event(before.reference, event),
    ]);
  }

  async recordInformation(information: Answer, event: AuditEvent): Promise<void> {
    await this.transact(information.reference, [
      this.put(answerItem(information), { expression: 'attribute_not_exists(PK)' }),
      this.event(information.reference, event),
    ]);
  }

  async recordAnswerChange(before: Answer, after: Answer, event: AuditEvent): Promise<void> {
    await this.transact(before.reference, [
      this.put(answerItem(after), { expression: 'version = :read', version: before.version }),
      this.event(before.reference, event),
    ]);
  }

  async findQuestion(reference: Reference, id: string): Promise<Question | undefined> {
    return this.get<Question>(reference, `QUESTION#${id}`);
  }

  async findAnswer(reference: Reference, id: string): Promise<Answer | undefined> {
    return this.get<Answer>(reference, `ANSWER#${id}`);
  }

  async questionsAwaitingRelay(limit: number): Promise<Question[]> {
    return this.waiting<Question>(AWAITING_RELAY, limit, questionItem);
  }

  async answersAwaitingReview(limit: number): Promise<Answer[]> {
    return this.waiting<Answer>(AWAITING_REVIEW, limit, answerItem);
  }

  async questionsAbout(reference: Reference): Promise<Question[]> {
    return (await this.about<Question>(reference, 'QUESTION#')).sort((a, b) => a.askedAt.localeCompare(b.askedAt));
  }

  async answersAbout(reference: Reference): Promise<Answer[]> {
    return (await this.about<Answer>(reference, 'ANSWER#')).sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  async answersDue({ dueBefore, ...page }: DuePage): Promise<{ answers: DueAnswer[]; next?: string }> {
    const { items, next } = await queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: QUEUE_INDEX,
        KeyConditionExpression: 'GSI1PK = :due AND GSI1SK < :before',
        ExpressionAttributeValues: { ':due': DUE_ANSWERS, ':before': dueBefore.toISOString() },
        ScanIndexForward: true,
      },
      page,
    );
    // Keys only: the reference from the answer's partition, its id from its sort key, since when from the index's.
    const answers = items.map((key) => ({
      reference: String(key.PK).slice('REPORT#'.length) as Reference,
      id: String(key.SK).slice('ANSWER#'.length),
      dueSince: String(key.GSI1SK).split('#')[0]!,
    }));
    return { answers, ...(next === undefined ? {} : { next }) };
  }

  private async about<T>(reference: Reference, prefix: string): Promise<T[]> {
    const items: T[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          ExpressionAttributeValues: { ':pk': `REPORT#${reference}`, ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []).map((item) => withoutKeys<T>(item)));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return items;
  }

  private async get<T>(reference: Reference, sortKey: string): Promise<T | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { PK: `REPORT#${reference}`, SK: sortKey }, ConsistentRead: true }),
    );
    return Item === undefined ? undefined : withoutKeys<T>(Item);
  }

  /**
   * The questions or answers waiting in a queue, oldest first: the index holds keys only, so each is
   * read afresh, and kept only if it still waits there.
   */
  private async waiting<T extends Question | Answer>(partition: string, limit: number, stillThere: (item: T) => Item): Promise<T[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: QUEUE_INDEX,
        KeyConditionExpression: 'GSI1PK = :waiting',
        ExpressionAttributeValues: { ':waiting': partition },
        ScanIndexForward: true,
        Limit: limit,
      }),
    );
    const read = await Promise.all(Items.map((key) => this.get<T>(String(key.PK).slice('REPORT#'.length) as Reference, String(key.SK))));
    return read.filter((item): item is Awaited<T> => item !== undefined && stillThere(item).GSI1PK === partition) as T[];
  }
}
