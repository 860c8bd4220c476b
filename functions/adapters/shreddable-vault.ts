/**
 * The originals vault with a data key of its own for every text, kept apart so that it can be
 * destroyed: crypto-shredding. What the report table holds of a sealed text is its ciphertext and
 * the id of its data key; the data key itself, wrapped, is kept in the data keys table, which has
 * no point-in-time recovery and is never backed up (lib/constructs/data-key-store.ts). When a
 * text's day comes (functions/domain/retention.ts) its key is deleted there, and every copy of the
 * ciphertext, in a backup of the report table or anywhere else, opens nothing.
 *
 * | item     | PK (keys table)   | SK        | what                                                     |
 * | data key | REPORT-KEYS#<ref> | KEY#<id>  | `wrappedDataKey` (the data key, sealed under a key-      |
 * |          |                   |           | encryption key, bound to the reference and the id),      |
 * |          |                   |           | `kek` and `encryptedKek` (that key's id, and the key as  |
 * |          |                   |           | KMS wrapped it, the id in its encryption context),       |
 * |          |                   |           | `sealed` (report or answer), and for a report with       |
 * |          |                   |           | contact details `contactDetailsKey`: their own key,      |
 * |          |                   |           | sealed under the data key                                |
 *
 * The data key of each report (or answer) is made here at random, and seals the original and wraps
 * the contact details' key (also made here). It is wrapped by a key-encryption key that KMS made
 * and this function keeps for up to five minutes or a thousand reports (key-encryption-keys.ts):
 * KMS is asked once per key-encryption key, not once per report. Opening asks KMS for one Decrypt,
 * of the key-encryption key's blob, as before. The wrapped data key is kept nowhere but in its
 * item: destroying the item shreds the texts, however many other items hold the same
 * key-encryption key's blob, and whoever may ask KMS to open it. The contact details can end
 * first: their wrapped key is removed from the item, and the data key stays for the original. A
 * key's id is random, not the reference: a repeated delivery that seals again makes a key of its
 * own, and the original kept first still opens with the key it was sealed under.
 *
 * Three sealed forms open: the first (no `version`, the data key beside the text, opened through
 * originals-vault.ts), `version: 2` (a data key item whose data key KMS made and wrapped itself,
 * the reference in its encryption context, one GenerateDataKey per report, as sealed until
 * 2026-12-03), and `version: 3` (the data key wrapped by a key-encryption key, as sealed now).
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
import { KEY_ENCRYPTION_KEY_LIMITS, KeyEncryptionKeys, type KeyEncryptionKeyLimits, type MadeKeyEncryptionKey } from './key-encryption-keys.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The encryption context's purpose of the data keys KMS made for each report (`version: 2`). */
const PURPOSE = 'report-original';
/** The encryption context's purpose of the key-encryption keys (`version: 3`): with the key's id, and no reference. */
export const KEY_ENCRYPTION_PURPOSE = 'report-key-encryption';
const DATA_KEY_BYTES = 32;

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
/** What a data key wrapped by a key-encryption key is bound to: its report and its own id, so that it opens nothing in another report's item. */
export const wrappedDataKeyBinding = (reference: Reference, id: string): string => `${reference}#${id}#data-key`;

/** A report's partition in the data keys table: named apart from the report table's, so that no grant on one reads as a grant on the other. */
export const dataKeysPartition = (reference: Reference): string => `REPORT-KEYS#${reference}`;
const dataKeyKey = (reference: Reference, id: string) => ({ PK: dataKeysPartition(reference), SK: `KEY#${id}` });

export class ShreddableOriginalsVault implements OriginalsVault {
  private readonly kms: KMSClient;
  private readonly keyId: string;
  private readonly client: DynamoDBDocumentClient;
  private readonly keysTableName: string;
  private readonly firstForm: KmsOriginalsVault;
  private readonly keyEncryptionKeys: KeyEncryptionKeys;

  /**
   * @param keyId the originals key (key id, ARN or alias)
   * @param keysTableName the data keys table
   * @param limits how long and for how many reports a key-encryption key seals
   * @param now the clock those limits are kept by, injected by tests
   */
  constructor(
    kms: KMSClient,
    keyId: string,
    client: DynamoDBDocumentClient,
    keysTableName: string,
    limits: KeyEncryptionKeyLimits = KEY_ENCRYPTION_KEY_LIMITS,
    now: () => number = Date.now,
  ) {
    this.kms = kms;
    this.keyId = keyId;
    this.client = client;
    this.keysTableName = keysTableName;
    this.firstForm = new KmsOriginalsVault(kms, keyId);
    this.keyEncryptionKeys = new KeyEncryptionKeys((id) => this.newKeyEncryptionKey(id), limits, now);
  }

  /** A key-encryption key, made and wrapped by KMS under the originals key, its id (not a reference) in the encryption context. */
  private async newKeyEncryptionKey(id: string): Promise<MadeKeyEncryptionKey> {
    const { Plaintext, CiphertextBlob, KeyId } = await this.kms.send(
      new GenerateDataKeyCommand({ KeyId: this.keyId, KeySpec: 'AES_256', EncryptionContext: { purpose: KEY_ENCRYPTION_PURPOSE, kek: id } }),
    );
    if (Plaintext === undefined || CiphertextBlob === undefined || KeyId === undefined) {
      Plaintext?.fill(0);
      throw new Error('KMS returned no key-encryption key');
    }
    const made = { plaintext: Buffer.from(Plaintext), wrapped: Buffer.from(CiphertextBlob).toString('base64'), keyId: KeyId };
    Plaintext.fill(0);
    return made;
  }

  /** A fresh data key for one report's (or answer's) texts, made here, and its item's fields: it wrapped by the key-encryption key. */
  private async newDataKey(reference: Reference, id: string): Promise<{ plaintext: Buffer; item: Item }> {
    const plaintext = randomBytes(DATA_KEY_BYTES);
    try {
      const item = await this.keyEncryptionKeys.withKey((kek) => ({
        keyId: kek.keyId,
        kek: kek.id,
        encryptedKek: kek.wrapped,
        wrappedDataKey: gcmSeal(kek.plaintext, plaintext, wrappedDataKeyBinding(reference, id)),
      }));
      return { plaintext, item };
    } catch (error) {
      plaintext.fill(0);
      throw error;
    }
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
    const dataKey = await this.newDataKey(reference, id);
    const contactKey = contactDetails === undefined ? undefined : randomBytes(DATA_KEY_BYTES);
    try {
      const sealedOriginal: SealedOriginal = { version: 3, algorithm: 'AES-256-GCM', dataKey: id, part: 'original', ...gcmSeal(dataKey.plaintext, original, textBinding(reference, 'original')) };
      const sealedContact: SealedOriginal | undefined =
        contactKey === undefined || contactDetails === undefined
          ? undefined
          : { version: 3, algorithm: 'AES-256-GCM', dataKey: id, part: 'contact-details', ...gcmSeal(contactKey, contactDetails, textBinding(reference, 'contact-details')) };
      await this.keep(reference, id, {
        sealed: 'report',
        ...dataKey.item,
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
    const dataKey = await this.newDataKey(reference, id);
    try {
      const sealed: SealedOriginal = { version: 3, algorithm: 'AES-256-GCM', dataKey: id, part: 'answer', ...gcmSeal(dataKey.plaintext, plaintext, textBinding(reference, 'answer')) };
      await this.keep(reference, id, { sealed: 'answer', ...dataKey.item });
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

  /**
   * A kept data key, unwrapped with one request to KMS: for `version: 2`, the data key KMS made,
   * the reference in its encryption context; for `version: 3`, the key-encryption key, whose
   * encryption context is its id, and then the data key it wrapped, bound to the reference and
   * the data key's own id.
   */
  private async unwrapKept(reference: Reference, id: string, version: SealedUnderKeptKey['version'], item: Item): Promise<Buffer> {
    const kept = version === 3 ? 3 : 2;
    if ((item.encryptedKek === undefined ? 2 : 3) !== kept) throw new Error(`The data key kept for a text sealed in form ${kept} is not of that form`);
    const wrapped = item.wrappedDataKey as Sealed | undefined;
    if (kept === 3 && wrapped === undefined) throw new Error('The data key item holds no wrapped data key');
    // KeyId is this vault's key: KMS refuses a key wrapped under any other.
    const answer = await this.kms.send(
      new DecryptCommand(
        kept === 3
          ? { KeyId: this.keyId, CiphertextBlob: Buffer.from(String(item.encryptedKek), 'base64'), EncryptionContext: { purpose: KEY_ENCRYPTION_PURPOSE, kek: String(item.kek) } }
          : { KeyId: this.keyId, CiphertextBlob: Buffer.from(String(item.encryptedDataKey), 'base64'), EncryptionContext: { reference, purpose: PURPOSE } },
      ),
    );
    if (answer.Plaintext === undefined) throw new Error('KMS returned no key');
    const unwrapped = Buffer.from(answer.Plaintext);
    answer.Plaintext.fill(0);
    if (kept === 2) return unwrapped;
    try {
      return gcmOpen(unwrapped, wrapped!, wrappedDataKeyBinding(reference, id));
    } finally {
      unwrapped.fill(0);
    }
  }

  /** Texts sealed under the same kept data key, opened with one read of it and one request to KMS. */
  private async openUnderOneKey(reference: Reference, texts: readonly SealedUnderKeptKey[]): Promise<string[]> {
    const [first] = texts;
    if (first === undefined) return [];
    for (const sealed of texts) {
      if (sealed.algorithm !== 'AES-256-GCM') throw new Error(`Cannot open a text sealed with ${String(sealed.algorithm)}`);
      if (sealed.dataKey !== first.dataKey) throw new Error('The texts were sealed under different data keys');
      if (sealed.version !== first.version) throw new Error('The texts were sealed in different forms');
    }
    const { Item } = await this.client.send(new GetCommand({ TableName: this.keysTableName, Key: dataKeyKey(reference, first.dataKey), ConsistentRead: true }));
    if (Item === undefined) throw new KeyDestroyed(reference);
    const wrappedContactKey = Item.contactDetailsKey as Sealed | undefined;
    if (texts.some((sealed) => sealed.part === 'contact-details') && wrappedContactKey === undefined) throw new KeyDestroyed(reference);
    const dataKey = await this.unwrapKept(reference, first.dataKey, first.version, Item);
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
