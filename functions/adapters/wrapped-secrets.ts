/**
 * A 256-bit secret made once and kept in the report table only as KMS wrapped it: the follow-up
 * code key (follow-up-code-keys.ts) and the person-link key (person-link-store.ts) are each one.
 * Each function opens a secret once per execution environment (one GetItem and one KMS Decrypt
 * when it first needs it) and keeps it in memory.
 *
 * | item   | PK          | SK        |
 * | secret | <partition> | <version> |
 *
 * The first function to need a secret that does not exist yet makes it: KMS makes a data key, and
 * the wrapped key is written only if no other function wrote one first; if one did, that one is
 * opened and used. So every function uses the same secret, made once, and nothing at deploy time.
 * KMS binds each wrapped secret to its purpose and version (the encryption context): a wrapped
 * secret copied under another partition does not open.
 */
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { conditionFailed } from './dynamodb-items.ts';

export interface WrappedSecret {
  readonly version: string;
  readonly secret: Buffer;
}

export interface WrappedSecretKind {
  /** The partition its items are kept under. */
  readonly partition: string;
  /** What it is for, in KMS's encryption context and in its items' `kind`. */
  readonly purpose: string;
}

export class KmsWrappedSecrets {
  private readonly kms: KMSClient;
  private readonly client: DynamoDBDocumentClient;
  private readonly tableName: string;
  private readonly kmsKeyId: string;
  private readonly kind: WrappedSecretKind;
  /** Secrets opened, by version; a version not found is looked up again next time (it may be made meanwhile). */
  private readonly opened = new Map<string, Promise<WrappedSecret | undefined>>();

  constructor(kms: KMSClient, client: DynamoDBDocumentClient, tableName: string, kmsKeyId: string, kind: WrappedSecretKind) {
    this.kms = kms;
    this.client = client;
    this.tableName = tableName;
    this.kmsKeyId = kmsKeyId;
    this.kind = kind;
  }

  /** The secret of that version, made now if there is none yet. */
  async current(version: string): Promise<WrappedSecret> {
    return (await this.find(version)) ?? (await this.make(version));
  }

  find(version: string): Promise<WrappedSecret | undefined> {
    let opening = this.opened.get(version);
    if (opening === undefined) {
      opening = this.open(version);
      this.opened.set(version, opening);
      // Not kept when there is none, or when opening failed: the next call tries again.
      opening.then((secret) => secret === undefined && this.opened.delete(version), () => this.opened.delete(version));
    }
    return opening;
  }

  private encryptionContext(version: string) {
    return { purpose: this.kind.purpose, version };
  }

  private async open(version: string): Promise<WrappedSecret | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { PK: this.kind.partition, SK: version }, ConsistentRead: true }));
    if (Item === undefined) return undefined;
    const { Plaintext } = await this.kms.send(
      new DecryptCommand({ KeyId: this.kmsKeyId, CiphertextBlob: Buffer.from(String(Item.wrappedKey), 'base64'), EncryptionContext: this.encryptionContext(version) }),
    );
    if (Plaintext === undefined) throw new Error(`KMS returned no ${this.kind.purpose}`);
    return { version, secret: Buffer.from(Plaintext) };
  }

  private async make(version: string): Promise<WrappedSecret> {
    const { Plaintext, CiphertextBlob } = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.kmsKeyId, KeySpec: 'AES_256', EncryptionContext: this.encryptionContext(version) }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined) throw new Error('KMS returned no data key');
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { PK: this.kind.partition, SK: version, kind: this.kind.purpose, wrappedKey: Buffer.from(CiphertextBlob).toString('base64') },
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
    const secret = { version, secret: Buffer.from(Plaintext) };
    this.opened.set(version, Promise.resolve(secret));
    return secret;
  }
}
