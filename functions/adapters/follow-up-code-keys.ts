/**
 * The follow-up code key: a 256-bit secret that every new follow-up code is hashed under
 * (functions/domain/follow-up-code.ts), kept in the report table only as KMS wrapped it under the
 * follow-up code key in KMS, which only the functions that issue or check codes may use
 * (lib/key-access.ts). Each function opens it once per execution environment (one GetItem and one
 * KMS Decrypt at its first code) and keeps it in memory.
 *
 * | item     | PK                 | SK        |
 * | code key | FOLLOW-UP-CODE-KEY | <version> |
 *
 * The first function to need a key that does not exist yet makes it: KMS makes a data key, and
 * the wrapped key is written only if no other function wrote one first; if one did, that one is
 * opened and used. So every function uses the same key, made once, and nothing at deploy time.
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { CODE_KEY_VERSION, type CodeKey, type CodeKeys } from '#domain/follow-up-code.ts';
import { conditionFailed } from './dynamodb-items.ts';

export const CODE_KEY_PARTITION = 'FOLLOW-UP-CODE-KEY';

const encryptionContext = (version: string) => ({ purpose: 'follow-up-code-key', version });

export class KmsFollowUpCodeKeys implements CodeKeys {
  private readonly kms: KMSClient;
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly kmsKeyId: string;
  /** Keys opened, by version; a version not found is looked up again next time (it may be made meanwhile). */
  private readonly opened = new Map<string, Promise<CodeKey | undefined>>();

  constructor(kms: KMSClient, client: DynamoDBDocumentClient, tableName: string, kmsKeyId: string) {
    this.kms = kms;
    this.client = client;
    this.tableName = tableName;
    this.kmsKeyId = kmsKeyId;
  }

  async current(): Promise<CodeKey> {
    return (await this.find(CODE_KEY_VERSION)) ?? (await this.make(CODE_KEY_VERSION));
  }

  find(version: string): Promise<CodeKey | undefined> {
    let opening = this.opened.get(version);
    if (opening === undefined) {
      opening = this.open(version);
      this.opened.set(version, opening);
      // Not kept when there is none, or when opening failed: the next call tries again.
      opening.then((key) => key === undefined && this.opened.delete(version), () => this.opened.delete(version));
    }
    return opening;
  }

  private async open(version: string): Promise<CodeKey | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: CODE_KEY_PARTITION, SK: version }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const { Plaintext } = await this.kms.send(
      new DecryptCommand({ KeyId: this.kmsKeyId, CiphertextBlob: Buffer.from(String(Item.wrappedKey), 'base64'), EncryptionContext: encryptionContext(version) }),
    );
    if (Plaintext === undefined) throw new Error('KMS returned no follow-up code key');
    return { version, secret: Buffer.from(Plaintext) };
  }

  private async make(version: string): Promise<CodeKey> {
    const { Plaintext, CiphertextBlob } = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.kmsKeyId, KeySpec: 'AES_256', EncryptionContext: encryptionContext(version) }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined) throw new Error('KMS returned no data key');
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: CODE_KEY_PARTITION, SK: version, kind: 'follow-up-code-key', wrappedKey: Buffer.from(CiphertextBlob).toString('base64') },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
    } catch (error) {
      Buffer.from(Plaintext).fill(0);
      if (!conditionFailed(error)) throw error;
      // Another function made it first: use theirs.
      const theirs = await this.find(version);
      if (theirs === undefined) throw error;
      return theirs;
    }
    const key = { version, secret: Buffer.from(Plaintext) };
    this.opened.set(version, Promise.resolve(key));
    return key;
  }
}
