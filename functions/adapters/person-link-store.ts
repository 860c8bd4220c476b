/**
 * Person links in the report table (functions/domain/person-links/linking.ts): each routed
 * report's match keys in an item of their own, and the report filed under each of the few keys
 * every link needs one of; and the keyed hash that makes them, HMAC-SHA-256 under the person-link
 * key, a secret made once and kept only wrapped by its KMS key (wrapped-secrets.ts). No name,
 * collar number or station is stored for matching: only keyed hashes, which say nothing to
 * someone who does not hold the key, and their kinds.
 *
 * | item            | PK                     | SK                 |
 * | person-link key | PERSON-LINK-KEY        | <version>          |
 * | report's keys   | PERSON-KEYS#<reference>| KEYS               |
 * | filing          | PERSON-KEY#<hash>      | REPORT#<reference> |
 * | decided link    | PERSON-LINK#<reference>| OTHER#<reference>  |
 *
 * A decided link (decisions.ts) is kept twice, once in each of its reports' partitions, so that
 * each report's links are one Query; both, and each report's audit event, in one transaction.
 */
import { createHmac } from 'node:crypto';
import type { KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AuditEvent } from '#domain/audit.ts';
import type { LinkDecision, PersonLinkDecisions } from '#domain/person-links/decisions.ts';
import type { PersonKeysEntry, PersonLinkStore } from '#domain/person-links/linking.ts';
import type { MatchKeyer } from '#domain/person-links/match-keys.ts';
import type { Reference } from '#domain/reference.ts';
import { eventPut, queryPage, withoutKeys } from './dynamodb-items.ts';
import { KmsWrappedSecrets } from './wrapped-secrets.ts';

export const PERSON_LINK_KEY_PARTITION = 'PERSON-LINK-KEY';
/** The version of the person-link key match keys are made under: a new version would need every report keyed again. */
export const PERSON_LINK_KEY_VERSION = 'v1';

/** Match keys as HMAC-SHA-256 (base64url) under the person-link key, opened once per execution environment. */
export class HmacMatchKeyer implements MatchKeyer {
  private readonly secrets: KmsWrappedSecrets;

  constructor(kms: KMSClient, client: DynamoDBDocumentClient, tableName: string, kmsKeyId: string) {
    this.secrets = new KmsWrappedSecrets(kms, client, tableName, kmsKeyId, { partition: PERSON_LINK_KEY_PARTITION, purpose: 'person-link-key' });
  }

  async keys(forms: readonly string[]): Promise<readonly string[]> {
    const { secret } = await this.secrets.current(PERSON_LINK_KEY_VERSION);
    return forms.map((form) => createHmac('sha256', secret).update(form, 'utf8').digest('base64url'));
  }
}

const keysPartition = (reference: string) => `PERSON-KEYS#${reference}`;
const filingPartition = (key: string) => `PERSON-KEY#${key}`;
const decisionsPartition = (reference: string) => `PERSON-LINK#${reference}`;

export class DynamoPersonLinkStore implements PersonLinkStore, PersonLinkDecisions {
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;

  constructor(client: DynamoDBDocumentClient, tableName: string) {
    this.client = client;
    this.tableName = tableName;
  }

  /** One put for the report's keys and one per filing; each the same item when written again. */
  async recordKeys(entry: PersonKeysEntry, filedUnder: readonly string[]): Promise<void> {
    const put = (Item: Record<string, unknown>) => this.client.send(new PutCommand({ TableName: this.tableName, Item }));
    await Promise.all([
      put({ PK: keysPartition(entry.reference), SK: 'KEYS', kind: 'person-keys', ...entry, keys: entry.keys.map((k) => ({ ...k })) }),
      ...[...new Set(filedUnder)].map((key) => put({ PK: filingPartition(key), SK: `REPORT#${entry.reference}`, kind: 'person-key-filing', reference: entry.reference })),
    ]);
  }

  async filedUnder(keys: readonly string[], atMost: number): Promise<ReadonlySet<Reference>> {
    const found = new Set<Reference>();
    await Promise.all(
      [...new Set(keys)].map(async (key) => {
        // One more than allowed is enough to know a key is too common: it is not read further.
        const under: Reference[] = [];
        let after: string | undefined;
        do {
          const page = await queryPage(
            this.client,
            { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': filingPartition(key) }, ExpressionAttributeNames: { '#reference': 'reference' }, ProjectionExpression: '#reference' },
            { limit: atMost + 1 - under.length, after },
          );
          for (const item of page.items) under.push(item.reference as Reference);
          after = page.next;
        } while (after !== undefined && under.length <= atMost);
        if (under.length <= atMost) for (const reference of under) found.add(reference);
      }),
    );
    return found;
  }

  async keysOf(reference: Reference): Promise<PersonKeysEntry | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: keysPartition(reference), SK: 'KEYS' } }));
    if (Item === undefined) return undefined;
    return {
      reference: Item.reference as Reference,
      receivedAt: String(Item.receivedAt),
      keys: Item.keys as PersonKeysEntry['keys'],
      ...(typeof Item.force === 'string' ? { force: Item.force } : {}),
    };
  }

  async decisionsFor(reference: Reference): Promise<LinkDecision[]> {
    const decisions: LinkDecision[] = [];
    let after: string | undefined;
    do {
      const page = await queryPage(
        this.client,
        { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': decisionsPartition(reference) }, ConsistentRead: true },
        { limit: 500, after },
      );
      decisions.push(...page.items.map((item) => withoutKeys<LinkDecision>(item)));
      after = page.next;
    } while (after !== undefined);
    return decisions;
  }

  /** Both reports' items put whatever was there (the later decision stands); the events only where none is. */
  async recordDecision(both: readonly [LinkDecision, LinkDecision], events: readonly { readonly reference: Reference; readonly event: AuditEvent }[]): Promise<void> {
    await this.client.send(
      new TransactWriteCommand({
        TransactItems: [
          ...both.map((decision) => ({
            Put: { TableName: this.tableName, Item: { PK: decisionsPartition(decision.reference), SK: `OTHER#${decision.other}`, kind: 'person-link', ...decision } },
          })),
          ...events.map(({ reference, event }) => eventPut(this.tableName, reference, event)),
        ],
      }),
    );
  }
}
