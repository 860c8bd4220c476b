/**
 * The originals vault with a data key of its own for every text, kept apart so that it can be
 * destroyed: crypto-shredding. What the report table holds of a sealed text is its ciphertext and
 * the id of its data key; the data key itself, wrapped by KMS under the originals key, is kept in
 * the data keys table, which has no point-in-time recovery and is never backed up
 * (lib/constructs/data-key-store.ts). When a text's day comes (functions/domain/retention.ts) its
 * key is deleted there, and every copy of the ciphertext, in a backup of the report table or
 * anywhere else, opens nothing: KMS never held the data key, only wrapped it.
 *
 * | item     | PK (keys table) | SK          | what                                                      |
 * | data key | REPORT-KEYS#<ref> | KEY#<id>  | `encryptedDataKey` (wrapped by KMS, the reference in its   |
 * |          |                 |             | encryption context), `sealed` (report or answer), and for |
 * |          |                 |             | a report with contact details `contactDetailsKey`: their  |
 * |          |                 |             | own key, sealed under the data key                        |
 *
 * A report costs KMS what it did: one GenerateDataKey, whose data key seals the original and wraps
 * the contact details' key (made here, at random). The contact details can then end first: their
 * wrapped key is removed from the item, and the data key stays for the original. A key's id is
 * random, not the reference: a repeated delivery that seals again makes a key of its own, and the
 * original kept first still opens with the key it was sealed under.
 *
 * Originals sealed before (the first form, their data key beside them) are opened as they were
 * (originals-vault.ts).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DecryptCommand, GenerateDataKeyCommand, type KMSClient } from '@aws-sdk/client-kms';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { KeyShredder, OriginalsVault } from '#domain/ports.ts';
import { KeyDestroyed } from '#domain/ports.ts';
import type { SealedOriginal, SealedReport, SealedUnderKeptKey } from '#domain/entities/sealed-original.ts';
import type { Reference } from '#domain/reference.ts';
import { KmsOriginalsVault } from './originals-vault.ts';
import { conditionFailed, type Item } from './dynamodb-items.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const PURPOSE = 'report-original';

interface Sealed {
  readonly iv: string;
  readonly ciphertext: string;
  readonly authTag: string;
}

const gcmSeal = (key: Buffer, plaintext: Buffer | string, additionalData: string): Sealed => {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(additionalData, 'utf8'));
  const ciphertext = Buffer.concat([typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext), cipher.final()]);
  return { iv: iv.toString('base64'), ciphertext: ciphertext.toString('base64'), authTag: cipher.getAuthTag().toString('base64') };
};

const gcmOpen = (key: Buffer, sealed: Sealed, additionalData: string): Buffer => {
  const iv = Buffer.from(sealed.iv, 'base64');
  const authTag = Buffer.from(sealed.authTag, 'base64');
  if (iv.length !== IV_BYTES || authTag.length !== TAG_BYTES) throw new Error('The sealed text is malformed');
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(additionalData, 'utf8'));
  decipher.setAuthTag(authTag);
  return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
};

/** What each text is bound to besides its key: its reference, and for contact details what they are. */
const textBinding = (reference: Reference, part: SealedUnderKeptKey['part']): string => (part === 'contact-details' ? `${reference}#contact-details` : reference);
const contactKeyBinding = (reference: Reference, id: string): string => `${reference}#${id}#contact-details-key`;

/** A report's partition in the data keys table: named apart from the report table's, so that no grant on one reads as a grant on the other. */
export const dataKeysPartition = (reference: Reference): string => `REPORT-KEYS#${reference}`;
const dataKeyKey = (reference: Reference, id: string) => ({ PK: dataKeysPartition(reference), SK: `KEY#${id}` });

export class ShreddableOriginalsVault implements OriginalsVault {
  private readonly kms: KMSClient;
  private readonly keyId: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly keysTableName: string;
  private readonly firstForm: KmsOriginalsVault;

  /**
   * @param keyId the originals key (key id, ARN or alias)
   * @param keysTableName the data keys table
   */
  constructor(kms: KMSClient, keyId: string, client: DynamoDBDocumentClient, keysTableName: string) {
    this.kms = kms;
    this.keyId = keyId;
    this.client = client;
    this.keysTableName = keysTableName;
    this.firstForm = new KmsOriginalsVault(kms, keyId);
  }

  /** A fresh data key for one report's texts, made and wrapped by KMS, bound to the reference. */
  private async newDataKey(reference: Reference): Promise<{ plaintext: Buffer; wrapped: string; keyId: string }> {
    const { Plaintext, CiphertextBlob, KeyId } = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { reference, purpose: PURPOSE } }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined || KeyId === undefined) {
      Plaintext?.fill(0);
      throw new Error('KMS returned no data key');
    }
    const made = { plaintext: Buffer.from(Plaintext), wrapped: Buffer.from(CiphertextBlob).toString('base64'), keyId: KeyId };
    Plaintext.fill(0);
    return made;
  }

  /** Keeps a data key, once under its fresh id. */
  private async keep(reference: Reference, id: string, item: Item): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.keysTableName,
        Item: { ...dataKeyKey(reference, id), kind: 'data-key', ...item },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  async sealReport(reference: Reference, original: string, contactDetails?: string): Promise<SealedReport> {
    const id = randomBytes(12).toString('base64url');
    const dataKey = await this.newDataKey(reference);
    const contactKey = contactDetails === undefined ? undefined : randomBytes(32);
    try {
      const sealedOriginal: SealedOriginal = { version: 2, algorithm: 'AES-256-GCM', dataKey: id, part: 'original', ...gcmSeal(dataKey.plaintext, original, textBinding(reference, 'original')) };
      const sealedContact: SealedOriginal | undefined =
        contactKey === undefined || contactDetails === undefined
          ? undefined
          : { version: 2, algorithm: 'AES-256-GCM', dataKey: id, part: 'contact-details', ...gcmSeal(contactKey, contactDetails, textBinding(reference, 'contact-details')) };
      await this.keep(reference, id, {
        sealed: 'report',
        keyId: dataKey.keyId,
        encryptedDataKey: dataKey.wrapped,
        ...(contactKey === undefined ? {} : { contactDetailsKey: gcmSeal(dataKey.plaintext, contactKey, contactKeyBinding(reference, id)) }),
      });
      return { original: sealedOriginal, ...(sealedContact === undefined ? {} : { contactDetails: sealedContact }) };
    } finally {
      dataKey.plaintext.fill(0);
      contactKey?.fill(0);
    }
  }

  /** Seals a reporter's answer or added information under a data key of its own. */
  async seal(reference: Reference, plaintext: string): Promise<SealedOriginal> {
    const id = randomBytes(12).toString('base64url');
    const dataKey = await this.newDataKey(reference);
    try {
      const sealed: SealedOriginal = { version: 2, algorithm: 'AES-256-GCM', dataKey: id, part: 'answer', ...gcmSeal(dataKey.plaintext, plaintext, textBinding(reference, 'answer')) };
      await this.keep(reference, id, { sealed: 'answer', keyId: dataKey.keyId, encryptedDataKey: dataKey.wrapped });
      return sealed;
    } finally {
      dataKey.plaintext.fill(0);
    }
  }

  async open(reference: Reference, sealed: SealedOriginal): Promise<string> {
    if (sealed.version === undefined) return this.firstForm.open(reference, sealed);
    const [text] = await this.openUnderOneKey(reference, [sealed]);
    return text!;
  }

  async openReport(reference: Reference, { original, contactDetails }: SealedReport): Promise<{ original: string; contactDetails?: string }> {
    if (original.version === undefined || contactDetails?.version === undefined || contactDetails.dataKey !== original.dataKey) {
      return {
        original: await this.open(reference, original),
        ...(contactDetails === undefined ? {} : { contactDetails: await this.open(reference, contactDetails) }),
      };
    }
    const [openedOriginal, openedContact] = await this.openUnderOneKey(reference, [original, contactDetails]);
    return { original: openedOriginal!, contactDetails: openedContact! };
  }

  /** Texts sealed under the same kept data key, opened with one read of it and one request to KMS. */
  private async openUnderOneKey(reference: Reference, texts: readonly SealedUnderKeptKey[]): Promise<string[]> {
    const [first] = texts;
    if (first === undefined) return [];
    for (const sealed of texts) {
      if (sealed.algorithm !== 'AES-256-GCM') throw new Error(`Cannot open a text sealed with ${String(sealed.algorithm)}`);
      if (sealed.dataKey !== first.dataKey) throw new Error('The texts were sealed under different data keys');
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.keysTableName, Key: dataKeyKey(reference, first.dataKey), ConsistentRead: true }));
    if (Item === undefined) throw new KeyDestroyed(reference);
    const wrappedContactKey = Item.contactDetailsKey as Sealed | undefined;
    if (texts.some((sealed) => sealed.part === 'contact-details') && wrappedContactKey === undefined) throw new KeyDestroyed(reference);
    // KeyId is this vault's key: KMS refuses a data key wrapped under any other.
    const answer = await this.kms.send(
      new DecryptCommand({ KeyId: this.keyId, CiphertextBlob: Buffer.from(String(Item.encryptedDataKey), 'base64'), EncryptionContext: { reference, purpose: PURPOSE } }),
    );
    if (answer.Plaintext === undefined) throw new Error('KMS returned no data key');
    const dataKey = Buffer.from(answer.Plaintext);
    answer.Plaintext.fill(0);
    try {
      return texts.map((sealed) => {
        if (sealed.part !== 'contact-details') return gcmOpen(dataKey, sealed, textBinding(reference, sealed.part)).toString('utf8');
        const contactKey = gcmOpen(dataKey, wrappedContactKey!, contactKeyBinding(reference, sealed.dataKey));
        try {
          return gcmOpen(contactKey, sealed, textBinding(reference, sealed.part)).toString('utf8');
        } finally {
          contactKey.fill(0);
        }
      });
    } finally {
      dataKey.fill(0);
    }
  }
}

/** Destroys data keys in the data keys table: asks KMS nothing (KMS never held them, only wrapped them). */
export class DataKeyShredder implements KeyShredder {
  private readonly client: DynamoDBDocumentClient;
  private readonly keysTableName: string;

  constructor(client: DynamoDBDocumentClient, keysTableName: string) {
    this.client = client;
    this.keysTableName = keysTableName;
  }

  /** Every data key kept for a report (a page at a time; a report has a handful). */
  private async keysOf(reference: Reference): Promise<Item[]> {
    const items: Item[] = [];
    let ExclusiveStartKey: Item | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.keysTableName,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': dataKeysPartition(reference) },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey !== undefined);
    return items;
  }

  async destroyKeepingInContactKeys(reference: Reference): Promise<void> {
    for (const item of await this.keysOf(reference)) {
      const key = { PK: item.PK, SK: item.SK };
      if (item.sealed === 'answer') await this.client.send(new DeleteCommand({ TableName: this.keysTableName, Key: key }));
      else if (item.contactDetailsKey !== undefined) {
        try {
          // Only from a key that is there: an update would otherwise make the item anew.
          await this.client.send(
            new UpdateCommand({ TableName: this.keysTableName, Key: key, UpdateExpression: 'REMOVE contactDetailsKey', ConditionExpression: 'attribute_exists(PK)' }),
          );
        } catch (error) {
          if (!conditionFailed(error)) throw error;
        }
      }
    }
  }

  async destroyAllKeys(reference: Reference): Promise<void> {
    for (const item of await this.keysOf(reference)) {
      await this.client.send(new DeleteCommand({ TableName: this.keysTableName, Key: { PK: item.PK, SK: item.SK } }));
    }
  }
}
