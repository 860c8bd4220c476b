/**
 * Follow-up codes and the attempts made with them, in the report table:
 *
 * | item        | PK                          | SK             | expires                 |
 * | credential  | REPORT#<ref>                | FOLLOW-UP-CODE | with the report         |
 * |  (first)    | REPORT#<ref>                | RESERVATION, its `followUpCode` | with the report |
 * | attempt log | FOLLOW-UP-ATTEMPTS#<ref>    | ATTEMPTS       | two hours after its last change |
 *
 * A credential holds only scrypt's parameters, salt and hash. An attempt log exists for any
 * reference someone tried, real or not, and holds only times.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { EMPTY_LOG, LOCKOUT_MS, type AttemptLog } from '#domain/follow-up-attempts.ts';
import type { FollowUpCredential } from '#domain/follow-up-code.ts';
import { ConcurrentChange } from '#domain/ports.ts';
import type { Reference } from '#domain/reference.ts';
import type { FollowUpAccess } from '#domain/reporter-follow-up.ts';
import { conditionFailed, withoutKeys } from './dynamodb-items.ts';

const credentialKey = (reference: Reference) => ({ PK: `REPORT#${reference}`, SK: 'FOLLOW-UP-CODE' });
const reservationKey = (reference: Reference) => ({ PK: `REPORT#${reference}`, SK: 'RESERVATION' });
const attemptsKey = (reference: Reference) => ({ PK: `FOLLOW-UP-ATTEMPTS#${reference}`, SK: 'ATTEMPTS' });

export class DynamoFollowUpAccess implements FollowUpAccess {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  async saveCredential(reference: Reference, credential: FollowUpCredential): Promise<void> {
    await this.client.send(
      new PutCommand({ TableName: this.tableName, Item: { ...credentialKey(reference), kind: 'follow-up-code', ...credential } }),
    );
  }

  async findCredential(reference: Reference): Promise<FollowUpCredential | undefined> {
    // A code issued on its own (every code before codes were kept with the reservation, and any
    // issued again for a repeated submission) is the one that works; else the reservation's.
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: credentialKey(reference), ConsistentRead: true }));
    if (Item !== undefined) return withoutKeys<FollowUpCredential>(Item);
    const { Item: reservation } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: reservationKey(reference), ConsistentRead: true }));
    return reservation?.followUpCode as FollowUpCredential | undefined;
  }

  async attemptLog(reference: Reference): Promise<AttemptLog> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: attemptsKey(reference), ConsistentRead: true }));
    if (Item === undefined) return EMPTY_LOG;
    const { expiration: _expiration, ...log } = withoutKeys<AttemptLog & { expiration?: number }>(Item);
    return log;
  }

  async saveAttemptLog(reference: Reference, before: AttemptLog, after: AttemptLog): Promise<void> {
    const lastUse = Math.max(Date.now(), after.lockedUntil === undefined ? 0 : Date.parse(after.lockedUntil));
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...attemptsKey(reference), kind: 'follow-up-attempts', ...after, expiration: Math.ceil((lastUse + 2 * LOCKOUT_MS) / 1000) },
          ConditionExpression: before.version === 0 ? 'attribute_not_exists(PK)' : 'version = :read',
          ...(before.version === 0 ? {} : { ExpressionAttributeValues: { ':read': before.version } }),
        }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw new ConcurrentChange(reference);
      throw error;
    }
  }
}
